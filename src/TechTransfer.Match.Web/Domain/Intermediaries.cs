namespace TechTransfer.Match.Web.Domain;

/// <summary>Services a technology transfer service organisation offers.</summary>
[Flags]
public enum IntermediaryServices
{
    None = 0,
    IntellectualProperty = 1,
    LegalAdvice = 2,
    AssetValuation = 4,
    TechnologyEvaluation = 8,
    ContractRegistration = 16,
}

/// <summary>What an intermediary organisation (技术转移服务机构) offers.</summary>
public sealed class IntermediaryProfile : MutableEntity
{
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public IntermediaryServices Services { get; set; }
    public string Description { get; set; } = "";
}

public enum CertificationLevel
{
    Junior,
    Intermediate,
    Senior,
}

/// <summary>A technology manager's (技术经理人) profile and certification, verified by an administrator.</summary>
public sealed class TechnologyManagerProfile : MutableEntity
{
    public Guid UserId { get; set; }
    public Guid? OrganisationId { get; set; }
    public string Bio { get; set; } = "";
    public string? CertificationNumber { get; set; }
    public CertificationLevel? CertificationLevel { get; set; }
    public string? IssuingBody { get; set; }
    public DateOnly? CertificationIssuedOn { get; set; }
    public DateOnly? CertificationExpiresOn { get; set; }
    public VerificationStatus Verification { get; set; } = VerificationStatus.Pending;
    public Guid? VerifiedBy { get; set; }
    public DateTime? VerifiedAt { get; set; }
}

/// <summary>One training a technology manager attended: counted towards the hours of its year.</summary>
public sealed class ManagerTraining : Entity
{
    public Guid UserId { get; set; }
    public DateOnly On { get; set; }
    public string Course { get; set; } = "";
    public decimal Hours { get; set; }
    public string Provider { get; set; } = "";
}

/// <summary>Where an intermediary's filing (备案) stands. Expiry is not a state: a filed record past its expiry date is not filed.</summary>
public enum FilingState
{
    Draft,
    Submitted,
    Returned,
    Filed,
    Revoked,
}

/// <summary>
/// An intermediary organisation's filing with the bureau (技术转移服务机构备案): services, staff, credentials and
/// contact; filed for one year from approval and renewed by the yearly review.
/// </summary>
public sealed class IntermediaryFiling : MutableEntity, IHasActiveKey
{
    public Guid OrganisationId { get; set; }
    public FilingState State { get; set; }
    public IntermediaryServices Services { get; set; }
    public List<FilingStaffMember> Staff { get; set; } = [];
    public List<FilingCredential> Credentials { get; set; } = [];
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public DateTime? SubmittedAt { get; set; }
    public string? ReturnReason { get; set; }
    public string? FilingNumber { get; set; }
    public DateOnly? FiledOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public DateOnly? ReviewedOn { get; set; }
    /// <summary>The expiry date the members were last reminded of (the yearly review falling due); a renewal moves the expiry, so the next one is reminded again.</summary>
    public DateOnly? ReviewRemindedFor { get; set; }
    public string? RevocationReason { get; set; }
    /// <summary>The organisation while the filing is not revoked: one active filing per organisation, kept by a unique index.</summary>
    public Guid? ActiveOrganisationId { get; set; }

    public void RefreshActiveKey() => ActiveOrganisationId = State == FilingState.Revoked ? null : OrganisationId;

    /// <summary>Filed and not expired on the day: what the public directory lists.</summary>
    public bool IsFiledOn(DateOnly day) => State == FilingState.Filed && ExpiresOn > day;
}

public sealed class FilingStaffMember
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string Credential { get; set; } = "";
}

public sealed class FilingCredential
{
    public string Name { get; set; } = "";
    public string Number { get; set; } = "";
    public string Issuer { get; set; } = "";
    public DateOnly? ValidUntil { get; set; }
}

/// <summary>A filed intermediary's yearly review falls due (its filing expires within <c>ListFilings.DueWithinDays</c> days).</summary>
public sealed record FilingReviewDue(Guid FilingId, Guid OrganisationId, DateOnly ExpiresOn) : IDomainEvent;

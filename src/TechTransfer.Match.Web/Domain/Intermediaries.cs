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
    public DateOnly? CertificationExpiresOn { get; set; }
    public VerificationStatus Verification { get; set; } = VerificationStatus.Pending;
    public Guid? VerifiedBy { get; set; }
    public DateTime? VerifiedAt { get; set; }
}

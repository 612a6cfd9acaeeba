namespace TechTransfer.Match.Web.Domain;

public sealed class Organisation : MutableEntity
{
    public OrganisationKind Kind { get; set; }
    public InstitutionType? InstitutionType { get; set; }
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    /// <summary>统一社会信用代码, 18 characters, when known.</summary>
    public string? CreditCode { get; set; }
    /// <summary>GB/T 2260 six-digit administrative division code.</summary>
    public string RegionCode { get; set; } = "";
    public string RegionName { get; set; } = "";
    public string? Industry { get; set; }
    public VerificationStatus Verification { get; set; } = VerificationStatus.Pending;

    /// <summary>Seller-nature code of technology-contract statistics: 0221 university, 0211 research institute.</summary>
    public string? NatureCode => InstitutionType switch
    {
        Domain.InstitutionType.University => "0221",
        Domain.InstitutionType.ResearchInstitute => "0211",
        _ => null,
    };

    public bool IsVerified => Verification == VerificationStatus.Verified;
}

public sealed class MembershipRequest : Entity, IHasActiveKey
{
    public Guid UserId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? Message { get; set; }
    public MembershipStatus Status { get; set; } = MembershipStatus.Pending;
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>The user while the request is pending: one pending request per person.</summary>
    public Guid? PendingUserId { get; set; }

    public void RefreshActiveKey() => PendingUserId = Status == MembershipStatus.Pending ? UserId : null;
}

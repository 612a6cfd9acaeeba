namespace TechTransfer.Match.Web.Domain;

public enum InterestStatus
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>Structured reasons for declining an expression of interest.</summary>
public enum DeclineReason
{
    NotRelevant,
    AlreadyInTalks,
    PriceOrBudgetMismatch,
    NotAvailable,
    Other,
}

/// <summary>
/// An expression of interest (意向): a member of one side asks to meet the other side about a match
/// proposal or a listing. The other side accepts or declines; only acceptance reveals identities and
/// confidential details of "after consent" records.
/// </summary>
public sealed class Interest : MutableEntity, IHasActiveKey
{
    public Guid? ProposalId { get; set; }
    public Guid? AchievementId { get; set; }
    public Guid? NeedId { get; set; }
    /// <summary>The organisation of the member who expressed interest.</summary>
    public Guid FromOrganisationId { get; set; }
    public Guid FromUserId { get; set; }
    /// <summary>The other side: the owner of the record the interest is about.</summary>
    public Guid ToOrganisationId { get; set; }
    public string Message { get; set; } = "";
    public InterestStatus Status { get; set; }
    public DeclineReason? DeclineReason { get; set; }
    public string? DeclineText { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>One interest per organisation and record until it is declined: sender, proposal, achievement, need.</summary>
    public string? ActiveKey { get; set; }

    public void RefreshActiveKey() =>
        ActiveKey = Status == InterestStatus.Declined ? null : $"{FromOrganisationId:N}|{ProposalId:N}|{AchievementId:N}|{NeedId:N}";
}

public sealed record InterestExpressed(
    Guid InterestId, Guid? ProposalId, Guid? AchievementId, Guid? NeedId, Guid FromOrganisationId, Guid ToOrganisationId) : IDomainEvent;

public sealed record InterestAccepted(Guid InterestId, Guid FromOrganisationId, Guid ToOrganisationId, Guid DecidedBy) : IDomainEvent;

public sealed record InterestDeclined(
    Guid InterestId, Guid FromOrganisationId, Guid ToOrganisationId, DeclineReason Reason, Guid DecidedBy) : IDomainEvent;

namespace TechTransfer.Match.Web.Domain;

public enum ProposalStatus
{
    Proposed,
    Viewed,
    Dismissed,
    Interest,
}

/// <summary>Structured reasons for dismissing a proposal, kept for analytics.</summary>
public enum DismissReason
{
    TooEarlyStage,
    BenefitUnclear,
    NotOurField,
    PriceOrBudgetMismatch,
    Other,
}

/// <summary>An achievement-need pair the engine proposed, with its score and explanation (匹配推荐).</summary>
public sealed class MatchProposal : MutableEntity
{
    public Guid AchievementId { get; set; }
    public Achievement? Achievement { get; set; }
    public Guid NeedId { get; set; }
    public Need? Need { get; set; }
    public double Score { get; set; }
    /// <summary>The engine's explanation as JSON: components with their contributions, matched terms.</summary>
    public string Explanation { get; set; } = "{}";
    public ProposalStatus Status { get; set; }
    public DismissReason? DismissReason { get; set; }
    public string? DismissText { get; set; }
    public Guid? DismissedBy { get; set; }
    public DateTime? DismissedAt { get; set; }
    /// <summary>True when the achievement's owner is in the home city.</summary>
    public bool SupplierIsLocal { get; set; }
    /// <summary>True when the need's owner is in the home city.</summary>
    public bool BuyerIsLocal { get; set; }
}

/// <summary>A new proposal was stored (after the listing's transaction committed).</summary>
/// <summary>A new proposal; <see cref="PublishedListingId"/> is the listing whose publication or edit made it (null in events stored before it was recorded).</summary>
public sealed record MatchProposed(Guid ProposalId, Guid AchievementId, Guid NeedId, double Score, Guid? PublishedListingId = null) : IDomainEvent;

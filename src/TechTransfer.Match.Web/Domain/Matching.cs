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
    /// <summary>Version of the ranker that scored the proposal (<c>weights-v1</c>: the hand-set weighting; null: stored before it was recorded).</summary>
    public string? RankerVersion { get; set; }
}

/// <summary>
/// A ranker trained from outcomes (docs/matching.md, "Learned ranking in the serving path"): its metrics and those of
/// the model serving at the time, measured on the same held-back outcomes, and whether it was promoted to serve.
/// </summary>
public sealed class RankerModel : Entity
{
    public string Version { get; set; } = "";
    public int TrainingSamples { get; set; }
    public int HeldBackSamples { get; set; }
    public int Positives { get; set; }
    public int Negatives { get; set; }
    public double CandidateAuc { get; set; }
    public double CandidateMap { get; set; }
    public string ServingVersion { get; set; } = "";
    public double ServingAuc { get; set; }
    public double ServingMap { get; set; }
    /// <summary>Share of the held-back pairs taken up that the candidate scores at or above the proposal threshold (null: stored before it was measured).</summary>
    public double? CandidateProposed { get; set; }
    /// <summary>The same for the model that served then.</summary>
    public double? ServingProposed { get; set; }
    public bool Promoted { get; set; }
    public DateTime? PromotedAt { get; set; }
    /// <summary>The engine's form of the model (<c>AdditiveRanker.ToBytes</c>).</summary>
    public byte[] ModelBytes { get; set; } = [];
}

/// <summary>A new proposal was stored (after the listing's transaction committed).</summary>
/// <summary>A new proposal; <see cref="PublishedListingId"/> is the listing whose publication or edit made it (null in events stored before it was recorded).</summary>
public sealed record MatchProposed(Guid ProposalId, Guid AchievementId, Guid NeedId, double Score, Guid? PublishedListingId = null) : IDomainEvent;

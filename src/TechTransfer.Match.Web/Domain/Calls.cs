namespace TechTransfer.Match.Web.Domain;

/// <summary>Where an open call (揭榜挂帅) stands: docs/programmes.md draws the transitions.</summary>
public enum CallState
{
    /// <summary>Being written by the bureau or an enterprise; seen only by them.</summary>
    Draft,
    /// <summary>An enterprise's call waiting for the bureau to approve it.</summary>
    PendingApproval,
    /// <summary>Published: proposals are taken until the deadline, reviewers score them.</summary>
    Open,
    /// <summary>Ranked, with a winner and its deal.</summary>
    Closed,
    /// <summary>Closed without a single proposal: its needs are unmet demand again.</summary>
    Unanswered,
}

/// <summary>Whether a proposal may count: on a call requiring it, the solver organisation consents before review.</summary>
public enum ProposalConsent
{
    /// <summary>The call asks for no consent: the proposal counts as submitted.</summary>
    NotRequired,
    /// <summary>Waits for the organisation; without consent by the deadline it is not reviewed.</summary>
    Pending,
    Consented,
    Refused,
}

public enum CallNeedStatus
{
    Proposed,
    Accepted,
    Returned,
}

/// <summary>A quantified target a solution must reach (e.g. 识别精度 ≤ 0.2 mm).</summary>
public sealed class CallTarget
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public string? Unit { get; set; }
}

/// <summary>A review criterion and its weight; a call's weights add up to 100.</summary>
public sealed class CallCriterion
{
    public string Name { get; set; } = "";
    public int Weight { get; set; }
}

/// <summary>An open call for solvers (揭榜挂帅): one or more screened needs, targets, a reward, eligibility, a deadline and weighted criteria.</summary>
public sealed class Call : MutableEntity
{
    public string Title { get; set; } = "";
    public string Problem { get; set; } = "";
    public List<CallTarget> Targets { get; set; } = [];
    /// <summary>Reward or budget, yuan.</summary>
    public decimal Reward { get; set; }
    /// <summary>A GB/T 2260 prefix a solver's organisation must be in ("21" Liaoning, "2102" Dalian); null: anywhere.</summary>
    public string? RegionPrefix { get; set; }
    public List<OrganisationKind> EligibleKinds { get; set; } = [];
    public DateTime Deadline { get; set; }
    public List<CallCriterion> Criteria { get; set; } = [];
    /// <summary>Solvers need their organisation's consent before a member's proposal counts (set by whoever drafts the call).</summary>
    public bool RequiresConsent { get; set; }
    /// <summary>The enterprise behind the call; null for the bureau's own.</summary>
    public Guid? OwnerOrganisationId { get; set; }
    public CallState State { get; set; }
    public string? ReturnReason { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Counted on submission; also the row every submission updates, so a proposal and an edit cannot both pass.</summary>
    public int ProposalCount { get; set; }
    /// <summary>Reviewers that finished; a finish updates the call, so two finishing at once cannot both miss that they were the last.</summary>
    public int FinishedReviews { get; set; }
    public Guid? WinnerProposalId { get; set; }
    public Guid? WinnerDealId { get; set; }
    public List<CallNeed> Needs { get; set; } = [];

    public bool IsFinal => State is CallState.Closed or CallState.Unanswered;
}

/// <summary>A need proposed for a call, and the bureau's screening of it.</summary>
public sealed class CallNeed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CallId { get; set; }
    public Guid NeedId { get; set; }
    public CallNeedStatus Status { get; set; }
    public string? Reason { get; set; }
    public Guid? ScreenedBy { get; set; }
    public DateTime? ScreenedAt { get; set; }
}

public sealed class CallMilestone
{
    public string Title { get; set; } = "";
    public int Month { get; set; }
}

/// <summary>A solver organisation's structured answer to a call (揭榜方案); one per organisation and call.</summary>
public sealed class CallProposal : MutableEntity
{
    public Guid CallId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid SubmittedBy { get; set; }
    public string Approach { get; set; } = "";
    public string Team { get; set; } = "";
    public List<CallMilestone> Milestones { get; set; } = [];
    public decimal Price { get; set; }
    public List<Guid> AchievementIds { get; set; } = [];
    public ProposalConsent Consent { get; set; }
    /// <summary>The refusal's reason.</summary>
    public string? ConsentReason { get; set; }
    public Guid? ConsentBy { get; set; }
    public DateTime? ConsentAt { get; set; }
    /// <summary>Weighted mean of the reviewers' scores, set when the call closes.</summary>
    public double? FinalScore { get; set; }
    public int? Rank { get; set; }
    /// <summary>The call's id on its winning proposal only: a unique index allows one winner per call.</summary>
    public Guid? WinnerOfCallId { get; set; }
}

/// <summary>A reviewer assigned to a call, with the organisations they declared a conflict with.</summary>
public sealed class CallReviewer : MutableEntity
{
    public Guid CallId { get; set; }
    public Guid UserId { get; set; }
    public List<Guid> ConflictOrganisationIds { get; set; } = [];
    public DateTime? FinishedAt { get; set; }
}

public sealed class CriterionScore
{
    public int Criterion { get; set; }
    public int Score { get; set; }
}

/// <summary>One reviewer's scores of one proposal, per criterion (0-100), with remarks.</summary>
public sealed class CallScore : MutableEntity
{
    public Guid CallId { get; set; }
    public Guid ProposalId { get; set; }
    public Guid ReviewerUserId { get; set; }
    public List<CriterionScore> Scores { get; set; } = [];
    public string? Remarks { get; set; }
}

public sealed record CallPublished(Guid CallId) : IDomainEvent;

/// <summary>A proposal waits for its organisation's consent (submitted or edited), or the organisation decided.</summary>
public sealed record CallProposalConsentChanged(Guid ProposalId, ProposalConsent Consent) : IDomainEvent;

/// <summary>A call closed: the winner's deal was opened; the others are told with the reviewers' remarks.</summary>
public sealed record CallClosed(Guid CallId, Guid? WinnerProposalId) : IDomainEvent;

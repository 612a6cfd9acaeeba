using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Calls;

public sealed record CallOrganisation(Guid Id, string Name, string RegionCode);

public sealed record CallTargetView(string Name, string Value, string? Unit);

public sealed record CallCriterionView(string Name, int Weight);

/// <summary>A call in the public list: what is asked, by when, how many answered and who won; never the proposals.</summary>
public sealed record CallSummary(
    Guid Id, string Title, IReadOnlyList<CallTargetView> Targets, decimal Reward, DateTime Deadline, CallState State,
    int ProposalCount, CallOrganisation? Owner, CallOrganisation? Winner, DateTime? PublishedAt, DateTime? ClosedAt);

public sealed record CallNeedView(Guid NeedId, string Title, CallOrganisation Organisation, CallNeedStatus Status, string? Reason, DateTime? ScreenedAt);

public sealed record CallView(
    Guid Id, string Title, string Problem, IReadOnlyList<CallTargetView> Targets, decimal Reward, string? RegionPrefix,
    IReadOnlyList<OrganisationKind> EligibleKinds, DateTime Deadline, IReadOnlyList<CallCriterionView> Criteria, CallOrganisation? Owner,
    CallState State, string? ReturnReason, DateTime? PublishedAt, DateTime? ClosedAt, int ProposalCount, CallOrganisation? Winner,
    IReadOnlyList<CallNeedView> Needs, CallPermissions Permissions, long Version, DateTime CreatedAt, DateTime UpdatedAt,
    IReadOnlyList<CallOrganisation> CoFunders, bool RequiresConsent);

/// <summary>What the caller may do with the call now (the server decides again on every request).</summary>
public sealed record CallPermissions(bool Manage, bool Screen, bool Propose, bool Review, Guid? WinnerDealId);

public sealed record CallMilestoneView(string Title, int Month);

public sealed record CriterionScoreView(int Criterion, int Score);

/// <summary>The organisation's consent to a proposal: the decision, a refusal's reason, when; <c>Reviewed</c> false when it does not go to review.</summary>
public sealed record ProposalConsentView(ProposalConsent Status, string? Reason, DateTime? DecidedAt, bool Reviewed);

/// <summary>A proposal as its solver, the bureau or a reviewer reads it; result fields are null until the call closes.</summary>
public sealed record ProposalView(
    Guid Id, Guid CallId, CallOrganisation Organisation, string Approach, string Team, IReadOnlyList<CallMilestoneView> Milestones,
    decimal Price, IReadOnlyList<Guid> AchievementIds, DateTime SubmittedAt, double? FinalScore, int? Rank, bool? Winner,
    IReadOnlyList<string>? Remarks, long Version, Guid SubmittedBy, DateTime UpdatedAt, ProposalConsentView Consent);

/// <summary>A proposal waiting for the caller's organisation to consent: the call, its deadline and who submitted it.</summary>
public sealed record ConsentRequestView(ProposalView Proposal, string CallTitle, DateTime Deadline, string SubmittedByName);

public sealed record ScoreView(Guid ReviewerUserId, IReadOnlyList<CriterionScoreView> Scores, string? Remarks, decimal Weighted, long Version);

public sealed record ReviewProposal(ProposalView Proposal, ScoreView? Mine, IReadOnlyList<ScoreView>? Others);

/// <summary>A reviewer's desk for one call: the proposals they may score (not their own organisation's or a declared conflict's).</summary>
public sealed record ReviewView(
    Guid CallId, string Title, CallState State, DateTime Deadline, IReadOnlyList<CallCriterionView> Criteria, IReadOnlyList<Guid> ConflictOrganisationIds,
    DateTime? FinishedAt, int Excluded, IReadOnlyList<ReviewProposal> Proposals, long Version);

public sealed record RankedProposal(Guid ProposalId, CallOrganisation Organisation, decimal Price, double? FinalScore, int Rank, bool Winner, IReadOnlyList<ScoreView> Scores);

public sealed record CallRankingView(Guid CallId, CallState State, Guid? WinnerDealId, IReadOnlyList<RankedProposal> Proposals);

public sealed record ReviewerView(Guid UserId, string DisplayName, string Email, CallOrganisation? Organisation);

public sealed record MyReview(Guid CallId, string Title, CallState State, DateTime Deadline, DateTime? FinishedAt);

/// <summary>One review criterion of a winning proposal: the reviewers' mean, lowest and highest score (0-100) and how many scored it.</summary>
public sealed record CriterionAggregateView(string Name, int Weight, decimal? Mean, int? Min, int? Max, int Reviewers);

/// <summary>The call a deal was made from, its winning proposal (with the reviewers' remarks) and the aggregated scores.</summary>
public sealed record DealCallView(
    Guid CallId, string Title, string Problem, IReadOnlyList<CallTargetView> Targets, decimal Reward, DateTime? ClosedAt, int ProposalCount,
    ProposalView Proposal, IReadOnlyList<CriterionAggregateView> Criteria, int Scores);

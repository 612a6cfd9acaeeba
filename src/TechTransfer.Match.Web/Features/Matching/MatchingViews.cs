using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;

namespace TechTransfer.Match.Web.Features.Matching;

/// <summary>
/// The other side of a proposal as a card shows it: title, field, maturity, region (with the owner) and the
/// asking price or budget in yuan (null when the listing hides it until consent, or none was given).
/// </summary>
public sealed record MatchCounterpart(
    Guid Id, string Kind, string Title, TechnicalField Field, int? Trl, bool IsLocal, ListingOwner? Organisation, bool DetailsHidden,
    decimal? AmountMin, decimal? AmountMax);

/// <param name="Points">The score as points of 100; the parts' points add up to it exactly.</param>
/// <param name="Parts">Each component as points of 100, with the least and most it can give.</param>
/// <param name="Reason">Why the pair was proposed, for a one-sentence reason in the reader's language.</param>
/// <param name="BelowFloor">Under the display floor (<c>Matching:DisplayFloor</c>): shown only on "show more".</param>
/// <param name="Deal">The deal open on the pair, if any: the pair is being brokered, so it is no longer dismissed or re-opened from here.</param>
public sealed record MatchView(
    Guid ProposalId, double Score, ProposalStatus Status, MatchCounterpart Counterpart, MatchExplanation Explanation, DateTime ProposedAt,
    int Points, IReadOnlyList<PointPart> Parts, MatchReason Reason, bool BelowFloor, MatchDeal? Deal);

/// <summary>The deal open on a proposal.</summary>
/// <param name="Id">The deal's id for a reader who may see the deal (its parties, its manager, administrators and the bureau); null for anyone else.</param>
/// <param name="Stage">How far it has come.</param>
public sealed record MatchDeal(Guid? Id, DealStage Stage);

/// <summary>A score part as whole points of 100, with the least and most it can give.</summary>
/// <param name="Name">"text", "locality", "field", "maturity" or "budget" (a trained ranker's feature names and "bias"), as in the explanation.</param>
/// <param name="Points">Its share of the score's points; negative where a trained ranker's part lowers the score.</param>
/// <param name="Max">The most it can give as points of 100 (the hand-set weighting: its weight).</param>
/// <param name="Min">The least it can give as points of 100 (0 under the hand-set weighting).</param>
public sealed record PointPart(string Name, int Points, int Max, int Min);

public enum BudgetFit
{
    /// <summary>One side gave no amount.</summary>
    Unknown,

    /// <summary>The asking price and the budget overlap.</summary>
    Fits,

    /// <summary>They miss each other by less than half of the larger facing bound.</summary>
    Near,

    /// <summary>They are far apart.</summary>
    Apart,
}

/// <param name="KeyTerms">The shared terms worth showing (no function words, generic words or single characters), best first.</param>
/// <param name="LocalPartner">The other side is in the home city.</param>
/// <param name="SameField">Both are in the same technical field.</param>
/// <param name="MaturityGap">The need's required TRL less the achievement's TRL (above 0: the achievement is not mature enough yet); null when either is unknown.</param>
public sealed record MatchReason(IReadOnlyList<string> KeyTerms, bool LocalPartner, bool SameField, int? MaturityGap, BudgetFit Budget);

/// <summary>How many organisations on the other side dismissed the listing's proposals for one reason.</summary>
public sealed record DismissalCount(DismissReason Reason, int Organisations);

/// <summary>The dismissals of a listing's proposals by the other side, counted by reason (most first), for the owner.</summary>
public sealed record DismissalFeedback(Guid ListingId, int Organisations, IReadOnlyList<DismissalCount> Reasons);

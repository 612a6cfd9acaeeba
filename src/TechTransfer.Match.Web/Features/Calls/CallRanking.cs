using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// The one closing rule (docs/programmes.md): a reviewer's score of a proposal is the weighted sum of the criteria
/// (Σ weight × score / 100); a proposal's final score is the mean of its reviewers' scores, rounded to 2 decimals;
/// proposals rank by final score (higher first, unscored last), then lower price, then earlier submission, then id.
/// All in decimal from stored integers, so every node and every run computes the same ranking.
/// </summary>
internal static class CallRanking
{
    public static decimal Weighted(Call call, CallScore score) =>
        Math.Round(score.Scores.Sum(s => s.Criterion < call.Criteria.Count ? call.Criteria[s.Criterion].Weight * (decimal)s.Score : 0m) / 100m, 2, MidpointRounding.AwayFromZero);

    public static List<(CallProposal Proposal, decimal? Final)> Rank(Call call, IEnumerable<CallProposal> proposals, IReadOnlyList<CallScore> scores) =>
        [.. proposals
            .Select(p =>
            {
                var mine = scores.Where(s => s.ProposalId == p.Id).Select(s => Weighted(call, s)).ToList();
                return (Proposal: p, Final: mine.Count == 0 ? (decimal?)null : Math.Round(mine.Sum() / mine.Count, 2, MidpointRounding.AwayFromZero));
            })
            .OrderBy(x => x.Final is null)
            .ThenByDescending(x => x.Final)
            .ThenBy(x => x.Proposal.Price)
            .ThenBy(x => x.Proposal.CreatedAt)
            .ThenBy(x => x.Proposal.Id)];

    /// <summary>Why the call cannot close now, or null when it can.</summary>
    public static async Task<Error?> CannotCloseAsync(AppDbContext db, Call call, DateTime now, CancellationToken ct)
    {
        if (call.State != CallState.Open)
        {
            return Error.Conflict("call_not_open", "Only an open call closes.");
        }

        if (now < call.Deadline)
        {
            return Error.Conflict("deadline_ahead", "The call takes proposals until its deadline.");
        }

        if (!await AnyCountedAsync(db, call, ct))
        {
            return null;
        }

        var reviewers = await db.CallReviewers.Where(r => r.CallId == call.Id).Select(r => r.FinishedAt).ToListAsync(ct);
        return reviewers.Count == 0 || reviewers.Any(f => f is null)
            ? Error.Conflict("reviews_pending", "Every assigned reviewer finishes before the call closes.")
            : null;
    }

    private static Task<bool> AnyCountedAsync(AppDbContext db, Call call, CancellationToken ct) =>
        db.CallProposals.Where(p => p.CallId == call.Id).Counted().AnyAsync(ct);

    /// <summary>
    /// Closes the call: unanswered without proposals that count (none, or none with its organisation's consent) (its needs are unmet demand again), otherwise ranked, with the
    /// top scored proposal as the winner and its deal opened on the managers' board. The winner is also a unique
    /// key on the proposal, so a second close of a race answers 409 even if it passed the version check.
    /// </summary>
    public static async Task CloseAsync(AppDbContext db, Call call, Guid byUserId, DateTime now, CancellationToken ct)
    {
        call.ClosedAt = now;
        if (!await AnyCountedAsync(db, call, ct))
        {
            call.State = CallState.Unanswered;
            call.Raise(new CallClosed(call.Id, null));
            return;
        }

        // Proposals without their organisation's consent are not ranked: no score, no rank, never the winner.
        var proposals = await db.CallProposals.Where(p => p.CallId == call.Id).Counted().ToListAsync(ct);
        var scores = await db.CallScores.AsNoTracking().Where(s => s.CallId == call.Id).ToListAsync(ct);
        var ranked = Rank(call, proposals, scores);
        for (var i = 0; i < ranked.Count; i++)
        {
            ranked[i].Proposal.FinalScore = ranked[i].Final is { } f ? (double)f : null;
            ranked[i].Proposal.Rank = i + 1;
        }

        call.State = CallState.Closed;
        if (ranked.FirstOrDefault() is { Final: not null } top)
        {
            var winner = top.Proposal;
            winner.WinnerOfCallId = call.Id;
            call.WinnerProposalId = winner.Id;
            call.WinnerDealId = await OpenDealAsync(db, call, winner, byUserId, now, ct);
        }

        call.Raise(new CallClosed(call.Id, call.WinnerProposalId));
    }

    /// <summary>
    /// The winner's deal, unassigned, so it waits on the technology managers' board until one takes it; when a deal is
    /// already open on the winner's pair (a manager brokered it from a proposal), the call names that one instead of
    /// opening a second on the same pair.
    /// </summary>
    private static async Task<Guid> OpenDealAsync(AppDbContext db, Call call, CallProposal winner, Guid byUserId, DateTime now, CancellationToken ct)
    {
        var need = await db.CallNeeds.AsNoTracking().Where(n => n.CallId == call.Id && n.Status == CallNeedStatus.Accepted)
            .Join(db.Needs, cn => cn.NeedId, n => n.Id, (cn, n) => new { n.Id, n.OrganisationId }).OrderBy(n => n.Id).FirstAsync(ct);
        Guid? achievementId = winner.AchievementIds.FirstOrDefault() is var a && a != Guid.Empty ? a : null;
        if (achievementId is { } pairAchievement
            && await DealAccess.OpenOnPair(db, pairAchievement, need.Id).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct) is { } open)
        {
            return open;
        }

        var deal = new Deal
        {
            Title = call.Title.Length > 300 ? call.Title[..300] : call.Title,
            NeedId = need.Id, CallProposalId = winner.Id, AchievementId = achievementId,
            SellerOrganisationId = winner.OrganisationId, BuyerOrganisationId = call.OwnerOrganisationId ?? need.OrganisationId,
            Stage = DealStage.Proposed, ProposedAt = now,
        };
        deal.Events.Add(new DealEvent { DealId = deal.Id, Kind = DealEventKind.Opened, ToStage = DealStage.Proposed, Note = call.Title, ByUserId = byUserId, At = now });
        deal.Raise(new DealOpened(deal.Id, deal.SellerOrganisationId, deal.BuyerOrganisationId, null, null, null));
        db.Deals.Add(deal);
        return deal.Id;
    }
}

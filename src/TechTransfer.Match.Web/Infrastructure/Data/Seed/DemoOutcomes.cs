using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Guidelines;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// The demo's past outcomes, so the ranker page has something to learn from (docs/matching.md, "Learned ranking in the
/// serving path") and institutions read why firms turned their achievements down. Firms without a demo account already
/// went through their needs' proposals: they took up the two they liked best if they liked them enough (an accepted
/// interest; fewer when a need has fewer than six) and dismissed up to six they did not like (at most half of the rest,
/// the least liked first), with the reason their weakest part gives. What they like (<see cref="Appeal"/>) leans on the
/// text as the hand-set weighting does. Proposals of the demo accounts' organisations are left as proposed, for the
/// walkthrough, and needs older than the bureau's unmet-demand age are taken up by nobody: they stay the demo's unmet
/// demand.
/// </summary>
public static class DemoOutcomes
{
    public const int TakenUpPerNeed = 2;
    public const int DismissedPerNeed = 6;

    /// <summary>A firm takes up a proposal it likes this much, and dismisses one it likes less than <see cref="DismissAppeal"/>: the same bar for every need.</summary>
    public const double TakeUpAppeal = 0.85;
    public const double DismissAppeal = 0.82;

    private static readonly int Text = PairFeature.IndexOf("text");
    private static readonly int Locality = PairFeature.IndexOf("locality");
    private static readonly int Field = PairFeature.IndexOf("field");
    private static readonly int Maturity = PairFeature.IndexOf("maturity");
    private static readonly int Budget = PairFeature.IndexOf("budget");

    /// <summary>The organisations the demo users belong to: their needs and inboxes are left for the walkthrough.</summary>
    public static async Task<IReadOnlySet<Guid>> OrganisationsWithAccountsAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.OrganisationId != null).Select(u => u.OrganisationId!.Value).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>Records the outcomes of one need's fresh proposals; answers how many.</summary>
    public static async Task<int> RecordForNeedAsync(
        AppDbContext db, MatchingEngine engine, Guid needId, IReadOnlySet<Guid> withAccounts, DateTime now, CancellationToken ct)
    {
        var need = await db.Needs.AsNoTracking().Where(n => n.Id == needId).Select(n => new { n.OrganisationId, n.PublishedAt }).FirstAsync(ct);
        if (withAccounts.Contains(need.OrganisationId))
        {
            return 0;
        }

        // A pair a deal names is already being brokered (the demo journey's and calls' deals).
        var proposals = await db.MatchProposals
            .Where(p => p.NeedId == needId && p.Status == ProposalStatus.Proposed)
            .Where(p => !db.Deals.Any(d => d.AchievementId == p.AchievementId && d.NeedId == p.NeedId))
            .Select(p => new { Proposal = p, Supplier = p.Achievement!.OrganisationId })
            .ToListAsync(ct);
        if (proposals.Count < 2)
        {
            return 0;
        }

        var ranked = proposals
            .Select(p =>
            {
                var features = engine.PairFeatures(needId, p.Proposal.AchievementId);
                return (p.Proposal, p.Supplier, Features: features, Appeal: Appeal(features));
            })
            .OrderByDescending(p => p.Appeal).ThenBy(p => p.Proposal.Id)
            .ToList();
        // Interests go to organisations without a demo account, so no demo inbox holds one nobody sent. At least a third
        // of the proposals stay as proposed, so every need still has some to act on.
        var takesUp = need.PublishedAt > now.AddDays(-new GetUnmetDemandClusters().MinAgeDays);
        var takenUp = ranked.Where(p => takesUp && !withAccounts.Contains(p.Supplier) && p.Appeal >= TakeUpAppeal)
            .Take(Math.Min(TakenUpPerNeed, proposals.Count / 3)).ToList();
        var interests = new List<(Interest Interest, DateTime At)>();
        foreach (var (proposal, supplier, _, _) in takenUp)
        {
            var at = DaysAgo(proposal.Id, now);
            proposal.Status = ProposalStatus.Interest;
            var interest = new Interest
            {
                ProposalId = proposal.Id, AchievementId = proposal.AchievementId, NeedId = proposal.NeedId,
                FromOrganisationId = need.OrganisationId, ToOrganisationId = supplier,
                // The firm's staff have no demo account; the interest names no sender.
                FromUserId = Guid.Empty,
                Message = "希望进一步了解该成果的技术指标和转化条件。",
                Status = InterestStatus.Accepted, DecidedAt = at.AddDays(2),
            };
            db.Interests.Add(interest);
            interests.Add((interest, at));
        }

        var dismissed = ranked.Except(takenUp).Where(p => p.Appeal < DismissAppeal)
            .TakeLast(Math.Min(DismissedPerNeed, (proposals.Count - takenUp.Count) / 2)).ToList();
        foreach (var (proposal, _, features, _) in dismissed)
        {
            proposal.Status = ProposalStatus.Dismissed;
            proposal.DismissReason = ReasonOf(features);
            proposal.DismissedAt = DaysAgo(proposal.Id, now);
        }

        await db.SaveChangesAsync(ct);
        // The save stamps CreatedAt with the clock; the interests were sent in the past (as DemoJourney dates its history).
        foreach (var (interest, at) in interests)
        {
            interest.CreatedAt = at;
        }

        await db.SaveChangesAsync(ct);
        return interests.Count + dismissed.Count;
    }

    /// <summary>
    /// What the demo's firms value among proposals the engine found on their subject: the text first, as the hand-set
    /// weighting does, and their own field, the maturity they asked for, a price within budget and a local supplier
    /// about twice as much as it does against the text. A model trained on their outcomes must still rank by the text.
    /// </summary>
    public static double Appeal(double[] f) =>
        f[Text] + (0.3 * f[Field]) + (0.2 * f[Maturity]) + (0.1 * f[Budget]) + (0.1 * f[Locality]);

    /// <summary>The weakest of the parts a firm would name.</summary>
    public static DismissReason ReasonOf(double[] f) =>
        f[Maturity] < 0.75 ? DismissReason.TooEarlyStage
        : f[Field] < 0.5 ? DismissReason.NotOurField
        : f[Budget] < 1 ? DismissReason.PriceOrBudgetMismatch
        : DismissReason.BenefitUnclear;

    // Spread over the last two months by the proposal's id.
    private static DateTime DaysAgo(Guid id, DateTime now) => now.AddDays(-(3 + (id.GetHashCode() & 0x7fffffff) % 60));
}

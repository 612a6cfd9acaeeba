using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Matching;

/// <summary>
/// Keeps this node's engine serving the ranker the database says is promoted: the latest promoted <see cref="RankerModel"/>,
/// or the hand-set weighting when none is. Checked at start-up, every <see cref="ProposalOptions.RankerCheckSeconds"/>
/// (a periodic check rather than the Redis listing feed: a promotion is rare, a minute's delay harmless, and a node that
/// missed a message would otherwise serve an old model until it restarts) and right after a retrain on this node.
/// </summary>
public sealed class ServingRanker(IServiceScopeFactory scopes, MatchingIndex index, IOptions<ProposalOptions> options, ILogger<ServingRanker> logger) : BackgroundService
{
    /// <summary>Serves the promoted model if it is not served yet; returns the version served.</summary>
    public async Task<string> RefreshAsync(AppDbContext db, CancellationToken ct)
    {
        var latest = await db.RankerModels.AsNoTracking().Where(m => m.Promoted)
            .OrderByDescending(m => m.PromotedAt).ThenByDescending(m => m.CreatedAt)
            .Select(m => new { m.Id, m.Version }).FirstOrDefaultAsync(ct);
        var engine = index.Engine;
        if (latest is null)
        {
            if (!engine.Ranker.IsDefault) engine.UseRanker(null);
            return engine.Ranker.Version;
        }

        if (engine.Ranker.Version != latest.Version)
        {
            var bytes = await db.RankerModels.AsNoTracking().Where(m => m.Id == latest.Id).Select(m => m.ModelBytes).FirstAsync(ct);
            engine.UseRanker(AdditiveRanker.FromBytes(bytes));
            logger.LogInformation("Matching ranker {Version} now serves", latest.Version);
        }

        return engine.Ranker.Version;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, options.Value.RankerCheckSeconds));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RefreshAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Before the migrations ran, or the database is briefly away: the next check tries again.
                logger.LogDebug(e, "Could not check the serving matching ranker");
            }
        }
        while (await Delay(period, stoppingToken));
    }

    private static async Task<bool> Delay(TimeSpan period, CancellationToken ct)
    {
        try
        {
            await Task.Delay(period, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>
/// Outcomes of proposals as ranker training samples (docs/matching.md): a proposal that led to an accepted interest, a
/// deal (opened from it, or naming its pair, as a call's winning deal does) or a contract is positive; a dismissed one
/// negative, its reason kept as the sample's attribute. The need is the source, the achievement the candidate; pairs
/// whose listings are no longer indexed are left out.
/// </summary>
public static class RankerOutcomes
{
    public static IQueryable<MatchProposal> Positive(AppDbContext db) =>
        db.MatchProposals.Where(p => db.Interests.Any(i => i.ProposalId == p.Id && i.Status == InterestStatus.Accepted)
            || db.Deals.Any(d => d.ProposalId == p.Id || (d.AchievementId == p.AchievementId && d.NeedId == p.NeedId))
            || db.Contracts.Any(c => c.ProposalId == p.Id));

    public static IQueryable<MatchProposal> Negative(AppDbContext db) =>
        db.MatchProposals.Where(p => p.Status == ProposalStatus.Dismissed).Except(Positive(db));

    /// <summary>How many outcomes there are (what a retrain would learn from).</summary>
    public static async Task<int> CountAsync(AppDbContext db, CancellationToken ct) =>
        await Positive(db).CountAsync(ct) + await Negative(db).CountAsync(ct);

    public static async Task<List<RankerSample>> SamplesAsync(AppDbContext db, MatchingEngine engine, CancellationToken ct)
    {
        var positives = await Positive(db).AsNoTracking().Select(p => new { p.NeedId, p.AchievementId }).ToListAsync(ct);
        var negatives = await Negative(db).AsNoTracking().Select(p => new { p.NeedId, p.AchievementId, p.DismissReason }).ToListAsync(ct);
        var indexed = engine.ListingIds().ToHashSet();
        var samples = new List<RankerSample>(positives.Count + negatives.Count);
        foreach (var p in positives.Where(p => indexed.Contains(p.NeedId) && indexed.Contains(p.AchievementId)))
        {
            samples.Add(new RankerSample(p.NeedId, p.AchievementId, engine.PairFeatures(p.NeedId, p.AchievementId), true, "went on"));
        }

        foreach (var n in negatives.Where(n => indexed.Contains(n.NeedId) && indexed.Contains(n.AchievementId)))
        {
            samples.Add(new RankerSample(n.NeedId, n.AchievementId, engine.PairFeatures(n.NeedId, n.AchievementId), false, n.DismissReason?.ToString()));
        }

        // a fixed order: the trainer's result depends on it
        return samples.OrderBy(s => s.Source).ThenBy(s => s.Candidate).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Matching;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Data.Seed;

namespace TechTransfer.Match.Web.Infrastructure.Matching;

/// <summary>
/// After start-up, computes the proposals of published listings whose current version was never
/// matched: seeded or imported listings, or a change committed just before a crash. Right after the demo was seeded,
/// each need's proposals also get the demo's past outcomes (<see cref="DemoOutcomes"/>).
/// </summary>
public sealed class ProposalBackfill(IServiceProvider services, DemoSeedSignal demo, TimeProvider clock, ILogger<ProposalBackfill> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        List<(Guid Id, bool IsAchievement)> pending;
        var history = await demo.WasSeededAsync.WaitAsync(stoppingToken);
        IReadOnlySet<Guid> withAccounts;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var needs = await db.Needs.AsNoTracking().AwaitingMatch().Select(n => n.Id).ToListAsync(stoppingToken);
            var achievements = await db.Achievements.AsNoTracking().AwaitingMatch().Select(a => a.Id).ToListAsync(stoppingToken);
            pending = [.. needs.Select(id => (id, false)), .. achievements.Select(id => (id, true))];
            withAccounts = history ? await DemoOutcomes.OrganisationsWithAccountsAsync(db, stoppingToken) : new HashSet<Guid>();
        }

        if (pending.Count == 0)
        {
            return;
        }

        logger.LogInformation("Matching {Count} listings whose current version has no proposals yet", pending.Count);
        var outcomes = 0;
        foreach (var (id, isAchievement) in pending)
        {
            try
            {
                // One scope per listing keeps the change tracker small.
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ProposeMatches>().ProposeForAsync(id, isAchievement, stoppingToken);
                // Needs come first, so the outcomes are written while achievements still wait: whoever waits for the
                // backfill to finish (AnyAwaitingMatchAsync) finds them all.
                if (history && !isAchievement)
                {
                    outcomes += await DemoOutcomes.RecordForNeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
                        scope.ServiceProvider.GetRequiredService<MatchingIndex>().Engine, id, withAccounts, clock.GetUtcNow().UtcDateTime, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left for the next start-up (its MatchedVersion is still behind); never stop the node.
                logger.LogError(ex, "Matching listing {ListingId} failed; it is retried at the next start-up", id);
            }
        }

        if (history)
        {
            logger.LogInformation("Demo outcomes recorded on the seeded needs' proposals: {Outcomes}", outcomes);
        }

        logger.LogInformation("Proposal backfill finished");
    }
}

/// <summary>Published listings whose current version has no stored proposals yet: what the backfill matches.</summary>
public static class AwaitingMatchExtensions
{
    public static IQueryable<T> AwaitingMatch<T>(this IQueryable<T> listings)
        where T : Listing =>
        listings.Where(l => l.Status == ListingStatus.Published && (l.MatchedVersion == null || l.MatchedVersion != l.Version));

    /// <summary>Whether any listing still waits for the backfill (start-up work not finished).</summary>
    public static async Task<bool> AnyAwaitingMatchAsync(this AppDbContext db, CancellationToken ct) =>
        await db.Needs.AwaitingMatch().AnyAsync(ct) || await db.Achievements.AwaitingMatch().AnyAsync(ct);
}

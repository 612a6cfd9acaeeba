using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Matching;

/// <summary>Platform settings of matching beyond the engine's own (section "Matching").</summary>
public sealed class ProposalOptions
{
    /// <summary>How many proposals are stored per published listing.</summary>
    public int ProposalsPerListing { get; set; } = 20;

    /// <summary>
    /// Proposals need real textual overlap: without it, locality, field, maturity and budget alone
    /// would propose unrelated pairs from the same city and field.
    /// </summary>
    public double MinTextSimilarity { get; set; } = 0.08;

    /// <summary>
    /// Proposals scoring below this are the weak tail: stored and counted, but shown only on "show more"
    /// (<c>Matching:DisplayFloor</c>; calibrated on the demo data, docs/matching.md).
    /// </summary>
    public double DisplayFloor { get; set; } = 0.40;

    /// <summary>
    /// Snapshot of the index for fast restarts (<c>Matching:SnapshotPath</c>); a relative path is under the data
    /// directory (<c>Database:DataDirectory</c>, App_Data by default). Empty switches snapshots off.
    /// </summary>
    public string SnapshotPath { get; set; } = "matching-index.snapshot";

    /// <summary>Snapshots are written only for an index of at least this many listings (a small one rebuilds in moments).</summary>
    public int SnapshotMinListings { get; set; } = 5_000;

    /// <summary>Minutes between snapshots while running (0: only after a start-up rebuild and at shutdown).</summary>
    public int SnapshotIntervalMinutes { get; set; } = 60;

    /// <summary>Listings changed this long before the snapshot was taken are re-read too (writes in flight).</summary>
    public int SnapshotCatchUpMarginSeconds { get; set; } = 300;

    /// <summary>
    /// A snapshot is used only when the listings to re-read or remove are at most this share of the published
    /// ones (or <see cref="SnapshotCatchUpMinimum"/>); otherwise the index is rebuilt from the database.
    /// </summary>
    public double SnapshotCatchUpMaxShare { get; set; } = 0.2;

    public int SnapshotCatchUpMinimum { get; set; } = 1_000;

    /// <summary>The hourly sweep retrains the ranker when this many outcomes are new since the last candidate (0: never).</summary>
    public int RetrainAfterOutcomes { get; set; } = 200;

    /// <summary>Seconds between two checks of which ranker the database says is promoted (every node).</summary>
    public int RankerCheckSeconds { get; set; } = 60;
}

/// <summary>
/// The node's in-memory matching index over published listings. Rebuilt from the database at
/// start-up; kept current by the publish and withdraw handlers.
/// </summary>
public sealed class MatchingIndex(MatchingOptions options, ILogger<MatchingIndex> logger) : IDisposable
{
    public MatchingEngine Engine { get; } = new(options);

    public MatchingOptions Options => options;

    /// <summary>How this node's index came to be at start-up: rebuilt from the database or loaded from a snapshot.</summary>
    public IndexOrigin Origin { get; internal set; }

    public async Task RebuildAsync(AppDbContext db, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var documents = new List<ListingDocument>();
        await foreach (var a in db.Achievements.AsNoTracking().Where(a => a.Status == ListingStatus.Published)
                           .Select(ListingDocuments.AchievementRow).AsAsyncEnumerable().WithCancellation(ct))
        {
            documents.Add(ListingDocuments.From(a));
        }

        await foreach (var n in db.Needs.AsNoTracking().Where(n => n.Status == ListingStatus.Published)
                           .Select(ListingDocuments.NeedRow).AsAsyncEnumerable().WithCancellation(ct))
        {
            documents.Add(ListingDocuments.From(n));
        }

        Engine.Rebuild(documents);
        logger.LogInformation("Matching index rebuilt with {Count} listings in {ElapsedMs:F0} ms",
            documents.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Brings one listing's entry in line with the database: indexed when published, removed otherwise.</summary>
    public async Task<ListingDocument?> SyncAsync(AppDbContext db, Guid id, bool isAchievement, CancellationToken ct)
    {
        ListingDocument? document = isAchievement
            ? await db.Achievements.AsNoTracking().Where(a => a.Id == id && a.Status == ListingStatus.Published)
                .Select(ListingDocuments.AchievementRow).FirstOrDefaultAsync(ct) is { } a ? ListingDocuments.From(a) : null
            : await db.Needs.AsNoTracking().Where(n => n.Id == id && n.Status == ListingStatus.Published)
                .Select(ListingDocuments.NeedRow).FirstOrDefaultAsync(ct) is { } n ? ListingDocuments.From(n) : null;
        if (document is null)
        {
            Engine.Remove(id);
        }
        else
        {
            Engine.Upsert(document);
        }

        return document;
    }

    public void Dispose() => Engine.Dispose();
}

/// <summary>
/// Fills the index once the database is migrated, before the node serves requests: from the saved snapshot plus
/// the listings changed since (see <see cref="MatchingSnapshots"/>), or rebuilt from the database. Saves a snapshot
/// after a rebuild, periodically, and at shutdown.
/// </summary>
public sealed class MatchingIndexStartup(
    IServiceProvider services,
    MatchingIndex index,
    IOptions<ProposalOptions> options,
    DatabaseOptions database,
    IHostEnvironment environment,
    TimeProvider clock,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly MatchingSnapshots _snapshots = new(index, options, database, environment, clock, loggers.CreateLogger<MatchingSnapshots>());
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stopLock = new();
    private Task _background = Task.CompletedTask;
    private Task _refitCopies = Task.CompletedTask;
    private Task? _stop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        index.Engine.Refitted += CopyAfterRefit; // before the load: a catch-up can refit
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await _snapshots.TryLoadAsync(db, cancellationToken))
            {
                index.Origin = IndexOrigin.Snapshot;
            }
            else
            {
                await index.RebuildAsync(db, cancellationToken);
                index.Origin = IndexOrigin.Rebuilt;
                _background = Task.Run(() => _snapshots.SaveAsync(_stopping.Token), CancellationToken.None);
            }
        }

        var minutes = options.Value.SnapshotIntervalMinutes;
        if (minutes > 0)
        {
            var first = _background;
            _background = Task.Run(async () =>
            {
                await first;
                using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
                while (await timer.WaitForNextTickAsync(_stopping.Token))
                {
                    await _snapshots.SaveAsync(_stopping.Token);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// A refit leaves the index on the heap (3.2 GB at a million listings): a copy is written and served mapped right
    /// away rather than at the next interval. Copies run one after another, and stop with the node.
    /// </summary>
    private void CopyAfterRefit(object? sender, EventArgs e)
    {
        lock (_stopLock)
        {
            if (_stop != null) return;
            var previous = _refitCopies;
            _refitCopies = Task.Run(async () =>
            {
                await previous;
                try
                {
                    await _snapshots.SaveAsync(_stopping.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
                {
                    // stopping: the shutdown copy follows
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// Stops the snapshot work and writes the shutdown copy once; every call waits for that one stop. A host can be
    /// stopped twice at once (WebApplicationFactory stops it on dispose while Program's <c>app.Run()</c>, woken by
    /// ApplicationStopping, stops it again), and each caller disposes the host as soon as its own stop returns. A call
    /// that returned early let the host be disposed under the other: its write raced the next start, and disposing
    /// <c>_stopping</c> dropped the callbacks <c>CancelAsync</c> had queued, so the timer loop and that stop never ended.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Task stop;
        lock (_stopLock)
        {
            stop = _stop ??= StopOnceAsync(cancellationToken);
        }

        return stop.WaitAsync(cancellationToken);
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        index.Engine.Refitted -= CopyAfterRefit;
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return; // disposed without a stop: the host was torn down, nothing left to save
        }

        try
        {
            await _background;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        await _refitCopies; // ends on the cancellation, its own faults logged by SaveAsync

        try
        {
            await _snapshots.SaveAsync(cancellationToken, serve: false); // shutting down: nothing left to serve
        }
        catch (ObjectDisposedException)
        {
            // The host was torn down without a graceful stop and the index is already gone: nothing left to save;
            // the next start rebuilds or catches up from the previous snapshot.
        }
    }

    public void Dispose() => _stopping.Dispose();
}

/// <summary>Where a node's matching index came from at start-up.</summary>
public enum IndexOrigin
{
    NotStarted,
    Rebuilt,
    Snapshot,
}

/// <summary>How listings become engine documents: which text goes to title, keywords and body.</summary>
public static class ListingDocuments
{
    public sealed record AchievementData(Guid Id, string Title, List<string> Keywords, string Summary, string ProblemSolved, string Advantages,
        TechnicalField Field, int? Trl, decimal? PriceMin, decimal? PriceMax, string RegionCode, Guid OrganisationId);

    public sealed record NeedData(Guid Id, string Title, string Background, List<NeedIndicator> Indicators, string Scenario,
        TechnicalField Field, int? RequiredTrl, decimal? BudgetMin, decimal? BudgetMax, string RegionCode, Guid OrganisationId);

    public static readonly System.Linq.Expressions.Expression<Func<Achievement, AchievementData>> AchievementRow = a => new AchievementData(
        a.Id, a.Title, a.Keywords, a.Summary, a.ProblemSolved, a.Advantages, a.Field, a.Trl, a.PriceMin, a.PriceMax,
        a.Organisation!.RegionCode, a.OrganisationId);

    public static readonly System.Linq.Expressions.Expression<Func<Need, NeedData>> NeedRow = n => new NeedData(
        n.Id, n.Title, n.Background, n.Indicators, n.Scenario, n.Field, n.RequiredTrl, n.BudgetMin, n.BudgetMax,
        n.Organisation!.RegionCode, n.OrganisationId);

    public static ListingDocument From(AchievementData a) => new(
        a.Id, ListingKind.Achievement, a.Title, string.Join(' ', a.Keywords), Join(a.Summary, a.ProblemSolved, a.Advantages),
        (int)a.Field, a.Trl, a.PriceMin, a.PriceMax, a.RegionCode, a.OrganisationId);

    public static ListingDocument From(NeedData n) => new(
        n.Id, ListingKind.Need, n.Title, "", Join(n.Background, string.Join('；', n.Indicators.Select(i => $"{i.Name} {i.Target}{i.Unit}")), n.Scenario),
        (int)n.Field, n.RequiredTrl, n.BudgetMin, n.BudgetMax, n.RegionCode, n.OrganisationId);

    private static string Join(params string[] parts) => string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}

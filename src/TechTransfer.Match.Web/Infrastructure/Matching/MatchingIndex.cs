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
}

/// <summary>
/// The node's in-memory matching index over published listings. Rebuilt from the database at
/// start-up; kept current by the publish and withdraw handlers.
/// </summary>
public sealed class MatchingIndex(MatchingOptions options, ILogger<MatchingIndex> logger) : IDisposable
{
    public MatchingEngine Engine { get; } = new(options);

    public MatchingOptions Options => options;

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

/// <summary>Rebuilds the index once the database is migrated, before the node serves requests.</summary>
public sealed class MatchingIndexStartup(IServiceProvider services, MatchingIndex index) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await index.RebuildAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
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

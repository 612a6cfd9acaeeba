using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>
/// Cancels previews nobody committed or cancelled within <see cref="ImportOptions.PreviewLifetime"/> and deletes their
/// uploads, which would otherwise stay on disk for good (up to the upload limit each). Safe with several nodes and
/// against a commit in the same moment: a preview is cancelled only by the update that still finds it previewed.
/// </summary>
public sealed class ImportPreviewSweeper(IServiceProvider services, IOptions<ImportOptions> options, TimeProvider clock, ILogger<ImportPreviewSweeper> logger)
    : BackgroundService
{
    public const string Expired = "The preview expired without a commit; upload the file again.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may not be migrated yet at the first tick, or briefly away: the next tick tries again.
                logger.LogWarning(e, "Could not sweep expired import previews");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Cancels the expired previews and deletes their files; returns how many it cancelled. The version moves on, so
    /// a commit that read the preview before the sweep fails its concurrency check instead of queuing a cancelled job.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - options.Value.PreviewLifetime;
        var expired = await db.ImportJobs.AsNoTracking().Where(j => j.Status == ImportJobStatus.Previewed && j.CreatedAt < before)
            .Select(j => new { j.Id, j.StoredPath }).ToListAsync(ct);
        var cancelled = 0;
        foreach (var job in expired)
        {
            var changed = await db.ImportJobs.Where(j => j.Id == job.Id && j.Status == ImportJobStatus.Previewed)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Cancelled)
                    .SetProperty(j => j.FinishedAt, now).SetProperty(j => j.FailureMessage, Expired)
                    .SetProperty(j => j.UpdatedAt, now).SetProperty(j => j.Version, j => j.Version + 1), ct);
            if (changed == 1)
            {
                cancelled++;
                if (File.Exists(job.StoredPath))
                {
                    File.Delete(job.StoredPath);
                }
            }
        }

        if (cancelled > 0)
        {
            logger.LogInformation("Cancelled {Count} expired import previews", cancelled);
        }

        return cancelled;
    }
}

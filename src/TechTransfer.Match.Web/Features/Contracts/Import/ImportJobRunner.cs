using System.Security.Claims;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>
/// Runs background imports one at a time. Each import is a single database transaction, so a job cut short by
/// a crash or restart leaves nothing half-written; at start-up the runner picks up jobs still queued or running
/// and runs them again from the start (imports are idempotent), up to <see cref="ImportOptions.MaxAttempts"/>.
/// </summary>
public sealed class ImportJobRunner(
    IServiceProvider services, ImportJobQueue queue, ImportProgressRegistry registry, Microsoft.Extensions.Options.IOptions<ImportOptions> options,
    ILogger<ImportJobRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResumeInterruptedAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not look for interrupted import jobs");
        }

        await foreach (var jobId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(jobId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the transaction rolled back; the job stays Running and resumes at the next start.
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Import job {JobId} failed", jobId);
                await FinishAsync(jobId, ImportJobStatus.Failed, null, "The import failed: " + e.GetBaseException().Message, CancellationToken.None);
            }
            finally
            {
                registry.Remove(jobId);
            }
        }
    }

    /// <summary>Queues again the jobs a stop or crash left queued or running; called at start-up.</summary>
    internal async Task ResumeInterruptedAsync(CancellationToken ct)
    {
        // Wait until the database initializer has migrated the database.
        await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = await db.ImportJobs.AsNoTracking()
            .Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running)
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).ToListAsync(ct);
        foreach (var id in pending)
        {
            logger.LogWarning("Import job {JobId} was interrupted; running it again", id);
            queue.Enqueue(id);
        }
    }

    private async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        ImportJob job;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            job = (await db.ImportJobs.FindAsync([jobId], ct))!;
            if (job is null || job.Status is not (ImportJobStatus.Queued or ImportJobStatus.Running))
            {
                return;
            }

            if (job.Attempts >= options.Value.MaxAttempts || !File.Exists(job.StoredPath))
            {
                await FinishAsync(jobId, ImportJobStatus.Failed, null,
                    File.Exists(job.StoredPath) ? "The import was interrupted too many times." : "The uploaded file is gone.", ct);
                return;
            }

            job.Status = ImportJobStatus.Running;
            job.Attempts++;
            job.StartedAt = DateTime.UtcNow;
            await db.SaveChangesAsync(ct);
        }

        registry.Report(jobId, new ImportProgress(0, 0, 0));
        await using (var scope = services.CreateAsyncScope())
        {
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, job.CreatedBy?.ToString() ?? ""), new Claim(ClaimTypes.Role, Roles.BureauAnalyst)], "import-job"));
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var box = new ImportReportBox();
            var result = await mediator.Send(new ImportContracts(job.StoredPath, job.Format, job.ValidOnly, job.Id, box, p =>
            {
                registry.Report(jobId, p);
                // Progress is not a change of record: it is published as it happens, outside the import's transaction
                // and in a scope of its own, so handlers never share the importer's DbContext.
                _ = PublishProgressAsync(new ImportJobProgressed(jobId, job.CreatedBy, p.RowsRead, p.RowsValid, p.RowsRejected));
            }), ct);
            if (!result.IsSuccess)
            {
                await FinishAsync(jobId, ImportJobStatus.Rejected, box.Report, result.Error!.Message, ct);
            }
        }

        TryDelete(job.StoredPath);
    }

    private async Task PublishProgressAsync(ImportJobProgressed progress)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(progress, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not publish the progress of import job {JobId}", progress.ImportJobId);
        }
    }

    private async Task FinishAsync(Guid jobId, ImportJobStatus status, ImportReport? report, string? message, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var job = await db.ImportJobs.FindAsync([jobId], ct);
        if (job is null)
        {
            return;
        }

        // The job's ImportJobFinished event goes out through the outbox with this save.
        job.Record(status, report, message);
        await db.SaveChangesAsync(ct);
        if (status == ImportJobStatus.Failed)
        {
            TryDelete(job.StoredPath);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class ImportReportBox
{
    public ImportReport? Report { get; set; }
}

internal static class ImportJobExtensions
{
    public static void Record(this ImportJob job, ImportJobStatus status, ImportReport? report, string? message)
    {
        job.Status = status;
        job.FinishedAt = DateTime.UtcNow;
        job.FailureMessage = message is { Length: > 2000 } ? message[..2000] : message;
        if (report is not null)
        {
            job.RowsRead = report.RowsRead;
            job.RowsValid = report.RowsValid;
            job.RowsRejected = report.RowsRejected;
            job.Inserted = report.Inserted;
            job.Updated = report.Updated;
            job.Unchanged = report.Unchanged;
            job.OrganisationsCreated = report.OrganisationsCreated;
            job.Problems = JsonSerializer.Serialize(report.Problems.Take(1000), JsonSerializerOptions.Web);
        }

        job.Raise(new ImportJobFinished(job.Id, job.CreatedBy, status, job.RowsRead, job.RowsValid, job.RowsRejected, job.Inserted, job.Updated));
    }
}

using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
    IServiceProvider services, ImportJobQueue queue, ImportProgressRegistry registry, IOptions<ImportOptions> options,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ImportJobRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStartedAsync(stoppingToken);
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

    /// <summary>
    /// Jobs touch the database only once the host has started: ApplicationStarted fires after every hosted service's
    /// StartAsync has returned, so after DatabaseInitializer migrated the database, whatever the registration order
    /// and even with HostOptions.ServicesStartConcurrently. If the initializer fails, the host never starts and
    /// neither does this runner.
    /// </summary>
    private async Task HostStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>Queues again the jobs a stop or crash left queued or running; called at start-up.</summary>
    internal async Task ResumeInterruptedAsync(CancellationToken ct)
    {
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
            job.StartedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        registry.Report(jobId, new ImportProgress(0, 0, 0));
        await using (var scope = services.CreateAsyncScope())
        {
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, job.CreatedBy?.ToString() ?? ""), new Claim(ClaimTypes.Role, Roles.BureauAnalyst)], "import-job"));
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
            scope.ServiceProvider.GetRequiredService<ImportProgressSink>().Follow(job.Id, job.CreatedBy);
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            // The report's messages in the language of the request that queued the job.
            if (job.Language is { Length: > 0 } language)
            {
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
            }

            var outcome = await mediator.Send(new ImportContracts(job.StoredPath, job.Format, job.ValidOnly, job.Id, null, job.AmountUnit), ct);
            if (!outcome.IsSuccess)
            {
                await FinishAsync(jobId, ImportJobStatus.Rejected, outcome.Report, outcome.Error!.Message, ct);
            }
        }

        TryDelete(job.StoredPath);
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

        job.Record(status, report, message, clock.GetUtcNow().UtcDateTime);
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

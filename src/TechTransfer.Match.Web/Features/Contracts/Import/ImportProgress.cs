using System.Collections.Concurrent;
using Mediator;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

public sealed record ImportProgress(int RowsRead, int RowsValid, int RowsRejected);

/// <summary>Live progress of running jobs on this node; the database keeps the final report.</summary>
public sealed class ImportProgressRegistry
{
    private readonly ConcurrentDictionary<Guid, ImportProgress> _running = new();

    public void Report(Guid jobId, ImportProgress progress) => _running[jobId] = progress;

    public ImportProgress? Get(Guid jobId) => _running.GetValueOrDefault(jobId);

    public void Remove(Guid jobId) => _running.TryRemove(jobId, out _);
}

/// <summary>
/// Where the import running in this scope reports its progress. Nobody listens to an upload imported at once;
/// <see cref="ImportJobRunner"/> has the sink follow the job it runs: progress then shows in the job's status
/// (<see cref="ImportProgressRegistry"/>) and goes to its starter as <see cref="ImportJobProgressed"/>. Progress is
/// not a change of record: it is published as it happens, outside the import's transaction and in a scope of its
/// own, so handlers never share the importer's DbContext.
/// </summary>
public sealed class ImportProgressSink(ImportProgressRegistry registry, IServiceScopeFactory scopes, ILogger<ImportProgressSink> logger)
    : IProgress<ImportProgress>
{
    private (Guid JobId, Guid? UserId)? _job;

    public void Follow(Guid jobId, Guid? userId) => _job = (jobId, userId);

    public void Report(ImportProgress value)
    {
        if (_job is { } job)
        {
            registry.Report(job.JobId, value);
            _ = PublishAsync(new ImportJobProgressed(job.JobId, job.UserId, value.RowsRead, value.RowsValid, value.RowsRejected));
        }
    }

    private async Task PublishAsync(ImportJobProgressed progress)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(progress, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not publish the progress of import job {JobId}", progress.ImportJobId);
        }
    }
}

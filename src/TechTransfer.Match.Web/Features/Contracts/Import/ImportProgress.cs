using System.Collections.Concurrent;

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

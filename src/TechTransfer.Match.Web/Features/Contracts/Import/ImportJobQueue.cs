using System.Threading.Channels;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>The queue of background imports, consumed by <see cref="ImportJobRunner"/>.</summary>
public sealed class ImportJobQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid jobId) => _channel.Writer.TryWrite(jobId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

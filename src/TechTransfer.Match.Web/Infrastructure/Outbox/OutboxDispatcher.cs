using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Outbox;

/// <summary>Configuration section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this node's worker delivers stored events (every node may: a claim makes one deliver each).</summary>
    public bool WorkerEnabled { get; set; } = true;
    /// <summary>Whether a command delivers its own events right after its commit, before it answers.</summary>
    public bool DeliverAfterCommit { get; set; } = true;
    /// <summary>How often the worker looks for due events when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a node holds a message it delivers before another node may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>The first retry's delay; doubled per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// How long a command waits, before it answers, for its own events that a worker (this node's or another's)
    /// claimed first; after that the answer goes out and the reactions follow.
    /// </summary>
    public TimeSpan AwaitHeldFor { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Processed messages are deleted after this long.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Wakes the worker when a commit stored new events.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Nudge()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already nudged.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>
/// Delivers stored events to their handlers. A message is claimed with a conditional update (one node
/// at a time, taken over after the lease), each handler runs in its own scope and transaction together
/// with the record that it took the message (<see cref="OutboxDelivery"/>), so a handler that committed
/// never runs again and one that failed is retried with exponential backoff; events its handler raised
/// are delivered in turn.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private static readonly FrozenDictionary<Type, Type[]> HandlersByEvent = typeof(OutboxDispatcher).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false })
        .SelectMany(t => t.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INotificationHandler<>) && typeof(IDomainEvent).IsAssignableFrom(i.GetGenericArguments()[0]))
            .Select(i => (Event: i.GetGenericArguments()[0], Handler: t)))
        .GroupBy(x => x.Event)
        .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Handler).OrderBy(h => h.FullName, StringComparer.Ordinal).ToArray());

    private static readonly ConcurrentDictionary<string, Type?> EventTypes = new(StringComparer.Ordinal);

    private static readonly MethodInfo InvokeMethod = typeof(OutboxDispatcher).GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>This node, as written into the messages it holds.</summary>
    public string NodeId { get; } = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 100);

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

    public static OutboxMessage Store(IDomainEvent domainEvent, DateTime now) => new()
    {
        Type = domainEvent.GetType().FullName!,
        Payload = JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), JsonSerializerOptions.Web),
        CreatedAt = now,
        AvailableAt = now,
    };

    /// <summary>Delivers the given messages now (those another node holds are left to it).</summary>
    public async Task DeliverAsync(IReadOnlyList<Guid> messageIds, CancellationToken ct)
    {
        foreach (var id in messageIds)
        {
            await DeliverOneAsync(id, ct);
        }
    }

    /// <summary>
    /// A command's own messages, delivered before it answers: those a worker claimed in the instant after the commit
    /// are awaited until that worker finishes or lets them go (bounded by <see cref="OutboxOptions.AwaitHeldFor"/>),
    /// so the answer follows the reactions whoever runs them; a publish answered before its listing was indexed
    /// left the next publish unmatched against it.
    /// </summary>
    public async Task DeliverBeforeAnswerAsync(IReadOnlyList<Guid> messageIds)
    {
        var held = new List<Guid>();
        foreach (var id in messageIds)
        {
            if (!await DeliverOneAsync(id, CancellationToken.None))
            {
                held.Add(id);
            }
        }

        if (held.Count == 0)
        {
            return;
        }

        // Wall-clock time, not the injected clock: a fixed clock (tests, replays) must not make this wait forever.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        while (waited.Elapsed < options.Value.AwaitHeldFor
               && await db.OutboxMessages.AnyAsync(m => held.Contains(m.Id) && m.ProcessedAt == null && m.LockedUntil != null))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Delivers what is due: never delivered, backoff over and not held by a live node.</summary>
    public async Task<int> DeliverDueAsync(int batch, CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.ProcessedAt == null && m.AvailableAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.AvailableAt).ThenBy(m => m.Id)
                .Select(m => m.Id).Take(batch).ToListAsync(ct);
        }

        await DeliverAsync(due, ct);
        return due.Count;
    }

    /// <summary>Deletes messages delivered longer ago than the retention.</summary>
    public async Task PurgeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = clock.GetUtcNow().UtcDateTime - options.Value.Retention;
        await db.OutboxMessages.Where(m => m.ProcessedAt != null && m.ProcessedAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>Delivers one message; false when another holder had claimed it (it is that holder's to deliver).</summary>
    private async Task<bool> DeliverOneAsync(Guid id, CancellationToken ct)
    {
        var o = options.Value;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now + o.Lease;
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == id && m.ProcessedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.LockedBy, NodeId), ct);
            if (claimed == 0)
            {
                return false;
            }
        }

        // From the claim on, a stop hands the message back, even one that comes while the message is still being
        // read: a claim left behind would hold the message for the whole lease (CI saw a restarted node wait for it).
        try
        {
            OutboxMessage message;
            HashSet<string> done;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                message = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, ct);
                done = (await db.OutboxDeliveries.AsNoTracking().Where(d => d.MessageId == id).Select(d => d.Handler).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            }

            var eventType = EventTypes.GetOrAdd(message.Type, name => typeof(OutboxDispatcher).Assembly.GetType(name));
            if (eventType is null || JsonSerializer.Deserialize(message.Payload, eventType, JsonSerializerOptions.Web) is not IDomainEvent domainEvent)
            {
                await FinishAsync(id, $"Unknown event type {message.Type}.", message.Attempts, ct);
                return true;
            }

            foreach (var handlerType in HandlersByEvent.GetValueOrDefault(eventType, []))
            {
                var name = handlerType.FullName!;
                if (done.Contains(name))
                {
                    continue;
                }

                IReadOnlyList<Guid> raised;
                try
                {
                    raised = await RunHandlerAsync(message.Id, handlerType, name, eventType, domainEvent, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    logger.Log(message.Attempts >= 5 ? LogLevel.Error : LogLevel.Warning, ex,
                        "Delivering {Event} {MessageId} to {Handler} failed (attempt {Attempt}); it will be retried", eventType.Name, id, handlerType.Name, message.Attempts + 1);
                    await FinishAsync(id, $"{handlerType.Name}: {ex.GetType().Name}: {ex.Message}", message.Attempts, ct);
                    return true;
                }

                // Events the handler raised (a proposal made, a notification to send) follow at once.
                await DeliverAsync(raised, ct);
            }

            await FinishAsync(id, null, message.Attempts, ct);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The node is stopping: hand the message back now rather than leave it locked for the whole lease,
            // so the next node (or this one restarted) delivers it at once. No attempt is counted.
            await ReleaseAsync(id, CancellationToken.None);
            throw;
        }
    }

    private async Task<IReadOnlyList<Guid>> RunHandlerAsync(Guid messageId, Type handlerType, string name, Type eventType, IDomainEvent domainEvent, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        var afterCommit = scope.ServiceProvider.GetRequiredService<AfterCommit>();
        var stored = await strategy.ExecuteAsync(async () =>
        {
            // A retried attempt announces only what it commits.
            afterCommit.RolledBack();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var handler = ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, handlerType);
            await (ValueTask)InvokeMethod.MakeGenericMethod(eventType).Invoke(null, [handler, domainEvent, ct])!;
            db.OutboxDeliveries.Add(new OutboxDelivery { MessageId = messageId, Handler = name, At = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return db.TakeStoredOutboxIds();
        });
        await afterCommit.CommittedAsync();
        return stored;
    }

    private static ValueTask InvokeAsync<TEvent>(object handler, IDomainEvent domainEvent, CancellationToken ct)
        where TEvent : IDomainEvent =>
        ((INotificationHandler<TEvent>)handler).Handle((TEvent)domainEvent, ct);

    private async Task ReleaseAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == NodeId && m.ProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTime?)null), ct);
    }

    /// <summary>Marks the message delivered, or records the failure and when to try again; releases the claim.</summary>
    private async Task FinishAsync(Guid id, string? error, int attempts, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (error is null)
        {
            await db.OutboxMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
            return;
        }

        var o = options.Value;
        var delay = TimeSpan.FromTicks(Math.Min(o.MaxBackoff.Ticks, o.FirstBackoff.Ticks * (1L << Math.Min(attempts, 20))));
        var next = now + delay;
        var text = Truncate(error, 2000);
        await db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts + 1).SetProperty(m => m.AvailableAt, next)
                .SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LastError, text), CancellationToken.None);
    }
}

/// <summary>Each node's worker: delivers due events when woken by a commit or every poll interval.</summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, OutboxSignal signal, IOptions<OutboxOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        var purgedAt = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await dispatcher.DeliverDueAsync(50, stoppingToken) == 50)
                {
                }

                if (DateTime.UtcNow - purgedAt > TimeSpan.FromHours(1))
                {
                    await dispatcher.PurgeAsync(stoppingToken);
                    purgedAt = DateTime.UtcNow;
                }

                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be away for a moment (restart, failover): try again later.
                logger.LogWarning(ex, "The outbox worker could not read due events");
                await Task.Delay(options.Value.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}

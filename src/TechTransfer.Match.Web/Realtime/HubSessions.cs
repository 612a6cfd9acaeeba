using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>
/// The hub connections of this node and the sign-in session each came with. A connection outlives the
/// request that opened it, so a logout, a deactivation or a reused refresh token would otherwise leave
/// it receiving pushes; <see cref="HubSessionSweeper"/> closes those.
/// </summary>
public sealed class HubSessions
{
    private readonly ConcurrentDictionary<string, (Guid Session, HubCallerContext Context)> _connections = new(StringComparer.Ordinal);

    public void Add(HubCallerContext context, Guid session) => _connections[context.ConnectionId] = (session, context);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IReadOnlyCollection<Guid> Sessions => _connections.Values.Select(c => c.Session).Distinct().ToList();

    /// <summary>Aborts the connections of the given sessions; returns how many.</summary>
    public int Close(IReadOnlySet<Guid> sessions)
    {
        var closed = 0;
        foreach (var (id, (session, context)) in _connections)
        {
            if (sessions.Contains(session) && _connections.TryRemove(id, out _))
            {
                context.Abort();
                closed++;
            }
        }

        return closed;
    }
}

/// <summary>Every few seconds, closes this node's hub connections whose session has ended (checked in the database, so on every node).</summary>
public sealed class HubSessionSweeper(HubSessions connections, IServiceScopeFactory scopes, RealtimeOptions options, ILogger<HubSessionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.SessionSweepSeconds)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var sessions = connections.Sessions;
            if (sessions.Count == 0)
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var live = (await db.UserSessions.AsNoTracking()
                    .Where(s => sessions.Contains(s.Id) && s.RevokedAt == null && db.Users.Any(u => u.Id == s.UserId && u.DeactivatedAt == null && u.ErasedAt == null))
                    .Select(s => s.Id).ToListAsync(stoppingToken)).ToHashSet();
                var ended = sessions.Where(s => !live.Contains(s)).ToHashSet();
                if (ended.Count > 0)
                {
                    logger.LogInformation("Closed {Count} hub connections of ended sessions", connections.Close(ended));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not check the sessions of hub connections");
            }
        }
    }
}

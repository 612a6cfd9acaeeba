using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>
/// The daily summary pushed to a person who chose <see cref="DeliveryMode.DailyDigest"/>: how many
/// unread notifications of each kind (by name, e.g. <c>"MatchProposed"</c>) were stored for them in the
/// window <c>[WindowStart, WindowEnd)</c>. <see cref="Id"/> is the stored <see cref="NotificationKind.Digest"/>
/// notification's id.
/// </summary>
public sealed record DigestMessage(Guid Id, DateTime WindowStart, DateTime WindowEnd, int Total, IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// Builds and sends the digests of one window: pushed over the hub to people with digest delivery, e-mailed
/// (through the outbox, <see cref="NotificationMails"/>) to people who chose kinds for the digest e-mail.
/// Safe with several nodes: each digest is stored as a
/// <see cref="NotificationKind.Digest"/> notification whose id is derived from the person and the window,
/// so the primary key lets exactly one node insert it, and only the node that inserted it pushes it.
/// A digest already stored for the window is the marker that it was sent.
/// </summary>
public sealed class DailyDigestSender(
    AppDbContext db, IHubContext<NotificationsHub, INotificationsClient> hub, RealtimeOptions options, TimeProvider clock, ILogger<DailyDigestSender> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The last window that has ended by now: a day ending at <see cref="RealtimeOptions.DigestHourUtc"/> UTC.</summary>
    public (DateTime Start, DateTime End) CurrentWindow()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var end = now.Date.AddHours(options.DigestHourUtc);
        if (end > now)
        {
            end = end.AddDays(-1);
        }

        return (end.AddDays(-1), end);
    }

    /// <summary>Sends the digests of the last ended window that no node has sent yet; returns how many this call sent.</summary>
    public async Task<int> SendAsync(CancellationToken ct)
    {
        var (start, end) = CurrentWindow();
        // Pushed to those with digest delivery in the app (unless they muted it), e-mailed to those who chose kinds for the digest e-mail.
        var people = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.Delivery == DeliveryMode.DailyDigest || p.DigestEmailKinds.Count > 0)
            .Select(p => new { p.UserId, p.Delivery, p.MutedKinds, p.DigestEmailKinds })
            .ToListAsync(ct);
        var push = people.Where(p => p.Delivery == DeliveryMode.DailyDigest && !p.MutedKinds.Contains(NotificationKind.Digest)).Select(p => p.UserId).ToHashSet();
        var mailKinds = people.Where(p => p.DigestEmailKinds.Count > 0).ToDictionary(p => p.UserId, p => p.DigestEmailKinds.Select(k => k.ToString()).ToHashSet());
        var ids = push.Concat(mailKinds.Keys).Distinct().ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        var counts = await db.Notifications.AsNoTracking()
            .Where(n => ids.Contains(n.UserId) && n.ReadAt == null && n.Kind != NotificationKind.Digest && n.CreatedAt >= start && n.CreatedAt < end)
            .GroupBy(n => new { n.UserId, n.Kind })
            .Select(g => new { g.Key.UserId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);
        var digests = counts.GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Kind.ToString(), c => c.Count));
        var digestIds = digests.Keys.ToDictionary(u => u, u => DigestId(u, end));
        var candidates = digestIds.Values.ToList();
        var alreadySent = (await db.Notifications.AsNoTracking().Where(n => candidates.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct)).ToHashSet();

        var sent = 0;
        foreach (var (userId, byKind) in digests)
        {
            var id = digestIds[userId];
            var mailed = mailKinds.TryGetValue(userId, out var kinds)
                ? byKind.Where(c => kinds.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value)
                : [];
            var pushed = push.Contains(userId);
            if (alreadySent.Contains(id) || (!pushed && mailed.Count == 0))
            {
                continue;
            }

            var message = new DigestMessage(id, start, end, byKind.Values.Sum(), byKind);
            var mail = mailed.Count > 0 ? new DigestMailDue(id, userId, start, end, mailed) : null;
            if (!await ClaimAsync(userId, message, mail, ct))
            {
                continue;
            }

            if (pushed)
            {
                await hub.Clients.User(userId.ToString()).Digest(message);
            }

            sent++;
        }

        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} daily digests for {WindowStart:u} to {WindowEnd:u}", sent, start, end);
        }

        return sent;
    }

    /// <summary>
    /// Stores the digest, and its e-mail in the outbox in the same save; false when another node stored it first
    /// (its id is taken). Stored as read: it summarises notifications that are themselves unread, and must not
    /// add to the unread count.
    /// </summary>
    private async Task<bool> ClaimAsync(Guid userId, DigestMessage message, DigestMailDue? mail, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var notification = new Notification
        {
            Id = message.Id,
            UserId = userId,
            Kind = NotificationKind.Digest,
            Data = JsonSerializer.Serialize(new { message.WindowStart, message.WindowEnd, message.Total, message.Counts }, Json),
            Link = "/notifications",
            ReadAt = now,
        };
        if (mail is not null)
        {
            notification.Raise(mail);
        }

        db.Notifications.Add(notification);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The loser forgets the digest and the e-mail stored with it, so its next save does not send it after all.
            db.Entry(notification).State = EntityState.Detached;
            foreach (var stored in db.ChangeTracker.Entries<Infrastructure.Outbox.OutboxMessage>().Where(e => e.State == EntityState.Added).ToList())
            {
                stored.State = EntityState.Detached;
            }

            db.DiscardEvents();
            if (await db.Notifications.AsNoTracking().AnyAsync(n => n.Id == message.Id, ct))
            {
                return false; // another node sent it
            }

            throw;
        }
    }

    /// <summary>A name-based (version 8) UUID of the person and the window's end: the same on every node.</summary>
    public static Guid DigestId(Guid userId, DateTime windowEnd)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"ttm-digest:{userId:N}:{windowEnd.Ticks}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>
/// Once a day at <c>Realtime:DigestHourUtc</c> (and once at start-up, to catch up a window a stopped
/// node missed) sends the daily digests. Every node runs it; the stored digest decides who sends.
/// </summary>
public sealed class DailyDigestService(IServiceProvider services, RealtimeOptions options, TimeProvider clock, ILogger<DailyDigestService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.DigestEnabled)
        {
            return;
        }

        // Let start-up (migrations, index rebuild) finish before the catch-up run.
        if (!await DelayAsync(TimeSpan.FromSeconds(10), stoppingToken))
        {
            return;
        }

        while (true)
        {
            TimeSpan wait;
            try
            {
                await using (var scope = services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DailyDigestSender>().SendAsync(stoppingToken);
                }

                var now = clock.GetUtcNow();
                var next = new DateTimeOffset(now.UtcDateTime.Date.AddHours(options.DigestHourUtc), TimeSpan.Zero);
                if (next <= now)
                {
                    next = next.AddDays(1);
                }

                // A few seconds past the hour, so that a node whose clock is a little behind still sees the new
                // window, plus up to half a minute at random, so that nodes rarely race for the same digests
                // (a node that loses a race skips that digest: its insert fails on the taken id).
                wait = next - now + TimeSpan.FromSeconds(5 + Random.Shared.Next(30));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The same window is retried: the stored digests make the retry send only what is missing.
                logger.LogError(ex, "Daily digest run failed; retrying in a minute.");
                wait = TimeSpan.FromMinutes(1);
            }

            if (!await DelayAsync(wait, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, clock, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Outbox;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>
/// Stores a notification for each recipient who wants it, pushes it to those who chose instant
/// delivery and queues its e-mail for those who chose one for its kind (<see cref="NotificationMails"/>).
/// Called from domain-event handlers, which run after the change committed, in the transaction of their delivery: the
/// pushes go out once that commits (<see cref="AfterCommit"/>), so a page that reloads on one finds the notification.
/// </summary>
public sealed class NotificationDispatcher(AppDbContext db, IHubContext<NotificationsHub, INotificationsClient> hub, TimeProvider clock, AfterCommit afterCommit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ToOrganisationMembersAsync(
        IEnumerable<Guid> organisationIds, NotificationKind kind, object data, string? link, double? score, CancellationToken ct, string? subject = null)
    {
        var ids = organisationIds.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.OrganisationId != null && ids.Contains(u.OrganisationId.Value)).Select(u => u.Id).ToListAsync(ct);
        await ToUsersAsync(users, kind, data, link, score, ct, subject);
    }

    /// <summary>Notifies the people; <paramref name="subject"/> groups them when it is not the link (<see cref="Notification.Subject"/>).</summary>
    public async Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, NotificationKind kind, object data, string? link, double? score, CancellationToken ct, string? subject = null)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var preferences = await db.NotificationPreferences.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var payload = JsonSerializer.Serialize(data, Json);
        var now = clock.GetUtcNow().UtcDateTime;
        var instant = new List<Notification>();
        foreach (var userId in userIds.Distinct())
        {
            var preference = preferences.GetValueOrDefault(userId);
            if (preference is not null && (preference.MutedKinds.Contains(kind) || (score is { } s && s < preference.MinMatchScore)))
            {
                continue;
            }

            var notification = new Notification { UserId = userId, Kind = kind, Data = payload, Link = link, Subject = subject, CreatedAt = now, UpdatedAt = now };
            db.Notifications.Add(notification);
            if (preference?.EmailKinds.Contains(kind) == true)
            {
                // Stored with the notification, sent by the outbox after the commit: never lost, never sent for a rolled-back change.
                notification.Raise(new NotificationMailDue(notification.Id));
            }

            if (preference?.Delivery != DeliveryMode.DailyDigest)
            {
                instant.Add(notification);
            }
        }

        await db.SaveChangesAsync(ct);
        await afterCommit.RunAsync(async () =>
        {
            foreach (var n in instant)
            {
                await hub.Clients.User(n.UserId.ToString()).Notification(new NotificationMessage(n.Id, n.Kind, n.Data, n.Link, n.CreatedAt));
            }
        });
    }
}

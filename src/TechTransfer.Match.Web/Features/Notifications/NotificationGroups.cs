using System.Linq.Expressions;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Web.Features.Notifications;

/// <summary>
/// Notifications of one kind about one subject (the published listing for proposals, otherwise their link:
/// the deal, the interest) in one day form a group, shown as one row. <see cref="Id"/> is the newest item's id,
/// the handle to expand the group or mark it read; <see cref="Link"/> is its link; <see cref="Day"/> is the
/// start of the day (UTC).
/// </summary>
public sealed record NotificationGroupView(Guid Id, NotificationKind Kind, string? Link, DateTime Day, int Count, int Unread, NotificationView Latest);

public sealed record NotificationGroupPage(IReadOnlyList<NotificationGroupView> Items, int Page, int PageSize, int Total, int Unread, int UnreadGroups);

/// <summary>
/// The grouping rule. A day is the daily digest's window (from <c>Realtime:DigestHourUtc</c> to the same
/// hour the next day), so a group never straddles two digests.
/// </summary>
public static class NotificationGrouping
{
    /// <summary>A member-init key (not a constructor) so that EF translates grouping by it.</summary>
    private sealed class Key
    {
        public NotificationKind Kind { get; init; }
        public string? Subject { get; init; }
        public DateTime Day { get; init; }
    }

    /// <summary>The start of the day (UTC) a notification created at <paramref name="createdAt"/> belongs to.</summary>
    public static DateTime DayOf(DateTime createdAt, int digestHourUtc) => createdAt.AddHours(-digestHourUtc).Date.AddHours(digestHourUtc);

    private static Expression<Func<Notification, Key>> KeyOf(int digestHourUtc) =>
        n => new Key { Kind = n.Kind, Subject = n.Subject ?? n.Link, Day = n.CreatedAt.AddHours(-digestHourUtc).Date };

    /// <summary>Unread notifications, and the groups that hold at least one of them (what the bell counts).</summary>
    public static async Task<UnreadCount> UnreadAsync(AppDbContext db, Guid userId, int digestHourUtc, CancellationToken ct)
    {
        var unread = db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.ReadAt == null);
        return new UnreadCount(await unread.CountAsync(ct), await unread.GroupBy(KeyOf(digestHourUtc)).CountAsync(ct));
    }

    /// <summary>The notifications in the same group as <paramref name="member"/> (the person's own only).</summary>
    public static IQueryable<Notification> GroupOf(IQueryable<Notification> notifications, Notification member, int digestHourUtc)
    {
        var start = DayOf(member.CreatedAt, digestHourUtc);
        var end = start.AddDays(1);
        var subject = member.Subject ?? member.Link;
        return notifications.Where(n => n.UserId == member.UserId && n.Kind == member.Kind && (n.Subject ?? n.Link) == subject && n.CreatedAt >= start && n.CreatedAt < end);
    }

    /// <summary>One page of groups, the newest activity first.</summary>
    public static async Task<(IReadOnlyList<NotificationGroupView> Items, int Total)> PageAsync(
        IQueryable<Notification> mine, int digestHourUtc, bool unreadOnly, int page, int pageSize, CancellationToken ct)
    {
        var groups = mine.GroupBy(KeyOf(digestHourUtc))
            .Select(g => new { g.Key.Kind, g.Key.Subject, g.Key.Day, Count = g.Count(), Unread = g.Count(n => n.ReadAt == null), LatestAt = g.Max(n => n.CreatedAt) });
        if (unreadOnly)
        {
            // Groups with an unread item, counted whole, so a row reads the same in both lists.
            groups = groups.Where(g => g.Unread > 0);
        }

        var total = await groups.CountAsync(ct);
        var rows = await groups.OrderByDescending(g => g.LatestAt).ThenBy(g => g.Kind).ThenBy(g => g.Subject)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);

        // The newest item of each group on the page, in one query: the items created at the groups' latest times.
        var times = rows.Select(r => r.LatestAt).Distinct().ToList();
        var candidates = await mine.Where(n => times.Contains(n.CreatedAt))
            .Select(n => new { Subject = n.Subject ?? n.Link, View = new NotificationView(n.Id, n.Kind, n.Data, n.Link, n.CreatedAt, n.ReadAt) }).ToListAsync(ct);
        var items = rows.Select(r =>
        {
            var latest = candidates.Where(n => n.View.Kind == r.Kind && n.Subject == r.Subject && n.View.CreatedAt == r.LatestAt).MaxBy(n => n.View.Id)!.View;
            return new NotificationGroupView(latest.Id, r.Kind, latest.Link, DateTime.SpecifyKind(r.Day.AddHours(digestHourUtc), DateTimeKind.Utc), r.Count, r.Unread, latest);
        }).ToList();
        return (items, total);
    }
}

/// <summary>My notifications grouped (kind, subject, day), the newest activity first, with the unread counts.</summary>
public sealed record ListNotificationGroups(bool UnreadOnly = false, int Page = 1, int PageSize = 20) : IQuery<Result<NotificationGroupPage>>;

public sealed class ListNotificationGroupsValidator : AbstractValidator<ListNotificationGroups>
{
    public ListNotificationGroupsValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListNotificationGroupsHandler(AppDbContext db, CurrentUser current, RealtimeOptions options)
    : IQueryHandler<ListNotificationGroups, Result<NotificationGroupPage>>
{
    public async ValueTask<Result<NotificationGroupPage>> Handle(ListNotificationGroups query, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId)
        {
            return Error.Unauthorized();
        }

        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var hour = options.DigestHourUtc;
        var (items, total) = await NotificationGrouping.PageAsync(mine, hour, query.UnreadOnly, query.Page, query.PageSize, cancellationToken);
        var unread = await NotificationGrouping.UnreadAsync(db, userId, hour, cancellationToken);
        return new NotificationGroupPage(items, query.Page, query.PageSize, total, unread.Unread, unread.UnreadGroups);
    }

    public static async Task<Results<Ok<NotificationGroupPage>, ValidationProblem, ProblemHttpResult>> Endpoint(
        bool? unreadOnly, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListNotificationGroups(unreadOnly ?? false, page ?? 1, pageSize ?? 20), ct)).ToOk();
}

/// <summary>The items of the group one of my notifications belongs to, newest first (at most 100).</summary>
public sealed record ListNotificationGroupItems(Guid NotificationId) : IQuery<Result<IReadOnlyList<NotificationView>>>;

public sealed class ListNotificationGroupItemsHandler(AppDbContext db, CurrentUser current, RealtimeOptions options)
    : IQueryHandler<ListNotificationGroupItems, Result<IReadOnlyList<NotificationView>>>
{
    public const int MaxItems = 100;

    public async ValueTask<Result<IReadOnlyList<NotificationView>>> Handle(ListNotificationGroupItems query, CancellationToken cancellationToken)
    {
        var member = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == query.NotificationId && n.UserId == current.Id, cancellationToken);
        if (member is null)
        {
            return Error.NotFound("Notification");
        }

        return await NotificationGrouping.GroupOf(db.Notifications.AsNoTracking(), member, options.DigestHourUtc)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(MaxItems)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Data, n.Link, n.CreatedAt, n.ReadAt)).ToListAsync(cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<NotificationView>>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListNotificationGroupItems(id), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Web.Features.Notifications;

/// <summary>Unread notifications, and the groups (kind, subject, day) holding one: what the bell shows.</summary>
public sealed record UnreadCount(int Unread, int UnreadGroups);

/// <summary>
/// Marks one of my notifications read, or all of them when no id is given; with <see cref="WholeGroup"/>,
/// every notification grouped with the given one.
/// </summary>
public sealed record MarkNotificationsRead(Guid? NotificationId, bool WholeGroup = false) : ICommand<Result<UnreadCount>>;

public sealed class MarkNotificationsReadHandler(AppDbContext db, CurrentUser current, RealtimeOptions options, TimeProvider clock)
    : ICommandHandler<MarkNotificationsRead, Result<UnreadCount>>
{
    public async ValueTask<Result<UnreadCount>> Handle(MarkNotificationsRead command, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId)
        {
            return Error.Unauthorized();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var unread = db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (command.NotificationId is { } id)
        {
            var member = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
            if (member is null)
            {
                return Error.NotFound("Notification");
            }

            unread = command.WholeGroup
                ? NotificationGrouping.GroupOf(unread, member, options.DigestHourUtc)
                : unread.Where(n => n.Id == id);
        }

        await unread.ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        return await NotificationGrouping.UnreadAsync(db, userId, options.DigestHourUtc, cancellationToken);
    }

    public static async Task<Results<Ok<UnreadCount>, ValidationProblem, ProblemHttpResult>> One(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new MarkNotificationsRead(id), ct)).ToOk();

    public static async Task<Results<Ok<UnreadCount>, ValidationProblem, ProblemHttpResult>> Group(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new MarkNotificationsRead(id, WholeGroup: true), ct)).ToOk();

    public static async Task<Results<Ok<UnreadCount>, ValidationProblem, ProblemHttpResult>> All(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new MarkNotificationsRead(null), ct)).ToOk();
}

public sealed record GetUnreadCount : IQuery<Result<UnreadCount>>;

public sealed class GetUnreadCountHandler(AppDbContext db, CurrentUser current, RealtimeOptions options) : IQueryHandler<GetUnreadCount, Result<UnreadCount>>
{
    public async ValueTask<Result<UnreadCount>> Handle(GetUnreadCount query, CancellationToken cancellationToken) =>
        current.Id is { } userId
            ? await NotificationGrouping.UnreadAsync(db, userId, options.DigestHourUtc, cancellationToken)
            : Error.Unauthorized();

    public static async Task<Results<Ok<UnreadCount>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetUnreadCount(), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Notifications;

public sealed record UnreadCount(int Unread);

/// <summary>Marks one of my notifications read, or all of them when no id is given.</summary>
public sealed record MarkNotificationsRead(Guid? NotificationId) : ICommand<Result<UnreadCount>>;

public sealed class MarkNotificationsReadHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<MarkNotificationsRead, Result<UnreadCount>>
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
            if (!await db.Notifications.AnyAsync(n => n.Id == id && n.UserId == userId, cancellationToken))
            {
                return Error.NotFound("Notification");
            }

            unread = unread.Where(n => n.Id == id);
        }

        await unread.ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        return new UnreadCount(await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken));
    }

    public static async Task<Results<Ok<UnreadCount>, ValidationProblem, ProblemHttpResult>> One(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new MarkNotificationsRead(id), ct)).ToOk();

    public static async Task<Results<Ok<UnreadCount>, ValidationProblem, ProblemHttpResult>> All(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new MarkNotificationsRead(null), ct)).ToOk();
}

public sealed record GetUnreadCount : IQuery<Result<UnreadCount>>;

public sealed class GetUnreadCountHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetUnreadCount, Result<UnreadCount>>
{
    public async ValueTask<Result<UnreadCount>> Handle(GetUnreadCount query, CancellationToken cancellationToken) =>
        current.Id is { } userId
            ? new UnreadCount(await db.Notifications.AsNoTracking().CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken))
            : Error.Unauthorized();

    public static async Task<Results<Ok<UnreadCount>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetUnreadCount(), ct)).ToOk();
}

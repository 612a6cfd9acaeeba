using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Notifications;

public sealed record NotificationView(Guid Id, NotificationKind Kind, string Data, string? Link, DateTime CreatedAt, DateTime? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Page, int PageSize, int Total, int Unread);

/// <summary>My notifications, newest first, with the unread count (what I missed while offline).</summary>
public sealed record ListNotifications(bool UnreadOnly = false, int Page = 1, int PageSize = 20) : IQuery<Result<NotificationPage>>;

public sealed class ListNotificationsValidator : AbstractValidator<ListNotifications>
{
    public ListNotificationsValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListNotificationsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListNotifications, Result<NotificationPage>>
{
    public async ValueTask<Result<NotificationPage>> Handle(ListNotifications query, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId)
        {
            return Error.Unauthorized();
        }

        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var page = await (query.UnreadOnly ? mine.Where(n => n.ReadAt == null) : mine)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Data, n.Link, n.CreatedAt, n.ReadAt))
            .ToPageAsync(query.Page, query.PageSize, cancellationToken);
        return new NotificationPage(page.Items, page.Page, page.PageSize, page.Total, unread);
    }

    public static async Task<Results<Ok<NotificationPage>, ValidationProblem, ProblemHttpResult>> Endpoint(
        bool? unreadOnly, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListNotifications(unreadOnly ?? false, page ?? 1, pageSize ?? 20), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Notifications;

public sealed record PreferencesView(IReadOnlyList<NotificationKind> MutedKinds, double MinMatchScore, DeliveryMode Delivery);

public sealed record GetNotificationPreferences : IQuery<Result<PreferencesView>>;

public sealed class GetNotificationPreferencesHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetNotificationPreferences, Result<PreferencesView>>
{
    public async ValueTask<Result<PreferencesView>> Handle(GetNotificationPreferences query, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId)
        {
            return Error.Unauthorized();
        }

        var p = await db.NotificationPreferences.AsNoTracking().FirstOrDefaultAsync(x => x.UserId == userId, cancellationToken);
        return p is null ? new PreferencesView([], 0, DeliveryMode.Instant) : new PreferencesView(p.MutedKinds, p.MinMatchScore, p.Delivery);
    }

    public static async Task<Results<Ok<PreferencesView>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetNotificationPreferences(), ct)).ToOk();
}

/// <summary>Which kinds I hear about, the lowest match score worth an alert, instant or digest.</summary>
public sealed record SetNotificationPreferences(IReadOnlyList<NotificationKind>? MutedKinds, double MinMatchScore, DeliveryMode Delivery)
    : ICommand<Result<PreferencesView>>;

public sealed class SetNotificationPreferencesValidator : AbstractValidator<SetNotificationPreferences>
{
    public SetNotificationPreferencesValidator()
    {
        RuleForEach(x => x.MutedKinds).IsInEnum();
        RuleFor(x => x.MinMatchScore).InclusiveBetween(0, 1);
        RuleFor(x => x.Delivery).IsInEnum();
    }
}

public sealed class SetNotificationPreferencesHandler(AppDbContext db, CurrentUser current) : ICommandHandler<SetNotificationPreferences, Result<PreferencesView>>
{
    public async ValueTask<Result<PreferencesView>> Handle(SetNotificationPreferences command, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId)
        {
            return Error.Unauthorized();
        }

        var p = await db.NotificationPreferences.FirstOrDefaultAsync(x => x.UserId == userId, cancellationToken);
        if (p is null)
        {
            p = new NotificationPreference { UserId = userId };
            db.NotificationPreferences.Add(p);
        }

        p.MutedKinds = command.MutedKinds?.Distinct().ToList() ?? [];
        p.MinMatchScore = command.MinMatchScore;
        p.Delivery = command.Delivery;
        return new PreferencesView(p.MutedKinds, p.MinMatchScore, p.Delivery);
    }

    public static async Task<Results<Ok<PreferencesView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        SetNotificationPreferences body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToOk();
}

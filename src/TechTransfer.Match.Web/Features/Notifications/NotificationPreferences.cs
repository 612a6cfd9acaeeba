using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Notifications;

/// <summary>One kind's e-mail choice; kinds not listed are in the app only.</summary>
public sealed record KindChannel(NotificationKind Kind, NotificationChannel Channel);

public sealed record PreferencesView(IReadOnlyList<NotificationKind> MutedKinds, double MinMatchScore, DeliveryMode Delivery, IReadOnlyList<KindChannel> Channels)
{
    public static PreferencesView Of(NotificationPreference? p) => p is null
        ? new PreferencesView([], 0, DeliveryMode.Instant, [])
        : new PreferencesView(p.MutedKinds, p.MinMatchScore, p.Delivery,
            [.. p.EmailKinds.Select(k => new KindChannel(k, NotificationChannel.Email)), .. p.DigestEmailKinds.Select(k => new KindChannel(k, NotificationChannel.Digest))]);
}

public sealed record GetNotificationPreferences : IQuery<Result<PreferencesView>>;

public sealed class GetNotificationPreferencesHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetNotificationPreferences, Result<PreferencesView>>
{
    public async ValueTask<Result<PreferencesView>> Handle(GetNotificationPreferences query, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId)
        {
            return Error.Unauthorized();
        }

        return PreferencesView.Of(await db.NotificationPreferences.AsNoTracking().FirstOrDefaultAsync(x => x.UserId == userId, cancellationToken));
    }

    public static async Task<Results<Ok<PreferencesView>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetNotificationPreferences(), ct)).ToOk();
}

/// <summary>
/// Which kinds I hear about, the lowest match score worth an alert, instant or digest in the app, and per kind
/// whether it is also e-mailed at once or in the daily digest e-mail (<see cref="Channels"/>: null keeps my
/// current e-mail choices, so a client that does not know them does not clear them).
/// </summary>
public sealed record SetNotificationPreferences(
    IReadOnlyList<NotificationKind>? MutedKinds, double MinMatchScore, DeliveryMode Delivery, IReadOnlyList<KindChannel>? Channels = null)
    : ICommand<Result<PreferencesView>>;

public sealed class SetNotificationPreferencesValidator : AbstractValidator<SetNotificationPreferences>
{
    public SetNotificationPreferencesValidator()
    {
        RuleForEach(x => x.MutedKinds).IsInEnum();
        RuleFor(x => x.MinMatchScore).InclusiveBetween(0, 1);
        RuleFor(x => x.Delivery).IsInEnum();
        RuleForEach(x => x.Channels).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Kind).IsInEnum()
                .NotEqual(NotificationKind.Digest).WithMessage("The daily digest is not e-mailed as a kind; choose the kinds it counts.");
            c.RuleFor(x => x.Channel).IsInEnum();
        });
        RuleFor(x => x.Channels).Must(c => c is null || c.Where(x => x is not null).Select(x => x.Kind).Distinct().Count() == c.Count(x => x is not null))
            .WithMessage("Each kind has one e-mail choice.");
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
        if (command.Channels is { } channels)
        {
            p.EmailKinds = [.. channels.Where(c => c.Channel == NotificationChannel.Email).Select(c => c.Kind)];
            p.DigestEmailKinds = [.. channels.Where(c => c.Channel == NotificationChannel.Digest).Select(c => c.Kind)];
        }

        return PreferencesView.Of(p);
    }

    public static async Task<Results<Ok<PreferencesView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        SetNotificationPreferences body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(body, ct)).ToOk();
}

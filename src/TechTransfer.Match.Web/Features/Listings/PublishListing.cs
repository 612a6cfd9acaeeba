using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Achievements;
using TechTransfer.Match.Web.Features.Needs;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Listings;

public sealed record PublishedAchievement(AchievementView Achievement, IReadOnlyList<QualityWarning> Warnings);

public sealed record PublishedNeed(NeedView Need, IReadOnlyList<QualityWarning> Warnings);

/// <summary>Make an achievement visible in the catalogue and to matching; answers the quality warnings too.</summary>
public sealed record PublishAchievement(Guid Id, long Version) : ICommand<Result<PublishedAchievement>>;

/// <summary>Make a need visible in the catalogue and to matching; answers the quality warnings too.</summary>
public sealed record PublishNeed(Guid Id, long Version) : ICommand<Result<PublishedNeed>>;

public sealed class PublishListingHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : ICommandHandler<PublishAchievement, Result<PublishedAchievement>>, ICommandHandler<PublishNeed, Result<PublishedNeed>>
{
    public async ValueTask<Result<PublishedAchievement>> Handle(PublishAchievement command, CancellationToken cancellationToken) =>
        await AchievementLifecycle.PublishAsync(db, current, clock, command.Id, command.Version, (view, warnings) => new PublishedAchievement(view, warnings), cancellationToken);

    public async ValueTask<Result<PublishedNeed>> Handle(PublishNeed command, CancellationToken cancellationToken) =>
        await NeedLifecycle.PublishAsync(db, current, clock, command.Id, command.Version, (view, warnings) => new PublishedNeed(view, warnings), cancellationToken);

    public static async Task<Results<Ok<PublishedAchievement>, ValidationProblem, ProblemHttpResult>> Achievement(
        Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new PublishAchievement(id, body.Version), ct)).ToOk();

    public static async Task<Results<Ok<PublishedNeed>, ValidationProblem, ProblemHttpResult>> Need(
        Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new PublishNeed(id, body.Version), ct)).ToOk();
}

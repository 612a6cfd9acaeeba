using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Achievements;
using TechTransfer.Match.Web.Features.Needs;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>Withdraw an achievement from the catalogue and from matching; it can be published again.</summary>
public sealed record ArchiveAchievement(Guid Id, long Version) : ICommand<Result<AchievementView>>;

/// <summary>Withdraw a need from the catalogue and from matching; it can be published again.</summary>
public sealed record ArchiveNeed(Guid Id, long Version) : ICommand<Result<NeedView>>;

public sealed class ArchiveListingHandler(AppDbContext db, CurrentUser current)
    : ICommandHandler<ArchiveAchievement, Result<AchievementView>>, ICommandHandler<ArchiveNeed, Result<NeedView>>
{
    public async ValueTask<Result<AchievementView>> Handle(ArchiveAchievement command, CancellationToken cancellationToken) =>
        await AchievementLifecycle.ArchiveAsync(db, current, command.Id, command.Version, cancellationToken);

    public async ValueTask<Result<NeedView>> Handle(ArchiveNeed command, CancellationToken cancellationToken) =>
        await NeedLifecycle.ArchiveAsync(db, current, command.Id, command.Version, cancellationToken);

    public static async Task<Results<Ok<AchievementView>, ValidationProblem, ProblemHttpResult>> Achievement(
        Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ArchiveAchievement(id, body.Version), ct)).ToOk();

    public static async Task<Results<Ok<NeedView>, ValidationProblem, ProblemHttpResult>> Need(
        Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ArchiveNeed(id, body.Version), ct)).ToOk();
}

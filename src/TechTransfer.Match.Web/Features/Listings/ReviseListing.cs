using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Achievements;
using TechTransfer.Match.Web.Features.Needs;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Listings;

public sealed record ReviseAchievementBody(AchievementInput Achievement, long Version);

public sealed record ReviseNeedBody(NeedInput Need, long Version);

/// <summary>Edit an achievement. A published one stays published and is matched again with its new text.</summary>
public sealed record ReviseAchievement(Guid Id, AchievementInput Input, long Version) : ICommand<Result<AchievementView>>;

/// <summary>Edit a need. A published one stays published and is matched again with its new text.</summary>
public sealed record ReviseNeed(Guid Id, NeedInput Input, long Version) : ICommand<Result<NeedView>>;

public sealed class ReviseAchievementValidator : AbstractValidator<ReviseAchievement>
{
    public ReviseAchievementValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new AchievementInputValidator());
}

public sealed class ReviseNeedValidator : AbstractValidator<ReviseNeed>
{
    public ReviseNeedValidator(TimeProvider clock) => RuleFor(x => x.Input).NotNull().SetValidator(new NeedInputValidator(clock));
}

public sealed class ReviseListingHandler(AppDbContext db, CurrentUser current)
    : ICommandHandler<ReviseAchievement, Result<AchievementView>>, ICommandHandler<ReviseNeed, Result<NeedView>>
{
    public async ValueTask<Result<AchievementView>> Handle(ReviseAchievement command, CancellationToken cancellationToken) =>
        await AchievementLifecycle.ReviseAsync(db, current, command.Id, command.Input, command.Version, cancellationToken);

    public async ValueTask<Result<NeedView>> Handle(ReviseNeed command, CancellationToken cancellationToken) =>
        await NeedLifecycle.ReviseAsync(db, current, command.Id, command.Input, command.Version, cancellationToken);

    public static async Task<Results<Ok<AchievementView>, ValidationProblem, ProblemHttpResult>> Achievement(
        Guid id, ReviseAchievementBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseAchievement(id, body.Achievement, body.Version), ct)).ToOk();

    public static async Task<Results<Ok<NeedView>, ValidationProblem, ProblemHttpResult>> Need(
        Guid id, ReviseNeedBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseNeed(id, body.Need, body.Version), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Achievements;
using TechTransfer.Match.Web.Features.Needs;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>A researcher starts listing an achievement of their institution; it stays a draft until published.</summary>
public sealed record DraftAchievement(AchievementInput Input) : ICommand<Result<AchievementView>>;

/// <summary>An enterprise member starts posting a technology need of their firm; it stays a draft until published.</summary>
public sealed record DraftNeed(NeedInput Input) : ICommand<Result<NeedView>>;

public sealed class DraftAchievementValidator : AbstractValidator<DraftAchievement>
{
    public DraftAchievementValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new AchievementInputValidator());
}

public sealed class DraftNeedValidator : AbstractValidator<DraftNeed>
{
    public DraftNeedValidator(TimeProvider clock) => RuleFor(x => x.Input).NotNull().SetValidator(new NeedInputValidator(clock));
}

public sealed class DraftListingHandler(AppDbContext db, CurrentUser current)
    : ICommandHandler<DraftAchievement, Result<AchievementView>>, ICommandHandler<DraftNeed, Result<NeedView>>
{
    public async ValueTask<Result<AchievementView>> Handle(DraftAchievement command, CancellationToken cancellationToken) =>
        await AchievementLifecycle.DraftAsync(db, current, command.Input, cancellationToken);

    public async ValueTask<Result<NeedView>> Handle(DraftNeed command, CancellationToken cancellationToken) =>
        await NeedLifecycle.DraftAsync(db, current, command.Input, cancellationToken);

    public static async Task<Results<Created<AchievementView>, ValidationProblem, ProblemHttpResult>> Achievement(
        AchievementInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DraftAchievement(body), ct)).ToCreated(a => $"/api/achievements/{a.Id}");

    public static async Task<Results<Created<NeedView>, ValidationProblem, ProblemHttpResult>> Need(
        NeedInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DraftNeed(body), ct)).ToCreated(n => $"/api/needs/{n.Id}");
}

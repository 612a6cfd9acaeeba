using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Achievements;
using TechTransfer.Match.Web.Features.Needs;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Listings;

public sealed record UnpublishBody(string Reason, long Version);

/// <summary>An administrator takes a published achievement out of the catalogue and matching, with a reason its owner sees.</summary>
public sealed record UnpublishAchievement(Guid Id, string Reason, long Version) : ICommand<Result<AchievementView>>;

/// <summary>An administrator takes a published need out of the catalogue and matching, with a reason its owner sees.</summary>
public sealed record UnpublishNeed(Guid Id, string Reason, long Version) : ICommand<Result<NeedView>>;

public sealed class UnpublishAchievementValidator : AbstractValidator<UnpublishAchievement>
{
    public UnpublishAchievementValidator() => RuleFor(x => x.Reason).UnpublishReason();
}

public sealed class UnpublishNeedValidator : AbstractValidator<UnpublishNeed>
{
    public UnpublishNeedValidator() => RuleFor(x => x.Reason).UnpublishReason();
}

public sealed class UnpublishListingHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<UnpublishAchievement, Result<AchievementView>>, ICommandHandler<UnpublishNeed, Result<NeedView>>
{
    public const int MinReason = 10;
    public const int MaxReason = 500;

    public async ValueTask<Result<AchievementView>> Handle(UnpublishAchievement command, CancellationToken cancellationToken) =>
        await AuditedAsync("Achievement", command.Id, command.Reason,
            AchievementLifecycle.UnpublishAsync(db, current, command.Id, command.Reason, command.Version, clock.GetUtcNow().UtcDateTime, cancellationToken), cancellationToken);

    public async ValueTask<Result<NeedView>> Handle(UnpublishNeed command, CancellationToken cancellationToken) =>
        await AuditedAsync("Need", command.Id, command.Reason,
            NeedLifecycle.UnpublishAsync(db, current, command.Id, command.Reason, command.Version, clock.GetUtcNow().UtcDateTime, cancellationToken), cancellationToken);

    /// <summary>The audit line is written in the same transaction, and only when the record was taken down.</summary>
    private async Task<Result<T>> AuditedAsync<T>(string type, Guid id, string reason, Task<Result<T>> unpublish, CancellationToken ct)
    {
        var result = await unpublish;
        if (result.IsSuccess)
        {
            audit.Record("listing.unpublished", type, id, new { Reason = reason.Trim() });
            await db.SaveChangesAsync(ct);
        }

        return result;
    }

    public static async Task<Results<Ok<AchievementView>, ValidationProblem, ProblemHttpResult>> Achievement(
        Guid id, UnpublishBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UnpublishAchievement(id, body.Reason, body.Version), ct)).ToOk();

    public static async Task<Results<Ok<NeedView>, ValidationProblem, ProblemHttpResult>> Need(
        Guid id, UnpublishBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UnpublishNeed(id, body.Reason, body.Version), ct)).ToOk();
}

internal static class UnpublishRules
{
    public static IRuleBuilderOptions<T, string> UnpublishReason<T>(this IRuleBuilder<T, string> reason) =>
        reason.NotEmpty().Length(UnpublishListingHandler.MinReason, UnpublishListingHandler.MaxReason)
            .WithMessage("Say in 10 to 500 characters why the record is taken down; its owner reads it.");
}

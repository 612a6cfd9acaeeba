using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Achievements;

public sealed record ReviseAchievementBody(AchievementInput Achievement, long Version);

/// <summary>Edit an achievement. A published one stays published and is matched again with its new text.</summary>
public sealed record ReviseAchievement(Guid Id, AchievementInput Input, long Version) : ICommand<Result<AchievementView>>;

public sealed class ReviseAchievementValidator : AbstractValidator<ReviseAchievement>
{
    public ReviseAchievementValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new AchievementInputValidator());
}

public sealed class ReviseAchievementHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ReviseAchievement, Result<AchievementView>>
{
    public async ValueTask<Result<AchievementView>> Handle(ReviseAchievement command, CancellationToken cancellationToken)
    {
        if (await db.Achievements.FindAsync([command.Id], cancellationToken) is not { } achievement)
        {
            return Error.NotFound("Achievement");
        }

        if (await ListingRules.CheckEditAsync(current, achievement, command.Version, db, cancellationToken) is { } error)
        {
            return error;
        }

        achievement.Apply(command.Input);
        if (achievement.Status == ListingStatus.Published)
        {
            achievement.Raise(new ListingPublished(achievement.Id, IsAchievement: true));
        }

        await db.SaveChangesAsync(cancellationToken);

        var organisation = await db.Organisations.FindAsync([achievement.OrganisationId], cancellationToken);
        return AchievementView.From(achievement, organisation, full: true);
    }

    public static async Task<Results<Ok<AchievementView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ReviseAchievementBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseAchievement(id, body.Achievement, body.Version), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Achievements;


public sealed record PublishedAchievement(AchievementView Achievement, IReadOnlyList<QualityWarning> Warnings);

/// <summary>Make an achievement visible in the catalogue and to matching; answers the quality warnings too.</summary>
public sealed record PublishAchievement(Guid Id, long Version) : ICommand<Result<PublishedAchievement>>;

public sealed class PublishAchievementHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : ICommandHandler<PublishAchievement, Result<PublishedAchievement>>
{
    public async ValueTask<Result<PublishedAchievement>> Handle(PublishAchievement command, CancellationToken cancellationToken)
    {
        if (await db.Achievements.FindAsync([command.Id], cancellationToken) is not { } achievement)
        {
            return Error.NotFound("Achievement");
        }

        if ((await ListingRules.CheckEditAsync(current, achievement, command.Version, db, cancellationToken) ?? await ListingRules.PublishAsync(achievement, db, clock, cancellationToken)) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(cancellationToken);

        var organisation = await db.Organisations.FindAsync([achievement.OrganisationId], cancellationToken);
        return new PublishedAchievement(AchievementView.From(achievement, organisation, full: true), achievement.QualityWarnings());
    }

    public static async Task<Results<Ok<PublishedAchievement>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new PublishAchievement(id, body.Version), ct)).ToOk();
}

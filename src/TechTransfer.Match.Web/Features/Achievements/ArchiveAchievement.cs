using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Achievements;

/// <summary>Withdraw an achievement from the catalogue and from matching; it can be published again.</summary>
public sealed record ArchiveAchievement(Guid Id, long Version) : ICommand<Result<AchievementView>>;

public sealed class ArchiveAchievementHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ArchiveAchievement, Result<AchievementView>>
{
    public async ValueTask<Result<AchievementView>> Handle(ArchiveAchievement command, CancellationToken cancellationToken)
    {
        if (await db.Achievements.FindAsync([command.Id], cancellationToken) is not { } achievement)
        {
            return Error.NotFound("Achievement");
        }

        if ((await ListingRules.CheckEditAsync(current, achievement, command.Version, db, cancellationToken) ?? ListingRules.Archive(achievement)) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(cancellationToken);

        var organisation = await db.Organisations.FindAsync([achievement.OrganisationId], cancellationToken);
        return AchievementView.From(achievement, organisation, full: true);
    }

    public static async Task<Results<Ok<AchievementView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ArchiveAchievement(id, body.Version), ct)).ToOk();
}

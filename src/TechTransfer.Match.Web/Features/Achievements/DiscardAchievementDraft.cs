using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Achievements;

/// <summary>Delete a draft that was never published. Published records are archived, never deleted.</summary>
public sealed record DiscardAchievementDraft(Guid Id, long Version) : ICommand<Result<Done>>;

public sealed class DiscardAchievementDraftHandler(AppDbContext db, CurrentUser current) : ICommandHandler<DiscardAchievementDraft, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DiscardAchievementDraft command, CancellationToken cancellationToken)
    {
        if (await db.Achievements.FindAsync([command.Id], cancellationToken) is not { } achievement)
        {
            return Error.NotFound("Achievement");
        }

        if ((await ListingRules.CheckEditAsync(current, achievement, command.Version, db, cancellationToken) ?? ListingRules.CheckDiscard(achievement)) is { } error)
        {
            return error;
        }

        db.Achievements.Remove(achievement);
        return Done.Value;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, long version, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DiscardAchievementDraft(id, version), ct)).ToNoContent();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Achievements;

/// <summary>One achievement as the reader may see it: anyone a published one (public fields), members their drafts.</summary>
public sealed record GetAchievement(Guid Id) : IQuery<Result<AchievementView>>;

public sealed class GetAchievementHandler(AppDbContext db, ListingAccess access) : IQueryHandler<GetAchievement, Result<AchievementView>>
{
    public async ValueTask<Result<AchievementView>> Handle(GetAchievement query, CancellationToken cancellationToken)
    {
        var row = await db.Achievements.AsNoTracking().Include(a => a.Organisation).FirstOrDefaultAsync(a => a.Id == query.Id, cancellationToken);
        if (row is null)
        {
            return Error.NotFound("Achievement");
        }

        if (await access.ReadAsync(row, "owner,ipNumber,price", cancellationToken) is not { } full)
        {
            return Error.NotFound("Achievement");
        }

        return AchievementView.From(row, row.Organisation, full);
    }

    public static async Task<Results<Ok<AchievementView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetAchievement(id), ct)).ToOk();
}

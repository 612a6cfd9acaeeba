using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Features.Achievements;
using TechTransfer.Match.Web.Features.Needs;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>One achievement as the reader may see it: anyone a published one (public fields), members their drafts.</summary>
public sealed record GetAchievement(Guid Id) : IQuery<Result<AchievementView>>;

/// <summary>One need as the reader may see it: anyone a published one (public fields), members their drafts.</summary>
public sealed record GetNeed(Guid Id) : IQuery<Result<NeedView>>;

public sealed class GetListingHandler(AppDbContext db, ListingAccess access)
    : IQueryHandler<GetAchievement, Result<AchievementView>>, IQueryHandler<GetNeed, Result<NeedView>>
{
    public async ValueTask<Result<AchievementView>> Handle(GetAchievement query, CancellationToken cancellationToken) =>
        await AchievementLifecycle.GetAsync(db, access, query.Id, cancellationToken);

    public async ValueTask<Result<NeedView>> Handle(GetNeed query, CancellationToken cancellationToken) =>
        await NeedLifecycle.GetAsync(db, access, query.Id, cancellationToken);

    public static async Task<Results<Ok<AchievementView>, ValidationProblem, ProblemHttpResult>> Achievement(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetAchievement(id), ct)).ToOk();

    public static async Task<Results<Ok<NeedView>, ValidationProblem, ProblemHttpResult>> Need(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetNeed(id), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Deals;

/// <summary>One deal with its timeline, for its manager, its parties, the bureau and administrators.</summary>
public sealed record GetDeal(Guid Id) : IQuery<Result<DealView>>;

public sealed class GetDealHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetDeal, Result<DealView>>
{
    public async ValueTask<Result<DealView>> Handle(GetDeal query, CancellationToken cancellationToken)
    {
        var deal = await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.Id, cancellationToken);
        if (deal is null || !await DealAccess.MaySeeAsync(deal, current, cancellationToken))
        {
            return Error.NotFound("Deal");
        }

        return await DealAccess.ViewAsync(db, deal, cancellationToken);
    }

    public static async Task<Results<Ok<DealView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetDeal(id), ct)).ToOk();
}

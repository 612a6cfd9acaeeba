using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Needs;

/// <summary>One need as the reader may see it: anyone a published one (public fields), members their drafts.</summary>
public sealed record GetNeed(Guid Id) : IQuery<Result<NeedView>>;

public sealed class GetNeedHandler(AppDbContext db, ListingAccess access) : IQueryHandler<GetNeed, Result<NeedView>>
{
    public async ValueTask<Result<NeedView>> Handle(GetNeed query, CancellationToken cancellationToken)
    {
        var row = await db.Needs.AsNoTracking().Include(a => a.Organisation).FirstOrDefaultAsync(a => a.Id == query.Id, cancellationToken);
        if (row is null)
        {
            return Error.NotFound("Need");
        }

        if (await access.ReadAsync(row, "owner,budget", cancellationToken) is not { } full)
        {
            return Error.NotFound("Need");
        }

        return NeedView.From(row, row.Organisation, full);
    }

    public static async Task<Results<Ok<NeedView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetNeed(id), ct)).ToOk();
}

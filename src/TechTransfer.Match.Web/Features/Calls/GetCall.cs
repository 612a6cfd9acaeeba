using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>A call's public page (or a draft for its writers): terms, state, proposal count and winner, never the proposals.</summary>
public sealed record GetCall(Guid Id) : IQuery<Result<CallView>>;

public sealed class GetCallHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetCall, Result<CallView>>
{
    public async ValueTask<Result<CallView>> Handle(GetCall query, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        return await CallAccess.ViewAsync(db, call, current, cancellationToken);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetCall(id), ct)).ToOk();
}

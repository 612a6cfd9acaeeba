using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>The proposals a call received, for the bureau that runs the review (scores only after closing).</summary>
public sealed record ListCallProposals(Guid Id) : IQuery<Result<IReadOnlyList<ProposalView>>>;

public sealed class ListCallProposalsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListCallProposals, Result<IReadOnlyList<ProposalView>>>
{
    public async ValueTask<Result<IReadOnlyList<ProposalView>>> Handle(ListCallProposals query, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        if (!CallAccess.IsBureau(current))
        {
            return Error.Forbidden("Solvers never see each other's proposals; the bureau runs the review.");
        }

        return await ProposalReading.ViewsAsync(db, call, db.CallProposals.Where(p => p.CallId == call.Id), true, cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<ProposalView>>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListCallProposals(id), ct)).ToOk();
}

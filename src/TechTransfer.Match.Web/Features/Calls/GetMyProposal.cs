using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// My organisation's proposal to a call: no other solver's is ever shown. Its score, rank and the reviewers'
/// remarks appear only once the call is closed.
/// </summary>
public sealed record GetMyProposal(Guid CallId) : IQuery<Result<ProposalView>>;

public sealed class GetMyProposalHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetMyProposal, Result<ProposalView>>
{
    public async ValueTask<Result<ProposalView>> Handle(GetMyProposal query, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.CallId, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken) || await current.OrganisationIdAsync(cancellationToken) is not { } org)
        {
            return Error.NotFound("Call proposal");
        }

        var views = await ProposalReading.ViewsAsync(db, call, db.CallProposals.Where(p => p.CallId == call.Id && p.OrganisationId == org), true, cancellationToken);
        return views.Count == 0 ? Error.NotFound("Call proposal") : views[0];
    }

    public static async Task<Results<Ok<ProposalView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetMyProposal(id), ct)).ToOk();
}

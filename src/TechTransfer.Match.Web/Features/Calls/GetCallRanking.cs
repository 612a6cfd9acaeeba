using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// A closed call's ranking with every reviewer's scores: for the bureau, the call's reviewers and the enterprise
/// behind it (the scores go with the winner's deal). Solvers read their own result on their proposal.
/// </summary>
public sealed record GetCallRanking(Guid Id) : IQuery<Result<CallRankingView>>;

public sealed class GetCallRankingHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetCallRanking, Result<CallRankingView>>
{
    public async ValueTask<Result<CallRankingView>> Handle(GetCallRanking query, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
        if (call is null || !await CallAccess.MaySeeAsync(call, current, cancellationToken))
        {
            return Error.NotFound("Call");
        }

        if (!CallAccess.IsBureau(current) && !await CallAccess.IsOwnerAsync(call, current, cancellationToken)
            && await CallAccess.AssignmentAsync(db, call.Id, current, cancellationToken) is null)
        {
            return Error.Forbidden("The ranking is the bureau's, the reviewers' and the calling enterprise's.");
        }

        if (call.State != CallState.Closed)
        {
            return Error.Conflict("call_not_closed", "The ranking is shown once the call is closed.");
        }

        // The ranking holds the proposals that were reviewed: those without their organisation's consent were not.
        var proposals = await db.CallProposals.AsNoTracking().Where(p => p.CallId == call.Id).Counted()
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new { p, Org = new CallOrganisation(o.Id, o.NameZh, o.RegionCode) })
            .ToListAsync(cancellationToken);
        var scores = await db.CallScores.AsNoTracking().Where(s => s.CallId == call.Id).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var ranked = proposals.OrderBy(x => x.p.Rank ?? int.MaxValue).ThenBy(x => x.p.Id)
            .Select(x => new RankedProposal(x.p.Id, x.Org, x.p.Price, x.p.FinalScore, x.p.Rank ?? 0, x.p.Id == call.WinnerProposalId,
                [.. scores.Where(s => s.ProposalId == x.p.Id).Select(s => ProposalReading.Score(call, s))]))
            .ToList();
        return new CallRankingView(call.Id, call.State, call.WinnerDealId, ranked);
    }

    public static async Task<Results<Ok<CallRankingView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetCallRanking(id), ct)).ToOk();
}

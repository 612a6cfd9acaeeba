using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// A reviewer's desk: the proposals they may score with their own scores; the other reviewers' scores only once
/// the call is closed, so nobody's judgement follows another's.
/// </summary>
public sealed record GetReview(Guid CallId) : IQuery<Result<ReviewView>>;

public sealed class GetReviewHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetReview, Result<ReviewView>>
{
    public async ValueTask<Result<ReviewView>> Handle(GetReview query, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.CallId, cancellationToken);
        var reviewer = call is null ? null : await CallAccess.AssignmentAsync(db, call.Id, current, cancellationToken);
        if (call is null || reviewer is null)
        {
            return Error.NotFound("Call");
        }

        var excluded = await CallAccess.ExcludedOrganisationsAsync(db, reviewer, cancellationToken);
        // A proposal waiting for (or refused) its organisation's consent is not reviewed.
        var all = db.CallProposals.Where(p => p.CallId == call.Id).Counted();
        var visible = await ProposalReading.ViewsAsync(db, call, all.Where(p => !excluded.Contains(p.OrganisationId)), false, cancellationToken);
        var total = await all.CountAsync(cancellationToken);
        var scores = await db.CallScores.AsNoTracking().Where(s => s.CallId == call.Id && (s.ReviewerUserId == reviewer.UserId || call.IsFinal))
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var desk = visible.Select(p => new ReviewProposal(
            p,
            scores.Where(s => s.ProposalId == p.Id && s.ReviewerUserId == reviewer.UserId).Select(s => ProposalReading.Score(call, s)).FirstOrDefault(),
            call.IsFinal ? [.. scores.Where(s => s.ProposalId == p.Id && s.ReviewerUserId != reviewer.UserId).Select(s => ProposalReading.Score(call, s))] : null)).ToList();
        return new ReviewView(
            call.Id, call.Title, call.State, call.Deadline, [.. call.Criteria.Select(c => new CallCriterionView(c.Name, c.Weight))],
            reviewer.ConflictOrganisationIds, reviewer.FinishedAt, total - visible.Count, desk, reviewer.Version);
    }

    public static async Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetReview(id), ct)).ToOk();
}

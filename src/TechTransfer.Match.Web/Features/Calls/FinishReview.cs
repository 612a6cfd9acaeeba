using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// A reviewer finishes once the deadline passed and every proposal on their desk is scored; scores are then fixed.
/// The last reviewer to finish closes the call (CallRanking). Each finish counts on the call's row, so two
/// reviewers finishing at once cannot both miss that they were the last: the second gets 409 and, sent again,
/// closes the call with the same ranking.
/// </summary>
public sealed record FinishReview(Guid CallId, long Version) : ICommand<Result<ReviewView>>;

public sealed class FinishReviewHandler(AppDbContext db, CurrentUser current, TimeProvider clock, IMediator mediator) : ICommandHandler<FinishReview, Result<ReviewView>>
{
    public async ValueTask<Result<ReviewView>> Handle(FinishReview command, CancellationToken cancellationToken)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == command.CallId, cancellationToken);
        var reviewer = call is null ? null : await CallAccess.AssignmentAsync(db, call.Id, current, cancellationToken);
        if (call is null || reviewer is null)
        {
            return Error.NotFound("Call");
        }

        if (!db.MatchesVersion(reviewer, command.Version))
        {
            return Error.StaleVersion();
        }

        if (call.State != CallState.Open || reviewer.FinishedAt is not null)
        {
            return Error.Conflict("review_finished", "Your review of this call is finished.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (now < call.Deadline)
        {
            return Error.Conflict("deadline_ahead", "The call takes proposals until its deadline.");
        }

        var excluded = await CallAccess.ExcludedOrganisationsAsync(db, reviewer, cancellationToken);
        var unscored = await db.CallProposals.AsNoTracking()
            .Where(p => p.CallId == call.Id && !excluded.Contains(p.OrganisationId)).Counted()
            .CountAsync(p => !db.CallScores.Any(s => s.ProposalId == p.Id && s.ReviewerUserId == reviewer.UserId), cancellationToken);
        if (unscored > 0)
        {
            return Error.Conflict("proposals_unscored", "Score every proposal on your desk before finishing.");
        }

        reviewer.FinishedAt = now;
        call.FinishedReviews++;
        await db.SaveChangesAsync(cancellationToken);
        if (await CallRanking.CannotCloseAsync(db, call, now, cancellationToken) is null)
        {
            await CallRanking.CloseAsync(db, call, reviewer.UserId, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return await mediator.Send(new GetReview(call.Id), cancellationToken);
    }

    public static async Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new FinishReview(id, body.Version), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>The calls a reviewer is assigned to, open ones first.</summary>
public sealed record ListMyReviews : IQuery<Result<IReadOnlyList<MyReview>>>;

public sealed class ListMyReviewsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListMyReviews, Result<IReadOnlyList<MyReview>>>
{
    public async ValueTask<Result<IReadOnlyList<MyReview>>> Handle(ListMyReviews query, CancellationToken cancellationToken)
    {
        if (!current.IsInRole(Roles.Reviewer) || current.Id is not { } me)
        {
            return Error.Forbidden("Only reviewers have calls to review.");
        }

        return await db.CallReviewers.AsNoTracking().Where(r => r.UserId == me)
            .Join(db.Calls, r => r.CallId, c => c.Id, (r, c) => new { c.Id, c.Title, c.State, c.Deadline, r.FinishedAt })
            .OrderBy(r => r.State == CallState.Open ? 0 : 1).ThenBy(r => r.Deadline).ThenBy(r => r.Id)
            .Select(r => new MyReview(r.Id, r.Title, r.State, r.Deadline, r.FinishedAt))
            .ToListAsync(cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<MyReview>>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListMyReviews(), ct)).ToOk();
}

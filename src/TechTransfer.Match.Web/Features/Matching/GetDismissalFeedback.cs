using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Matching;

/// <summary>
/// Why the other side turned down a listing's proposals ("3 firms found the maturity too low"), for the listing's
/// organisation: dismissals by its own members are left out, and each dismissing organisation counts once per reason.
/// </summary>
public sealed record GetDismissalFeedback(Guid ListingId, bool ForAchievement) : IQuery<Result<DismissalFeedback>>;

public sealed class GetDismissalFeedbackHandler(AppDbContext db, ListingAccess access) : IQueryHandler<GetDismissalFeedback, Result<DismissalFeedback>>
{
    public async ValueTask<Result<DismissalFeedback>> Handle(GetDismissalFeedback query, CancellationToken cancellationToken)
    {
        var owner = query.ForAchievement
            ? await db.Achievements.AsNoTracking().Where(a => a.Id == query.ListingId).Select(a => new { a.OrganisationId, a.Status }).FirstOrDefaultAsync(cancellationToken)
            : await db.Needs.AsNoTracking().Where(n => n.Id == query.ListingId).Select(n => new { n.OrganisationId, n.Status }).FirstOrDefaultAsync(cancellationToken);
        var noun = query.ForAchievement ? "Achievement" : "Need";
        if (owner is null || (owner.Status != ListingStatus.Published && !await access.MayReadUnpublishedAsync(owner.OrganisationId, cancellationToken)))
        {
            return Error.NotFound(noun);
        }

        if (!await access.IsOwnerAsync(owner.OrganisationId, cancellationToken))
        {
            return Error.Forbidden("Only the listing's organisation sees the reasons its proposals were dismissed.");
        }

        var dismissed = db.MatchProposals.AsNoTracking()
            .Where(p => p.Status == ProposalStatus.Dismissed && p.DismissReason != null)
            .Where(p => query.ForAchievement ? p.AchievementId == query.ListingId : p.NeedId == query.ListingId);

        // The dismissing organisation is the counterpart's; a dismissal by the owner's own members is not feedback.
        var rows = await (query.ForAchievement
                ? dismissed.Select(p => new { Reason = p.DismissReason!.Value, Organisation = p.Need!.OrganisationId, p.DismissedBy })
                : dismissed.Select(p => new { Reason = p.DismissReason!.Value, Organisation = p.Achievement!.OrganisationId, p.DismissedBy }))
            .Where(r => !db.Users.Any(u => u.Id == r.DismissedBy && u.OrganisationId == owner.OrganisationId))
            .Distinct()
            .ToListAsync(cancellationToken);
        var reasons = rows.GroupBy(r => r.Reason)
            .Select(g => new DismissalCount(g.Key, g.Select(r => r.Organisation).Distinct().Count()))
            .OrderByDescending(c => c.Organisations).ThenBy(c => c.Reason)
            .ToList();
        return new DismissalFeedback(query.ListingId, rows.Select(r => r.Organisation).Distinct().Count(), reasons);
    }

    public static async Task<Results<Ok<DismissalFeedback>, ValidationProblem, ProblemHttpResult>> ForAchievement(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetDismissalFeedback(id, true), ct)).ToOk();

    public static async Task<Results<Ok<DismissalFeedback>, ValidationProblem, ProblemHttpResult>> ForNeed(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetDismissalFeedback(id, false), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// The call behind a deal made from a call's winner: the call's terms, the winning proposal and the reviewers'
/// scores aggregated per criterion. Whoever reads the deal reads this (its parties, its manager, the bureau and
/// administrators); individual reviewers stay anonymous.
/// </summary>
public sealed record GetDealCall(Guid DealId) : IQuery<Result<DealCallView>>;

public sealed class GetDealCallHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetDealCall, Result<DealCallView>>
{
    public async ValueTask<Result<DealCallView>> Handle(GetDealCall query, CancellationToken cancellationToken)
    {
        var deal = await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.DealId, cancellationToken);
        if (deal is null || !await DealAccess.MaySeeAsync(deal, current, cancellationToken))
        {
            return Error.NotFound("Deal");
        }

        var proposal = deal.CallProposalId is { } pid ? await db.CallProposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, cancellationToken) : null;
        var call = proposal is null ? null : await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == proposal.CallId, cancellationToken);
        if (proposal is null || call is null)
        {
            return Error.NotFound("Call");
        }

        var org = await CallAccess.Organisation(db, proposal.OrganisationId).FirstAsync(cancellationToken);
        var scores = await db.CallScores.AsNoTracking().Where(s => s.ProposalId == proposal.Id).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return new DealCallView(
            call.Id, call.Title, call.Problem, [.. call.Targets.Select(t => new CallTargetView(t.Name, t.Value, t.Unit))], call.Reward, call.ClosedAt, call.ProposalCount,
            ProposalReading.View(call, proposal, org, [.. scores.Where(s => s.Remarks != null).Select(s => s.Remarks!)]),
            Aggregate(call, scores), scores.Count);
    }

    /// <summary>Per criterion the mean, lowest and highest score of the reviewers who scored it (mean rounded to 2 decimals as the ranking rounds).</summary>
    internal static List<CriterionAggregateView> Aggregate(Call call, IReadOnlyList<CallScore> scores) =>
        [.. call.Criteria.Select((c, i) =>
        {
            var given = scores.SelectMany(s => s.Scores).Where(x => x.Criterion == i).Select(x => x.Score).ToList();
            return given.Count == 0
                ? new CriterionAggregateView(c.Name, c.Weight, null, null, null, 0)
                : new CriterionAggregateView(c.Name, c.Weight, Math.Round((decimal)given.Sum() / given.Count, 2, MidpointRounding.AwayFromZero), given.Min(), given.Max(), given.Count);
        })];

    public static async Task<Results<Ok<DealCallView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetDealCall(id), ct)).ToOk();
}

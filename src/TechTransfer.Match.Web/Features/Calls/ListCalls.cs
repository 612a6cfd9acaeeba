using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>
/// Calls, newest first. The public list has the published ones (open, closed, unanswered); <c>Managed</c> lists what
/// the caller runs: every call for the bureau, the enterprise's own for its members, drafts included.
/// </summary>
public sealed record ListCalls(CallState? State, bool Managed, int Page = 1, int PageSize = 20) : IQuery<Result<Paged<CallSummary>>>;

public sealed class ListCallsValidator : AbstractValidator<ListCalls>
{
    public ListCallsValidator()
    {
        RuleFor(x => x.State).IsInEnum();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListCallsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListCalls, Result<Paged<CallSummary>>>
{
    public async ValueTask<Result<Paged<CallSummary>>> Handle(ListCalls query, CancellationToken cancellationToken)
    {
        var calls = db.Calls.AsNoTracking();
        if (!query.Managed)
        {
            calls = calls.Where(c => c.State == CallState.Open || c.State == CallState.Closed || c.State == CallState.Unanswered);
        }
        else if (!CallAccess.IsBureau(current))
        {
            var (org, kind, _) = await current.OrganisationAsync(cancellationToken);
            if (org is null || kind != OrganisationKind.Enterprise || !current.IsInRole(Roles.EnterpriseMember))
            {
                return Error.Forbidden("The bureau and enterprises manage calls.");
            }

            calls = calls.Where(c => c.OwnerOrganisationId == org);
        }

        if (query.State is { } state)
        {
            calls = calls.Where(c => c.State == state);
        }

        var page = await calls.OrderByDescending(c => c.PublishedAt ?? c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                c.Id, c.Title, c.Targets, c.Reward, c.Deadline, c.State, c.ProposalCount, c.PublishedAt, c.ClosedAt,
                Owner = db.Organisations.Where(o => o.Id == c.OwnerOrganisationId).Select(o => new CallOrganisation(o.Id, o.NameZh, o.RegionCode)).FirstOrDefault(),
                Winner = db.CallProposals.Where(p => p.Id == c.WinnerProposalId)
                    .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new CallOrganisation(o.Id, o.NameZh, o.RegionCode)).FirstOrDefault(),
            })
            .ToPageAsync(query.Page, query.PageSize, cancellationToken);
        return new Paged<CallSummary>(
            [.. page.Items.Select(c => new CallSummary(c.Id, c.Title, [.. c.Targets.Select(t => new CallTargetView(t.Name, t.Value, t.Unit))],
                c.Reward, c.Deadline, c.State, c.ProposalCount, c.Owner, c.Winner, c.PublishedAt, c.ClosedAt))],
            page.Page, page.PageSize, page.Total);
    }

    public static async Task<Results<Ok<Paged<CallSummary>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        CallState? state, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 20) =>
        (await mediator.Send(new ListCalls(state, false, page, pageSize), ct)).ToOk();

    public static async Task<Results<Ok<Paged<CallSummary>>, ValidationProblem, ProblemHttpResult>> Managed(
        CallState? state, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 20) =>
        (await mediator.Send(new ListCalls(state, true, page, pageSize), ct)).ToOk();
}

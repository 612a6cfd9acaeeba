using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

/// <summary>
/// Filings: the bureau's and administrators' queue (every organisation's, by state; <c>due</c>: filed ones expiring
/// within 30 days or already expired, the yearly review's work), and to anyone else their own organisation's only.
/// </summary>
public sealed record ListFilings(FilingState? State, bool? Due) : IQuery<Result<IReadOnlyList<FilingView>>>;

public sealed class ListFilingsValidator : AbstractValidator<ListFilings>
{
    public ListFilingsValidator() => RuleFor(x => x.State).IsInEnum();
}

public sealed class ListFilingsHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<ListFilings, Result<IReadOnlyList<FilingView>>>
{
    public const int DueWithinDays = 30;

    public async ValueTask<Result<IReadOnlyList<FilingView>>> Handle(ListFilings query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var filings = db.IntermediaryFilings.AsNoTracking();
        if (!current.OverseesRecords)
        {
            var mine = await current.OrganisationIdAsync(cancellationToken);
            filings = filings.Where(f => f.OrganisationId == mine);
        }

        if (query.State is { } state)
        {
            filings = filings.Where(f => f.State == state);
        }

        if (query.Due == true)
        {
            var horizon = today.AddDays(DueWithinDays);
            filings = filings.Where(f => f.State == FilingState.Filed && f.ExpiresOn <= horizon);
        }

        var rows = await (from f in filings
                          join o in db.Organisations on f.OrganisationId equals o.Id
                          orderby f.UpdatedAt descending, f.Id
                          select new { Filing = f, Organisation = o }).Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => FilingViews.From(r.Filing, r.Organisation, today)).ToList();
    }

    public static async Task<Results<Ok<IReadOnlyList<FilingView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        FilingState? state, bool? due, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListFilings(state, due), ct)).ToOk();
}

/// <summary>One filing, to its organisation's members, the bureau and administrators; 404 to anyone else.</summary>
public sealed record GetFiling(Guid Id) : IQuery<Result<FilingView>>;

public sealed class GetFilingHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<GetFiling, Result<FilingView>>
{
    public async ValueTask<Result<FilingView>> Handle(GetFiling query, CancellationToken cancellationToken)
    {
        var filing = await db.IntermediaryFilings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == query.Id, cancellationToken);
        if (filing is null || !await FilingAccess.MayReadAsync(filing, current, cancellationToken))
        {
            return Error.NotFound("Filing");
        }

        return await FilingViews.ReadAsync(db, filing, clock.Today(), cancellationToken);
    }

    public static async Task<Results<Ok<FilingView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetFiling(id), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>The bureau's schemes, most recently changed first.</summary>
public sealed record ListIncentiveSchemes : IQuery<Result<IReadOnlyList<IncentiveSchemeSummary>>>;

public sealed class ListIncentiveSchemesHandler(AppDbContext db) : IQueryHandler<ListIncentiveSchemes, Result<IReadOnlyList<IncentiveSchemeSummary>>>
{
    public async ValueTask<Result<IReadOnlyList<IncentiveSchemeSummary>>> Handle(ListIncentiveSchemes query, CancellationToken cancellationToken)
    {
        var schemes = await db.IncentiveSchemes.AsNoTracking().OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Name)
            .Join(db.IncentiveSchemeRevisions, s => new { s.Id, N = s.Revision }, r => new { Id = r.SchemeId, N = r.Number }, (s, r) => new { s, r.RulesJson })
            .ToListAsync(cancellationToken);
        return schemes.Select(x =>
        {
            var rules = IncentiveJson.Read(x.RulesJson);
            return new IncentiveSchemeSummary(x.s.Id, x.s.Name, x.s.Description, x.s.Revision, rules.Beneficiary, rules.Mode, x.s.Version, x.s.UpdatedAt,
                x.s.AdoptedRevision, x.s.AdoptedFrom);
        }).ToList();
    }

    public static async Task<Results<Ok<IReadOnlyList<IncentiveSchemeSummary>>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListIncentiveSchemes(), ct)).ToOk();
}

/// <summary>One scheme with its newest rules and its revision numbers.</summary>
public sealed record GetIncentiveScheme(Guid Id) : IQuery<Result<IncentiveSchemeView>>;

public sealed class GetIncentiveSchemeHandler(AppDbContext db) : IQueryHandler<GetIncentiveScheme, Result<IncentiveSchemeView>>
{
    public async ValueTask<Result<IncentiveSchemeView>> Handle(GetIncentiveScheme query, CancellationToken cancellationToken) =>
        await db.IncentiveSchemes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == query.Id, cancellationToken) is { } scheme
            ? await IncentiveViews.ViewAsync(db, scheme, cancellationToken)
            : Error.NotFound("Incentive scheme");

    public static async Task<Results<Ok<IncentiveSchemeView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetIncentiveScheme(id), ct)).ToOk();
}

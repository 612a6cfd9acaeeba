using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.RiskPool;

/// <summary>
/// The schemes, newest first: their rules for anyone signed in (a party needs them to claim), the pool's figures only
/// for the bureau and administrators.
/// </summary>
public sealed record ListRiskSchemes : IQuery<Result<IReadOnlyList<RiskSchemeView>>>;

public sealed class ListRiskSchemesHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListRiskSchemes, Result<IReadOnlyList<RiskSchemeView>>>
{
    public async ValueTask<Result<IReadOnlyList<RiskSchemeView>>> Handle(ListRiskSchemes query, CancellationToken cancellationToken)
    {
        var schemes = await db.RiskSchemes.AsNoTracking().OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Take(200).ToListAsync(cancellationToken);
        var views = new List<RiskSchemeView>(schemes.Count);
        foreach (var scheme in schemes)
        {
            views.Add(await RiskPoolRules.SchemeViewAsync(db, scheme, current.OverseesRecords, cancellationToken));
        }

        return views;
    }

    public static async Task<Results<Ok<IReadOnlyList<RiskSchemeView>>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListRiskSchemes(), ct)).ToOk();
}

public sealed record GetRiskScheme(Guid Id) : IQuery<Result<RiskSchemeView>>;

public sealed class GetRiskSchemeHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetRiskScheme, Result<RiskSchemeView>>
{
    public async ValueTask<Result<RiskSchemeView>> Handle(GetRiskScheme query, CancellationToken cancellationToken) =>
        await db.RiskSchemes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == query.Id, cancellationToken) is { } scheme
            ? await RiskPoolRules.SchemeViewAsync(db, scheme, current.OverseesRecords, cancellationToken)
            : Error.NotFound("Risk scheme");

    public static async Task<Results<Ok<RiskSchemeView>, ValidationProblem, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetRiskScheme(id), ct)).ToOk();
}

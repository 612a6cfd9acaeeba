using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>
/// Runs a scheme revision (the newest when none is named) on a year's recorded contracts; with <c>switchSharePct</c> also the
/// scenario. JSON, or an XLSX or PDF download.
/// </summary>
public sealed record SimulateIncentiveScheme(Guid Id, int Year, int? Revision = null, decimal? SwitchSharePct = null, string? Format = null)
    : IQuery<Result<IncentiveSimulation>>;

public sealed class SimulateIncentiveSchemeValidator : AbstractValidator<SimulateIncentiveScheme>
{
    public SimulateIncentiveSchemeValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    {
        RuleFor(x => x.Year).KnownYear(options.Value, clock);
        RuleFor(x => x.SwitchSharePct).InclusiveBetween(0, 100).WithMessage("A ratio must lie between 0 and 100 %.");
        RuleFor(x => x.Format).MustBeSimulationFormat();
    }
}

public sealed class SimulateIncentiveSchemeHandler(AppDbContext db, IOptions<IndicatorOptions> options, IncentiveSimulationCache cache, IServiceScopeFactory scopes) : IQueryHandler<SimulateIncentiveScheme, Result<IncentiveSimulation>>
{
    public async ValueTask<Result<IncentiveSimulation>> Handle(SimulateIncentiveScheme query, CancellationToken cancellationToken) =>
        await IncentiveSimulator.RunAsync(db, scopes, options.Value, query.Id, query.Revision, query.Year, query.SwitchSharePct, cancellationToken, cache);

    public static async Task<Results<Ok<IncentiveSimulation>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, int year, int? revision, decimal? switchSharePct, string? format, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new SimulateIncentiveScheme(id, year, revision, switchSharePct, format), ct);
        return IncentiveExport.Respond(result, format, http, s => IncentiveExport.Table(s), s => IncentiveExport.Pdf([s], http));
    }
}

using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>A cached simulation, or null while this node computes it in the background (ask again shortly).</summary>
public sealed record IncentiveSimulationPeek(IncentiveSimulation? Simulation);

/// <summary>
/// The dashboard's read of a simulation: only ever from the cache, so it answers within the dashboard's budget even when
/// computing a million-contract year does not (docs/performance.md); a miss starts the computation and answers null.
/// </summary>
public sealed record PeekIncentiveSimulation(Guid Id, int Year, decimal? SwitchSharePct = null) : IQuery<Result<IncentiveSimulationPeek>>;

public sealed class PeekIncentiveSimulationValidator : AbstractValidator<PeekIncentiveSimulation>
{
    public PeekIncentiveSimulationValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    {
        RuleFor(x => x.Year).KnownYear(options.Value, clock);
        RuleFor(x => x.SwitchSharePct).InclusiveBetween(0, 100).WithMessage("A ratio must lie between 0 and 100 %.");
    }
}

public sealed class PeekIncentiveSimulationHandler(AppDbContext db, IOptions<IndicatorOptions> options, IncentiveSimulationCache cache, IServiceScopeFactory scopes)
    : IQueryHandler<PeekIncentiveSimulation, Result<IncentiveSimulationPeek>>
{
    public async ValueTask<Result<IncentiveSimulationPeek>> Handle(PeekIncentiveSimulation query, CancellationToken cancellationToken)
    {
        var found = await IncentiveSimulator.PeekAsync(db, options.Value, cache, scopes, query.Id, query.Year, query.SwitchSharePct, cancellationToken);
        return found.IsSuccess ? new IncentiveSimulationPeek(found.Value) : found.Error!;
    }

    public static async Task<Results<Ok<IncentiveSimulationPeek>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, int year, decimal? switchSharePct, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new PeekIncentiveSimulation(id, year, switchSharePct), ct)).ToOk();
}

using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Incentives;

public sealed record IncentiveComparison(IncentiveSimulation First, IncentiveSimulation Second);

/// <summary>Two schemes (or two revisions of one) run on the same year, with the same scenario share, side by side.</summary>
public sealed record CompareIncentiveSchemes(Guid First, Guid Second, int Year, int? FirstRevision = null, int? SecondRevision = null, decimal? SwitchSharePct = null, string? Format = null)
    : IQuery<Result<IncentiveComparison>>;

public sealed class CompareIncentiveSchemesValidator : AbstractValidator<CompareIncentiveSchemes>
{
    public CompareIncentiveSchemesValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    {
        RuleFor(x => x.Year).KnownYear(options.Value, clock);
        RuleFor(x => x.SwitchSharePct).InclusiveBetween(0, 100).WithMessage("A ratio must lie between 0 and 100 %.");
        RuleFor(x => x.Format).MustBeSimulationFormat();
    }
}

public sealed class CompareIncentiveSchemesHandler(AppDbContext db, IOptions<IndicatorOptions> options, IncentiveSimulationCache cache, IServiceScopeFactory scopes) : IQueryHandler<CompareIncentiveSchemes, Result<IncentiveComparison>>
{
    public async ValueTask<Result<IncentiveComparison>> Handle(CompareIncentiveSchemes query, CancellationToken cancellationToken)
    {
        var first = await IncentiveSimulator.RunAsync(db, scopes, options.Value, query.First, query.FirstRevision, query.Year, query.SwitchSharePct, cancellationToken, cache);
        if (!first.IsSuccess)
        {
            return first.Error!;
        }

        var second = await IncentiveSimulator.RunAsync(db, scopes, options.Value, query.Second, query.SecondRevision, query.Year, query.SwitchSharePct, cancellationToken, cache);
        return second.IsSuccess ? new IncentiveComparison(first.Value!, second.Value!) : second.Error!;
    }

    public static async Task<Results<Ok<IncentiveComparison>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid first, Guid second, int year, int? firstRevision, int? secondRevision, decimal? switchSharePct, string? format,
        HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new CompareIncentiveSchemes(first, second, year, firstRevision, secondRevision, switchSharePct, format), ct);
        return IncentiveExport.Respond(result, format, http, IncentiveExport.Table, c => IncentiveExport.Pdf([c.First, c.Second], http));
    }
}

using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Features.Incentives;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Targets;

/// <summary>One institution's year month by month against its target and its baseline year, with the forecast to year end.</summary>
public sealed record TargetProgressView(
    InstitutionRef Institution, int Year, int BaselineYear, InstitutionTargetView? Target, LocalRate Actual, LocalRate Baseline,
    LocalRate? Forecast, decimal ElapsedShare, IReadOnlyList<TargetMonth> Months);

/// <summary>The bureau reads any institution's progress, an institution's members their own (the indicators' scope).</summary>
public sealed record GetTargetProgress(Guid InstitutionId, int Year, int BaselineYear = TargetProgress.PaperBaselineYear) : IQuery<Result<TargetProgressView>>;

public sealed class GetTargetProgressValidator : AbstractValidator<GetTargetProgress>
{
    public GetTargetProgressValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    {
        RuleFor(x => x.Year).InclusiveBetween(options.Value.EarliestYear, clock.GetUtcNow().Year + SetInstitutionTargetValidator.YearsAhead)
            .WithMessage(_ => Infrastructure.Behaviours.ValidationText.Format("The year must lie between {0} and {1}.", options.Value.EarliestYear, clock.GetUtcNow().Year + SetInstitutionTargetValidator.YearsAhead));
        RuleFor(x => x.BaselineYear).KnownYear(options.Value, clock);
    }
}

public sealed class GetTargetProgressHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options, TimeProvider clock)
    : IQueryHandler<GetTargetProgress, Result<TargetProgressView>>
{
    public async ValueTask<Result<TargetProgressView>> Handle(GetTargetProgress query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync<TargetProgressView>(current, db, query.InstitutionId, async _ =>
        {
            var id = query.InstitutionId;
            var names = await IndicatorQueries.NamesAsync(db, [id], cancellationToken);
            var actual = await TargetProgress.MonthlyAsync(db, options.Value, id, query.Year, cancellationToken);
            var baseline = await TargetProgress.MonthlyAsync(db, options.Value, id, query.BaselineYear, cancellationToken);
            var elapsed = TargetProgress.ElapsedShare(query.Year, clock.GetUtcNow());
            var today = clock.GetUtcNow().UtcDateTime;
            var monthsPassed = query.Year < today.Year ? 12 : query.Year > today.Year ? 0 : today.Month;
            var ytd = monthsPassed == 0 ? LocalRate.Of(0, 0, 0, 0) : actual[monthsPassed - 1];
            var months = Enumerable.Range(1, 12).Select(m => new TargetMonth(m, m <= monthsPassed ? actual[m - 1] : null, baseline[m - 1])).ToList();
            return new TargetProgressView(names[id], query.Year, query.BaselineYear, await TargetProgress.TargetAsync(db, id, query.Year, cancellationToken),
                ytd, baseline[11], TargetProgress.Forecast(ytd, elapsed), Math.Round(elapsed, 4), months);
        }, cancellationToken);

    public static async Task<Results<Ok<TargetProgressView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid institutionId, int year, int? baselineYear, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetTargetProgress(institutionId, year, baselineYear ?? TargetProgress.PaperBaselineYear), ct)).ToOk();
}

using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Features.Incentives;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Targets;

public sealed record TargetSummary(InstitutionRef Institution, InstitutionTargetView Target, LocalRate Actual, LocalRate? Forecast);

/// <summary>A year's targets with the year to date and the forecast: every institution's for the bureau, their own for an institution's members.</summary>
public sealed record ListInstitutionTargets(int Year) : IQuery<Result<IReadOnlyList<TargetSummary>>>;

public sealed class ListInstitutionTargetsValidator : AbstractValidator<ListInstitutionTargets>
{
    public ListInstitutionTargetsValidator(IOptions<IndicatorOptions> options, TimeProvider clock) =>
        RuleFor(x => x.Year).InclusiveBetween(options.Value.EarliestYear, clock.GetUtcNow().Year + SetInstitutionTargetValidator.YearsAhead)
            .WithMessage(_ => Infrastructure.Behaviours.ValidationText.Format("The year must lie between {0} and {1}.", options.Value.EarliestYear, clock.GetUtcNow().Year + SetInstitutionTargetValidator.YearsAhead));
}

public sealed class ListInstitutionTargetsHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options, TimeProvider clock)
    : IQueryHandler<ListInstitutionTargets, Result<IReadOnlyList<TargetSummary>>>
{
    public async ValueTask<Result<IReadOnlyList<TargetSummary>>> Handle(ListInstitutionTargets query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync<IReadOnlyList<TargetSummary>>(current, db, null, async scope =>
        {
            var targets = await db.InstitutionTargets.AsNoTracking()
                .Where(t => t.Year == query.Year && (scope.InstitutionId == null || t.InstitutionId == scope.InstitutionId))
                .ToListAsync(cancellationToken);
            var years = (await IndicatorQueries.InstitutionYearsAsync(db, query.Year, query.Year,
                    CategoryFilter.From(null, options.Value.DefaultTransformationCategories), scope.InstitutionId, cancellationToken))
                .ToDictionary(y => y.InstitutionId);
            var names = await IndicatorQueries.NamesAsync(db, targets.Select(t => t.InstitutionId), cancellationToken);
            var elapsed = TargetProgress.ElapsedShare(query.Year, clock.GetUtcNow());
            return targets.Select(t =>
            {
                var y = years.GetValueOrDefault(t.InstitutionId);
                var actual = y is null ? LocalRate.Of(0, 0, 0, 0) : LocalRate.Of(y.Projects, y.LocalProjects, y.Amount, y.LocalAmount);
                return new TargetSummary(names[t.InstitutionId], TargetProgress.View(t), actual, TargetProgress.Forecast(actual, elapsed));
            }).OrderBy(s => s.Institution.NameZh, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    public static async Task<Results<Ok<IReadOnlyList<TargetSummary>>, ValidationProblem, ProblemHttpResult>> Endpoint(int year, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListInstitutionTargets(year), ct)).ToOk();
}

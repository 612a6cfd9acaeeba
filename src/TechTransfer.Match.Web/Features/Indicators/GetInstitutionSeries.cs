using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>One institution's localization by count and by amount per year, for charts (every year of the range, zeros included).</summary>
public sealed record GetInstitutionSeries(Guid Institution, int From, int To, string? Categories = null, string? Format = null)
    : IQuery<Result<InstitutionSeries>>, ICategorisedIndicator;

public sealed record SeriesPoint(int Year, int Projects, int LocalProjects, decimal CountRatePct, decimal Amount, decimal LocalAmount, decimal AmountRatePct);

public sealed record InstitutionSeries(InstitutionRef Institution, int From, int To, IReadOnlyList<string> Categories, IReadOnlyList<SeriesPoint> Points) : IExportable
{
    public ExportTable ToTable()
    {
        ExportColumn[] columns =
        [
            new("年份", "Year"), new("项目数(项)", "Projects"), new("本地项目数(项)", "Local projects"), new("本地转化率(按项目数,%)", "Localization rate by count (%)"),
            new("金额(元)", "Amount (yuan)"), new("本地金额(元)", "Local amount (yuan)"), new("本地转化率(按金额,%)", "Localization rate by amount (%)"),
        ];
        var rows = Points.Select(p => (object?[])[p.Year, p.Projects, p.LocalProjects, p.CountRatePct, p.Amount, p.LocalAmount, p.AmountRatePct]).ToList();
        return new ExportTable($"series-{From}-{To}", columns, rows);
    }
}

public sealed class GetInstitutionSeriesValidator : IndicatorQueryValidator<GetInstitutionSeries>
{
    public GetInstitutionSeriesValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
        : base(options.Value, clock)
    {
        RuleFor(x => x.From).KnownYear(options.Value, clock);
        RuleFor(x => x.To).KnownYear(options.Value, clock);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).WithMessage("'to' must not be before 'from'.");
        RuleFor(x => x.To - x.From + 1).LessThanOrEqualTo(options.Value.MaxYearSpan)
            .WithMessage(_ => ValidationText.Format("The range may span at most {0} years.", options.Value.MaxYearSpan)).OverridePropertyName("to");
    }
}

public sealed class GetInstitutionSeriesHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options)
    : IQueryHandler<GetInstitutionSeries, Result<InstitutionSeries>>
{
    public async ValueTask<Result<InstitutionSeries>> Handle(GetInstitutionSeries query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, query.Institution, _ => AnswerAsync(query, cancellationToken), cancellationToken);

    private async Task<Result<InstitutionSeries>> AnswerAsync(GetInstitutionSeries query, CancellationToken cancellationToken)
    {
        var institution = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == query.Institution && o.Kind == OrganisationKind.Institution)
            .Select(o => new InstitutionRef(o.Id, o.NameZh, o.NameEn))
            .FirstOrDefaultAsync(cancellationToken);
        if (institution is null)
        {
            return Error.NotFound("Institution");
        }

        var categories = CategoryFilter.From(query.Categories, options.Value.DefaultTransformationCategories);
        var groups = await IndicatorQueries.InstitutionYearsAsync(db, query.From, query.To, categories, query.Institution, cancellationToken);
        var points = Enumerable.Range(query.From, query.To - query.From + 1)
            .Select(y => GetLocalizationHandler.Figures(groups.FirstOrDefault(g => g.Year == y)) is var f
                ? new SeriesPoint(y, f.Projects, f.LocalProjects, f.CountRatePct, f.Amount, f.LocalAmount, f.AmountRatePct)
                : null!)
            .ToList();
        return new InstitutionSeries(institution, query.From, query.To, [.. categories.Categories.Select(c => c.ToString())], points);
    }

    public static async Task<Results<Ok<InstitutionSeries>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, int from, int to, string? categories, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetInstitutionSeries(id, from, to, categories, format), ct)).Respond(format, http);
}

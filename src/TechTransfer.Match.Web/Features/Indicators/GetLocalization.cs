using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>
/// Localization rate (paper Tables 3-4): per institution and in total, for a year and the year before,
/// projects, local projects and the rate by count; amount, local amount and the rate by amount.
/// </summary>
public sealed record GetLocalization(int Year, string? Categories = null, Guid? Institution = null, string? Format = null) : IQuery<Result<LocalizationTable>>, IYearlyIndicator, ICategorisedIndicator;

public sealed record LocalizationFigures(int Projects, int LocalProjects, decimal CountRatePct, decimal Amount, decimal LocalAmount, decimal AmountRatePct)
{
    public static readonly LocalizationFigures Zero = new(0, 0, 0, 0, 0, 0);

    public static LocalizationFigures Of(int projects, int local, decimal amount, decimal localAmount) =>
        new(projects, local, IndicatorRules.Percent(local, projects), amount, localAmount, IndicatorRules.Percent(localAmount, amount));

    public static LocalizationFigures Sum(IEnumerable<LocalizationFigures> rows)
    {
        var list = rows.ToList();
        return Of(list.Sum(r => r.Projects), list.Sum(r => r.LocalProjects), list.Sum(r => r.Amount), list.Sum(r => r.LocalAmount));
    }

    public object?[] Cells() => [Projects, LocalProjects, CountRatePct, Amount, LocalAmount, AmountRatePct];
}

public sealed record LocalizationRow(InstitutionRef Institution, LocalizationFigures Previous, LocalizationFigures Current);

/// <summary>Amounts in yuan, rates in percent (4 decimals). <c>Current</c> is the requested year, <c>Previous</c> the year before.</summary>
public sealed record LocalizationTable(int Year, int PreviousYear, IReadOnlyList<string> Categories, IReadOnlyList<LocalizationRow> Rows,
    LocalizationFigures PreviousTotal, LocalizationFigures Total) : IExportable
{
    public ExportTable ToTable()
    {
        List<ExportColumn> columns = [new("单位", "Institution")];
        foreach (var y in new[] { PreviousYear, Year })
        {
            columns.AddRange([
                new($"{y}年项目数(项)", $"Projects {y}"),
                new($"{y}年本地项目数(项)", $"Local projects {y}"),
                new($"{y}年本地转化率(按项目数,%)", $"Localization rate by count {y} (%)"),
                new($"{y}年金额(元)", $"Amount {y} (yuan)"),
                new($"{y}年本地金额(元)", $"Local amount {y} (yuan)"),
                new($"{y}年本地转化率(按金额,%)", $"Localization rate by amount {y} (%)"),
            ]);
        }

        var rows = Rows.Select(r => (object?[])[ExportText.Of(r.Institution), .. r.Previous.Cells(), .. r.Current.Cells()]).ToList();
        rows.Add([ExportText.Total, .. PreviousTotal.Cells(), .. Total.Cells()]);
        return new ExportTable($"localization-{Year}", columns, rows);
    }
}

public sealed class GetLocalizationValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    : IndicatorQueryValidator<GetLocalization>(options.Value, clock);

public sealed class GetLocalizationHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options)
    : IQueryHandler<GetLocalization, Result<LocalizationTable>>
{
    public async ValueTask<Result<LocalizationTable>> Handle(GetLocalization query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, query.Institution, scope => AnswerAsync(query, scope, cancellationToken), cancellationToken);

    private async Task<Result<LocalizationTable>> AnswerAsync(GetLocalization query, IndicatorScope scope, CancellationToken cancellationToken)
    {
        var categories = CategoryFilter.From(query.Categories, options.Value.DefaultTransformationCategories);
        var groups = await IndicatorQueries.InstitutionYearsAsync(db, query.Year - 1, query.Year, categories, scope.InstitutionId, cancellationToken);
        var names = await IndicatorQueries.NamesAsync(db, groups.Select(g => g.InstitutionId), cancellationToken);
        var rows = groups.GroupBy(g => g.InstitutionId)
            .Select(g => new LocalizationRow(
                names[g.Key],
                Figures(g.FirstOrDefault(x => x.Year == query.Year - 1)),
                Figures(g.FirstOrDefault(x => x.Year == query.Year))))
            .OrderByDescending(r => r.Current.Amount).ThenByDescending(r => r.Previous.Amount).ThenBy(r => r.Institution.NameEn, StringComparer.Ordinal)
            .ToList();
        return new LocalizationTable(query.Year, query.Year - 1, [.. categories.Categories.Select(c => c.ToString())], rows,
            LocalizationFigures.Sum(rows.Select(r => r.Previous)), LocalizationFigures.Sum(rows.Select(r => r.Current)));
    }

    internal static LocalizationFigures Figures(InstitutionYear? g) =>
        g is null ? LocalizationFigures.Zero : LocalizationFigures.Of(g.Projects, g.LocalProjects, g.Amount, g.LocalAmount);

    public static async Task<Results<Ok<LocalizationTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        int year, string? categories, Guid? institution, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetLocalization(year, categories, institution, format), ct)).Respond(format, http);
}

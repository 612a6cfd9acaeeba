using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>
/// Average contract amount (paper Table 5): amount / projects and local amount / local projects per
/// institution and overall for a year, against the configured national reference average.
/// </summary>
public sealed record GetContractAmounts(int Year, string? Categories = null, Guid? Institution = null, string? Format = null)
    : IQuery<Result<ContractAmountsTable>>, IYearlyIndicator, ICategorisedIndicator;

public sealed record ContractAmountsRow(InstitutionRef? Institution, int Projects, int LocalProjects, decimal Amount, decimal LocalAmount,
    decimal AverageAmount, decimal AverageLocalAmount, bool AboveNationalAverage)
{
    public static ContractAmountsRow Of(InstitutionRef? institution, int projects, int local, decimal amount, decimal localAmount, decimal reference)
    {
        var average = IndicatorRules.Average(amount, projects);
        return new(institution, projects, local, amount, localAmount, average, IndicatorRules.Average(localAmount, local), average > reference);
    }
}

/// <summary>Amounts and averages in yuan; the national reference average in yuan and its year.</summary>
public sealed record ContractAmountsTable(int Year, IReadOnlyList<string> Categories, decimal NationalAverageContractAmount, int NationalAverageYear,
    IReadOnlyList<ContractAmountsRow> Rows, ContractAmountsRow Total) : IExportable
{
    public ExportTable ToTable()
    {
        ExportColumn[] columns =
        [
            new("单位", "Institution"), new("项目数(项)", "Projects"), new("本地项目数(项)", "Local projects"),
            new("金额(元)", "Amount (yuan)"), new("本地金额(元)", "Local amount (yuan)"),
            new("平均合同金额(元)", "Average contract amount (yuan)"), new("平均本地合同金额(元)", "Average local contract amount (yuan)"),
            new("全国平均合同金额(元)", "National average contract amount (yuan)"),
        ];
        var rows = Rows.Append(Total).Select(r => (object?[])[r.Institution is { } i ? ExportText.Of(i) : ExportText.Total, r.Projects, r.LocalProjects, r.Amount, r.LocalAmount,
            r.AverageAmount, r.AverageLocalAmount, NationalAverageContractAmount]).ToList();
        return new ExportTable($"contract-amounts-{Year}", columns, rows);
    }
}

public sealed class GetContractAmountsValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    : IndicatorQueryValidator<GetContractAmounts>(options.Value, clock);

public sealed class GetContractAmountsHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options)
    : IQueryHandler<GetContractAmounts, Result<ContractAmountsTable>>
{
    public async ValueTask<Result<ContractAmountsTable>> Handle(GetContractAmounts query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, query.Institution, scope => AnswerAsync(query, scope, cancellationToken), cancellationToken);

    private async Task<Result<ContractAmountsTable>> AnswerAsync(GetContractAmounts query, IndicatorScope scope, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var reference = settings.NationalAverageContractAmount;
        var categories = CategoryFilter.From(query.Categories, settings.DefaultTransformationCategories);
        var groups = await IndicatorQueries.InstitutionYearsAsync(db, query.Year, query.Year, categories, scope.InstitutionId, cancellationToken);
        var names = await IndicatorQueries.NamesAsync(db, groups.Select(g => g.InstitutionId), cancellationToken);
        var rows = groups
            .Select(g => ContractAmountsRow.Of(names[g.InstitutionId], g.Projects, g.LocalProjects, g.Amount, g.LocalAmount, reference))
            .OrderByDescending(r => r.AverageAmount).ThenBy(r => r.Institution!.NameEn, StringComparer.Ordinal)
            .ToList();
        var total = ContractAmountsRow.Of(null, rows.Sum(r => r.Projects), rows.Sum(r => r.LocalProjects), rows.Sum(r => r.Amount), rows.Sum(r => r.LocalAmount), reference);
        return new ContractAmountsTable(query.Year, [.. categories.Categories.Select(c => c.ToString())], reference,
            settings.NationalAverageContractAmountYear, rows, total);
    }

    public static async Task<Results<Ok<ContractAmountsTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        int year, string? categories, Guid? institution, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetContractAmounts(year, categories, institution, format), ct)).Respond(format, http);
}

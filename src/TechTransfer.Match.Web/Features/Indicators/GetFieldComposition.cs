using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Features.Contracts.Import;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>
/// Field composition (paper Table 2): contracts and volume per technical field for a year and the two
/// before, each field's share of the year's volume and its increase over the previous year. All
/// technology contracts on record count (every seller, not only institutions).
/// </summary>
public sealed record GetFieldComposition(int Year, string? Categories = null, Guid? Institution = null, string? Format = null)
    : IQuery<Result<FieldCompositionTable>>, IYearlyIndicator, ICategorisedIndicator;

/// <summary>Contracts and volume (yuan) of the three years, oldest first.</summary>
public sealed record FieldCompositionRow(TechnicalField? Field, int[] Contracts, decimal[] Volume, decimal SharePct, decimal? IncreasePct);

public sealed record FieldCompositionTable(int Year, int[] Years, IReadOnlyList<string> Categories, IReadOnlyList<FieldCompositionRow> Rows,
    FieldCompositionRow Total) : IExportable
{
    public ExportTable ToTable()
    {
        List<ExportColumn> columns = [new("技术领域", "Technical field")];
        columns.AddRange(Years.Select(y => new ExportColumn($"{y}年合同数(项)", $"Contracts {y}")));
        columns.AddRange(Years.Select(y => new ExportColumn($"{y}年成交额(元)", $"Volume {y} (yuan)")));
        columns.Add(new($"{Year}年占比(%)", $"Share {Year} (%)"));
        columns.Add(new($"{Year}年增幅(%)", $"Increase {Year} (%)"));
        var rows = Rows.Append(Total).Select(r => (object?[])[
            r.Field is { } f ? FieldNames.Of(f) : ExportText.Total, .. r.Contracts.Cast<object?>(), .. r.Volume.Cast<object?>(), r.SharePct, r.IncreasePct]).ToList();
        return new ExportTable($"fields-{Year}", columns, rows);
    }
}

/// <summary>
/// Technical field names for exports: the Chinese names of the registration form (as the contract
/// import reads them) and the English names the web front end shows (web/src/i18n/en.ts).
/// </summary>
public static class FieldNames
{
    public static string Zh(TechnicalField field) => ContractColumns.FieldZh.GetValueOrDefault(field) ?? field.ToString();

    public static string En(TechnicalField field) => field switch
    {
        TechnicalField.ElectronicInformation => "Electronic information",
        TechnicalField.Aerospace => "Aerospace",
        TechnicalField.AdvancedManufacturing => "Advanced manufacturing",
        TechnicalField.BiomedicineAndMedicalDevices => "Biomedicine and medical devices",
        TechnicalField.NewMaterials => "New materials",
        TechnicalField.NewEnergyAndEnergyEfficiency => "New energy and energy efficiency",
        TechnicalField.EnvironmentalProtectionAndResources => "Environmental protection and resources",
        TechnicalField.NuclearApplication => "Nuclear application",
        TechnicalField.Agriculture => "Agriculture",
        TechnicalField.ModernTraffic => "Modern traffic",
        TechnicalField.UrbanConstructionAndSocialDevelopment => "Urban construction and social development",
        _ => field.ToString(),
    };

    public static ExportText Of(TechnicalField field) => new(Zh(field), En(field));
}

public sealed class GetFieldCompositionValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    : IndicatorQueryValidator<GetFieldComposition>(options.Value, clock);

public sealed class GetFieldCompositionHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options)
    : IQueryHandler<GetFieldComposition, Result<FieldCompositionTable>>
{
    public async ValueTask<Result<FieldCompositionTable>> Handle(GetFieldComposition query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, query.Institution, scope => AnswerAsync(query, scope, cancellationToken), cancellationToken);

    private async Task<Result<FieldCompositionTable>> AnswerAsync(GetFieldComposition query, IndicatorScope scope, CancellationToken cancellationToken)
    {
        var categories = CategoryFilter.From(query.Categories, options.Value.DefaultTransformationCategories);
        int first = query.Year - 2, year = query.Year;
        var contracts = categories.Apply(db.CountedContracts).Where(c => c.Year >= first && c.Year <= year);
        if (scope.InstitutionId is { } institution)
        {
            contracts = contracts.Where(c => c.SellerOrganisationId == institution);
        }

        var groups = (await IndicatorQueries.CountAndSumAsync(db, contracts, c => new { c.Year, c.Field }, cancellationToken))
            .Select(g => new { g.Key.Field, g.Key.Year, Contracts = g.Value.Count, Volume = g.Value.Amount })
            .ToList();
        int[] years = [first, first + 1, year];
        var totalVolume = years.Select(y => groups.Where(g => g.Year == y).Sum(g => g.Volume)).ToArray();
        var rows = groups.GroupBy(g => g.Field)
            .Select(g =>
            {
                var counts = years.Select(y => g.FirstOrDefault(x => x.Year == y)?.Contracts ?? 0).ToArray();
                var volumes = years.Select(y => g.FirstOrDefault(x => x.Year == y)?.Volume ?? 0).ToArray();
                return new FieldCompositionRow(g.Key, counts, volumes, IndicatorRules.Percent(volumes[2], totalVolume[2]),
                    IndicatorRules.Increase(volumes[2], volumes[1]));
            })
            .OrderByDescending(r => r.Volume[2]).ThenByDescending(r => r.Volume[1]).ThenBy(r => r.Field)
            .ToList();
        var totalCounts = years.Select(y => groups.Where(g => g.Year == y).Sum(g => g.Contracts)).ToArray();
        var total = new FieldCompositionRow(null, totalCounts, totalVolume, totalVolume[2] == 0 ? 0 : 100, IndicatorRules.Increase(totalVolume[2], totalVolume[1]));
        return new FieldCompositionTable(year, years, [.. categories.Categories.Select(c => c.ToString())], rows, total);
    }

    public static async Task<Results<Ok<FieldCompositionTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        int year, string? categories, Guid? institution, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetFieldComposition(year, categories, institution, format), ct)).Respond(format, http);
}

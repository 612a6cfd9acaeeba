using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Data.Seed;

namespace TechTransfer.Match.Tests.Indicators;

/// <summary>Loads the paper records once per test database.</summary>
public static class PaperData
{
    private static readonly ConditionalWeakTable<TestApp, Task> Loaded = [];

    public static Task EnsureLoadedAsync(TestApp app)
    {
        lock (Loaded)
        {
            return Loaded.GetValue(app, a => LoadAsync(a));
        }
    }

    private static async Task LoadAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var platform = scope.ServiceProvider.GetRequiredService<IOptions<PlatformOptions>>().Value;
        await PaperRecords.AddAsync(db, platform.IsInHomeCity, DateTime.UtcNow, default);
        await db.SaveChangesAsync();
    }

    public static decimal Wan(this JsonElement e) => e.GetDecimal() / 10_000m;

    public static decimal Yi(this JsonElement e) => e.GetDecimal() / 100_000_000m;

    public static decimal R(this decimal value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The paper's tables computed by the indicator endpoints from records built to match, asserted at the
/// printed precision, on every database provider.
/// </summary>
public abstract class PaperReproductionTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync()
    {
        await PaperData.EnsureLoadedAsync(app);
        return (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
    }

    [Fact]
    public Task Localization_reproduces_tables_3_and_4() => RunAsync(PaperTables.LocalizationAsync);

    [Fact]
    public Task Contract_amounts_reproduce_table_5_against_the_national_reference() => RunAsync(PaperTables.ContractAmountsAsync);

    [Fact]
    public async Task Fields_reproduce_table_2() => await PaperTables.FieldsAsync(await BureauAsync());

    private async Task RunAsync(Func<HttpClient, Func<JsonElement, string>, Task> table) =>
        await table(await BureauAsync(), i => i.GetProperty("nameEn").GetString()!);

    [Fact]
    public Task Collaboration_reproduces_table_6_against_the_national_averages() => RunAsync(PaperTables.CollaborationAsync);

    [Fact]
    public async Task Turnover_ranks_the_institutions_by_the_years_amount()
    {
        var bureau = await BureauAsync();
        var table = await (await bureau.GetAsync("/api/indicators/turnover?year=2023&top=3")).JsonAsync();
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("institution").GetProperty("nameEn").GetString())
            .ShouldBe(["Dalian Institute of Chemical Physics", "Dalian University of Technology", "Dalian Maritime University"]);
        rows[0].GetProperty("rank").GetInt32().ShouldBe(1);
        rows[0].GetProperty("contracts").GetInt32().ShouldBe(348);
        rows[0].GetProperty("amount").Wan().R(1).ShouldBe(101753.0m);
        rows[0].GetProperty("previousContracts").GetInt32().ShouldBe(299);
    }

    [Fact]
    public async Task Institution_series_gives_every_year_of_the_range()
    {
        var bureau = await BureauAsync();
        var dicp = await app.WithDbAsync(db => Task.FromResult(db.Organisations.Single(o => o.NameEn == "Dalian Institute of Chemical Physics").Id));
        var series = await (await bureau.GetAsync($"/api/indicators/institutions/{dicp}/series?from=2021&to=2023")).JsonAsync();
        var points = series.GetProperty("points").EnumerateArray().ToList();
        points.Select(p => p.GetProperty("year").GetInt32()).ShouldBe([2021, 2022, 2023]);
        points[0].GetProperty("projects").GetInt32().ShouldBe(0);
        points[0].GetProperty("countRatePct").GetDecimal().ShouldBe(0m);
        points[2].GetProperty("countRatePct").GetDecimal().R(1).ShouldBe(37.6m);
        points[2].GetProperty("amountRatePct").GetDecimal().R(1).ShouldBe(41.3m);
    }
}

public sealed class SqlitePaperReproductionTests(SqliteApp app) : PaperReproductionTests<SqliteApp>(app);

public sealed class PostgresPaperReproductionTests(PostgresApp app) : PaperReproductionTests<PostgresApp>(app);

/// <summary>
/// The paper's Tables 2-5 asserted at the printed precision against the indicator endpoints: shared by the
/// reproduction from seeded records and by the registry-export round trip (RegistryExportRoundTripTests).
/// <c>institution</c> names an indicator row's institution as <see cref="PaperFigures"/> does (its English name).
/// </summary>
public static class PaperTables
{
    /// <summary>Tables 3 and 4 as the localization indicator gives them, every printed row.</summary>
    public static async Task LocalizationAsync(HttpClient bureau, Func<JsonElement, string> institution)
    {
        var table = await (await bureau.GetAsync("/api/indicators/localization?year=2023")).JsonAsync();
        table.GetProperty("previousYear").GetInt32().ShouldBe(2022);
        var rows = table.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => institution(r.GetProperty("institution")));
        rows.Count.ShouldBe(12);
        foreach (var expected in PaperFigures.Localization)
        {
            var figures = expected.Institution == PaperFigures.Total
                ? table.GetProperty(expected.Year == 2023 ? "total" : "previousTotal")
                : rows[expected.Institution].GetProperty(expected.Year == 2023 ? "current" : "previous");
            var label = $"{expected.Institution} {expected.Year}";
            figures.GetProperty("projects").GetInt32().ShouldBe(expected.Projects, label);
            figures.GetProperty("localProjects").GetInt32().ShouldBe(expected.LocalProjects, label);
            figures.GetProperty("countRatePct").GetDecimal().R(1).ShouldBe(expected.CountRatePct, label);
            figures.GetProperty("amount").Wan().R(1).ShouldBe(expected.AmountWan, label);
            figures.GetProperty("localAmount").Wan().R(1).ShouldBe(expected.LocalAmountWan, label);
            figures.GetProperty("amountRatePct").GetDecimal().R(1).ShouldBe(expected.AmountRatePct, label);
        }

        // Table 4's non-local share of 2023 (64.3%) is the complement of the total's rate by amount.
        (100m - table.GetProperty("total").GetProperty("amountRatePct").GetDecimal()).R(1).ShouldBe(64.3m);
    }

    /// <summary>Table 5 as the contract-amounts indicator gives it, against the national average.</summary>
    public static async Task ContractAmountsAsync(HttpClient bureau, Func<JsonElement, string> institution)
    {
        var table = await (await bureau.GetAsync("/api/indicators/contract-amounts?year=2023")).JsonAsync();
        table.GetProperty("nationalAverageContractAmount").Wan().ShouldBe(PaperFigures.NationalAverageContractWan);
        var rows = table.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => institution(r.GetProperty("institution")));
        foreach (var expected in PaperFigures.ContractAmounts2023)
        {
            var row = expected.Institution == PaperFigures.Total ? table.GetProperty("total") : rows[expected.Institution];
            row.GetProperty("projects").GetInt32().ShouldBe(expected.Projects, expected.Institution);
            row.GetProperty("localProjects").GetInt32().ShouldBe(expected.LocalProjects, expected.Institution);
            row.GetProperty("amount").Wan().R(1).ShouldBe(expected.AmountWan, expected.Institution);
            row.GetProperty("localAmount").Wan().R(1).ShouldBe(expected.LocalAmountWan, expected.Institution);
            row.GetProperty("averageAmount").Wan().R(1).ShouldBe(expected.AverageWan, expected.Institution);
            row.GetProperty("averageLocalAmount").Wan().R(1).ShouldBe(expected.AverageLocalWan, expected.Institution);
            row.GetProperty("aboveNationalAverage").GetBoolean().ShouldBe(expected.AverageWan > PaperFigures.NationalAverageContractWan, expected.Institution);
        }
    }

    /// <summary>Table 2 as the field-composition indicator gives it, in the printed order.</summary>
    public static async Task FieldsAsync(HttpClient bureau)
    {
        var table = await (await bureau.GetAsync("/api/indicators/fields?year=2023")).JsonAsync();
        table.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ShouldBe([2021, 2022, 2023]);
        var rows = table.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("field").GetString()!);
        rows.Count.ShouldBe(11);
        foreach (var expected in PaperFigures.Fields.Where(f => f.Field != PaperFigures.Total))
        {
            var row = rows[expected.Field];
            row.GetProperty("contracts").EnumerateArray().Select(c => c.GetInt32()).ShouldBe(expected.Contracts, expected.Field);
            var volumes = row.GetProperty("volume").EnumerateArray().Select(v => v.Yi()).ToList();
            for (var i = 0; i < 3; i++)
            {
                // Printed to 0.1 亿元, nuclear application's 2022 volume to 0.01.
                var digits = expected.VolumeYi[i] == expected.VolumeYi[i].R(1) ? 1 : 2;
                volumes[i].R(digits).ShouldBe(expected.VolumeYi[i], $"{expected.Field} volume {2021 + i}");
            }

            row.GetProperty("sharePct").GetDecimal().R(2).ShouldBe(expected.SharePct, expected.Field);
            row.GetProperty("increasePct").GetDecimal().R(2).ShouldBe(expected.IncreasePct, expected.Field);
        }

        // Order as printed: by the year's volume.
        rows.Keys.ShouldBe(PaperFigures.Fields.Where(f => f.Field != PaperFigures.Total).Select(f => f.Field));

        var printed = PaperFigures.Fields.Single(f => f.Field == PaperFigures.Total);
        var total = table.GetProperty("total");
        total.GetProperty("contracts").EnumerateArray().Select(c => c.GetInt32()).ShouldBe(printed.Contracts);
        var totals = total.GetProperty("volume").EnumerateArray().Select(v => v.Yi()).ToList();
        totals[2].R(1).ShouldBe(printed.VolumeYi[2]);
        total.GetProperty("increasePct").GetDecimal().R(1).ShouldBe(printed.IncreasePct);
        // The printed 2021 and 2022 totals (336.2, 427.3) are not the sums of the printed fields; records give the sums.
        totals[0].R(1).ShouldBe(321.6m);
        totals[1].R(1).ShouldBe(427.1m);
    }

    /// <summary>Table 6 as the collaboration indicator gives it, against the national averages.</summary>
    public static async Task CollaborationAsync(HttpClient bureau, Func<JsonElement, string> institution)
    {
        var table = await (await bureau.GetAsync("/api/indicators/collaboration")).JsonAsync();
        table.GetProperty("nationalAverageJointRdInstitutions").GetDecimal().ShouldBe(PaperFigures.NationalAverageJointRd);
        table.GetProperty("nationalAverageSpinOffs").GetDecimal().ShouldBe(PaperFigures.NationalAverageSpinOffs);
        var rows = table.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => institution(r.GetProperty("institution")));
        foreach (var expected in PaperFigures.Collaboration)
        {
            rows[expected.Institution].GetProperty("jointRdInstitutions").GetInt32().ShouldBe(expected.JointRdInstitutions, expected.Institution);
            rows[expected.Institution].GetProperty("spinOffs").GetInt32().ShouldBe(expected.SpinOffs, expected.Institution);
            rows[expected.Institution].GetProperty("jointRdAboveNationalAverage").GetBoolean()
                .ShouldBe(expected.JointRdInstitutions > PaperFigures.NationalAverageJointRd, expected.Institution);
        }
    }
}

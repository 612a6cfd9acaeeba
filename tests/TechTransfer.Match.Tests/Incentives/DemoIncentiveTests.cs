using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;

namespace TechTransfer.Match.Tests.Incentives;

/// <summary>
/// The demo's incentive schemes simulated on the paper's 2023 contracts (the dashboard's figures) and the current year's targets,
/// whose progress has the year's contracts to date to read, as the demo institution's member and the bureau see them.
/// </summary>
public abstract class DemoIncentiveTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DemoCorpusApp
{
    [Fact]
    public async Task The_demo_schemes_cost_money_on_2023_and_every_paper_institution_has_a_target_with_this_years_progress()
    {
        var password = app.Services.GetRequiredService<IConfiguration>()["Seed:DemoPassword"]!;
        var bureau = await app.SignInAsync("bureau@demo.techtransfer.local", password);
        var schemes = (await (await bureau.GetAsync("/api/incentive-schemes")).JsonAsync()).EnumerateArray().ToList();
        var costs = new Dictionary<string, (decimal Cost, int Beneficiaries, int Capped, decimal Baseline, decimal Assumed)>();
        foreach (var scheme in schemes)
        {
            var run = await (await bureau.GetAsync($"/api/incentive-schemes/{scheme.GetProperty("id")}/simulation?year=2023")).JsonAsync();
            var scenario = run.GetProperty("scenario");
            costs[run.GetProperty("name").GetString()!] = (run.GetProperty("cost").GetDecimal(), run.GetProperty("beneficiaries").GetInt32(),
                run.GetProperty("cappedBeneficiaries").GetInt32(), scenario.GetProperty("baseline").GetProperty("countRatePct").GetDecimal(),
                scenario.GetProperty("assumed").GetProperty("countRatePct").GetDecimal());
        }

        // The paper's 44.3 % local rate of 2023; 10 % (15 %) of the reached non-local contracts switching lifts it to 49.8 % (52.6 %).
        costs["本地技术交易额 10% 补贴"].ShouldBe((34_154_356.9m, 12, 2, 44.2731m, 49.8458m));
        costs["按合同分档奖励"].ShouldBe((30_922_195.12m, 12, 0, 44.2731m, 52.6322m));

        var year = DateTime.UtcNow.Year;
        var targets = (await (await bureau.GetAsync($"/api/institution-targets?year={year}")).JsonAsync()).EnumerateArray().ToList();
        targets.Count.ShouldBe(12);
        var dut = targets.Single(t => t.GetProperty("institution").GetProperty("nameZh").GetString() == "大连理工大学");
        // 2023's 332 local contracts plus a tenth, its 40.0 % local rate plus five points.
        (dut.GetProperty("target").GetProperty("localContracts").GetInt32(), dut.GetProperty("target").GetProperty("localRatePct").GetDecimal()).ShouldBe((366, 45m));

        var researcher = await app.SignInAsync("researcher@demo.techtransfer.local", password);
        var progress = await (await researcher.GetAsync($"/api/institution-targets/{dut.GetProperty("institution").GetProperty("id")}/{year}/progress")).JsonAsync();
        progress.GetProperty("baselineYear").GetInt32().ShouldBe(2023);
        var months = progress.GetProperty("months").EnumerateArray().ToList();
        months[11].GetProperty("baseline").GetProperty("localContracts").GetDecimal().ShouldBe(332m);
        // This year to date has contracts: the month in progress carries them and the forecast runs ahead of them.
        var current = months[DateTime.UtcNow.Month - 1].GetProperty("actual");
        current.GetProperty("localContracts").GetDecimal().ShouldBeGreaterThan(0m);
        current.GetProperty("localAmount").GetDecimal().ShouldBeGreaterThan(0m);
        progress.GetProperty("forecast").GetProperty("localContracts").GetDecimal().ShouldBeGreaterThanOrEqualTo(current.GetProperty("localContracts").GetDecimal());
        months.Skip(DateTime.UtcNow.Month).ShouldAllBe(m => m.GetProperty("actual").ValueKind == System.Text.Json.JsonValueKind.Null);
    }
}

public sealed class SqliteDemoIncentiveTests(SqliteDemoApp app) : DemoIncentiveTests<SqliteDemoApp>(app);

public sealed class PostgresDemoIncentiveTests(PostgresDemoApp app) : DemoIncentiveTests<PostgresDemoApp>(app);

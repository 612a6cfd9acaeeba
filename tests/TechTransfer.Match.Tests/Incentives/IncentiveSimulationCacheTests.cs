using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Tests.Contracts;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Incentives;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure.Data;
using static TechTransfer.Match.Tests.Incentives.IncentiveData;

namespace TechTransfer.Match.Tests.Incentives;

/// <summary>
/// The simulation cache (docs/performance.md): a cached answer is served until a write changes the year, and every write
/// path (recording, revising, importing, duplicate mark and undo, merging organisations, correcting a kind) changes the
/// next answer, which equals the one computed without the cache. Each test owns a year; per provider.
/// </summary>
public abstract class IncentiveSimulationCacheTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<(HttpClient Bureau, Guid Scheme)> SchemeAsync(decimal? capPerBeneficiary = null)
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var scheme = await (await bureau.PostAsJsonAsync("/api/incentive-schemes", TenPercentOfLocalIncome(capPerBeneficiary: capPerBeneficiary))).JsonAsync(HttpStatusCode.Created);
        return (bureau, scheme.GetProperty("id").GetGuid());
    }

    /// <summary>The answer over HTTP (cached), checked against the same revision computed without the cache.</summary>
    private async Task<JsonElement> SimulateAsync(HttpClient bureau, Guid scheme, int year)
    {
        var cached = await (await bureau.GetAsync($"/api/incentive-schemes/{scheme}/simulation?year={year}&switchSharePct=10")).JsonAsync();
        var options = app.Services.GetRequiredService<IOptions<IndicatorOptions>>().Value;
        var fresh = (await app.WithDbAsync(db => IncentiveSimulator.RunAsync(db, app.Services.GetRequiredService<IServiceScopeFactory>(), options, scheme, null, year, 10m, CancellationToken.None))).Value!;
        cached.GetProperty("cost").GetDecimal().ShouldBe(fresh.Cost);
        cached.GetProperty("uncappedCost").GetDecimal().ShouldBe(fresh.UncappedCost);
        cached.GetProperty("contracts").GetInt32().ShouldBe(fresh.Contracts);
        cached.GetProperty("amount").GetDecimal().ShouldBe(fresh.Amount);
        cached.GetProperty("beneficiaries").GetInt32().ShouldBe(fresh.Beneficiaries);
        cached.GetProperty("scenario").GetProperty("cost").GetDecimal().ShouldBe(fresh.Scenario!.Cost);
        cached.GetProperty("scenario").GetProperty("baseline").GetProperty("localContracts").GetDecimal().ShouldBe(fresh.Scenario.Baseline.LocalContracts);
        cached.GetProperty("topBeneficiaries").EnumerateArray().Select(b => (b.GetProperty("id").GetGuid(), b.GetProperty("paid").GetDecimal()))
            .ShouldBe(fresh.TopBeneficiaries.Select(b => (b.Id, b.Paid)));
        return cached;
    }

    private static decimal Cost(JsonElement simulation) => simulation.GetProperty("cost").GetDecimal();

    private Task<List<IdVersion>> ContractsOfAsync(Guid seller) =>
        app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.SellerOrganisationId == seller).OrderBy(c => c.TechnologyIncome)
            .Select(c => new IdVersion(c.Id, c.Version)).ToListAsync());

    [Fact]
    public async Task A_cached_answer_is_served_until_the_year_is_stamped_so_a_write_past_the_stamps_would_go_unseen()
    {
        var (bureau, scheme) = await SchemeAsync();
        var (institution, firm) = (await OrganisationAsync(app, OrganisationKind.Institution), await OrganisationAsync(app, OrganisationKind.Enterprise));
        await ContractAsync(app, institution, firm, Local, new(2012, 3, 1), 100_000m);
        Cost(await SimulateAsync(bureau, scheme, 2012)).ShouldBe(10_000m);

        // Changed without a stamp (what a forgotten write path would do): the cache still answers the old figure.
        var id = (await ContractsOfAsync(institution)).Single().Id;
        await app.WithDbAsync(db => db.Contracts.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.TechnologyIncome, 300_000m)));
        var options = app.Services.GetRequiredService<IOptions<IndicatorOptions>>().Value;
        Cost(await (await bureau.GetAsync($"/api/incentive-schemes/{scheme}/simulation?year=2012&switchSharePct=10")).JsonAsync()).ShouldBe(10_000m);
        (await app.WithDbAsync(db => IncentiveSimulator.RunAsync(db, app.Services.GetRequiredService<IServiceScopeFactory>(), options, scheme, null, 2012, 10m, CancellationToken.None))).Value!.Cost.ShouldBe(30_000m);

        // Another year's stamp leaves it cached; the year's own stamp (bumped by any node) retires it.
        await app.WithDbAsync(async db => { await ContractYearStamps.BumpAsync(db, [2013], CancellationToken.None); return 0; });
        Cost(await (await bureau.GetAsync($"/api/incentive-schemes/{scheme}/simulation?year=2012&switchSharePct=10")).JsonAsync()).ShouldBe(10_000m);
        await app.WithDbAsync(async db => { await ContractYearStamps.BumpAsync(db, [2012], CancellationToken.None); return 0; });
        Cost(await SimulateAsync(bureau, scheme, 2012)).ShouldBe(30_000m);
    }

    [Fact]
    public async Task The_dashboards_read_answers_only_from_the_cache_and_computes_a_miss_in_the_background()
    {
        var (bureau, scheme) = await SchemeAsync();
        var (institution, firm) = (await OrganisationAsync(app, OrganisationKind.Institution), await OrganisationAsync(app, OrganisationKind.Enterprise));
        await ContractAsync(app, institution, firm, Local, new(2013, 3, 1), 100_000m);
        async Task<JsonElement> PeekAsync() =>
            (await (await bureau.GetAsync($"/api/incentive-schemes/{scheme}/simulation/cached?year=2013&switchSharePct=10")).JsonAsync()).GetProperty("simulation");
        async Task<JsonElement> ReadyAsync()
        {
            for (var i = 0; i < 100; i++)
            {
                if (await PeekAsync() is { ValueKind: JsonValueKind.Object } ready)
                {
                    return ready;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException("The simulation was not computed in the background.");
        }

        (await PeekAsync()).ValueKind.ShouldBe(JsonValueKind.Null);
        Cost(await ReadyAsync()).ShouldBe(10_000m);
        Cost(await SimulateAsync(bureau, scheme, 2013)).ShouldBe(10_000m);

        // A write retires the entry: the next read is a miss again, then the new figure, never the old one.
        await ContractAsync(app, institution, firm, Local, new(2013, 4, 1), 50_000m);
        (await PeekAsync()).ValueKind.ShouldBe(JsonValueKind.Null);
        var ready = await ReadyAsync();
        (Cost(ready), ready.GetProperty("scenario").GetProperty("switchSharePct").GetDecimal()).ShouldBe((15_000m, 10m));
        (await (await bureau.GetAsync($"/api/incentive-schemes/{scheme}/simulation/cached?year=1900")).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("year", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Recording_and_revising_a_contract_change_the_cached_simulation()
    {
        var (bureau, scheme) = await SchemeAsync();
        var (institution, firm) = (await OrganisationAsync(app, OrganisationKind.Institution), await OrganisationAsync(app, OrganisationKind.Enterprise));
        await ContractAsync(app, institution, firm, Local, new(2014, 3, 1), 100_000m);
        Cost(await SimulateAsync(bureau, scheme, 2014)).ShouldBe(10_000m);

        var recorded = await (await bureau.PostAsJsonAsync("/api/contracts", new
        {
            projectName = "缓存测试合同", category = "Transfer", transformationMode = "Transfer",
            sellerOrganisationId = institution, buyerOrganisationId = firm, field = "NewMaterials", totalAmount = 60_000m, technologyIncome = 50_000m, signedOn = "2014-05-01",
        })).JsonAsync(HttpStatusCode.Created);
        Cost(await SimulateAsync(bureau, scheme, 2014)).ShouldBe(15_000m);

        await (await bureau.PutAsJsonAsync($"/api/contracts/{recorded.GetProperty("id").GetGuid()}", new
        {
            version = recorded.GetProperty("version").GetInt64(), totalAmount = 250_000m, technologyIncome = 200_000m, reason = "更正金额",
        })).JsonAsync();
        Cost(await SimulateAsync(bureau, scheme, 2014)).ShouldBe(30_000m);
    }

    [Fact]
    public async Task Importing_contracts_changes_the_cached_simulation()
    {
        var (bureau, scheme) = await SchemeAsync();
        var (institution, firm) = (await OrganisationAsync(app, OrganisationKind.Institution), await OrganisationAsync(app, OrganisationKind.Enterprise));
        await ContractAsync(app, institution, firm, Local, new(2015, 3, 1), 100_000m);
        var before = await SimulateAsync(bureau, scheme, 2015);
        Cost(before).ShouldBe(10_000m);

        // Six rows of a new university (nature 0221): three local buyers with incomes 80,000, 80,020 and 80,040.
        var rows = ContractFiles.Rows(ContractFiles.NewTag(), 6);
        foreach (var row in rows)
        {
            (row["signedOn"], row["registeredOn"], row["validFrom"], row["validTo"]) = ("2015-03-01", "2015-03-15", "2015-03-01", "2017-02-28");
        }

        (await (await bureau.UploadAsync(ContractFiles.Csv(rows))).ImportedAsync()).GetProperty("inserted").GetInt32().ShouldBe(6);
        var after = await SimulateAsync(bureau, scheme, 2015);
        Cost(after).ShouldBe(10_000m + 24_006m);
        after.GetProperty("beneficiaries").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Marking_a_duplicate_and_undoing_the_mark_change_the_cached_simulation()
    {
        var (bureau, scheme) = await SchemeAsync();
        var (institution, firm) = (await OrganisationAsync(app, OrganisationKind.Institution), await OrganisationAsync(app, OrganisationKind.Enterprise));
        await ContractAsync(app, institution, firm, Local, new(2016, 3, 1), 100_000m);
        await ContractAsync(app, institution, firm, Local, new(2016, 3, 2), 100_001m);
        Cost(await SimulateAsync(bureau, scheme, 2016)).ShouldBe(20_000.10m);

        var (kept, twin) = (await ContractsOfAsync(institution)) switch { var c => (c[0], c[1]) };
        var marked = await (await bureau.PostAsJsonAsync($"/api/contracts/{twin.Id}/duplicate", new { twin.Version, duplicateOfContractId = kept.Id, reason = "同一合同" })).JsonAsync();
        Cost(await SimulateAsync(bureau, scheme, 2016)).ShouldBe(10_000m);

        await (await bureau.PostAsJsonAsync($"/api/contracts/{twin.Id}/duplicate/undo", new { version = marked.GetProperty("version").GetInt64() })).JsonAsync();
        Cost(await SimulateAsync(bureau, scheme, 2016)).ShouldBe(20_000.10m);
    }

    [Fact]
    public async Task Merging_two_institutions_changes_the_cached_simulation()
    {
        // Capped at 15,000 each: two institutions are paid 10,000 each, merged into one they are paid the cap once.
        var (bureau, scheme) = await SchemeAsync(capPerBeneficiary: 15_000m);
        var (target, source) = (await OrganisationAsync(app, OrganisationKind.Institution), await OrganisationAsync(app, OrganisationKind.Institution));
        var firm = await OrganisationAsync(app, OrganisationKind.Enterprise);
        await ContractAsync(app, target, firm, Local, new(2017, 3, 1), 100_000m);
        await ContractAsync(app, source, firm, Local, new(2017, 3, 1), 100_000m);
        var before = await SimulateAsync(bureau, scheme, 2017);
        (Cost(before), before.GetProperty("beneficiaries").GetInt32()).ShouldBe((20_000m, 2));

        async Task<long> VersionAsync(Guid id) => (await (await app.Admin.GetAsync($"/api/organisations/{id}")).JsonAsync()).GetProperty("version").GetInt64();
        await (await app.Admin.PostAsJsonAsync($"/api/organisations/{target}/merge",
            new { sourceId = source, sourceVersion = await VersionAsync(source), targetVersion = await VersionAsync(target) })).JsonAsync();
        var after = await SimulateAsync(bureau, scheme, 2017);
        (Cost(after), after.GetProperty("beneficiaries").GetInt32()).ShouldBe((15_000m, 1));
    }

    [Fact]
    public async Task Correcting_an_organisations_kind_changes_the_cached_simulation()
    {
        var (bureau, scheme) = await SchemeAsync();
        var (institution, other) = (await OrganisationAsync(app, OrganisationKind.Institution), await OrganisationAsync(app, OrganisationKind.Institution));
        var firm = await OrganisationAsync(app, OrganisationKind.Enterprise);
        await ContractAsync(app, institution, firm, Local, new(2018, 3, 1), 100_000m);
        await ContractAsync(app, other, firm, Local, new(2018, 3, 1), 40_000m);
        Cost(await SimulateAsync(bureau, scheme, 2018)).ShouldBe(14_000m);

        // No longer an institution: its contracts no longer count for a scheme paying institutions.
        var version = (await (await app.Admin.GetAsync($"/api/organisations/{institution}")).JsonAsync()).GetProperty("version").GetInt64();
        await (await app.Admin.PutAsJsonAsync($"/api/organisations/{institution}/kind", new { kind = "Enterprise", version })).JsonAsync();
        Cost(await SimulateAsync(bureau, scheme, 2018)).ShouldBe(4_000m);
    }
}

public sealed class SqliteIncentiveSimulationCacheTests(SqliteApp app) : IncentiveSimulationCacheTests<SqliteApp>(app);

public sealed class PostgresIncentiveSimulationCacheTests(PostgresApp app) : IncentiveSimulationCacheTests<PostgresApp>(app);

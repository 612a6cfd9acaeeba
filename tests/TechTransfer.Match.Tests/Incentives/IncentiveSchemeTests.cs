using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using static TechTransfer.Match.Tests.Incentives.IncentiveData;

namespace TechTransfer.Match.Tests.Incentives;

/// <summary>Incentive schemes: revisions, bad input, the simulation's amounts and caps to the fen, the scenario, comparison and exports; per provider.</summary>
public abstract class IncentiveSchemeTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync() => (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

    private static async Task<JsonElement> DraftAsync(HttpClient bureau, object body) =>
        await (await bureau.PostAsJsonAsync("/api/incentive-schemes", body)).JsonAsync(HttpStatusCode.Created);

    private static void ShouldName(JsonElement problem, string field) =>
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(n => n.Equals(field, StringComparison.OrdinalIgnoreCase), problem.ToString());

    private static decimal Paid(JsonElement rows, string key, string value) =>
        rows.EnumerateArray().Single(r => r.GetProperty(key).ToString() == value).GetProperty("paid").GetDecimal();

    [Fact]
    public async Task A_percentage_of_local_technical_income_pays_each_institution_rounded_to_the_fen_and_revisions_keep_the_old_rules()
    {
        var bureau = await BureauAsync();
        var (a, b) = (await OrganisationAsync(app, OrganisationKind.Institution), await OrganisationAsync(app, OrganisationKind.Institution));
        var (firm, far) = (await OrganisationAsync(app, OrganisationKind.Enterprise), await OrganisationAsync(app, OrganisationKind.Enterprise, Far));
        await ContractAsync(app, a, firm, Local, new(2011, 3, 1), 120_000m, 100_000m);
        await ContractAsync(app, a, firm, Local, new(2011, 4, 1), 50_000m, 33_333.33m, TechnicalField.ElectronicInformation);
        await ContractAsync(app, a, far, Far, new(2011, 5, 1), 200_000m);
        await ContractAsync(app, b, firm, Local, new(2011, 6, 1), 1_500_000m, 1_000_000m);

        var scheme = await DraftAsync(bureau, TenPercentOfLocalIncome());
        var id = scheme.GetProperty("id").GetGuid();
        scheme.GetProperty("revision").GetInt32().ShouldBe(1);
        var run = await (await bureau.GetAsync($"/api/incentive-schemes/{id}/simulation?year=2011&switchSharePct=50")).JsonAsync();
        run.GetProperty("contracts").GetInt32().ShouldBe(3);
        run.GetProperty("amount").GetDecimal().ShouldBe(1_670_000m);
        run.GetProperty("cost").GetDecimal().ShouldBe(113_333.33m);
        run.GetProperty("beneficiaries").GetInt32().ShouldBe(2);
        Paid(run.GetProperty("topBeneficiaries"), "id", a.ToString()).ShouldBe(13_333.33m);
        Paid(run.GetProperty("topBeneficiaries"), "id", b.ToString()).ShouldBe(100_000m);
        Paid(run.GetProperty("byField"), "field", "NewMaterials").ShouldBe(110_000m);
        Paid(run.GetProperty("byField"), "field", "ElectronicInformation").ShouldBe(3_333.33m);
        Paid(run.GetProperty("byBand"), "band", "0").ShouldBe(3_333.33m);
        Paid(run.GetProperty("byBand"), "band", "1").ShouldBe(10_000m);
        Paid(run.GetProperty("byBand"), "band", "2").ShouldBe(100_000m);

        // Half the non-local contracts switch: 3.5 of 4 local, and the scheme pays the switched half of A's 20,000.
        var scenario = run.GetProperty("scenario");
        scenario.GetProperty("baseline").GetProperty("countRatePct").GetDecimal().ShouldBe(75m);
        scenario.GetProperty("assumed").GetProperty("localContracts").GetDecimal().ShouldBe(3.5m);
        scenario.GetProperty("assumed").GetProperty("countRatePct").GetDecimal().ShouldBe(87.5m);
        scenario.GetProperty("assumed").GetProperty("amountRatePct").GetDecimal().ShouldBe(94.6524m);
        scenario.GetProperty("switchedAmount").GetDecimal().ShouldBe(100_000m);
        scenario.GetProperty("cost").GetDecimal().ShouldBe(123_333.33m);
        scenario.GetProperty("extraCost").GetDecimal().ShouldBe(10_000m);

        // An edit is a new revision; the first one still runs as it was written.
        var revised = await (await bureau.PutAsJsonAsync($"/api/incentive-schemes/{id}", new
        {
            name = "本地技术交易额补贴 20%", rules = new { beneficiary = "Institution", mode = "Percentage", basis = "TechnologyIncome", localBuyersOnly = true, firstTimeBuyersOnly = false, ratePct = 20m },
            version = scheme.GetProperty("version").GetInt64(),
        })).JsonAsync();
        revised.GetProperty("revision").GetInt32().ShouldBe(2);
        revised.GetProperty("revisions").EnumerateArray().Select(r => r.GetInt32()).ShouldBe([2, 1]);
        // Audited: who, when, and each changed field old -> new (the rate, the dropped scenario, the name).
        var entry = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.AuditEntries, a => a.Action == "incentive.revised" && a.TargetId == id && a.Details.Contains("\"to\":2")));
        entry.ActorUserId.ShouldNotBeNull();
        var details = JsonDocument.Parse(entry.Details).RootElement;
        (details.GetProperty("from").GetInt32(), details.GetProperty("to").GetInt32()).ShouldBe((1, 2));
        var changes = details.GetProperty("changes");
        changes.GetProperty("ratePct").EnumerateArray().Select(v => v.GetDecimal()).ShouldBe([10m, 20m]);
        changes.GetProperty("name").EnumerateArray().Select(v => v.GetString()).ShouldBe(["本地技术交易额补贴 10%", "本地技术交易额补贴 20%"]);
        changes.TryGetProperty("beneficiary", out _).ShouldBeFalse();
        (await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries, a => a.Action == "incentive.revised" && a.TargetId == id)))
            .ShouldBe(2);
        (await (await bureau.GetAsync($"/api/incentive-schemes/{id}/simulation?year=2011")).JsonAsync()).GetProperty("cost").GetDecimal().ShouldBe(226_666.67m);
        (await (await bureau.GetAsync($"/api/incentive-schemes/{id}/simulation?year=2011&revision=1")).JsonAsync()).GetProperty("cost").GetDecimal().ShouldBe(113_333.33m);
        var stale = await (await bureau.PutAsJsonAsync($"/api/incentive-schemes/{id}", new
        {
            name = "过期", rules = new { beneficiary = "Institution", mode = "Percentage", basis = "TechnologyIncome", localBuyersOnly = true, firstTimeBuyersOnly = false, ratePct = 5m },
            version = scheme.GetProperty("version").GetInt64(),
        })).ProblemAsync(HttpStatusCode.Conflict);
        stale.GetProperty("code").GetString().ShouldBe("stale_version");
        (await (await bureau.GetAsync($"/api/incentive-schemes/{id}")).JsonAsync()).GetProperty("revision").GetInt32().ShouldBe(2);

        // Side by side, and the downloads.
        var other = (await DraftAsync(bureau, TenPercentOfLocalIncome("封顶 50,000", totalCap: 50_000m))).GetProperty("id").GetGuid();
        var compare = await (await bureau.GetAsync($"/api/incentive-schemes/compare?first={id}&firstRevision=1&second={other}&year=2011")).JsonAsync();
        compare.GetProperty("first").GetProperty("cost").GetDecimal().ShouldBe(113_333.33m);
        compare.GetProperty("second").GetProperty("cost").GetDecimal().ShouldBe(50_000m);
        compare.GetProperty("second").GetProperty("cappedInTotal").GetBoolean().ShouldBeTrue();

        var xlsx = await bureau.GetAsync($"/api/incentive-schemes/{id}/simulation?year=2011&revision=1&format=xlsx");
        await xlsx.ShouldBeAsync(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var rows = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        // Row 1 is the header; row 2 the total: paid in column F.
        Convert.ToDecimal(rows[1]["F"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(113_333.33m);
        var pdf = await bureau.GetAsync($"/api/incentive-schemes/compare?first={id}&second={other}&year=2011&format=pdf");
        await pdf.ShouldBeAsync(HttpStatusCode.OK);
        (await pdf.Content.ReadAsByteArrayAsync())[..5].ShouldBe("%PDF-"u8.ToArray());
    }

    [Fact]
    public async Task Over_its_cap_a_scheme_pays_exactly_the_cap_pro_rata_with_the_fen_left_over_to_the_largest()
    {
        var bureau = await BureauAsync();
        var firm = await OrganisationAsync(app, OrganisationKind.Enterprise);
        var institutions = new List<Guid>();
        foreach (var income in new[] { 1_000m, 2_000m, 3_000.10m })
        {
            institutions.Add(await OrganisationAsync(app, OrganisationKind.Institution));
            await ContractAsync(app, institutions[^1], firm, Local, new(2012, 2, 1), income);
        }

        var capped = (await DraftAsync(bureau, TenPercentOfLocalIncome("总额封顶 100", totalCap: 100m))).GetProperty("id").GetGuid();
        var run = await (await bureau.GetAsync($"/api/incentive-schemes/{capped}/simulation?year=2012")).JsonAsync();
        run.GetProperty("uncappedCost").GetDecimal().ShouldBe(600.01m);
        run.GetProperty("cost").GetDecimal().ShouldBe(100m);
        run.GetProperty("cappedInTotal").GetBoolean().ShouldBeTrue();
        // 100 x 100/600.01 = 16.666.., 33.332.., 50.000.. : rounded down 16.66 + 33.33 + 50.00 = 99.99, the fen left to the largest.
        run.GetProperty("topBeneficiaries").EnumerateArray().Select(b => b.GetProperty("paid").GetDecimal()).ShouldBe([50.01m, 33.33m, 16.66m]);
        run.GetProperty("topBeneficiaries")[0].GetProperty("id").GetGuid().ShouldBe(institutions[2]);

        var perBeneficiary = (await DraftAsync(bureau, TenPercentOfLocalIncome("每家封顶 250", capPerBeneficiary: 250m))).GetProperty("id").GetGuid();
        var each = await (await bureau.GetAsync($"/api/incentive-schemes/{perBeneficiary}/simulation?year=2012")).JsonAsync();
        each.GetProperty("cost").GetDecimal().ShouldBe(550m);
        each.GetProperty("cappedBeneficiaries").GetInt32().ShouldBe(1);
        each.GetProperty("topBeneficiaries").EnumerateArray().Select(b => b.GetProperty("paid").GetDecimal()).ShouldBe([250m, 200m, 100m]);
    }

    [Fact]
    public async Task Tiers_fields_amount_bands_first_time_buyers_and_managers_decide_what_counts()
    {
        var bureau = await BureauAsync();
        var broker = await bureau.UserIdAsync();
        var seller = await OrganisationAsync(app, OrganisationKind.Institution);
        var (regular, newcomer, far) = (await OrganisationAsync(app, OrganisationKind.Enterprise), await OrganisationAsync(app, OrganisationKind.Enterprise),
            await OrganisationAsync(app, OrganisationKind.Enterprise, Far));
        await ContractAsync(app, seller, regular, Local, new(2013, 9, 1), 10_000m);
        await ContractAsync(app, seller, newcomer, Local, new(2014, 3, 1), 250_000m, broker: broker);
        await ContractAsync(app, seller, far, Far, new(2014, 4, 1), 80_000m);
        await ContractAsync(app, seller, regular, Local, new(2014, 5, 1), 500_000m, field: TechnicalField.ElectronicInformation);
        await ContractAsync(app, seller, newcomer, Local, new(2014, 6, 1), 5_000m);

        var tiered = (await DraftAsync(bureau, new
        {
            name = "分档奖励",
            rules = new
            {
                beneficiary = "Institution", mode = "Tiered", basis = "TotalAmount", localBuyersOnly = false, firstTimeBuyersOnly = false,
                fields = new[] { "NewMaterials" }, minAmount = 10_000m,
                tiers = new object[] { new { fromAmount = 0m, toAmount = 100_000m, ratePct = 10m }, new { fromAmount = 100_000m, ratePct = 5m } },
            },
        })).GetProperty("id").GetGuid();
        var run = await (await bureau.GetAsync($"/api/incentive-schemes/{tiered}/simulation?year=2014")).JsonAsync();
        run.GetProperty("contracts").GetInt32().ShouldBe(2);
        run.GetProperty("cost").GetDecimal().ShouldBe(10_000m + 7_500m + 8_000m);

        var buyers = (await DraftAsync(bureau, new
        {
            name = "首次本地买方",
            rules = new { beneficiary = "LocalBuyer", mode = "FixedPerContract", basis = "TotalAmount", localBuyersOnly = true, firstTimeBuyersOnly = true, fixedAmount = 5_000m },
        })).GetProperty("id").GetGuid();
        var firstTime = await (await bureau.GetAsync($"/api/incentive-schemes/{buyers}/simulation?year=2014")).JsonAsync();
        firstTime.GetProperty("cost").GetDecimal().ShouldBe(10_000m);
        firstTime.GetProperty("topBeneficiaries").EnumerateArray().Select(b => b.GetProperty("id").GetGuid()).ShouldBe([newcomer]);

        var managers = (await DraftAsync(bureau, new
        {
            name = "技术经理人",
            rules = new { beneficiary = "TechnologyManager", mode = "FixedPerContract", basis = "TotalAmount", localBuyersOnly = false, firstTimeBuyersOnly = false, fixedAmount = 1_000m },
        })).GetProperty("id").GetGuid();
        var brokered = await (await bureau.GetAsync($"/api/incentive-schemes/{managers}/simulation?year=2014")).JsonAsync();
        brokered.GetProperty("cost").GetDecimal().ShouldBe(1_000m);
        brokered.GetProperty("topBeneficiaries")[0].GetProperty("id").GetGuid().ShouldBe(broker);
    }

    [Fact]
    public async Task Bad_rules_are_refused_with_field_errors_and_nothing_is_written()
    {
        var bureau = await BureauAsync();
        var before = await app.WithDbAsync(db => Task.FromResult(db.IncentiveSchemes.Count()));
        async Task<JsonElement> RefusedAsync(object rules) =>
            await (await bureau.PostAsJsonAsync("/api/incentive-schemes", new { name = "错误方案", rules })).ProblemAsync(HttpStatusCode.BadRequest);

        ShouldName(await RefusedAsync(new { beneficiary = "Institution", mode = "Percentage", basis = "TechnologyIncome", localBuyersOnly = true, firstTimeBuyersOnly = false, ratePct = -5m }), "rules.ratePct");
        ShouldName(await RefusedAsync(new { beneficiary = "Institution", mode = "Tiered", basis = "TotalAmount", localBuyersOnly = true, firstTimeBuyersOnly = false, tiers = Array.Empty<object>() }), "rules.tiers");
        ShouldName(await RefusedAsync(new
        {
            beneficiary = "Institution", mode = "Tiered", basis = "TotalAmount", localBuyersOnly = true, firstTimeBuyersOnly = false,
            tiers = new object[] { new { fromAmount = 0m, toAmount = 200_000m, ratePct = 10m }, new { fromAmount = 100_000m, ratePct = 5m } },
        }), "rules.tiers");
        var caps = await RefusedAsync(new { beneficiary = "Institution", mode = "FixedPerContract", basis = "TotalAmount", localBuyersOnly = true, firstTimeBuyersOnly = false, fixedAmount = 1m, totalCap = -1m, capPerBeneficiary = -1m });
        ShouldName(caps, "rules.totalCap");
        ShouldName(caps, "rules.capPerBeneficiary");
        ShouldName(await RefusedAsync(new { mode = "Percentage", basis = "TechnologyIncome", localBuyersOnly = true, firstTimeBuyersOnly = false, ratePct = 5m }), "rules.beneficiary");
        (await app.WithDbAsync(db => Task.FromResult(db.IncentiveSchemes.Count()))).ShouldBe(before);

        var id = (await DraftAsync(bureau, TenPercentOfLocalIncome())).GetProperty("id").GetGuid();
        await (await bureau.GetAsync($"/api/incentive-schemes/{id}/simulation?year=2011&revision=9")).ProblemAsync(HttpStatusCode.NotFound);
        await (await bureau.GetAsync($"/api/incentive-schemes/{Guid.NewGuid()}/simulation?year=2011")).ProblemAsync(HttpStatusCode.NotFound);
        ShouldName(await (await bureau.GetAsync($"/api/incentive-schemes/{id}/simulation?year=1990&switchSharePct=120")).ProblemAsync(HttpStatusCode.BadRequest), "switchSharePct");
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await enterprise.Client.GetAsync($"/api/incentive-schemes/{id}/simulation?year=2011")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteIncentiveSchemeTests(SqliteApp app) : IncentiveSchemeTests<SqliteApp>(app);

public sealed class PostgresIncentiveSchemeTests(PostgresApp app) : IncentiveSchemeTests<PostgresApp>(app);

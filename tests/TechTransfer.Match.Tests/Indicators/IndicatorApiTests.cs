using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Indicators;

/// <summary>Who sees which indicators, bad input, empty data, category narrowing, exports, leakage; per provider.</summary>
public abstract class IndicatorApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync()
    {
        await PaperData.EnsureLoadedAsync(app);
        return (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
    }

    private Task<Guid> InstitutionAsync(string nameEn) =>
        app.WithDbAsync(db => db.Organisations.Where(o => o.NameEn == nameEn).Select(o => o.Id).SingleAsync());

    public static TheoryData<string> Endpoints =>
    [
        "/api/indicators/turnover?year=2023",
        "/api/indicators/fields?year=2023",
        "/api/indicators/localization?year=2023",
        "/api/indicators/contract-amounts?year=2023",
        "/api/indicators/collaboration",
        "/api/indicators/funnel?year=2023",
        "/api/indicators/unmet-demand",
        "/api/indicators/leakage?year=2023",
    ];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Anonymous_readers_get_401_and_the_bureau_200(string path)
    {
        await (await app.CreateClient().GetAsync(path)).ProblemAsync(HttpStatusCode.Unauthorized);
        var bureau = await BureauAsync();
        await (await bureau.GetAsync(path)).ShouldBeAsync(HttpStatusCode.OK);
        await (await app.Admin.GetAsync(path)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Enterprise_members_and_technology_managers_get_403()
    {
        await PaperData.EnsureLoadedAsync(app);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        await (await enterprise.Client.GetAsync("/api/indicators/localization?year=2023")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.Client.GetAsync("/api/indicators/fields?year=2023")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_institutions_member_sees_only_that_institutions_rows()
    {
        await PaperData.EnsureLoadedAsync(app);
        var dicp = await InstitutionAsync("Dalian Institute of Chemical Physics");
        var dut = await InstitutionAsync("Dalian University of Technology");
        var member = await app.CreateUserAsync(Roles.InstitutionMember);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == member.Email);
            user.OrganisationId = dicp;
            return await db.SaveChangesAsync();
        });

        var table = await (await member.Client.GetAsync("/api/indicators/localization?year=2023")).JsonAsync();
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(1);
        rows[0].GetProperty("institution").GetProperty("id").GetGuid().ShouldBe(dicp);
        table.GetProperty("total").GetProperty("projects").GetInt32().ShouldBe(348);
        var fields = await (await member.Client.GetAsync("/api/indicators/fields?year=2023")).JsonAsync();
        fields.GetProperty("total").GetProperty("contracts")[2].GetInt32().ShouldBe(348);

        await (await member.Client.GetAsync($"/api/indicators/localization?year=2023&institution={dut}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.Client.GetAsync($"/api/indicators/institutions/{dut}/series?from=2022&to=2023")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.Client.GetAsync("/api/indicators/funnel?year=2023")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.Client.GetAsync($"/api/indicators/institutions/{dicp}/series?from=2022&to=2023")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/indicators/localization?year=1800", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators/fields?year=2999", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators/localization?year=2023&categories=barter", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators/contract-amounts?year=2023&format=pdf", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators/turnover?year=2023&top=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators/localization?year=2023&institution=00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound)]
    [InlineData("/api/indicators/institutions/00000000-0000-0000-0000-000000000001/series?from=2022&to=2023", HttpStatusCode.NotFound)]
    [InlineData("/api/indicators/leakage?year=2023&threshold=3", HttpStatusCode.BadRequest)]
    [InlineData("/api/indicators/localization?year=abc", HttpStatusCode.BadRequest)]
    public async Task Bad_input_gets_a_problem(string path, HttpStatusCode expected)
    {
        var bureau = await BureauAsync();
        await (await bureau.GetAsync(path)).ProblemAsync(expected);
    }

    [Fact]
    public async Task A_series_range_too_wide_or_reversed_is_refused()
    {
        var bureau = await BureauAsync();
        var dicp = await InstitutionAsync("Dalian Institute of Chemical Physics");
        await (await bureau.GetAsync($"/api/indicators/institutions/{dicp}/series?from=2000&to=2023")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await bureau.GetAsync($"/api/indicators/institutions/{dicp}/series?from=2023&to=2021")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_year_without_data_gives_empty_tables_and_zero_rates()
    {
        var bureau = await BureauAsync();
        var localization = await (await bureau.GetAsync("/api/indicators/localization?year=2010")).JsonAsync();
        localization.GetProperty("rows").GetArrayLength().ShouldBe(0);
        localization.GetProperty("total").GetProperty("countRatePct").GetDecimal().ShouldBe(0m);
        localization.GetProperty("total").GetProperty("amountRatePct").GetDecimal().ShouldBe(0m);
        var amounts = await (await bureau.GetAsync("/api/indicators/contract-amounts?year=2010")).JsonAsync();
        amounts.GetProperty("total").GetProperty("averageAmount").GetDecimal().ShouldBe(0m);
        var fields = await (await bureau.GetAsync("/api/indicators/fields?year=2010")).JsonAsync();
        fields.GetProperty("rows").GetArrayLength().ShouldBe(0);
        fields.GetProperty("total").GetProperty("sharePct").GetDecimal().ShouldBe(0m);
        var turnover = await (await bureau.GetAsync("/api/indicators/turnover?year=2010")).JsonAsync();
        turnover.GetProperty("rows").GetArrayLength().ShouldBe(0);
        var leakage = await (await bureau.GetAsync("/api/indicators/leakage?year=2010")).JsonAsync();
        leakage.GetProperty("total").GetProperty("leakedCountPct").GetDecimal().ShouldBe(0m);
        var funnel = await (await bureau.GetAsync("/api/indicators/funnel?year=2010")).JsonAsync();
        funnel.GetProperty("months").GetArrayLength().ShouldBe(12);
        funnel.GetProperty("total").GetProperty("interestPct").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task A_request_can_narrow_the_transformation_categories()
    {
        var bureau = await BureauAsync();
        var all = await (await bureau.GetAsync("/api/indicators/localization?year=2023")).JsonAsync();
        var narrowed = await (await bureau.GetAsync("/api/indicators/localization?year=2023&categories=transfer,licence")).JsonAsync();
        var development = await (await bureau.GetAsync("/api/indicators/localization?year=2023&categories=development,consulting,service")).JsonAsync();
        var equity = await (await bureau.GetAsync("/api/indicators/localization?year=2023&categories=equity-investment")).JsonAsync();
        int Projects(System.Text.Json.JsonElement t) => t.GetProperty("total").GetProperty("projects").GetInt32();
        Projects(narrowed).ShouldBeGreaterThan(0);
        (Projects(narrowed) + Projects(development)).ShouldBe(Projects(all));
        Projects(equity).ShouldBe(0);
        narrowed.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldBe(["Transfer", "Licence"], ignoreOrder: true);
    }

    [Fact]
    public async Task Tables_download_as_csv_with_chinese_headers_and_xlsx_with_english_headers_numbers_as_numbers()
    {
        var bureau = await BureauAsync();
        var csvRequest = new HttpRequestMessage(HttpMethod.Get, "/api/indicators/contract-amounts?year=2023&format=csv");
        csvRequest.Headers.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9,en;q=0.5");
        var csv = await bureau.SendAsync(csvRequest);
        await csv.ShouldBeAsync(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldStartWith("单位,项目数(项),本地项目数(项),金额(元)");
        lines.ShouldContain(l => l.StartsWith("中国科学院大连化学物理研究所,348,131,1017530400", StringComparison.Ordinal));

        var xlsxRequest = new HttpRequestMessage(HttpMethod.Get, "/api/indicators/localization?year=2023&format=xlsx");
        xlsxRequest.Headers.AcceptLanguage.ParseAdd("en-GB");
        var xlsx = await bureau.SendAsync(xlsxRequest);
        await xlsx.ShouldBeAsync(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(13);
        rows[0].Keys.ShouldContain("Projects 2023");
        rows[0].Keys.ShouldContain("Localization rate by amount 2023 (%)");
        var total = rows[^1];
        total["Institution"].ShouldBe("Total");
        rows[0]["Institution"].ShouldBe("Dalian Institute of Chemical Physics");
        total["Projects 2023"].ShouldBeOfType<double>().ShouldBe(2724d);
        Convert.ToDecimal(total["Localization rate by count 2023 (%)"]).R(1).ShouldBe(44.3m);
    }

    [Theory]
    [InlineData("en-US,en;q=0.9", "Technical field", "Urban construction and social development", "Total")]
    [InlineData("zh-CN", "技术领域", "城市建设与社会发展", "合计")]
    public async Task Export_row_labels_follow_the_language_of_the_headers(string language, string header, string field, string total)
    {
        var bureau = await BureauAsync();
        foreach (var path in new[] { "/api/indicators/fields?year=2023&format=csv", "/api/indicators/leakage?year=2023&format=csv" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await bureau.SendAsync(request);
            await response.ShouldBeAsync(HttpStatusCode.OK);
            var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines[0].ShouldStartWith(header + ",");
            var labels = lines.Skip(1).Select(l => l.Split(',')[0].Trim('"')).ToList();
            labels[^1].ShouldBe(total);
            if (path.Contains("fields", StringComparison.Ordinal))
            {
                labels.ShouldContain(field);
            }

            // No label mixes the languages (the old labels were "合计 Total").
            labels.ShouldAllBe(l => language.StartsWith("zh", StringComparison.Ordinal) ? !l.Any(char.IsAsciiLetter) : l.All(c => c < 128));
        }

        var collaboration = new HttpRequestMessage(HttpMethod.Get, "/api/indicators/collaboration?format=csv");
        collaboration.Headers.AcceptLanguage.ParseAdd(language);
        var text = Encoding.UTF8.GetString(await (await bureau.SendAsync(collaboration)).Content.ReadAsByteArrayAsync());
        text.ShouldContain(language.StartsWith("zh", StringComparison.Ordinal) ? "\n全国平均," : "\nNational average,");
    }

    [Fact]
    public async Task The_funnel_counts_the_years_contracts_from_deals_by_signing_month_and_field()
    {
        var bureau = await BureauAsync();
        await app.WithDbAsync(async db =>
        {
            var seller = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.Institution);
            var buyer = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.Enterprise);
            foreach (var (signed, fromDeal, field) in new[]
            {
                (new DateOnly(2012, 3, 5), true, TechnicalField.Agriculture), (new DateOnly(2012, 3, 20), true, TechnicalField.Agriculture),
                (new DateOnly(2012, 7, 1), true, TechnicalField.Aerospace), (new DateOnly(2012, 7, 2), false, TechnicalField.Aerospace),
                (new DateOnly(2013, 3, 5), true, TechnicalField.Agriculture),
            })
            {
                var contract = new TechnologyContract
                {
                    ProjectName = "漏斗测试合同", Category = ContractCategory.Transfer, TransformationMode = TransformationMode.Transfer,
                    SellerOrganisationId = seller.Id, SellerNatureCode = "0211", SellerRegionCode = seller.RegionCode,
                    BuyerOrganisationId = buyer.Id, BuyerRegionCode = buyer.RegionCode, Field = field,
                    TotalAmount = 1000m, TechnologyIncome = 1000m, SignedOn = signed, DealId = fromDeal ? Guid.NewGuid() : null, Source = ContractSource.Manual,
                };
                contract.Derive(code => code.StartsWith("2102", StringComparison.Ordinal));
                db.Contracts.Add(contract);
            }

            return await db.SaveChangesAsync();
        });

        var funnel = await (await bureau.GetAsync("/api/indicators/funnel?year=2012")).JsonAsync();
        funnel.GetProperty("total").GetProperty("contracts").GetInt32().ShouldBe(3);
        var months = funnel.GetProperty("months").EnumerateArray().ToList();
        months[2].GetProperty("step").GetProperty("contracts").GetInt32().ShouldBe(2);
        months[6].GetProperty("step").GetProperty("contracts").GetInt32().ShouldBe(1);
        var fields = funnel.GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("field").ToString(), f => f.GetProperty("step").GetProperty("contracts").GetInt32());
        fields.Values.Sum().ShouldBe(3);
        fields.Values.ShouldContain(2);
        fields.Values.ShouldContain(1);
    }

    [Fact]
    public async Task Leakage_counts_non_local_contracts_whose_achievement_was_proposed_to_a_local_need()
    {
        var bureau = await BureauAsync();
        await app.WithDbAsync(async db =>
        {
            var dicp = await db.Organisations.SingleAsync(o => o.NameEn == "Dalian Institute of Chemical Physics");
            var localFirm = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.Enterprise && o.RegionCode.StartsWith("2102"));
            var farFirm = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.Enterprise && !o.RegionCode.StartsWith("21"));
            var achievement = new Achievement { OrganisationId = dicp.Id, Title = "泄漏测试成果", Field = TechnicalField.NewMaterials, Status = ListingStatus.Draft };
            var need = new Need { OrganisationId = localFirm.Id, Title = "泄漏测试需求", Field = TechnicalField.NewMaterials, Status = ListingStatus.Draft };
            db.AddRange(achievement, need);
            db.MatchProposals.Add(new MatchProposal { AchievementId = achievement.Id, NeedId = need.Id, Score = 0.9, BuyerIsLocal = true, SupplierIsLocal = true });
            foreach (var (amount, withAchievement) in new[] { (300_000m, true), (100_000m, false) })
            {
                var contract = new TechnologyContract
                {
                    ProjectName = "泄漏测试合同", Category = ContractCategory.Transfer, TransformationMode = TransformationMode.Transfer,
                    SellerOrganisationId = dicp.Id, SellerNatureCode = "0211", SellerRegionCode = dicp.RegionCode,
                    BuyerOrganisationId = farFirm.Id, BuyerRegionCode = farFirm.RegionCode, Field = TechnicalField.NewMaterials,
                    TotalAmount = amount, TechnologyIncome = amount, SignedOn = new DateOnly(2020, 5, 1), RegisteredOn = new DateOnly(2020, 5, 20),
                    AchievementId = withAchievement ? achievement.Id : null, Source = ContractSource.Manual,
                };
                contract.Derive(code => code.StartsWith("2102", StringComparison.Ordinal));
                db.Contracts.Add(contract);
            }

            return await db.SaveChangesAsync();
        });

        var leakage = await (await bureau.GetAsync("/api/indicators/leakage?year=2020")).JsonAsync();
        var total = leakage.GetProperty("total");
        total.GetProperty("nonLocalContracts").GetInt32().ShouldBe(2);
        total.GetProperty("leakedContracts").GetInt32().ShouldBe(1);
        total.GetProperty("leakedAmount").GetDecimal().ShouldBe(300_000m);
        total.GetProperty("leakedAmountPct").GetDecimal().ShouldBe(75m);
        var strict = await (await bureau.GetAsync("/api/indicators/leakage?year=2020&threshold=0.95")).JsonAsync();
        strict.GetProperty("total").GetProperty("leakedContracts").GetInt32().ShouldBe(0);
    }
}

public sealed class SqliteIndicatorApiTests(SqliteApp app) : IndicatorApiTests<SqliteApp>(app);

public sealed class PostgresIndicatorApiTests(PostgresApp app) : IndicatorApiTests<PostgresApp>(app);

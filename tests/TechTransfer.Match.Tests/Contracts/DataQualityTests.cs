using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>
/// The data-quality page's actions (issue 14): findings paged and filtered, dismissed with a reason and restored,
/// a probable duplicate marked so that every indicator counts it once, and the findings exported.
/// </summary>
public abstract class DataQualityTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    /// <summary>A year no other test of this class writes, so each test reads only its own contracts' figures.</summary>
    private sealed record Scenario(Guid University, TechnologyContract TwinA, TechnologyContract TwinB, TechnologyContract Other, int Year);

    private async Task<Scenario> SeedAsync(int year)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var university = new Organisation
        {
            Kind = OrganisationKind.Institution, InstitutionType = InstitutionType.University, NameZh = $"质量大学{tag}", NameEn = $"Quality University {tag}",
            RegionCode = "210211", RegionName = "大连市甘井子区", Verification = VerificationStatus.Verified,
        };
        var local = new Organisation { Kind = OrganisationKind.Enterprise, NameZh = $"本地企业{tag}", NameEn = $"Local {tag}", RegionCode = "210211", RegionName = "大连市甘井子区" };
        var distant = new Organisation { Kind = OrganisationKind.Enterprise, NameZh = $"外地企业{tag}", NameEn = $"Distant {tag}", RegionCode = "110108", RegionName = "北京市海淀区" };
        var serial = Random.Shared.Next(0, 99_999_999 / 4) * 4;
        TechnologyContract Contract(Organisation buyer, decimal amount, DateOnly signed, int n) => new()
        {
            RegistrationNumber = $"2102{year}{serial + n:D8}", ProjectName = $"质量合同{tag}-{n}", Category = ContractCategory.Transfer,
            TransformationMode = TransformationMode.Transfer, SellerOrganisationId = university.Id, SellerNatureCode = "0221", SellerRegionCode = "210211",
            BuyerOrganisationId = buyer.Id, BuyerNatureCode = "0310", BuyerRegionCode = buyer.RegionCode, Field = TechnicalField.AdvancedManufacturing,
            TotalAmount = amount, TechnologyIncome = amount, SignedOn = signed, RegisteredOn = signed.AddDays(9), Source = ContractSource.Import,
            IsLocal = buyer == local, Year = year,
        };
        var twinA = Contract(distant, 300_000m, new DateOnly(year, 3, 1), 0);
        var twinB = Contract(distant, 300_000m, new DateOnly(year, 3, 1), 1);
        var other = Contract(local, 200_000m, new DateOnly(year, 5, 1), 2);
        await app.WithDbAsync(async db =>
        {
            db.Organisations.AddRange(university, local, distant);
            db.Contracts.AddRange(twinA, twinB, other);
            return await db.SaveChangesAsync();
        });
        return new Scenario(university.Id, twinA, twinB, other, year);
    }

    /// <summary>The scenario's university in every indicator that counts contracts, as numbers that must move together.</summary>
    private static async Task<Dictionary<string, decimal>> FiguresAsync(HttpClient bureau, Scenario s)
    {
        var y = s.Year;
        JsonElement Mine(JsonElement rows, string institution = "institution") =>
            rows.EnumerateArray().Single(r => r.GetProperty(institution).ValueKind == JsonValueKind.Object && r.GetProperty(institution).GetProperty("id").GetGuid() == s.University);
        var localization = Mine((await (await bureau.GetAsync($"/api/indicators/localization?year={y}")).JsonAsync()).GetProperty("rows")).GetProperty("current");
        var amounts = Mine((await (await bureau.GetAsync($"/api/indicators/contract-amounts?year={y}")).JsonAsync()).GetProperty("rows"));
        var turnover = Mine((await (await bureau.GetAsync($"/api/indicators/turnover?year={y}&top=50")).JsonAsync()).GetProperty("rows"));
        var fields = (await (await bureau.GetAsync($"/api/indicators/fields?year={y}")).JsonAsync()).GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("field").GetString() == "AdvancedManufacturing");
        var series = (await (await bureau.GetAsync($"/api/indicators/institutions/{s.University}/series?from={y - 1}&to={y}")).JsonAsync())
            .GetProperty("points").EnumerateArray().Single(p => p.GetProperty("year").GetInt32() == y);
        var share = Mine((await (await bureau.GetAsync($"/api/indicators/platform-share?year={y}")).JsonAsync()).GetProperty("institutions")).GetProperty("share");
        var leakage = (await (await bureau.GetAsync($"/api/indicators/leakage?year={y}")).JsonAsync()).GetProperty("total");
        var export = await bureau.GetAsync($"/api/indicators/localization?year={y}&format=xlsx");
        await export.ShouldBeAsync(HttpStatusCode.OK);
        var sheet = (await export.Content.ReadAsByteArrayAsync()).ToSheet();
        return new Dictionary<string, decimal>
        {
            ["localization.projects"] = localization.GetProperty("projects").GetInt32(),
            ["localization.amount"] = localization.GetProperty("amount").GetDecimal(),
            ["localization.localProjects"] = localization.GetProperty("localProjects").GetInt32(),
            ["amounts.projects"] = amounts.GetProperty("projects").GetInt32(),
            ["amounts.amount"] = amounts.GetProperty("amount").GetDecimal(),
            ["turnover.contracts"] = turnover.GetProperty("contracts").GetInt32(),
            ["turnover.amount"] = turnover.GetProperty("amount").GetDecimal(),
            ["fields.contracts"] = fields.GetProperty("contracts")[2].GetInt32(),
            ["fields.volume"] = fields.GetProperty("volume")[2].GetDecimal(),
            ["series.projects"] = series.GetProperty("projects").GetInt32(),
            ["series.amount"] = series.GetProperty("amount").GetDecimal(),
            ["share.registered"] = share.GetProperty("registered").GetInt32(),
            ["share.registeredAmount"] = share.GetProperty("registeredAmount").GetDecimal(),
            ["leakage.nonLocalContracts"] = leakage.GetProperty("nonLocalContracts").GetInt32(),
            ["leakage.nonLocalAmount"] = leakage.GetProperty("nonLocalAmount").GetDecimal(),
            // The downloaded table's row of the university: the sum of its figures moves with the JSON's.
            ["export.sum"] = sheet.Single(r => r.Any(c => c is string t && t.StartsWith("质量大学", StringComparison.Ordinal)))
                .Sum(c => c is double or decimal or int or long ? Convert.ToDecimal(c, System.Globalization.CultureInfo.InvariantCulture) : 0m),
        };
    }

    private static async Task<JsonElement> FindingsAsync(HttpClient bureau, string query) =>
        await (await bureau.GetAsync($"/api/contracts/quality?{query}")).JsonAsync();

    private static JsonElement DuplicateOf(JsonElement report, Guid contract) =>
        report.GetProperty("findings").GetProperty("items").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "probable_duplicate" && f.GetProperty("contracts").EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == contract));

    [Fact]
    public async Task A_contract_marked_as_duplicate_counts_once_in_every_indicator_and_undo_restores_the_count()
    {
        var s = await SeedAsync(2011);
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var before = await FiguresAsync(bureau, s);
        (before["localization.projects"], before["localization.amount"], before["localization.localProjects"]).ShouldBe((3m, 800_000m, 1m));
        (before["leakage.nonLocalContracts"], before["share.registered"]).ShouldBe((2m, 3m));

        var open = await FindingsAsync(bureau, $"year={s.Year}");
        var finding = DuplicateOf(open, s.TwinB.Id);
        finding.GetProperty("contracts").GetArrayLength().ShouldBe(2);
        var version = finding.GetProperty("contracts").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == s.TwinB.Id).GetProperty("version").GetInt64();

        // The reason is required; the kept contract must exist; only the bureau and administrators mark.
        var missing = await (await bureau.PostAsJsonAsync($"/api/contracts/{s.TwinB.Id}/duplicate", new { version, duplicateOfContractId = s.TwinA.Id })).ProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        await (await bureau.PostAsJsonAsync($"/api/contracts/{s.TwinB.Id}/duplicate", new { version, duplicateOfContractId = Guid.NewGuid(), reason = "同一合同" }))
            .ProblemAsync(HttpStatusCode.NotFound);
        var member = (await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution)).Client;
        await (await member.PostAsJsonAsync($"/api/contracts/{s.TwinB.Id}/duplicate", new { version, duplicateOfContractId = s.TwinA.Id, reason = "同一合同" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Contracts.CountAsync(c => c.DuplicateOfContractId != null && c.SellerOrganisationId == s.University))).ShouldBe(0);

        var marked = await (await bureau.PostAsJsonAsync($"/api/contracts/{s.TwinB.Id}/duplicate", new { version, duplicateOfContractId = s.TwinA.Id, reason = "登记两次" })).JsonAsync();
        marked.GetProperty("duplicateOfContractId").GetGuid().ShouldBe(s.TwinA.Id);
        var after = await FiguresAsync(bureau, s);
        after["export.sum"].ShouldBeLessThan(before["export.sum"]);
        after.ShouldBe(before.ToDictionary(f => f.Key, f => f.Key switch
        {
            "export.sum" => after["export.sum"],
            "localization.projects" or "amounts.projects" or "turnover.contracts" or "fields.contracts" or "series.projects" or "share.registered" or "leakage.nonLocalContracts" => f.Value - 1,
            "localization.amount" or "amounts.amount" or "turnover.amount" or "fields.volume" or "series.amount" or "share.registeredAmount" or "leakage.nonLocalAmount" => f.Value - 300_000m,
            _ => f.Value,
        }));
        (await (await bureau.GetAsync($"/api/indicators/localization?year={s.Year}&format=csv")).Content.ReadAsStringAsync()).ShouldContain("500000");

        // Marked: the finding is resolved (closed, not open); the kept one cannot be marked as a duplicate of it, nor twice.
        (await FindingsAsync(bureau, $"year={s.Year}&kind=probable_duplicate")).GetProperty("findings").GetProperty("items").EnumerateArray()
            .ShouldNotContain(f => f.GetProperty("contracts").EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == s.TwinB.Id));
        DuplicateOf(await FindingsAsync(bureau, $"year={s.Year}&status=closed"), s.TwinB.Id).GetProperty("resolved").GetBoolean().ShouldBeTrue();
        var cycle = await (await bureau.PostAsJsonAsync($"/api/contracts/{s.TwinA.Id}/duplicate", new { version = s.TwinA.Version, duplicateOfContractId = s.TwinB.Id, reason = "反向" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        cycle.GetProperty("code").GetString().ShouldBe("kept_is_duplicate");
        (await (await bureau.PostAsJsonAsync($"/api/contracts/{s.TwinB.Id}/duplicate", new { version = version + 1, duplicateOfContractId = s.TwinA.Id, reason = "再次" }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("already_marked");

        // Undone with a stale version: 409, nothing changes; with the current one the count comes back.
        await (await bureau.PostAsJsonAsync($"/api/contracts/{s.TwinB.Id}/duplicate/undo", new { version })).ProblemAsync(HttpStatusCode.Conflict);
        (await FiguresAsync(bureau, s)).ShouldBe(after);
        var undone = await (await bureau.PostAsJsonAsync($"/api/contracts/{s.TwinB.Id}/duplicate/undo", new { version = marked.GetProperty("version").GetInt64(), reason = "误标" })).JsonAsync();
        undone.GetProperty("duplicateOfContractId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await FiguresAsync(bureau, s)).ShouldBe(before);
        DuplicateOf(await FindingsAsync(bureau, $"year={s.Year}"), s.TwinB.Id).GetProperty("resolved").GetBoolean().ShouldBeFalse();

        var trail = await app.WithDbAsync(db => db.ContractAudits.AsNoTracking().Where(a => a.ContractId == s.TwinB.Id).OrderBy(a => a.CreatedAt).ToListAsync());
        trail.Select(a => (a.Change, a.Reason)).ShouldBe([(ContractChange.MarkedDuplicate, "登记两次"), (ContractChange.DuplicateUndone, "误标")]);
        JsonDocument.Parse(trail[0].Changes).RootElement.GetProperty("duplicateOfContractId")[1].GetGuid().ShouldBe(s.TwinA.Id);
        // Each change of the count is an event stored with it, which pushes the year's live counters to the bureau.
        var events = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type.EndsWith(".ContractCountChanged")).Select(m => m.Payload).ToListAsync());
        events.Count(p => p.Contains(s.TwinB.Id.ToString(), StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task A_finding_is_dismissed_with_its_reason_shown_under_closed_restored_and_exported_with_the_filters()
    {
        var s = await SeedAsync(2012);
        // An income above the total: a finding of its own kind, for the kind filter.
        await app.WithDbAsync(db => db.Contracts.Where(c => c.Id == s.Other.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.TechnologyIncome, 250_000m)));
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var report = await FindingsAsync(bureau, $"year={s.Year}&pageSize=1");
        report.GetProperty("summary").EnumerateArray().Select(k => (k.GetProperty("code").GetString(), k.GetProperty("open").GetInt32()))
            .ShouldContain(("probable_duplicate", 1));
        report.GetProperty("summary").EnumerateArray().ShouldContain(k => k.GetProperty("code").GetString() == "income_above_total" && k.GetProperty("open").GetInt32() == 1);
        (report.GetProperty("findings").GetProperty("total").GetInt32(), report.GetProperty("findings").GetProperty("items").GetArrayLength()).ShouldBe((2, 1));
        var second = await FindingsAsync(bureau, $"year={s.Year}&pageSize=1&page=2");
        second.GetProperty("findings").GetProperty("items")[0].GetProperty("key").GetString().ShouldNotBe(report.GetProperty("findings").GetProperty("items")[0].GetProperty("key").GetString());
        (await FindingsAsync(bureau, $"year={s.Year}&kind=income_above_total")).GetProperty("findings").GetProperty("items").EnumerateArray()
            .Select(f => f.GetProperty("code").GetString()).ShouldBe(["income_above_total"]);
        (await (await bureau.GetAsync("/api/contracts/quality?kind=nonsense")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("kind", out _).ShouldBeTrue();

        // Dismissed: the reason is required (nothing written without it); the contract ids in any order name the same finding.
        var ids = new[] { s.TwinB.Id, s.TwinA.Id };
        var noReason = await (await bureau.PostAsJsonAsync("/api/contracts/quality/dismissals", new { code = "probable_duplicate", contractIds = ids }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        (await app.WithDbAsync(db => db.QualityDismissals.CountAsync())).ShouldBe(0);
        var dismissed = await (await bureau.PostAsJsonAsync("/api/contracts/quality/dismissals", new { code = "probable_duplicate", contractIds = ids, reason = "两个分期合同" })).JsonAsync();
        (await (await bureau.PostAsJsonAsync("/api/contracts/quality/dismissals", new { code = "probable_duplicate", contractIds = ids.Reverse(), reason = "again" }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("already_dismissed");

        var openNow = await FindingsAsync(bureau, $"year={s.Year}");
        openNow.GetProperty("findings").GetProperty("items").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ShouldBe(["income_above_total"]);
        var closed = DuplicateOf(await FindingsAsync(bureau, $"year={s.Year}&status=closed"), s.TwinA.Id).GetProperty("dismissal");
        var bureauId = await bureau.UserIdAsync();
        var author = await app.WithDbAsync(db => db.QualityDismissals.AsNoTracking().Select(d => new { d.CreatedBy, d.Reason }).SingleAsync());
        (author.CreatedBy, author.Reason).ShouldBe((bureauId, "两个分期合同"));
        closed.GetProperty("reason").GetString().ShouldBe("两个分期合同");
        closed.GetProperty("by").GetString().ShouldBe(await app.WithDbAsync(db => db.Users.Where(u => u.Id == bureauId).Select(u => u.DisplayName).SingleAsync()));
        (await app.WithDbAsync(db => db.ContractAudits.CountAsync(a => a.Change == ContractChange.FindingDismissed && a.Reason == "两个分期合同"))).ShouldBe(2);

        // Exported with the same filters: the closed duplicate with its reason; the open list without it. Headers and
        // messages in one language: Chinese unless the request asks for another.
        var zh = await (await bureau.GetAsync($"/api/contracts/quality/export?format=csv&year={s.Year}&status=closed")).Content.ReadAsStringAsync();
        (zh.Contains("忽略原因", StringComparison.Ordinal), zh.Contains("卖方、买方", StringComparison.Ordinal)).ShouldBe((true, true));
        bureau.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var csv = await (await bureau.GetAsync($"/api/contracts/quality/export?format=csv&year={s.Year}&status=closed")).Content.ReadAsStringAsync();
        csv.ShouldContain("Dismissal reason");
        csv.ShouldContain("Same seller, buyer");
        csv.ShouldContain("两个分期合同");
        csv.ShouldContain(s.TwinA.RegistrationNumber!);
        var xlsx = await bureau.GetAsync($"/api/contracts/quality/export?format=xlsx&year={s.Year}");
        await xlsx.ShouldBeAsync(HttpStatusCode.OK);
        var rows = (await xlsx.Content.ReadAsByteArrayAsync()).ToSheet();
        rows.Count.ShouldBe(2);
        rows[1][0].ShouldBe("Income above total");
        var member = (await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution)).Client;
        await (await member.GetAsync("/api/contracts/quality/export")).ProblemAsync(HttpStatusCode.Forbidden);

        // Restored: open again, with an audit line on each contract.
        await (await bureau.DeleteAsync($"/api/contracts/quality/dismissals/{dismissed.GetProperty("id").GetGuid()}")).ShouldBeAsync(HttpStatusCode.NoContent);
        DuplicateOf(await FindingsAsync(bureau, $"year={s.Year}"), s.TwinA.Id).GetProperty("dismissal").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.WithDbAsync(db => db.ContractAudits.CountAsync(a => a.Change == ContractChange.FindingRestored && (a.ContractId == s.TwinA.Id || a.ContractId == s.TwinB.Id)))).ShouldBe(2);
        await (await bureau.DeleteAsync($"/api/contracts/quality/dismissals/{dismissed.GetProperty("id").GetGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}

internal static class SheetReader
{
    /// <summary>An XLSX's first sheet as rows of cells, header row first.</summary>
    public static List<object?[]> ToSheet(this byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
    }
}

public sealed class SqliteDataQualityTests(SqliteApp app) : DataQualityTests<SqliteApp>(app);

public sealed class PostgresDataQualityTests(PostgresApp app) : DataQualityTests<PostgresApp>(app);

/// <summary>Marked duplicates are left out in one place: no indicator reads the contracts table around it.</summary>
public sealed class CountedContractsSourceTests
{
    [Fact]
    public void Indicators_and_live_counters_read_contracts_through_CountedContracts_only()
    {
        var web = Path.Combine(RepositoryFiles.Root, "src", "TechTransfer.Match.Web");
        var files = Directory.EnumerateFiles(Path.Combine(web, "Features", "Indicators"), "*.cs")
            .Append(Path.Combine(web, "Realtime", "NotificationHandlers.cs")).ToList();
        files.Count.ShouldBeGreaterThan(10);
        files.Count(f => File.ReadAllText(f).Contains("db.CountedContracts", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(6);
        files.Where(f => File.ReadAllText(f).Contains("db.Contracts", StringComparison.Ordinal)).Select(Path.GetFileName).ShouldBeEmpty();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Indicators;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>The bureau confirms or dismisses the import's unsure reconciliation candidates; indicators count each contract once (issue 14).</summary>
public abstract class ReconciliationDecisionTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static async Task<(int Registered, int ViaPlatform, decimal PlatformAmount)> ShareAsync(HttpClient bureau)
    {
        var table = await (await bureau.GetAsync("/api/indicators/platform-share?year=2023")).JsonAsync();
        var share = table.GetProperty("institutions").EnumerateArray()
            .Single(r => r.GetProperty("institution").GetProperty("nameEn").GetString() == ReconciliationScenario.University).GetProperty("share");
        return (share.GetProperty("registered").GetInt32(), share.GetProperty("viaPlatform").GetInt32(), share.GetProperty("platformAmount").GetDecimal());
    }

    [Fact]
    public async Task A_confirmed_candidate_merges_into_the_platform_contract_a_dismissed_one_stays_and_neither_is_listed_again()
    {
        await PaperData.EnsureLoadedAsync(app);
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var managerId = await manager.Client.UserIdAsync();
        var ids = await app.WithDbAsync(db => db.Organisations.AsNoTracking()
            .Where(o => o.NameZh == "大连理工大学" || o.NameZh == "大连海创智能装备有限公司" || o.NameZh == "大连星海云软件科技有限公司")
            .ToDictionaryAsync(o => o.NameZh, o => o.Id));
        var (dut, haichuang, xinghai) = (ids["大连理工大学"], ids["大连海创智能装备有限公司"], ids["大连星海云软件科技有限公司"]);
        var twinA = await ReconciliationScenario.RecordOnPlatformAsync(app, dut, xinghai, new DateOnly(2023, 7, 1), 300_000m, managerId);
        var twinB = await ReconciliationScenario.RecordOnPlatformAsync(app, dut, xinghai, new DateOnly(2023, 7, 1), 300_000m, managerId);
        var near = await ReconciliationScenario.RecordOnPlatformAsync(app, dut, haichuang, new DateOnly(2023, 5, 10), 500_000m, managerId);
        var before = await ReconciliationScenario.UniversityAsync(bureau);
        var shareBefore = await ShareAsync(bureau);

        // The registry's export: one row matching both twins, one close to the third contract but not surely it.
        var tag = ContractFiles.NewTag();
        var rows = ContractFiles.Rows(tag, 2);
        foreach (var (row, buyer, signedOn, amount) in new[] { (rows[0], "大连星海云软件科技有限公司", "2023-07-01", "300000.00"), (rows[1], "大连海创智能装备有限公司", "2023-05-25", "520000.00") })
        {
            (row["sellerName"], row["buyerName"], row["buyerCreditCode"], row["signedOn"], row["registeredOn"]) = ("大连理工大学", buyer, "", signedOn, "2023-08-01");
            (row["totalAmount"], row["technologyIncome"], row["buyerRegionCode"], row["category"], row["transformationMode"]) = (amount, amount, "210211", "技术转让", "");
        }

        var report = await (await bureau.UploadAsync(ContractFiles.Csv(rows))).ImportedAsync();
        report.GetProperty("candidates").GetArrayLength().ShouldBe(2);
        report.GetProperty("inserted").GetInt32().ShouldBe(2);
        var (twinNumber, nearNumber) = (tag + "000000", tag + "000001");
        (await ReconciliationScenario.UniversityAsync(bureau)).ShouldBe((before.Projects + 2, before.AmountWan + 82m));

        // Confirmed: the twin row is the first platform contract; one contract, registered, counted once.
        await (await manager.Client.PostAsJsonAsync("/api/contracts/reconciliation", new { registrationNumber = twinNumber, confirm = true, platformContractId = twinA.Id }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var missing = await (await bureau.PostAsJsonAsync("/api/contracts/reconciliation", new { registrationNumber = twinNumber, confirm = true })).ProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").TryGetProperty("platformContractId", out _).ShouldBeTrue();
        await (await bureau.PostAsJsonAsync("/api/contracts/reconciliation", new { registrationNumber = twinNumber, confirm = true, platformContractId = near.Id }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var merged = await (await bureau.PostAsJsonAsync("/api/contracts/reconciliation",
            new { registrationNumber = twinNumber, confirm = true, platformContractId = twinA.Id, reason = "同一合同" })).JsonAsync();
        (merged.GetProperty("id").GetGuid(), merged.GetProperty("registrationNumber").GetString(), merged.GetProperty("source").GetString())
            .ShouldBe((twinA.Id, twinNumber, "Platform"));
        (await app.WithDbAsync(db => db.Contracts.CountAsync(c => c.RegistrationNumber == twinNumber))).ShouldBe(1);
        (await app.WithDbAsync(db => db.Contracts.AsNoTracking().SingleAsync(c => c.Id == twinB.Id))).RegistrationNumber.ShouldBeNull();
        var audit = await app.WithDbAsync(db => db.ContractAudits.AsNoTracking().SingleAsync(a => a.ContractId == twinA.Id));
        (audit.Change, audit.Reason).ShouldBe((ContractChange.ReconciliationConfirmed, "同一合同"));
        JsonDocument.Parse(audit.Changes).RootElement.GetProperty("registrationNumber")[1].GetString().ShouldBe(twinNumber);
        (await ReconciliationScenario.UniversityAsync(bureau)).ShouldBe((before.Projects + 1, before.AmountWan + 52m));
        await (await bureau.PostAsJsonAsync("/api/contracts/reconciliation", new { registrationNumber = twinNumber, confirm = true, platformContractId = twinB.Id }))
            .ProblemAsync(HttpStatusCode.NotFound);

        // Dismissed: the other row is a contract of its own, decided once.
        var kept = await (await bureau.PostAsJsonAsync("/api/contracts/reconciliation", new { registrationNumber = nearNumber, confirm = false, reason = "金额与日期均不同" })).JsonAsync();
        kept.GetProperty("source").GetString().ShouldBe("Import");
        var again = await (await bureau.PostAsJsonAsync("/api/contracts/reconciliation", new { registrationNumber = nearNumber, confirm = false })).ProblemAsync(HttpStatusCode.Conflict);
        again.GetProperty("code").GetString().ShouldBe("already_decided");
        (await ReconciliationScenario.UniversityAsync(bureau)).ShouldBe((before.Projects + 1, before.AmountWan + 52m));
        (await app.WithDbAsync(db => db.Contracts.AsNoTracking().SingleAsync(c => c.Id == near.Id))).RegistrationNumber.ShouldBeNull();

        // The job's report lists neither any more.
        var jobId = await app.WithDbAsync(db => db.ImportJobs.AsNoTracking().Where(j => j.Reconciliation.Contains(nearNumber)).Select(j => j.Id).SingleAsync());
        var job = await (await bureau.GetAsync($"/api/contracts/imports/{jobId}")).JsonAsync();
        job.GetProperty("reconciliation").GetProperty("candidates").GetArrayLength().ShouldBe(0);

        // The platform share: the merged contract is registered and came through a deal of this manager; the dismissed row did not.
        var shareAfter = await ShareAsync(bureau);
        shareAfter.ShouldBe((shareBefore.Registered + 2, shareBefore.ViaPlatform + 1, shareBefore.PlatformAmount + 300_000m));
        var table = await (await bureau.GetAsync("/api/indicators/platform-share?year=2023")).JsonAsync();
        var mine = table.GetProperty("managers").EnumerateArray().Single(m => m.GetProperty("userId").GetGuid() == managerId).GetProperty("share");
        (mine.GetProperty("viaPlatform").GetInt32(), mine.GetProperty("platformAmount").GetDecimal(), mine.GetProperty("localPlatformAmountPct").GetDecimal())
            .ShouldBe((1, 300_000m, 100m));
        await (await manager.Client.GetAsync("/api/indicators/platform-share?year=2023")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteReconciliationDecisionTests(SqliteImportApp app) : ReconciliationDecisionTests<SqliteImportApp>(app);

public sealed class PostgresReconciliationDecisionTests(PostgresImportApp app) : ReconciliationDecisionTests<PostgresImportApp>(app);

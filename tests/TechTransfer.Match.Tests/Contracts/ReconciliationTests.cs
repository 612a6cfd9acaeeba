using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Indicators;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>A contract recorded on the platform and later exported by the registry is one contract (issue 14).</summary>
public abstract class ReconciliationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task A_platform_contract_registered_later_is_linked_not_duplicated_and_unsure_matches_are_listed()
    {
        await PaperData.EnsureLoadedAsync(app);
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var paper = await ReconciliationScenario.UniversityAsync(bureau);
        paper.Projects.ShouldBe(829); // the paper's Table 3

        var ids = await app.WithDbAsync(db => db.Organisations.AsNoTracking()
            .Where(o => o.NameZh == "大连理工大学" || o.NameZh == "大连海创智能装备有限公司" || o.NameZh == "大连星海云软件科技有限公司")
            .ToDictionaryAsync(o => o.NameZh, o => o.Id));
        var (dut, haichuang, xinghai) = (ids["大连理工大学"], ids["大连海创智能装备有限公司"], ids["大连星海云软件科技有限公司"]);
        var signed = await ReconciliationScenario.RecordOnPlatformAsync(app, dut, haichuang, new DateOnly(2023, 5, 10), 500_000m);
        var twinA = await ReconciliationScenario.RecordOnPlatformAsync(app, dut, xinghai, new DateOnly(2023, 7, 1), 300_000m);
        var twinB = await ReconciliationScenario.RecordOnPlatformAsync(app, dut, xinghai, new DateOnly(2023, 7, 1), 300_000m);
        (await ReconciliationScenario.UniversityAsync(bureau)).ShouldBe((829 + 3, paper.AmountWan + 110m));

        // The registry's export: the first contract (its amount 0.4 % off), and one matching both twins equally.
        var tag = ContractFiles.NewTag();
        var rows = ContractFiles.Rows(tag, 2);
        foreach (var (row, buyer, signedOn, amount) in new[] { (rows[0], "大连海创智能装备有限公司", "2023-05-10", "502000.00"), (rows[1], "大连星海云软件科技有限公司", "2023-07-01", "300000.00") })
        {
            (row["sellerName"], row["buyerName"], row["buyerCreditCode"], row["signedOn"], row["registeredOn"]) = ("大连理工大学", buyer, "", signedOn, "2023-08-01");
            (row["totalAmount"], row["technologyIncome"], row["buyerRegionCode"], row["category"], row["transformationMode"]) = (amount, amount, "210211", "技术转让", "");
        }

        var file = ContractFiles.Csv(rows);
        var report = await (await bureau.UploadAsync(file)).ImportedAsync();
        report.GetProperty("linked").GetInt32().ShouldBe(1);
        report.GetProperty("inserted").GetInt32().ShouldBe(1);
        var link = report.GetProperty("links").EnumerateArray().ShouldHaveSingleItem();
        (link.GetProperty("row").GetInt32(), link.GetProperty("contractId").GetGuid()).ShouldBe((2, signed.Id));
        var candidate = report.GetProperty("candidates").EnumerateArray().ShouldHaveSingleItem();
        candidate.GetProperty("row").GetInt32().ShouldBe(3);
        candidate.GetProperty("contractIds").EnumerateArray().Select(i => i.GetGuid()).ShouldBe([twinA.Id, twinB.Id], ignoreOrder: true);

        var linked = await app.WithDbAsync(db => db.Contracts.AsNoTracking().SingleAsync(c => c.RegistrationNumber == tag + "000000"));
        linked.Id.ShouldBe(signed.Id);
        (linked.Source, linked.RegisteredOn, linked.TotalAmount).ShouldBe((ContractSource.Platform, new DateOnly(2023, 8, 1), 502_000m));
        var audit = await app.WithDbAsync(db => db.ContractAudits.AsNoTracking().SingleAsync(a => a.ContractId == signed.Id));
        audit.Change.ShouldBe(ContractChange.ImportLinked);
        JsonDocument.Parse(audit.Changes).RootElement.GetProperty("registrationNumber")[1].GetString().ShouldBe(tag + "000000");

        // Counted once: the linked contract stays one project (its amount now the registered one); the unsure row is a new one.
        (await ReconciliationScenario.UniversityAsync(bureau)).ShouldBe((829 + 4, paper.AmountWan + 110.2m + 30m));

        // The same file again changes nothing.
        var again = await (await bureau.UploadAsync(file)).ImportedAsync();
        (again.GetProperty("unchanged").GetInt32(), again.GetProperty("linked").GetInt32(), again.GetProperty("inserted").GetInt32()).ShouldBe((2, 0, 0));
        (await ReconciliationScenario.UniversityAsync(bureau)).Projects.ShouldBe(829 + 4);
    }
}

public sealed class SqliteReconciliationTests(SqliteImportApp app) : ReconciliationTests<SqliteImportApp>(app);

public sealed class PostgresReconciliationTests(PostgresImportApp app) : ReconciliationTests<PostgresImportApp>(app);

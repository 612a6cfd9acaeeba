using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using static TechTransfer.Match.Tests.Incentives.IncentiveData;

namespace TechTransfer.Match.Tests.Incentives;

/// <summary>An adopted scheme's entitlements per quarter: year to date less what was granted, caps, order, decisions; per provider.</summary>
public abstract class IncentiveEntitlementTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync() => (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

    private static async Task<(Guid Id, long Version)> DraftAsync(HttpClient bureau, object body)
    {
        var scheme = await (await bureau.PostAsJsonAsync("/api/incentive-schemes", body)).JsonAsync(HttpStatusCode.Created);
        return (scheme.GetProperty("id").GetGuid(), scheme.GetProperty("version").GetInt64());
    }

    private static Task<HttpResponseMessage> ComputeAsync(HttpClient bureau, Guid scheme, string period) =>
        bureau.PostAsJsonAsync($"/api/incentive-schemes/{scheme}/entitlements", new { period });

    private static JsonElement Of(JsonElement view, Guid beneficiary) =>
        view.GetProperty("entitlements").EnumerateArray().Single(e => e.GetProperty("beneficiaryId").GetGuid() == beneficiary);

    [Fact]
    public async Task Each_quarter_pays_the_year_to_date_less_what_earlier_quarters_granted_within_the_cap_and_decisions_are_final()
    {
        var bureau = await BureauAsync();
        var (a, b) = (await OrganisationAsync(app, OrganisationKind.Institution), await OrganisationAsync(app, OrganisationKind.Institution));
        var (firm, far) = (await OrganisationAsync(app, OrganisationKind.Enterprise), await OrganisationAsync(app, OrganisationKind.Enterprise, Far));
        await ContractAsync(app, a, firm, Local, new(2013, 2, 1), 120_000m, 100_000m);
        await ContractAsync(app, a, far, Far, new(2013, 2, 2), 500_000m);
        await ContractAsync(app, b, firm, Local, new(2013, 1, 10), 80_000m);
        await ContractAsync(app, b, firm, Local, new(2013, 3, 20), 50_000m);
        await ContractAsync(app, a, firm, Local, new(2013, 5, 1), 100_000m);
        var (id, version) = await DraftAsync(bureau, TenPercentOfLocalIncome(capPerBeneficiary: 15_000m));

        (await (await ComputeAsync(bureau, id, "2013Q1")).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("scheme_not_adopted");
        var badRevision = await (await bureau.PutAsJsonAsync($"/api/incentive-schemes/{id}/adoption", new { revision = 7, effectiveFrom = "2013-01-15", version })).ProblemAsync(HttpStatusCode.BadRequest);
        badRevision.GetProperty("errors").TryGetProperty("revision", out _).ShouldBeTrue();
        var missing = await (await bureau.PutAsJsonAsync($"/api/incentive-schemes/{id}/adoption", new { revision = 1, version })).ProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(n => n.Equals("effectiveFrom", StringComparison.OrdinalIgnoreCase));
        var adopted = await (await bureau.PutAsJsonAsync($"/api/incentive-schemes/{id}/adoption", new { revision = 1, effectiveFrom = "2013-01-15", version })).JsonAsync();
        adopted.GetProperty("adoptedRevision").GetInt32().ShouldBe(1);
        (await (await bureau.PutAsJsonAsync($"/api/incentive-schemes/{id}/adoption", new { revision = 1, effectiveFrom = "2013-01-15", version })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("stale_version");

        // Order, format, and a quarter that has not ended.
        (await (await ComputeAsync(bureau, id, "2013Q2")).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("period_out_of_order");
        (await (await ComputeAsync(bureau, id, "2013Q5")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("period", out _).ShouldBeTrue();
        var current = $"{DateTime.UtcNow.Year}Q{((DateTime.UtcNow.Month - 1) / 3) + 1}";
        (await (await ComputeAsync(bureau, id, current)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("period", out _).ShouldBeTrue();

        // Q1: A earns 10 % of 100,000; B only its March contract (January's precedes the adoption); the non-local one nothing.
        var q1 = await (await ComputeAsync(bureau, id, "2013Q1")).JsonAsync();
        q1.GetProperty("entitlements").GetArrayLength().ShouldBe(2);
        Of(q1, a).GetProperty("amount").GetDecimal().ShouldBe(10_000m);
        Of(q1, b).GetProperty("amount").GetDecimal().ShouldBe(5_000m);
        q1.GetProperty("nextPeriod").GetString().ShouldBe("2013Q2");

        // Recomputing before any decision picks up a contract recorded late; a rejection needs a reason and is final.
        await ContractAsync(app, b, firm, Local, new(2013, 3, 25), 10_000m);
        q1 = await (await ComputeAsync(bureau, id, "2013Q1")).JsonAsync();
        Of(q1, b).GetProperty("amount").GetDecimal().ShouldBe(6_000m);
        var decide = (Guid who, object body) => bureau.PostAsJsonAsync($"/api/incentive-schemes/{id}/entitlements/{Of(q1, who).GetProperty("id").GetGuid()}/decision", body);
        var noReason = await (await decide(b, new { approve = false, version = Of(q1, b).GetProperty("version").GetInt64() })).ProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        (await (await decide(b, new { approve = false, reason = "合同待核实", version = Of(q1, b).GetProperty("version").GetInt64() })).JsonAsync())
            .GetProperty("state").GetString().ShouldBe("Rejected");
        (await (await decide(a, new { approve = true, version = Of(q1, a).GetProperty("version").GetInt64() })).JsonAsync()).GetProperty("state").GetString().ShouldBe("Approved");
        (await (await decide(a, new { approve = true, version = Of(q1, a).GetProperty("version").GetInt64() + 1 })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("already_decided");
        (await (await ComputeAsync(bureau, id, "2013Q1")).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("period_decided");

        // Q2: A's year to date is 20,000, capped at 15,000, less Q1's 10,000; B earned nothing new and its rejected 6,000 is not offered again.
        var q2 = await (await ComputeAsync(bureau, id, "2013Q2")).JsonAsync();
        q2.GetProperty("entitlements").GetArrayLength().ShouldBe(1);
        Of(q2, a).GetProperty("earnedToDate").GetDecimal().ShouldBe(15_000m);
        Of(q2, a).GetProperty("amount").GetDecimal().ShouldBe(5_000m);
        Of(q2, a).GetProperty("contractsToDate").GetInt32().ShouldBe(2);
        var approved = await (await bureau.PostAsync($"/api/incentive-schemes/{id}/entitlements/2013Q2/approval", null)).JsonAsync();
        approved.GetProperty("periods").EnumerateArray().Select(p => (p.GetProperty("period").GetString(), p.GetProperty("approved").GetDecimal(), p.GetProperty("rejected").GetDecimal()))
            .ShouldBe([("2013Q2", 5_000m, 0m), ("2013Q1", 10_000m, 6_000m)]);
        (await (await bureau.PostAsync($"/api/incentive-schemes/{id}/entitlements/2013Q2/approval", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("nothing_pending");
        (await (await bureau.GetAsync($"/api/incentive-schemes/{id}/entitlements?period=2013Q1")).JsonAsync()).GetProperty("entitlements").GetArrayLength().ShouldBe(2);
        (await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries,
            e => e.Action.StartsWith("incentive.") && (e.TargetId == id || e.Details.Contains("2013Q"))))).ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public async Task Two_computations_of_one_quarter_at_once_leave_one_entitlement_per_beneficiary()
    {
        var bureau = await BureauAsync();
        var other = await BureauAsync();
        var firm = await OrganisationAsync(app, OrganisationKind.Enterprise);
        var institutions = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            institutions.Add(await OrganisationAsync(app, OrganisationKind.Institution));
            await ContractAsync(app, institutions[^1], firm, Local, new(2014, 2, 1 + i), 10_000m * (i + 1));
        }

        for (var round = 0; round < 3; round++)
        {
            var (id, version) = await DraftAsync(bureau, TenPercentOfLocalIncome($"并发核算{round}"));
            await (await bureau.PutAsJsonAsync($"/api/incentive-schemes/{id}/adoption", new { revision = 1, effectiveFrom = "2014-01-01", version })).JsonAsync();
            var answers = await Task.WhenAll(ComputeAsync(bureau, id, "2014Q1"), ComputeAsync(other, id, "2014Q1"));
            var said = string.Join(" | ", await Task.WhenAll(answers.Select(async a => $"{(int)a.StatusCode} {await a.Content.ReadAsStringAsync()}")));
            answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict, said);
            answers.ShouldContain(a => a.StatusCode == HttpStatusCode.OK);
            var rows = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.IncentiveEntitlements.Where(e => e.SchemeId == id).Select(e => new { e.BeneficiaryId, e.Amount })));
            rows.Where(r => institutions.Contains(r.BeneficiaryId)).OrderBy(r => r.Amount).Select(r => r.Amount).ShouldBe([1_000m, 2_000m, 3_000m, 4_000m, 5_000m, 6_000m]);
            rows.Select(r => r.BeneficiaryId).ShouldBeUnique();
        }
    }

    [Fact]
    public async Task An_institutions_members_read_its_entitlements_and_nobody_elses()
    {
        var bureau = await BureauAsync();
        var member = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var other = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var firm = await OrganisationAsync(app, OrganisationKind.Enterprise);
        await ContractAsync(app, member.OrganisationId!.Value, firm, Local, new(2015, 2, 1), 40_000m);
        await ContractAsync(app, other.OrganisationId!.Value, firm, Local, new(2015, 2, 2), 70_000m);
        var (id, version) = await DraftAsync(bureau, TenPercentOfLocalIncome("成员可见"));
        await (await bureau.PutAsJsonAsync($"/api/incentive-schemes/{id}/adoption", new { revision = 1, effectiveFrom = "2015-01-01", version })).JsonAsync();
        await (await ComputeAsync(bureau, id, "2015Q1")).JsonAsync();

        var mine = (await (await member.Client.GetAsync("/api/incentive-entitlements/mine")).JsonAsync()).EnumerateArray().Where(e => e.GetProperty("schemeId").GetGuid() == id).ToList();
        var row = mine.ShouldHaveSingleItem();
        (row.GetProperty("period").GetString(), row.GetProperty("amount").GetDecimal(), row.GetProperty("state").GetString()).ShouldBe(("2015Q1", 4_000m, "Pending"));
        row.GetProperty("schemeName").GetString().ShouldBe("成员可见");
        var theirs = (await (await other.Client.GetAsync("/api/incentive-entitlements/mine")).JsonAsync()).EnumerateArray().Where(e => e.GetProperty("schemeId").GetGuid() == id).ToList();
        theirs.ShouldHaveSingleItem().GetProperty("amount").GetDecimal().ShouldBe(7_000m);
        var fresh = await app.CreateUserAsync(Roles.EnterpriseMember);
        (await (await fresh.Client.GetAsync("/api/incentive-entitlements/mine")).JsonAsync()).GetArrayLength().ShouldBe(0);

        // Decided: each institution's members hear of their own entitlement's decision, with the reason of a rejection.
        await (await bureau.PostAsJsonAsync($"/api/incentive-schemes/{id}/entitlements/{row.GetProperty("id").GetGuid()}/decision",
            new { approve = false, reason = "合同待核实", version = await app.WithDbAsync(db => db.IncentiveEntitlements.Where(e => e.Id == row.GetProperty("id").GetGuid()).Select(e => e.Version).FirstAsync()) }))
            .JsonAsync();
        await (await bureau.PostAsJsonAsync($"/api/incentive-schemes/{id}/entitlements/2015Q1/approval", new { })).JsonAsync();
        var rejected = (await NotificationAsync(app, await member.Client.UserIdAsync(), NotificationKind.EntitlementDecided)).ShouldNotBeNull();
        (rejected.GetProperty("approved").GetBoolean(), rejected.GetProperty("reason").GetString(), rejected.GetProperty("period").GetString()).ShouldBe((false, "合同待核实", "2015Q1"));
        var approved = (await NotificationAsync(app, await other.Client.UserIdAsync(), NotificationKind.EntitlementDecided)).ShouldNotBeNull();
        (approved.GetProperty("approved").GetBoolean(), approved.GetProperty("amount").GetDecimal()).ShouldBe((true, 7_000m));
        (await NotificationAsync(app, await fresh.Client.UserIdAsync(), NotificationKind.EntitlementDecided, waitMs: 0)).ShouldBeNull();
    }
}

public sealed class SqliteIncentiveEntitlementTests(SqliteApp app) : IncentiveEntitlementTests<SqliteApp>(app);

public sealed class PostgresIncentiveEntitlementTests(PostgresApp app) : IncentiveEntitlementTests<PostgresApp>(app);

using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;

namespace TechTransfer.Match.Tests.RiskPool;

/// <summary>The demo's funded risk pool: one approved trial claim committed from it, one trial claim and one failed-transfer claim waiting, all the demo institution's.</summary>
public abstract class DemoRiskPoolTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DemoCorpusApp
{
    [Fact]
    public async Task The_demo_pool_is_funded_with_an_approved_and_a_pending_claim_on_failed_trials_and_a_pending_one_on_a_failed_transfer()
    {
        var password = app.Services.GetRequiredService<IConfiguration>()["Seed:DemoPassword"]!;
        var bureau = await app.SignInAsync("bureau@demo.techtransfer.local", password);
        var scheme = (await (await bureau.GetAsync("/api/risk-schemes")).JsonAsync()).EnumerateArray().ShouldHaveSingleItem();
        var pool = scheme.GetProperty("pool");
        pool.GetProperty("budget").GetDecimal().ShouldBe(5_000_000m);
        pool.GetProperty("committed").GetDecimal().ShouldBeGreaterThan(0m);
        pool.GetProperty("balance").GetDecimal().ShouldBe(5_000_000m - pool.GetProperty("committed").GetDecimal());

        var researcher = await app.SignInAsync("researcher@demo.techtransfer.local", password);
        var claims = (await (await researcher.GetAsync("/api/risk-claims")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var onTrials = claims.Where(c => c.GetProperty("trialId").ValueKind == JsonValueKind.String).ToList();
        onTrials.Select(c => c.GetProperty("state").GetString()).ShouldBe(["Approved", "Submitted"], ignoreOrder: true);
        var onTransfer = claims.Except(onTrials).ShouldHaveSingleItem();
        (onTransfer.GetProperty("state").GetString(), onTransfer.GetProperty("failureCause").GetString()).ShouldBe(("Submitted", "TechnologyUnderperformed"));
        var contract = await (await researcher.GetAsync($"/api/contracts/{onTransfer.GetProperty("contractId")}")).JsonAsync();
        (contract.GetProperty("category").GetString(), contract.GetProperty("isLocal").GetBoolean()).ShouldBe(("Transfer", true));
        claims.Single(c => c.GetProperty("state").GetString() == "Approved").GetProperty("amountApproved").GetDecimal().ShouldBe(pool.GetProperty("committed").GetDecimal());
        foreach (var claim in onTrials)
        {
            (await (await researcher.GetAsync($"/api/trials/{claim.GetProperty("trialId")}")).JsonAsync()).GetProperty("state").GetString().ShouldBe("Failed");
        }
    }
}

public sealed class SqliteDemoRiskPoolTests(SqliteDemoApp app) : DemoRiskPoolTests<SqliteDemoApp>(app);

public sealed class PostgresDemoRiskPoolTests(PostgresDemoApp app) : DemoRiskPoolTests<PostgresDemoApp>(app);

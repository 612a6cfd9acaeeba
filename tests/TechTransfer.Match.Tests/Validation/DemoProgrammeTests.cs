using System.Net.Http.Json;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Validation;

/// <summary>The demo shows the paper's two concept-validation centres and a pilot base, validations at every stage, and unmet needs that cluster.</summary>
public abstract class DemoProgrammeTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DemoCorpusApp
{
    [Fact]
    public async Task The_demo_has_the_two_dalian_centres_a_pilot_base_validations_at_every_stage_and_a_cluster_of_unmet_needs()
    {
        var centres = (await (await app.CreateClient().GetAsync("/api/validation/centres")).JsonAsync()).EnumerateArray().ToList();
        centres.Select(c => c.GetProperty("name").GetString()).ShouldBe(["大连化物所中试基地", "大连理工大学概念验证中心", "金普新区概念验证中心"], ignoreOrder: true);
        centres.Count(c => c.GetProperty("kind").GetString() == "PilotBase").ShouldBe(1);

        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var applications = (await (await bureau.Client.GetAsync("/api/validation/applications")).JsonAsync()).EnumerateArray()
            .Select(a => a.GetProperty("status").GetString()).ToHashSet();
        applications.ShouldBe(["Submitted", "InProgress", "Declined", "Completed"], ignoreOrder: true);
        var pipeline = await (await bureau.Client.GetAsync("/api/validation/pipeline")).JsonAsync();
        pipeline.GetProperty("total").GetProperty("completed").GetInt32().ShouldBe(2);

        var clusters = await (await bureau.Client.GetAsync("/api/guidelines/unmet-clusters?minAgeDays=90")).JsonAsync();
        clusters.GetProperty("clusters").EnumerateArray()
            .Select(c => c.GetProperty("needs").EnumerateArray().Count(n => n.GetProperty("title").GetString()!.Contains("在线监测", StringComparison.Ordinal)))
            .Max().ShouldBeGreaterThanOrEqualTo(2);
        // The cluster turned into a draft topic of next year's guidelines, its firms as co-funders.
        var topics = await (await bureau.Client.GetAsync($"/api/guidelines/topics?year={DateTime.UtcNow.Year + 1}")).JsonAsync();
        var topic = topics.EnumerateArray().Single(t => t.GetProperty("title").GetString() == "海参养殖水质在线监测与预警装备");
        (topic.GetProperty("needs").GetArrayLength(), topic.GetProperty("coFunders").GetArrayLength(), topic.GetProperty("combinedBudget").GetDecimal())
            .ShouldBe((3, 3, 2_600_000m));

        // The demo firm's won call: its deal shows the call, the winning proposal and the reviewer's scores.
        var won = (await (await app.CreateClient().GetAsync("/api/calls?state=Closed&pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        var ranking = await (await bureau.Client.GetAsync($"/api/calls/{won.GetProperty("id").GetGuid()}/ranking")).JsonAsync();
        var dealCall = await (await bureau.Client.GetAsync($"/api/deals/{ranking.GetProperty("winnerDealId").GetGuid()}/call")).JsonAsync();
        dealCall.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("mean").GetDecimal()).ShouldBe([88m, 85m, 70m]);
    }
}

public sealed class SqliteDemoProgrammeTests(SqliteDemoApp app) : DemoProgrammeTests<SqliteDemoApp>(app);

public sealed class PostgresDemoProgrammeTests(PostgresDemoApp app) : DemoProgrammeTests<PostgresDemoApp>(app);

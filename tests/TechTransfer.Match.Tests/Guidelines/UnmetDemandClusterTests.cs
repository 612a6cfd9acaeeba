using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Guidelines;

/// <summary>Unmet local needs clustered for the bureau, a cluster drafted into a guideline topic, and the topics exported.</summary>
public abstract class UnmetDemandClusterTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static Dictionary<string, object?> Hatchery(string tag, string title, decimal budget) => Listings.Need($"{tag} {title}", b =>
    {
        b["background"] = $"{tag} 海参育苗车间循环水养殖溶解氧不足，弧菌病频发，需要臭氧杀菌与增氧一体化设备，提高育苗成活率。";
        b["field"] = "Agriculture";
        b["budgetMin"] = budget / 2;
        b["budgetMax"] = budget;
    });

    [Fact]
    public async Task Old_unanswered_local_needs_of_one_field_and_topic_form_a_cluster_that_becomes_an_exported_guideline_topic()
    {
        var tag = Listings.Tag();
        var firmA = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210213");
        var firmB = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210283");
        var remote = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "110108");
        var institution = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);

        async Task<Guid> PublishAsync(TestUser firm, Dictionary<string, object?> body)
        {
            var draft = await firm.Client.DraftAsync("needs", body);
            await firm.Client.PublishAsync("needs", draft);
            return draft.Id;
        }

        var a1 = await PublishAsync(firmA, Hatchery(tag, "海参育苗循环水增氧设备需求", 800_000m));
        var a2 = await PublishAsync(firmA, Hatchery(tag, "育苗车间臭氧杀菌增氧装置需求", 600_000m));
        var b1 = await PublishAsync(firmB, Hatchery(tag, "海参育苗增氧与杀菌一体化设备", 1_000_000m));
        var farAway = await PublishAsync(remote, Hatchery(tag, "海参育苗循环水增氧设备需求", 900_000m));
        var answered = await PublishAsync(firmB, Hatchery(tag, "循环水育苗增氧设备需求", 500_000m));
        var unrelated = await PublishAsync(firmB, Listings.Need($"{tag} 桥梁钢结构焊缝自动检测需求"));
        var fresh = await PublishAsync(firmA, Hatchery(tag, "海参育苗增氧设备", 700_000m));
        var interest = await (await institution.Client.PostAsJsonAsync("/api/interests", new { needId = answered, message = "可以承接" })).JsonAsync(HttpStatusCode.Created);
        await (await firmB.Client.PostAsJsonAsync($"/api/interests/{interest.GetProperty("id").GetGuid()}/accept",
            new { version = interest.GetProperty("version").GetInt64() })).ShouldBeAsync(HttpStatusCode.OK);
        Guid[] old = [a1, a2, b1, farAway, answered, unrelated];
        await app.WithDbAsync(db => db.Needs.Where(n => old.Contains(n.Id)).ExecuteUpdateAsync(u => u.SetProperty(n => n.PublishedAt, DateTime.UtcNow.AddDays(-200))));

        await (await firmA.Client.GetAsync("/api/guidelines/unmet-clusters")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bureau.Client.GetAsync("/api/guidelines/unmet-clusters?threshold=2")).ProblemAsync(HttpStatusCode.BadRequest);
        var clusters = await (await bureau.Client.GetAsync("/api/guidelines/unmet-clusters?minAgeDays=100")).JsonAsync();
        var ours = clusters.GetProperty("clusters").EnumerateArray()
            .Single(c => c.GetProperty("needs").EnumerateArray().Any(n => n.GetProperty("id").GetGuid() == a1));
        ours.GetProperty("needs").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).Order().ShouldBe(new[] { a1, a2, b1 }.Order());
        ours.GetProperty("firms").GetArrayLength().ShouldBe(2);
        ours.GetProperty("combinedBudget").GetDecimal().ShouldBe(2_400_000m);
        ours.GetProperty("field").GetString().ShouldBe("Agriculture");
        var listed = clusters.GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("needs").EnumerateArray()).Select(n => n.GetProperty("id").GetGuid()).ToList();
        listed.ShouldNotContain(farAway);
        listed.ShouldNotContain(answered);
        listed.ShouldNotContain(fresh);

        var topic = new { title = $"{tag} 海参育苗水质调控装备", field = "Agriculture", year = 2027, summary = "面向海参育苗企业的共性需求", needIds = new[] { a1, a2, b1 } };
        await (await firmA.Client.PostAsJsonAsync("/api/guidelines/topics", topic)).ProblemAsync(HttpStatusCode.Forbidden);
        (await (await bureau.Client.PostAsJsonAsync("/api/guidelines/topics", new { field = "Agriculture", year = 2027, summary = "", needIds = new[] { a1 } }))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("title", out _).ShouldBeTrue();
        var drafted = await (await bureau.Client.PostAsJsonAsync("/api/guidelines/topics", topic)).JsonAsync(HttpStatusCode.Created);
        drafted.GetProperty("coFunders").EnumerateArray().Select(f => f.GetProperty("organisationId").GetGuid()).Order()
            .ShouldBe(new[] { firmA.OrganisationId!.Value, firmB.OrganisationId!.Value }.Order());
        drafted.GetProperty("combinedBudget").GetDecimal().ShouldBe(2_400_000m);
        await (await bureau.Client.PostAsJsonAsync("/api/guidelines/topics", topic)).ProblemAsync(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.GuidelineTopics.CountAsync(t => t.Title == topic.title))).ShouldBe(1);

        var id = drafted.GetProperty("id").GetGuid();
        var version = drafted.GetProperty("version").GetInt64();
        var adopted = await (await bureau.Client.PostAsJsonAsync($"/api/guidelines/topics/{id}/status", new { status = "Adopted", version })).JsonAsync();
        adopted.GetProperty("status").GetString().ShouldBe("Adopted");
        await (await bureau.Client.PostAsJsonAsync($"/api/guidelines/topics/{id}/status", new { status = "Dropped", version })).ProblemAsync(HttpStatusCode.Conflict);

        var export = await bureau.Client.GetAsync("/api/guidelines/topics/export?year=2027");
        await export.ShouldBeAsync(HttpStatusCode.OK);
        await using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = rows.ShouldHaveSingleItem();
        // Columns by position: the headers follow the reader's language.
        row.Values.ElementAt(1).ShouldBe(topic.title);
        Convert.ToDecimal(row.Values.ElementAt(7), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(2_400_000m);
    }
}

public sealed class SqliteUnmetDemandClusterTests(SqliteApp app) : UnmetDemandClusterTests<SqliteApp>(app);

public sealed class PostgresUnmetDemandClusterTests(PostgresApp app) : UnmetDemandClusterTests<PostgresApp>(app);

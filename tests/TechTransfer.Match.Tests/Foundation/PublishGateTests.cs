using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>
/// The publish gate: a record below the minimum (one full sentence, a maturity, a keyword) stays a draft with a 400
/// naming each missing field, and nothing about it changes; drafts stay free; soft warnings (amounts out of bounds
/// included) come with a successful publish.
/// </summary>
public abstract class PublishGateTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task A_thin_achievement_stays_a_draft_with_a_400_naming_summary_maturity_and_keywords()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        // The reviewed case: a 13-character summary, no maturity, no keywords. As a draft it is accepted.
        var thin = await researcher.Client.DraftAsync("achievements", Listings.Achievement("一种海水淡化膜抗污染涂层", b =>
        {
            b["summary"] = "提高膜通量，减少清洗次数。";
            b["trl"] = null;
            b["keywords"] = Array.Empty<string>();
        }));

        var response = await Publish(researcher.Client, "achievements", thin, "zh-CN");
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("code").GetString().ShouldBe("publish_gate");
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["summary", "trl", "keywords"], ignoreOrder: true);
        // In the reader's language.
        errors.GetProperty("summary")[0].GetString()!.ShouldContain("30 字");

        var stored = await app.WithDbAsync(db => Task.FromResult(db.Achievements.Single(a => a.Id == thin.Id)));
        stored.Status.ShouldBe(ListingStatus.Draft);
        stored.PublishedAt.ShouldBeNull();
        stored.Version.ShouldBe(thin.Version);
        var catalogue = await (await app.CreateClient().GetAsync("/api/achievements?q=" + Uri.EscapeDataString("海水淡化膜抗污染涂层"))).JsonAsync();
        catalogue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldNotContain(thin.Id);
    }

    [Fact]
    public async Task A_thin_need_stays_a_draft_with_a_400_naming_background_and_required_maturity()
    {
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var thin = await enterprise.Client.DraftAsync("needs", Listings.Need(change: b =>
        {
            b["background"] = "需要焊接机器人。";
            b["requiredTrl"] = null;
        }));

        var problem = await (await Publish(enterprise.Client, "needs", thin, "en")).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["background", "requiredTrl"], ignoreOrder: true);
        problem.GetProperty("errors").GetProperty("requiredTrl")[0].GetString().ShouldBe("Choose the required maturity (TRL) before publishing.");
        var stored = await app.WithDbAsync(db => Task.FromResult(db.Needs.Single(n => n.Id == thin.Id)));
        stored.Status.ShouldBe(ListingStatus.Draft);
        stored.Version.ShouldBe(thin.Version);
    }

    [Fact]
    public async Task A_published_record_cannot_be_edited_below_the_gate_and_keeps_its_text()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var record = await researcher.Client.DraftAsync("achievements", Listings.Achievement());
        var published = await researcher.Client.PublishAsync("achievements", record);
        var version = published.GetProperty("achievement").GetProperty("version").GetInt64();

        var edit = await researcher.Client.PutAsJsonAsync($"/api/achievements/{record.Id}",
            new { achievement = Listings.Achievement(change: b => b["summary"] = "更好的焊缝跟踪。"), version });
        var problem = await edit.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["summary"]);

        var stored = await app.WithDbAsync(db => Task.FromResult(db.Achievements.Single(a => a.Id == record.Id)));
        stored.Summary.ShouldBe((string)Listings.Achievement()["summary"]!);
        stored.Status.ShouldBe(ListingStatus.Published);
        stored.Version.ShouldBe(version);
    }

    [Fact]
    public async Task Publishing_above_the_gate_answers_the_soft_warnings_including_implausible_amounts()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        // 40 characters: over the gate (30), under the warning (60); two keywords; no price.
        var middling = await researcher.Client.DraftAsync("achievements", Listings.Achievement(change: b =>
        {
            b["summary"] = "采用结构光视觉传感器与深度学习算法实时识别焊缝位置，引导机器人完成厚板焊接。";
            b["keywords"] = new[] { "焊缝跟踪", "机器视觉" };
            b["priceMin"] = null;
            b["priceMax"] = null;
        }));
        var codes = Codes(await researcher.Client.PublishAsync("achievements", middling));
        codes.ShouldBe(["summary_too_short", "few_keywords", "no_price"], ignoreOrder: true);

        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        // 50 亿元: a yuan amount typed into the 万元 field.
        var huge = await enterprise.Client.DraftAsync("needs", Listings.Need(change: b => { b["budgetMin"] = null; b["budgetMax"] = 5_000_000_000m; }));
        var result = await enterprise.Client.PublishAsync("needs", huge);
        Codes(result).ShouldBe(["amount_too_large"]);
        result.GetProperty("warnings")[0].GetProperty("field").GetString().ShouldBe("budgetMax");
        result.GetProperty("need").GetProperty("status").GetString().ShouldBe("Published");

        // 80 yuan: 80 万元 typed into the yuan field.
        var tiny = await enterprise.Client.DraftAsync("needs", Listings.Need(change: b => { b["budgetMin"] = null; b["budgetMax"] = 80m; }));
        Codes(await enterprise.Client.PublishAsync("needs", tiny)).ShouldBe(["amount_too_small"]);

        var complete = await enterprise.Client.DraftAsync("needs", Listings.Need());
        Codes(await enterprise.Client.PublishAsync("needs", complete)).ShouldBeEmpty();
    }

    private static List<string?> Codes(JsonElement published) =>
        published.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();

    private static Task<HttpResponseMessage> Publish(HttpClient client, string area, IdVersion record, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/{area}/{record.Id}/publish") { Content = JsonContent.Create(new { version = record.Version }) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return client.SendAsync(request);
    }
}

public sealed class SqlitePublishGateTests(SqliteApp app) : PublishGateTests<SqliteApp>(app);

public sealed class PostgresPublishGateTests(PostgresApp app) : PublishGateTests<PostgresApp>(app);

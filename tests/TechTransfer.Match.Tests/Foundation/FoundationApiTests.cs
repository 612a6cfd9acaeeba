using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>The foundation's behaviour through HTTP with real bearer tokens; run once per database provider.</summary>
public abstract class FoundationApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task Health_reports_the_database_healthy()
    {
        var response = await app.CreateClient().GetAsync("/health");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api_groups()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/needs");
        paths.ShouldContain("/api/achievements/{id}");
        paths.ShouldContain("/api/organisations");
        paths.ShouldContain("/api/auth/login");
    }

    [Theory]
    [InlineData("POST", "/api/needs")]
    [InlineData("POST", "/api/achievements")]
    [InlineData("POST", "/api/organisations")]
    [InlineData("GET", "/api/needs/mine")]
    [InlineData("GET", "/api/auth/me")]
    public async Task Anonymous_writes_and_private_reads_answer_401(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(Listings.Need());
        }

        var response = await app.CreateClient().SendAsync(request);
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Validation_messages_follow_the_request_language_and_english_is_the_default()
    {
        var owner = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var body = Listings.Need("  ", n => { n["budgetMin"] = 900000m; n["budgetMax"] = 100000m; });

        async Task<JsonElement> PostAsync(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/needs") { Content = JsonContent.Create(body) };
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }

            var problem = await (await owner.Client.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);
            return problem.GetProperty("errors");
        }

        var chinese = await PostAsync("zh-CN,zh;q=0.9");
        // The validator's own message, from the Chinese resource ...
        chinese.GetProperty("budgetMax")[0].GetString().ShouldBe("最高预算不能低于最低预算。");
        // ... and FluentValidation's built-in one, in its Chinese translation.
        chinese.GetProperty("title")[0].GetString()!.ShouldContain("不能为空");

        var english = await PostAsync(null);
        english.GetProperty("budgetMax")[0].GetString().ShouldBe("The highest budget must not be below the lowest.");
        english.GetProperty("title")[0].GetString()!.ShouldContain("must not be empty");

        // Nothing was written by the rejected requests.
        (await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Needs, n => n.Title == "  "))).ShouldBe(0);
    }

    [Fact]
    public async Task Enterprise_posts_and_publishes_a_need_that_anonymous_visitors_find_by_chinese_words_and_others_cannot_edit()
    {
        var owner = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var other = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var title = $"海水淡化反渗透膜抗污染改性需求{Guid.NewGuid():N}"[..24];
        var need = await owner.Client.DraftAsync("needs", Listings.Need(title));

        // A draft is invisible to everyone but its organisation.
        await (await app.CreateClient().GetAsync($"/api/needs/{need.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync($"/api/needs/{need.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        var published = await owner.Client.PublishAsync("needs", need);
        published.GetProperty("need").GetProperty("status").GetString().ShouldBe("Published");

        var anonymous = app.CreateClient();
        var found = await (await anonymous.GetAsync("/api/needs?q=" + Uri.EscapeDataString("反渗透膜 抗污染"))).JsonAsync();
        found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(need.Id);
        // Ranked by relevance, any word finds it; sorted otherwise, every word must occur.
        var anyWord = await (await anonymous.GetAsync("/api/needs?q=" + Uri.EscapeDataString("反渗透膜 航空发动机"))).JsonAsync();
        anyWord.GetProperty("ranked").GetBoolean().ShouldBeTrue();
        anyWord.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(need.Id);
        var notFound = await (await anonymous.GetAsync("/api/needs?sort=newest&q=" + Uri.EscapeDataString("反渗透膜 航空发动机"))).JsonAsync();
        notFound.GetProperty("ranked").GetBoolean().ShouldBeFalse();
        notFound.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldNotContain(need.Id);

        var version = published.GetProperty("need").GetProperty("version").GetInt64();
        var edit = await other.Client.PutAsJsonAsync($"/api/needs/{need.Id}", new { need = Listings.Need("被他人修改"), version });
        await edit.ProblemAsync(HttpStatusCode.Forbidden);
        var delete = await other.Client.DeleteAsync($"/api/needs/{need.Id}?version={version}");
        await delete.ProblemAsync(HttpStatusCode.Forbidden);

        var current = await (await anonymous.GetAsync($"/api/needs/{need.Id}")).JsonAsync();
        current.GetProperty("title").GetString().ShouldBe(title);
    }

    [Fact]
    public async Task Publishing_returns_quality_warnings_for_what_buyers_ask_for()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        // Above the publish gate (one sentence, a maturity, a keyword) but short of what buyers ask for.
        var thin = await researcher.Client.DraftAsync("achievements", Listings.Achievement(change: b =>
        {
            b["advantages"] = "";
            b["summary"] = "一种耐海水腐蚀的新型涂层材料，可用于船体与海上平台的长期防护。";
        }));
        var result = await researcher.Client.PublishAsync("achievements", thin);
        var codes = result.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        codes.ShouldBe(["no_advantages", "summary_too_short"], ignoreOrder: true);

        var complete = await researcher.Client.DraftAsync("achievements", Listings.Achievement());
        var ok = await researcher.Client.PublishAsync("achievements", complete);
        ok.GetProperty("warnings").GetArrayLength().ShouldBe(0);

        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var need = await enterprise.Client.DraftAsync("needs", Listings.Need(change: b => b["indicators"] = Array.Empty<object>()));
        var needResult = await enterprise.Client.PublishAsync("needs", need);
        needResult.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ShouldContain("no_indicators");
    }

    [Fact]
    public async Task After_consent_listings_hide_owner_price_and_ip_number_from_outsiders_only()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var record = await researcher.Client.DraftAsync("achievements", Listings.Achievement(change: b => b["visibility"] = "AfterConsent"));
        await researcher.Client.PublishAsync("achievements", record);

        var outsider = await (await app.CreateClient().GetAsync($"/api/achievements/{record.Id}")).JsonAsync();
        outsider.GetProperty("detailsHidden").GetBoolean().ShouldBeTrue();
        outsider.GetProperty("organisation").ValueKind.ShouldBe(JsonValueKind.Null);
        outsider.GetProperty("ipNumber").ValueKind.ShouldBe(JsonValueKind.Null);
        outsider.GetProperty("priceMax").ValueKind.ShouldBe(JsonValueKind.Null);

        var own = await (await researcher.Client.GetAsync($"/api/achievements/{record.Id}")).JsonAsync();
        own.GetProperty("ipNumber").GetString().ShouldBe("ZL202110123456.7");
        own.GetProperty("organisation").GetProperty("id").GetGuid().ShouldBe(researcher.OrganisationId!.Value);
    }

    [Fact]
    public async Task Bad_input_answers_400_problem_details_and_writes_nothing()
    {
        var member = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var client = member.Client;

        var malformed = await client.PostAsync("/api/needs", new StringContent("{\"title\": \"缺少结尾", Encoding.UTF8, "application/json"));
        await malformed.ProblemAsync(HttpStatusCode.BadRequest);

        var unknownEnum = await client.PostAsJsonAsync("/api/needs", Listings.Need(change: b => b["field"] = "Alchemy"));
        await unknownEnum.ProblemAsync(HttpStatusCode.BadRequest);

        var tooLong = await client.PostAsJsonAsync("/api/needs", Listings.Need(new string('长', 201)));
        (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("title", out _).ShouldBeTrue();

        var negative = await client.PostAsJsonAsync("/api/needs", Listings.Need(change: b => b["budgetMin"] = -1m));
        (await negative.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("budgetMin", out _).ShouldBeTrue();

        var past = await client.PostAsJsonAsync("/api/needs", Listings.Need(change: b => b["deadline"] = "2020-01-01"));
        (await past.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("deadline", out _).ShouldBeTrue();

        var badIndicator = await client.PostAsJsonAsync("/api/needs", Listings.Need(change: b => b["indicators"] = new[] { new { name = "", target = "1" } }));
        (await badIndicator.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("indicators[0].name", out _).ShouldBeTrue();

        var huge = await client.PostAsJsonAsync("/api/needs", Listings.Need(change: b => b["background"] = new string('x', 1_200_000)));
        await huge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var mine = await (await client.GetAsync("/api/needs/mine")).JsonAsync();
        mine.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Catalogue_search_ranks_by_relevance_any_word_best_first_and_names_the_words_to_highlight()
    {
        var owner = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        async Task<Guid> PublishAsync(string title, string summary) =>
            (await owner.Client.PublishAsync("achievements", await owner.Client.DraftAsync("achievements", Listings.Achievement(title, b =>
            {
                b["summary"] = summary;
                b["keywords"] = new[] { title[..4] };
                b["problemSolved"] = "解决" + title + "的工程化难题。";
                b["advantages"] = "成本与能耗低于同类方案。";
            })))).GetProperty("achievement").GetProperty("id").GetGuid();

        var both = await PublishAsync("激光熔覆再制造与焊接机器人集成", "焊接机器人在激光熔覆再制造产线上的集成应用，覆盖路径规划、熔池监测与质量追溯。");
        var one = await PublishAsync("激光熔覆涂层材料", "铁基与镍基激光熔覆涂层材料的配方设计与工艺窗口，提升零件耐磨与耐蚀性能。");
        var neither = await PublishAsync("城市污水厌氧氨氧化脱氮工艺", "主流厌氧氨氧化工艺的启动与稳定运行控制，降低城市污水厂能耗与碳源投加。");

        var page = await (await app.CreateClient().GetAsync("/api/achievements?pageSize=100&q=" + Uri.EscapeDataString("激光熔覆 焊接机器人"))).JsonAsync();
        page.GetProperty("ranked").GetBoolean().ShouldBeTrue();
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        ids.ShouldContain(both);
        ids.ShouldContain(one, "any word of the search finds a listing");
        ids.ShouldNotContain(neither);
        ids.IndexOf(both).ShouldBeLessThan(ids.IndexOf(one), "the listing with every word comes first");
        page.GetProperty("total").GetInt32().ShouldBe(ids.Count);
        var terms = page.GetProperty("terms").EnumerateArray().Select(t => t.GetString()).ToList();
        // The words as segmented (激光熔覆 is 激光 + 熔覆), so each marks where it occurs.
        terms.ShouldBe(["机器人", "激光", "焊接", "熔覆"], ignoreOrder: true);

        // A filter still applies to the ranked results, in the database.
        async Task<List<Guid>> InFieldAsync(string field) =>
            (await (await app.CreateClient().GetAsync($"/api/achievements?pageSize=100&field={field}&q=" + Uri.EscapeDataString("激光熔覆 焊接机器人"))).JsonAsync())
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        (await InFieldAsync("AdvancedManufacturing")).ShouldContain(both);
        (await InFieldAsync("NewMaterials")).ShouldNotContain(both);
    }

    [Fact]
    public async Task Sql_and_script_text_is_stored_and_returned_verbatim()
    {
        var member = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        const string hostile = "'; DROP TABLE \"Needs\"; -- <script>alert('x')</script> %_";
        var need = await member.Client.DraftAsync("needs", Listings.Need(hostile, b => b["background"] = hostile + " " + b["background"]));
        await member.Client.PublishAsync("needs", need);
        var read = await (await app.CreateClient().GetAsync($"/api/needs/{need.Id}")).JsonAsync();
        read.GetProperty("title").GetString().ShouldBe(hostile);
        var search = await (await app.CreateClient().GetAsync("/api/needs?q=" + Uri.EscapeDataString("%_"))).JsonAsync();
        search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(need.Id);
    }

    [Fact]
    public async Task A_stale_version_answers_409_and_keeps_the_first_change()
    {
        var member = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var record = await member.Client.DraftAsync("achievements", Listings.Achievement());
        var first = await member.Client.PutAsJsonAsync($"/api/achievements/{record.Id}",
            new { achievement = Listings.Achievement("第一次修改"), version = record.Version });
        await first.ShouldBeAsync(HttpStatusCode.OK);
        var second = await member.Client.PutAsJsonAsync($"/api/achievements/{record.Id}",
            new { achievement = Listings.Achievement("第二次基于旧版本的修改"), version = record.Version });
        (await second.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("stale_version");
        var current = await (await member.Client.GetAsync($"/api/achievements/{record.Id}")).JsonAsync();
        current.GetProperty("title").GetString().ShouldBe("第一次修改");
    }

    [Fact]
    public async Task Drafts_are_deleted_but_published_records_are_archived_not_deleted()
    {
        var member = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var draft = await member.Client.DraftAsync("achievements", Listings.Achievement());
        await (await member.Client.DeleteAsync($"/api/achievements/{draft.Id}?version={draft.Version}")).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await member.Client.GetAsync($"/api/achievements/{draft.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        var record = await member.Client.DraftAsync("achievements", Listings.Achievement($"可归档的成果{Guid.NewGuid():N}"[..16]));
        var published = await member.Client.PublishAsync("achievements", record);
        var version = published.GetProperty("achievement").GetProperty("version").GetInt64();
        var delete = await member.Client.DeleteAsync($"/api/achievements/{record.Id}?version={version}");
        (await delete.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("not_a_draft");

        await (await member.Client.PostAsJsonAsync($"/api/achievements/{record.Id}/archive", new { version })).ShouldBeAsync(HttpStatusCode.OK);
        var catalogue = await (await app.CreateClient().GetAsync("/api/achievements?pageSize=100&organisationId=" + member.OrganisationId)).JsonAsync();
        catalogue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldNotContain(record.Id);
    }

    [Fact]
    public async Task Catalogue_filters_by_field_maturity_region_and_transfer_mode_and_pages()
    {
        var dalian = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210204");
        var shenyang = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210102");
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await dalian.Client.PublishAsync("achievements", await dalian.Client.DraftAsync("achievements",
                Listings.Achievement($"筛选测试{tag}大连{i}", b => b["trl"] = 3 + i)));
        }

        await shenyang.Client.PublishAsync("achievements", await shenyang.Client.DraftAsync("achievements",
            Listings.Achievement($"筛选测试{tag}沈阳", b =>
            {
                b["field"] = "NewMaterials";
                b["transferModes"] = new[] { "Transfer", "UseBeforeTransfer" };
                b["trialPeriodMonths"] = 6;
            })));

        var anonymous = app.CreateClient();
        async Task<int> Count(string filter) =>
            (await (await anonymous.GetAsync($"/api/achievements?q={tag}&{filter}")).JsonAsync()).GetProperty("total").GetInt32();

        (await Count("")).ShouldBe(4);
        (await Count("region=210200")).ShouldBe(3);
        (await Count("region=210000")).ShouldBe(4);
        (await Count("field=NewMaterials")).ShouldBe(1);
        (await Count("trlMin=4")).ShouldBe(3);
        (await Count("trlMin=4&trlMax=4")).ShouldBe(1);
        (await Count("transferMode=UseBeforeTransfer")).ShouldBe(1);
        var page = await (await anonymous.GetAsync($"/api/achievements?q={tag}&pageSize=3&page=2&sort=title")).JsonAsync();
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        await (await anonymous.GetAsync("/api/achievements?pageSize=1000")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await anonymous.GetAsync("/api/achievements?sort=random")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class SqliteFoundationApiTests(SqliteApp app) : FoundationApiTests<SqliteApp>(app);

public sealed class PostgresFoundationApiTests(PostgresApp app) : FoundationApiTests<PostgresApp>(app);

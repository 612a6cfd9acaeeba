using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Guidelines;

/// <summary>A cluster of unmet demand drafted into an open call, and the draft guideline topics exported as PDF.</summary>
public abstract class GuidelineDraftTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static Dictionary<string, object?> Need(string tag, string title, decimal budget, string indicator) => Listings.Need($"{tag} {title}", b =>
    {
        b["background"] = $"{tag} 海水淡化反渗透膜易污染，清洗频繁，需要抗污染膜材料。";
        b["field"] = "NewMaterials";
        b["budgetMin"] = budget / 2;
        b["budgetMax"] = budget;
        b["indicators"] = new[] { new { name = indicator, target = "≥30", unit = "%" } };
    });

    [Fact]
    public async Task A_cluster_becomes_a_draft_bureau_call_with_its_needs_prefilled_terms_and_co_funders_and_publishes_after_screening()
    {
        var tag = Listings.Tag();
        var firmA = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210213");
        var firmB = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var a = await firmA.Client.DraftAsync("needs", Need(tag, "抗污染反渗透膜需求", 900_000m, "清洗周期延长"));
        await firmA.Client.PublishAsync("needs", a);
        var b = await firmB.Client.DraftAsync("needs", Need(tag, "海水淡化膜抗污染改性需求", 600_000m, "通量衰减降低"));
        await firmB.Client.PublishAsync("needs", b);
        var draftNeed = await firmB.Client.DraftAsync("needs", Need(tag, "未发布的膜需求", 100_000m, "x"));
        var before = await app.WithDbAsync(db => db.Calls.CountAsync());

        // Only the bureau turns clusters into calls; bad input names its field and writes nothing.
        await (await firmA.Client.PostAsJsonAsync("/api/guidelines/clusters/call", new { needIds = new[] { a.Id, b.Id } })).ProblemAsync(HttpStatusCode.Forbidden);
        (await (await bureau.PostAsJsonAsync("/api/guidelines/clusters/call", new { title = "x" })).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("needIds", out _).ShouldBeTrue();
        (await (await bureau.PostAsJsonAsync("/api/guidelines/clusters/call", new { needIds = new[] { a.Id, draftNeed.Id } })).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("needIds", out _).ShouldBeTrue();
        (await app.WithDbAsync(db => db.Calls.CountAsync())).ShouldBe(before);

        var call = await (await bureau.PostAsJsonAsync("/api/guidelines/clusters/call", new { title = (string?)null, needIds = new[] { a.Id, b.Id } })).JsonAsync(HttpStatusCode.Created);
        (call.GetProperty("state").GetString(), call.GetProperty("owner").ValueKind).ShouldBe(("Draft", System.Text.Json.JsonValueKind.Null));
        call.GetProperty("title").GetString().ShouldBe($"{tag} 抗污染反渗透膜需求");
        var problem = call.GetProperty("problem").GetString()!;
        problem.ShouldContain($"{tag} 抗污染反渗透膜需求");
        problem.ShouldContain($"{tag} 海水淡化膜抗污染改性需求");
        call.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["清洗周期延长", "通量衰减降低"]);
        call.GetProperty("reward").GetDecimal().ShouldBe(1_500_000m);
        call.GetProperty("needs").EnumerateArray().Select(n => (n.GetProperty("needId").GetGuid(), n.GetProperty("status").GetString()!)).OrderBy(n => n.Item1).ToList()
            .ShouldBe([.. new[] { (a.Id, "Proposed"), (b.Id, "Proposed") }.OrderBy(n => n.Item1)]);
        call.GetProperty("coFunders").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).Order()
            .ShouldBe(new[] { firmA.OrganisationId!.Value, firmB.OrganisationId!.Value }.Order());
        // The prefilled text and the default criteria follow the request's language: English here, Chinese when asked.
        call.GetProperty("criteria").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("weight").GetInt32()))
            .ShouldBe([("Technical approach", 50), ("Team capability", 30), ("Price", 20)]);
        var firmAName = await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == firmA.OrganisationId).Select(o => o.NameZh).SingleAsync());
        problem.ShouldContain($"{tag} 抗污染反渗透膜需求 ({firmAName}): ");
        using var zhDraft = new HttpRequestMessage(HttpMethod.Post, "/api/guidelines/clusters/call") { Content = JsonContent.Create(new { needIds = new[] { a.Id, b.Id } }) };
        zhDraft.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var zhCall = await (await bureau.SendAsync(zhDraft)).JsonAsync(HttpStatusCode.Created);
        zhCall.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(["技术方案", "团队能力", "报价"]);
        zhCall.GetProperty("problem").GetString()!.ShouldContain($"{tag} 抗污染反渗透膜需求（{firmAName}）：");
        // The public does not see the draft.
        var id = call.GetProperty("id").GetGuid();
        await (await app.CreateClient().GetAsync($"/api/calls/{id}")).ProblemAsync(HttpStatusCode.NotFound);

        // A real call: the bureau screens its needs (returning one drops its firm from the co-funders) and publishes it.
        var version = call.GetProperty("version").GetInt64();
        var screened = await (await bureau.PostAsJsonAsync($"/api/calls/{id}/needs/{a.Id}/screening", new { accept = true, version })).JsonAsync();
        screened = await (await bureau.PostAsJsonAsync($"/api/calls/{id}/needs/{b.Id}/screening", new { accept = false, reason = "另行立项", version = screened.GetProperty("version").GetInt64() })).JsonAsync();
        screened.GetProperty("coFunders").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).ShouldBe([firmA.OrganisationId!.Value]);
        var open = await (await bureau.PostAsJsonAsync($"/api/calls/{id}/publish", new { version = screened.GetProperty("version").GetInt64() })).JsonAsync();
        open.GetProperty("state").GetString().ShouldBe("Open");
    }

    [Fact]
    public async Task The_draft_topics_export_as_a_pdf_with_one_section_per_topic_in_chinese_or_english()
    {
        var tag = Listings.Tag();
        var firm = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210213");
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var a = await firm.Client.DraftAsync("needs", Need(tag, "抗污染反渗透膜需求", 900_000m, "清洗周期延长"));
        await firm.Client.PublishAsync("needs", a);
        var b = await firm.Client.DraftAsync("needs", Need(tag, "膜组件在线清洗装置需求", 400_000m, "清洗时间"));
        await firm.Client.PublishAsync("needs", b);
        // A year of its own: the fixture's other tests never write topics for it (two random years collided once in 50).
        const int year = 2061;
        string[] titles = [$"{tag} 海水淡化抗污染膜材料", $"{tag} 膜组件智能清洗装备", $"{tag} 反渗透系统能耗优化"];
        foreach (var (title, needs) in titles.Zip(new[] { new[] { a.Id }, new[] { b.Id }, new[] { a.Id, b.Id } }))
        {
            await (await bureau.PostAsJsonAsync("/api/guidelines/topics", new { title, field = "NewMaterials", year, summary = "面向大连海水淡化企业的共性需求", needIds = needs }))
                .ShouldBeAsync(HttpStatusCode.Created);
        }

        await (await firm.Client.GetAsync($"/api/guidelines/topics/export?year={year}&format=pdf")).ProblemAsync(HttpStatusCode.Forbidden);
        (await (await bureau.GetAsync($"/api/guidelines/topics/export?year={year}&format=odt")).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("format", out _).ShouldBeTrue();

        using var zhRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/guidelines/topics/export?year={year}&format=pdf");
        zhRequest.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var response = await bureau.SendAsync(zhRequest);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync()))
        {
            // One section per topic, each on its own page; the Chinese text is read back from the embedded fonts
            // (spaces between runs are not glyphs, so the text is compared without them).
            var pages = pdf.GetPages().Select(p => Squash(p.Text)).ToList();
            pages.Count.ShouldBe(3);
            for (var i = 0; i < 3; i++)
            {
                pages[i].ShouldContain($"方向{i + 1}/3");
                pages[i].ShouldContain("共同出资企业");
                pages.Count(p => p.Contains(Squash(titles[i]), StringComparison.Ordinal)).ShouldBe(1);
            }

            pages.Single(p => p.Contains(Squash(titles[2]), StringComparison.Ordinal)).ShouldContain("1,300,000");
        }

        using var enRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/guidelines/topics/export?year={year}&format=pdf");
        enRequest.Headers.AcceptLanguage.ParseAdd("en");
        var en = await bureau.SendAsync(enRequest);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await en.Content.ReadAsByteArrayAsync()))
        {
            pdf.NumberOfPages.ShouldBe(3);
            Squash(pdf.GetPage(1).Text).ShouldContain("Co-fundingfirms");
        }
    }

    [Fact]
    public async Task The_draft_topics_export_as_a_docx_with_one_heading_per_topic_and_chinese_text_intact()
    {
        var tag = Listings.Tag();
        var firm = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210213");
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var need = await firm.Client.DraftAsync("needs", Need(tag, "抗污染反渗透膜需求", 900_000m, "清洗周期延长"));
        await firm.Client.PublishAsync("needs", need);
        const int year = 2062; // a year of its own, as above
        string[] titles = [$"{tag} 海水淡化抗污染膜材料", $"{tag} 膜组件智能清洗装备 & <检测>"];
        foreach (var title in titles)
        {
            await (await bureau.PostAsJsonAsync("/api/guidelines/topics", new { title, field = "NewMaterials", year, summary = "面向大连海水淡化企业的共性需求", needIds = new[] { need.Id } }))
                .ShouldBeAsync(HttpStatusCode.Created);
        }

        await (await firm.Client.GetAsync($"/api/guidelines/topics/export?year={year}&format=docx")).ProblemAsync(HttpStatusCode.Forbidden);
        foreach (var (language, label) in new[] { ("zh-CN", "共同出资企业"), ("en", "Co-funding firms") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/guidelines/topics/export?year={year}&format=docx");
            request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await bureau.SendAsync(request);
            await response.ShouldBeAsync(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            zip.GetEntry("[Content_Types].xml").ShouldNotBeNull();
            System.Xml.Linq.XDocument document;
            using (var stream = zip.GetEntry("word/document.xml")!.Open())
            {
                document = System.Xml.Linq.XDocument.Load(stream);
            }

            System.Xml.Linq.XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
            string Text(System.Xml.Linq.XElement p) => string.Concat(p.Descendants(w + "t").Select(t => t.Value));
            var headings = document.Descendants(w + "p")
                .Where(p => p.Element(w + "pPr")?.Element(w + "pStyle")?.Attribute(w + "val")?.Value == "Heading1").Select(Text).ToList();
            headings.ShouldBe([.. titles.Order(StringComparer.Ordinal)], ignoreOrder: true);
            var all = document.Descendants(w + "p").Select(Text).ToList();
            all.Count(t => t == label).ShouldBe(2);
            all.ShouldContain("面向大连海水淡化企业的共性需求");
            using var styles = new StreamReader(zip.GetEntry("word/styles.xml")!.Open());
            (await styles.ReadToEndAsync()).ShouldContain("w:styleId=\"Heading1\"");
        }
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}

public sealed class SqliteGuidelineDraftTests(SqliteApp app) : GuidelineDraftTests<SqliteApp>(app);

public sealed class PostgresGuidelineDraftTests(PostgresApp app) : GuidelineDraftTests<PostgresApp>(app);

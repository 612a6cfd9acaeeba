using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// The publish gate and readable proposals in a real browser: a record too thin to go public stays a draft with
/// the missing fields named; a budget typed as 50 亿元 is echoed in words and asks for confirmation; a proposal card
/// says why it was proposed, shows the legend of its score bar and reads in points that add up.
/// </summary>
public abstract partial class PublishAndProposalsTests<TApp>(TApp app, string language)
    where TApp : BrowserApp
{
    private const string Researcher = "researcher@demo.techtransfer.local";
    private const string Enterprise = "enterprise@demo.techtransfer.local";
    private static readonly ViewportSize Desktop = new() { Width = 1400, Height = 1000 };
    private bool English => language == "en";

    [Fact]
    public async Task A_too_short_record_cannot_go_public_and_names_what_is_missing()
    {
        var page = await app.SignInAsync(Researcher, language, viewport: Desktop);
        var title = (English ? "Anti-fouling coating for desalination membranes " : "一种海水淡化膜抗污染涂层") + Tag();
        await page.GotoAsync("/workspace/achievements/new");
        await page.GetByTestId("input-title").FillAsync(title);
        await page.GetByTestId("input-summary").FillAsync(English ? "Raises membrane flux, fewer cleanings." : "提高膜通量，减少清洗次数。");
        var gaps = page.GetByTestId("publish-gaps");
        await Expect(gaps.GetByTestId("publish-gap")).ToHaveCountAsync(3);
        await page.GetByTestId("publish-listing").ClickAsync();

        // Saved as a draft, refused by the server with the fields named next to the inputs.
        await Expect(page.GetByTestId("field-error-summary")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("field-error-trl")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("field-error-keywords")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("field-error-summary")).ToContainTextAsync(English ? "80 English characters" : "30 字");
        await Expect(page.GetByTestId("listing-status")).ToHaveAttributeAsync("data-value", "Draft");
        await Screenshots.SaveAsync(page, language, "publish-gate-refused");
        var status = await app.WithDbAsync(db => db.Achievements.Where(a => a.Title == title).Select(a => a.Status).SingleAsync());
        status.ShouldBe(ListingStatus.Draft);
    }

    [Fact]
    public async Task A_50_yi_budget_is_echoed_in_words_and_asks_for_confirmation_then_the_proposals_are_counted()
    {
        var page = await app.SignInAsync(Enterprise, language, viewport: Desktop);
        var title = (English ? "Automatic visual inspection of weld seams on ship blocks " : "船体分段焊缝视觉检测与自动打磨机器人") + Tag();
        await page.GotoAsync("/workspace/needs/new");
        await page.GetByTestId("input-title").FillAsync(title);
        await page.GetByTestId("input-background").FillAsync(English
            ? "Our shipyard grinds and inspects weld seams of hull blocks by hand. We need robot grinding with machine vision that finds the weld seam, grinds it with constant force and detects surface defects, replacing manual work."
            : "我公司船体分段车间焊缝打磨和检测全部依靠人工，粉尘大、效率低、质量不一致。希望引进工业机器人恒力打磨技术，结合视觉识别焊缝位置和表面缺陷，实现焊缝自动打磨与检测。");
        await page.GetByTestId("input-trl").SelectOptionAsync("6");
        await page.GetByTestId("add-indicator").ClickAsync();
        await page.GetByTestId("indicator-0-name").FillAsync(English ? "Seam detection accuracy" : "焊缝识别精度");
        await page.GetByTestId("indicator-0-target").FillAsync("≤0.2");
        await page.GetByTestId("indicator-0-unit").FillAsync("mm");

        // A yuan amount typed into the 万元 field (Chinese), or 5 billion yuan typed as such (English): 50 亿元.
        await page.GetByTestId("input-budgetMax").FillAsync(English ? "5000000000" : "500000");
        var words = page.GetByTestId("input-budgetMax-words");
        await Expect(words).ToContainTextAsync(English ? "= ¥5 bn" : "= 50 亿元");
        await Expect(words).ToHaveAttributeAsync("data-odd", "large");
        await page.GetByTestId("publish-listing").ClickAsync();
        var confirm = page.GetByTestId("publish-confirm-panel");
        await Expect(confirm.Locator("[data-code=amount_too_large]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, language, "publish-confirm-amount");
        (await app.WithDbAsync(db => db.Needs.AnyAsync(n => n.Title == title))).ShouldBeFalse();

        // Back to the form: the budget corrected to 500 万元, the warning is gone.
        await confirm.GetByTestId("publish-cancel").ClickAsync();
        await page.GetByTestId("input-budgetMax").FillAsync(English ? "5000000" : "500");
        await Expect(words).ToContainTextAsync(English ? "= ¥5 m" : "= 500 万元");
        await Expect(words).Not.ToHaveAttributeAsync("data-odd", "large");
        await page.GetByTestId("publish-listing").ClickAsync();
        await Expect(page.GetByTestId("listing-status")).ToHaveAttributeAsync("data-value", "Published");
        var budget = await app.WithDbAsync(db => db.Needs.Where(n => n.Title == title).Select(n => n.BudgetMax).SingleAsync());
        budget.ShouldBe(5_000_000m);

        // The proposals stored with the publish are counted, with the way to them.
        var ready = page.GetByTestId("published-proposals");
        await Expect(ready).ToBeVisibleAsync();
        int.Parse((await ready.GetAttributeAsync("data-count"))!).ShouldBeGreaterThan(0);
        await Screenshots.SaveAsync(page, language, "publish-proposals-ready");
        await page.GetByTestId("published-proposals-link").ClickAsync();
        await page.WaitForLocationAsync(new Regex("/workspace/needs/[0-9a-f-]{36}/matches$"));
        await Expect(page.GetByTestId("match-item").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_proposal_card_shows_its_reason_its_legend_and_points_that_add_up()
    {
        var page = await app.SignInAsync(Enterprise, language, viewport: Desktop);
        // The demo firm's need with the most proposals above the display floor.
        var needId = await app.WithDbAsync(async db =>
        {
            var organisation = await db.Users.Where(u => u.Email == Enterprise).Select(u => u.OrganisationId).SingleAsync();
            return await db.Needs.Where(n => n.OrganisationId == organisation && n.Status == ListingStatus.Published)
                .OrderByDescending(n => db.MatchProposals.Count(p => p.NeedId == n.Id && p.Score >= 0.40)).ThenBy(n => n.Id).Select(n => n.Id).FirstAsync();
        });
        await page.GotoAsync($"/workspace/needs/{needId}/matches");
        var legend = page.GetByTestId("score-legend");
        await Expect(legend).ToBeVisibleAsync();
        await Expect(legend.Locator("li")).ToHaveCountAsync(5);
        await Expect(legend).ToContainTextAsync(English ? "Text similarity" : "文本相似度");

        var card = page.GetByTestId("match-item").First;
        await Expect(card.GetByTestId("match-reason")).ToContainTextAsync(English ? "Why:" : "推荐理由：");
        await Expect(card.GetByTestId("match-amount")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("match-region")).ToBeVisibleAsync();
        // Highlighting marks whole terms only: never a single character.
        foreach (var mark in await card.Locator("h3 mark").AllInnerTextsAsync())
        {
            mark.Trim().Length.ShouldBeGreaterThan(1);
        }

        await card.GetByTestId("match-explain").ClickAsync();
        var parts = card.GetByTestId("score-component");
        await Expect(parts).ToHaveCountAsync(5);
        var points = new List<int>();
        foreach (var part in await parts.AllAsync())
        {
            points.Add(int.Parse((await part.GetAttributeAsync("data-points"))!));
        }

        points.Sum().ShouldBe(int.Parse((await card.GetByTestId("match-score").GetAttributeAsync("data-points"))!));
        await Screenshots.SaveAsync(page, language, "proposals-readable");
    }

    [Fact]
    public async Task The_researcher_reads_why_firms_dismissed_the_proposals_of_an_achievement()
    {
        // The demo's institution achievement the most firms dismissed (DemoOutcomes), and its count per reason.
        var researcherOrg = await app.WithDbAsync(db => db.Users.Where(u => u.Email == Researcher).Select(u => u.OrganisationId).SingleAsync());
        var dismissed = await app.WithDbAsync(db => db.MatchProposals
            .Where(p => p.Status == ProposalStatus.Dismissed && p.Achievement!.OrganisationId == researcherOrg)
            .Select(p => new { p.AchievementId, Reason = p.DismissReason!.Value, Firm = p.Need!.OrganisationId }).ToListAsync());
        var achievement = dismissed.GroupBy(d => d.AchievementId).OrderByDescending(g => g.Select(d => d.Firm).Distinct().Count()).ThenBy(g => g.Key).First();
        var expected = achievement.GroupBy(d => d.Reason).ToDictionary(g => g.Key.ToString(), g => g.Select(d => d.Firm).Distinct().Count());

        var page = await app.SignInAsync(Researcher, language, viewport: Desktop);
        await page.GotoAsync($"/workspace/achievements/{achievement.Key}/matches");
        var feedback = page.GetByTestId("dismissal-feedback");
        await Expect(feedback).ToContainTextAsync(English ? "Why proposals were dismissed" : "对方忽略推荐的原因");
        await Expect(feedback.GetByTestId("dismissal-reason")).ToHaveCountAsync(expected.Count);
        foreach (var (reason, firms) in expected)
        {
            var line = feedback.Locator($"[data-reason={reason}]");
            await Expect(line).ToHaveAttributeAsync("data-count", firms.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(line).ToContainTextAsync(English ? $"{firms} firm" : $"{firms} 家企业");
        }

        await Screenshots.SaveAsync(page, language, "dismissal-feedback");
        await page.CloseAsync();
    }

    private static string Tag() => " " + Guid.NewGuid().ToString("N")[..6];
}

[Collection(ChineseBrowser.Name)]
public sealed class ChinesePublishAndProposalsTests(PostgresBrowserApp app) : PublishAndProposalsTests<PostgresBrowserApp>(app, "zh-CN");

[Collection(EnglishBrowser.Name)]
public sealed class EnglishPublishAndProposalsTests(SqliteBrowserApp app) : PublishAndProposalsTests<SqliteBrowserApp>(app, "en");

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// The whole journey in a real browser: an enterprise member posts a need, the institution member
/// learns of the proposal live and accepts the enterprise's interest, the technology manager opens
/// the deal, moves it to signed and records the contract, and the bureau's dashboard shows the new
/// local rate without a reload. Four people, four browser contexts, one platform.
/// </summary>
public abstract partial class JourneyTests<TApp>(TApp app, JourneyText text)
    where TApp : BrowserApp
{
    private const string Researcher = "researcher@demo.techtransfer.local";
    private const string Enterprise = "enterprise@demo.techtransfer.local";
    private const string Manager = "manager@demo.techtransfer.local";
    private const string Bureau = "bureau@demo.techtransfer.local";
    private readonly string _lang = text.Language;

    [Fact]
    public async Task A_posted_need_becomes_a_recorded_contract_and_the_dashboard_follows_live()
    {
        var pages = new Dictionary<string, IPage>
        {
            ["bureau"] = await app.SignInAsync(Bureau, _lang),
            ["researcher"] = await app.SignInAsync(Researcher, _lang),
            ["enterprise"] = await app.SignInAsync(Enterprise, _lang),
            ["manager"] = await app.SignInAsync(Manager, _lang),
        };
        try
        {
            await JourneyAsync(pages["bureau"], pages["researcher"], pages["enterprise"], pages["manager"]);
        }
        catch
        {
            // What each person's browser showed when the journey stopped.
            foreach (var (who, page) in pages)
            {
                await Screenshots.SaveAsync(page, _lang, "failed-" + who);
            }

            throw;
        }
    }

    private async Task JourneyAsync(IPage bureau, IPage researcher, IPage enterprise, IPage manager)
    {
        var year = DateTime.UtcNow.Year;

        // The bureau watches this year's dashboard; a marker on window proves later that it never reloaded.
        // This year may have no contracts yet: then the page says so, and the headline appears with the first one.
        await bureau.GotoAsync($"/workspace/indicators?year={year}");
        // The contract count, not the local rate: the demo's own contract this year is local too, so the rate may stay 100 %.
        var countRate = bureau.GetByTestId("headline-contracts-value");
        var before = countRate.Or(bureau.GetByTestId("dashboard-empty"));
        await before.WaitForAsync();
        await WaitForLiveAsync(bureau);
        var rateBefore = await before.InnerTextAsync();
        await bureau.EvaluateAsync("() => { window.__journeyNoReload = true; }");
        await Screenshots.SaveAsync(bureau, _lang, "bureau-dashboard-before");

        // The institution member watches the proposals of the achievement the need should meet.
        var achievementId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Achievements.Where(a => a.Title == text.AchievementTitle).Select(a => a.Id)));
        await researcher.GotoAsync($"/workspace/achievements/{achievementId}/matches");
        await researcher.GetByTestId("matches-list").WaitForAsync();
        await WaitForLiveAsync(researcher);
        var proposedToResearcher = researcher.GetByTestId("match-item").Filter(new() { HasText = text.NeedTitle });
        (await proposedToResearcher.CountAsync()).ShouldBe(0);

        // The enterprise member writes and publishes a need.
        await enterprise.GotoAsync("/workspace/needs/new");
        await enterprise.GetByTestId("input-title").FillAsync(text.NeedTitle);
        await enterprise.GetByTestId("input-background").FillAsync(text.NeedBackground);
        await enterprise.GetByTestId("input-field").SelectOptionAsync(text.Field);
        await enterprise.GetByTestId("input-trl").SelectOptionAsync("6");
        await Screenshots.SaveAsync(enterprise, _lang, "enterprise-need-editor");
        await enterprise.GetByTestId("publish-listing").ClickAsync();
        // No indicators and no budget: the editor lists the warnings and asks to confirm.
        await enterprise.GetByTestId("publish-confirm").ClickAsync();
        // Saving, publishing and matching the need run in the request: under both collections' load it took over 30 s once.
        var editUrl = await enterprise.WaitForLocationAsync(EditUrl(), 90_000);
        await Expect(enterprise.GetByTestId("listing-status")).ToHaveAttributeAsync("data-value", "Published");
        var needId = EditUrl().Match(editUrl).Groups["id"].Value;

        // The proposal appears on the institution member's open page without a reload (pushed over the hub).
        await proposedToResearcher.WaitForAsync(new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(researcher, _lang, "researcher-proposals");

        // The institution member goes to the interests page and waits there.
        await researcher.GotoAsync("/workspace/interests");
        await researcher.GetByTestId("interests-page").WaitForAsync();
        await WaitForLiveAsync(researcher);

        // The enterprise reads the proposals with their explanations and expresses interest in the institution's achievement.
        await enterprise.GotoAsync($"/workspace/needs/{needId}/matches");
        var match = enterprise.GetByTestId("match-item").Filter(new() { HasText = text.AchievementTitle });
        await match.WaitForAsync();
        await Expect(match.GetByTestId("match-local")).ToBeVisibleAsync();
        await Expect(match).ToContainTextAsync(text.SellerRegion);
        await match.GetByTestId("match-explain").ClickAsync();
        await Expect(match.GetByTestId("score-explanation")).ToBeVisibleAsync();
        await Expect(match.GetByTestId("matched-terms")).ToContainTextAsync(text.MatchedTerm);
        await Screenshots.SaveAsync(enterprise, _lang, "enterprise-proposals");
        await match.GetByTestId("express-interest").ClickAsync();
        await match.GetByTestId("interest-message").FillAsync(text.InterestMessage);
        await match.GetByTestId("interest-submit").ClickAsync();
        await Expect(match.GetByTestId("interest-sent")).ToBeVisibleAsync();

        // The interest appears on the institution member's open page, who accepts it.
        var interest = researcher.GetByTestId("interest-item").Filter(new() { HasText = text.InterestMessage });
        await interest.WaitForAsync(new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(researcher, _lang, "researcher-interests");
        await interest.GetByTestId("interest-accept").ClickAsync();
        await Expect(interest).ToHaveAttributeAsync("data-status", "Accepted");

        // The technology manager opens a deal from the need's proposals ...
        await manager.GotoAsync($"/needs/{needId}");
        await manager.GetByTestId("record-matches").ClickAsync();
        await manager.WaitForPathAsync($"/workspace/needs/{needId}/matches");
        var managed = manager.GetByTestId("match-item").Filter(new() { HasText = text.AchievementTitle });
        await managed.GetByTestId("match-open-deal").ClickAsync();
        // the proposal now reads as brokered, with the deal a click away, and offers no second deal
        await Expect(managed.GetByTestId("match-deal-link")).ToBeVisibleAsync();
        await Expect(managed.GetByTestId("match-deal")).ToBeVisibleAsync();
        await Expect(managed.GetByTestId("match-open-deal")).ToHaveCountAsync(0);

        // ... moves it through the board to signed ...
        await manager.GotoAsync("/workspace/deals");
        await WaitForLiveAsync(manager);
        var card = manager.GetByTestId("deal-card").Filter(new() { HasText = text.NeedTitle });
        foreach (var stage in new[] { "Contacted", "Negotiating", "Signed" })
        {
            await card.GetByTestId("deal-move-next").ClickAsync();
            await Expect(card).ToHaveAttributeAsync("data-stage", stage);
        }

        await Expect(manager.GetByTestId("deals-column-Signed").GetByTestId("deal-card").Filter(new() { HasText = text.NeedTitle })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(manager, _lang, "manager-deals-board");

        // ... and records the contract from the signed deal.
        await card.GetByTestId("deal-open").ClickAsync();
        var dialog = manager.GetByTestId("deal-dialog");
        await dialog.GetByTestId("deal-record-contract").ClickAsync();
        await dialog.GetByTestId("contract-total").FillAsync(text.ContractTotal);
        await dialog.GetByTestId("contract-income").FillAsync(text.ContractTotal);
        await dialog.GetByTestId("contract-signed").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(manager, _lang, "manager-record-contract");
        await dialog.GetByTestId("contract-submit").ClickAsync();
        await Expect(dialog.GetByTestId("deal-contract-recorded")).ToBeVisibleAsync();

        // The bureau's open dashboard changes on its own: same page, one more contract.
        await Expect(countRate).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(countRate).Not.ToHaveTextAsync(rateBefore, new() { Timeout = 30_000 });
        (await bureau.EvaluateAsync<bool>("() => window.__journeyNoReload === true")).ShouldBeTrue("the dashboard page reloaded instead of updating live");
        await Screenshots.SaveAsync(bureau, _lang, "bureau-dashboard-after");

        // The contract is in the database as the record the indicators count.
        // Its own deal's: the demo data has a signed contract of this year too.
        var contracts = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Contracts,
            c => c.Year == year && c.IsLocal && db.Deals.Any(d => d.Id == c.DealId && d.Title.Contains(text.NeedTitle))));
        contracts.ShouldBe(1);
    }

    [Fact]
    public async Task Every_workspace_renders_in_the_language_at_desktop_and_phone_width()
    {
        var visits = new (string? Who, string Path, string Ready, string Shot)[]
        {
            (null, "/", "home-figures", "public-home"),
            (null, "/achievements", "catalogue-results", "public-achievements"),
            (null, "/needs", "catalogue-results", "public-needs"),
            (null, "/directory", "directory-intermediaries", "public-directory"),
            (Researcher, "/workspace/achievements", "mine-results", "researcher-achievements"),
            (Researcher, "/workspace/collaboration", "collaboration-page", "researcher-collaboration"),
            (Researcher, "/notifications", "notifications-list", "researcher-notifications"),
            (Enterprise, "/workspace/needs", "mine-results", "enterprise-needs"),
            (Manager, "/workspace/deals", "deals-board", "manager-deals"),
            (Bureau, "/workspace/indicators?year=2023&tab=localization", "table-localization", "bureau-dashboard-2023-localization"),
            (TestApp.AdminEmail, "/admin", "admin-organisations", "admin-organisations"),
        };
        // The reviewed desktop width: every role's navigation must fit on one row there.
        var desktop = new ViewportSize { Width = 1400, Height = 1000 };
        var signedIn = new Dictionary<string, IPage>();
        foreach (var (who, path, ready, shot) in visits)
        {
            IPage page;
            if (who is null)
            {
                page = await app.OpenAsync(_lang, desktop);
            }
            else if (!signedIn.TryGetValue(who, out page!))
            {
                page = signedIn[who] = await app.SignInAsync(who, _lang, who == TestApp.AdminEmail ? TestApp.Password : BrowserApp.DemoPassword, desktop);
            }

            await page.GotoAsync(path);
            await page.GetByTestId(ready).WaitForAsync();
            (await page.EvaluateAsync<string>("() => document.documentElement.lang")).ShouldBe(_lang, path);
            (await page.GetByTestId("error-boundary").Or(page.GetByTestId("error")).CountAsync()).ShouldBe(0, $"{path} shows an error");
            var navRows = await page.EvaluateAsync<int>("() => new Set([...document.querySelectorAll('#main-nav > a, #main-nav > .nav-group')].map(a => Math.round(a.getBoundingClientRect().top))).size");
            navRows.ShouldBe(1, $"the navigation of {who ?? "a visitor"} wraps at 1400 px on {path}");
            await Screenshots.SaveAsync(page, _lang, shot);
        }

        // The paper's institutions are on the bureau's 2023 tables, from the demo records.
        (await signedIn[Bureau].GetByTestId("table-localization").Locator("tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(10);

        // The programmes share one menu in the navigation: it opens, lists the bureau's programmes and leads to them.
        var bureau = signedIn[Bureau];
        await bureau.GetByTestId("nav-programmes").ClickAsync();
        var menu = bureau.GetByTestId("nav-programmes-menu");
        foreach (var entry in new[] { "nav-calls", "nav-trials", "nav-incentives", "nav-targets", "nav-validation", "nav-guidelines" })
        {
            await Expect(menu.GetByTestId(entry)).ToBeVisibleAsync();
        }

        await Screenshots.SaveAsync(bureau, _lang, "bureau-programmes-menu");
        await menu.GetByTestId("nav-incentives").ClickAsync();
        await bureau.WaitForPathAsync("/workspace/incentives");
        await Expect(menu).ToHaveCountAsync(0);

        // Phone width: the catalogue fits the screen (no sideways scrolling) and filters fold away.
        var phone = await app.OpenAsync(_lang, new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync("/achievements");
        await phone.GetByTestId("catalogue-results").WaitForAsync();
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the catalogue scrolls sideways at phone width");
        await Screenshots.SaveAsync(phone, _lang, "phone-achievements");

        // Switching the language keeps the page and its query.
        await phone.GotoAsync("/achievements?q=%E6%9C%BA%E5%99%A8%E4%BA%BA");
        await phone.GetByTestId("catalogue-results").WaitForAsync();
        var other = _lang == "en" ? "zh-CN" : "en";
        await phone.GetByTestId("lang-" + other).ClickAsync();
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", other);
        (await phone.EvaluateAsync<string>("() => location.href")).ShouldEndWith("/achievements?q=%E6%9C%BA%E5%99%A8%E4%BA%BA");

        // Ranked search: any word finds a listing, the welding robots come first, the words are marked.
        var visitor = await app.OpenAsync(_lang, desktop);
        await visitor.GotoAsync("/achievements?q=%E7%84%8A%E6%8E%A5%E6%9C%BA%E5%99%A8%E4%BA%BA");
        await visitor.GetByTestId("catalogue-results").WaitForAsync();
        var cards = visitor.GetByTestId("listing-card");
        (await cards.CountAsync()).ShouldBeGreaterThan(2, "焊接机器人 should find more than the two listings holding every word");
        (await cards.First.InnerTextAsync()).ShouldContain("焊");
        (await cards.First.Locator("mark").CountAsync()).ShouldBeGreaterThan(0);

        // A failed sign-in is explained in the page's language.
        await visitor.GotoAsync("/login");
        await visitor.GetByTestId("login-email").FillAsync(Researcher);
        await visitor.GetByTestId("login-password").FillAsync("Wrong#Password1");
        await visitor.GetByTestId("login-submit").ClickAsync();
        await Expect(visitor.GetByTestId("login-error")).ToContainTextAsync(_lang == "en" ? "The email or the password is incorrect." : "邮箱或密码不正确。");
    }

    /// <summary>The hub connection is up (the live dot of the notifications badge), so updates arrive by push.</summary>
    private static Task WaitForLiveAsync(IPage page) =>
        page.Locator("[data-testid=notifications-badge] .live-dot.on").WaitForAsync(new() { Timeout = 30_000 });

    [GeneratedRegex(@"/workspace/needs/(?<id>[0-9a-f-]{36})/edit")]
    private static partial Regex EditUrl();
}

/// <summary>The journey's words in one language: the need, the achievement it should meet, the amounts as typed.</summary>
public sealed record JourneyText(
    string Language, string NeedTitle, string NeedBackground, string Field, string AchievementTitle, string SellerRegion, string MatchedTerm,
    string InterestMessage, string ContractTotal)
{
    public static readonly JourneyText Chinese = new(
        "zh-CN",
        "船体分段焊缝自动打磨机器人",
        "我公司船体分段车间焊缝打磨全部依靠人工，粉尘大、效率低、质量不一致。希望引进工业机器人恒力打磨技术，结合点云识别焊缝位置，实现焊缝自动打磨。",
        "AdvancedManufacturing",
        "工业机器人力控恒压打磨抛光系统",
        "辽宁省大连市甘井子区",
        "打磨",
        "我们对贵单位的恒力打磨系统很感兴趣，希望尽快洽谈。",
        // Amounts are typed in 万元 in Chinese: 80 万元.
        "80");

    public static readonly JourneyText English = new(
        "en",
        "Automatic visual inspection of surface defects on machined metal parts",
        "Our production line inspects machined metal parts by eye. We need machine vision with deep learning to detect surface defects such as scratches, dents and pits, replacing manual inspection.",
        "ElectronicInformation",
        "Deep-learning visual inspection for surface defects of metal parts",
        "Ganjingzi District, Dalian, Liaoning",
        "defect",
        "We are interested in your visual inspection technology and would like to talk.",
        // Amounts are typed in yuan in English.
        "800000");
}

public sealed class PostgresBrowserApp() : BrowserApp(new PostgresTestDatabase());

public sealed class SqliteBrowserApp() : BrowserApp(new SqliteTestDatabase());

/// <summary>One platform in Chinese on PostgreSQL for the journey and the account tests (it starts once: the demo corpus takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class ChineseBrowser : ICollectionFixture<PostgresBrowserApp>
{
    public const string Name = "Chinese browser on PostgreSQL";
}

/// <summary>One platform in English on SQLite, the product's default database.</summary>
[CollectionDefinition(Name)]
public sealed class EnglishBrowser : ICollectionFixture<SqliteBrowserApp>
{
    public const string Name = "English browser on SQLite";
}

/// <summary>The journey in Chinese (the default language) on PostgreSQL.</summary>
[Collection(ChineseBrowser.Name)]
public sealed class ChineseJourneyTests(PostgresBrowserApp app) : JourneyTests<PostgresBrowserApp>(app, JourneyText.Chinese);

/// <summary>The journey in English on SQLite, the product's default database.</summary>
[Collection(EnglishBrowser.Name)]
public sealed class EnglishJourneyTests(SqliteBrowserApp app) : JourneyTests<SqliteBrowserApp>(app, JourneyText.English);

using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// The bureau's dashboard on the demo data (the paper's contracts): the headline figures of 2023 with their
/// change on 2022, one table per tab with the tab in the URL, no table cut off at desktop or phone width, one
/// message for a year without contracts, and the import tab's template accepted by the real import.
/// </summary>
public abstract class DashboardTests<TApp>(TApp app, DashboardText text)
    where TApp : BrowserApp
{
    private const string Bureau = "bureau@demo.techtransfer.local";
    private static readonly ViewportSize Desktop = new() { Width = 1400, Height = 1000 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly string[] Tabs = ["turnover", "fields", "localization", "contract-amounts", "collaboration", "funnel", "unmet-demand", "leakage"];
    private readonly string _lang = text.Language;

    [Fact]
    public async Task The_headline_and_every_tab_read_whole_at_desktop_and_phone_width()
    {
        foreach (var (viewport, name) in new[] { (Desktop, "desktop"), (Phone, "phone") })
        {
            var page = await app.SignInAsync(Bureau, _lang, viewport: viewport);
            await page.GotoAsync("/workspace/indicators?year=2023");

            // Table 2's 2023 total (9,146 contracts, 505.8 亿元) and Tables 3-4's rates, each against 2022.
            await Expect(page.GetByTestId("headline-contracts-value")).ToHaveTextAsync("9,146");
            await Expect(page.GetByTestId("headline-contracts-change")).ToContainTextAsync("+35.4%");
            await Expect(page.GetByTestId("headline-turnover-value")).ToHaveTextAsync(text.Turnover);
            await Expect(page.GetByTestId("headline-turnover-change")).ToContainTextAsync("+18.4%");
            await Expect(page.GetByTestId("headline-countRate-value")).ToHaveTextAsync("44.3%");
            await Expect(page.GetByTestId("headline-countRate-change")).ToContainTextAsync(text.CountRateChange);
            await Expect(page.GetByTestId("headline-amountRate-value")).ToHaveTextAsync("35.7%");
            if (viewport == Desktop)
            {
                await Screenshots.SaveAsync(page, _lang, "bureau-dashboard-2023");
            }

            foreach (var tab in Tabs)
            {
                await page.GetByTestId("dashboard-tab-" + tab).ClickAsync();
                await page.WaitForLocationAsync(new Regex($"(?=.*[?&]tab={tab}\\b)(?=.*[?&]year=2023\\b)"));
                var panel = page.GetByTestId("dashboard-panel-" + tab);
                await panel.GetByTestId("table-" + tab).Or(panel.GetByTestId($"indicator-{tab}-none")).WaitForAsync();
                (await page.GetByRole(AriaRole.Tabpanel).CountAsync()).ShouldBe(1, "one panel at a time");
                (await page.Locator("[data-testid^=table-]:not([data-testid$=-scroll])").CountAsync()).ShouldBeLessThanOrEqualTo(1, $"{tab}: one table at a time");
                await AssertNothingClippedAsync(page, $"{tab} at {name} width");
                if (tab == "fields" || (viewport == Phone && tab == "localization"))
                {
                    await Screenshots.SaveAsync(page, _lang, $"bureau-dashboard-{tab}-{name}");
                }
            }

            // The paper's tables have rows for all twelve institutions and the eleven fields.
            await page.GetByTestId("dashboard-tab-fields").ClickAsync();
            await Expect(page.GetByTestId("table-fields").Locator("tbody tr")).ToHaveCountAsync(12);
            await Expect(page.GetByTestId("table-fields")).ToContainTextAsync(text.FieldsTotal2023);
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task A_year_without_contracts_says_so_once_and_import_offers_a_template_the_import_accepts()
    {
        var page = await app.SignInAsync(Bureau, _lang, viewport: Desktop);

        // 2022 against 2021: the institutions' projects start in 2022, so their rates have nothing to compare with.
        await page.GotoAsync("/workspace/indicators?year=2022");
        await Expect(page.GetByTestId("headline-countRate-value")).ToHaveTextAsync("41.6%");
        await Expect(page.GetByTestId("headline-countRate-change")).ToHaveTextAsync(text.NoData2021);
        await Expect(page.GetByTestId("headline-contracts-change")).ToContainTextAsync("−20.6%");

        // A year without contracts: one message with the way to import, no headline and no tables of zeros.
        await page.GotoAsync("/workspace/indicators?year=2025");
        var empty = page.GetByTestId("dashboard-empty");
        await Expect(empty).ToContainTextAsync(text.Empty2025);
        await Expect(page.GetByTestId("dashboard-headline")).ToHaveCountAsync(0);
        await Expect(page.Locator("table")).ToHaveCountAsync(0);
        // The latest year with contracts: 2023 from the demo records, or this year once the journey recorded one.
        var latest = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(db.Contracts, c => c.Year));
        await Expect(empty.GetByTestId("dashboard-empty-latest")).ToContainTextAsync(latest.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, _lang, "bureau-dashboard-empty-year");
        await empty.GetByTestId("dashboard-empty-import").ClickAsync();
        await page.WaitForLocationAsync(new Regex("[?&]tab=import"));

        // The template: the header row in the page's language.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-template").ClickAsync());
        var template = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        var header = template.TrimStart('\uFEFF').Split("\r\n")[0];
        header.ShouldStartWith(text.FirstHeader);

        // Filled in with one row whose amount is wrong, the real import reads every header and refuses only that cell.
        var contractsBefore = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Contracts));
        var row = "2025210200000001,测试项目,技术服务,技术服务,大连理工大学,,0221,210202,大连某机床有限公司,,,210211,先进制造,-5,0,2025-03-01,2025-03-10,,,";
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "contracts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(header + "\r\n" + row + "\r\n"),
        });
        await page.GetByTestId("import-submit").ClickAsync();
        var errors = page.GetByTestId("import-errors");
        await errors.WaitForAsync();
        var rows = await errors.Locator("tbody tr").AllInnerTextsAsync();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.StartsWith('2'), "only the data row is refused: every header of the template is known");
        await Expect(errors).Not.ToContainTextAsync("rows[");
        await Screenshots.SaveAsync(page, _lang, "bureau-import-refused");
        (await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Contracts))).ShouldBe(contractsBefore);

        // A real-shaped registry export (GB18030, 万元 headers, region names, extra columns): previewed, nothing
        // written; the totals in 万元 and the encoding shown before the analyst decides; cancelled, then committed.
        var sample = await File.ReadAllBytesAsync(Path.Combine(Screenshots.RepositoryRoot(), "docs", "samples", "registry-export-gbk.csv"));
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "registry-export-gbk.csv", MimeType = "text/csv", Buffer = sample });
        await page.GetByTestId("import-submit").ClickAsync();
        var preview = page.GetByTestId("import-preview");
        await Expect(preview.GetByTestId("import-preview-encoding")).ToContainTextAsync("GB18030");
        await Expect(preview.GetByTestId("import-preview-total")).ToHaveTextAsync("317.5");
        await Expect(page.GetByTestId("import-warnings")).ToContainTextAsync("登记机构");
        await Screenshots.SaveAsync(page, _lang, "bureau-import-preview");
        (await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Contracts))).ShouldBe(contractsBefore);
        await page.GetByTestId("import-cancel").ClickAsync();
        await Expect(page.GetByTestId("import-cancelled")).ToBeVisibleAsync();
        await page.GetByTestId("import-submit").ClickAsync();
        await page.GetByTestId("import-commit").ClickAsync();
        await Expect(page.GetByTestId("import-result")).ToHaveAttributeAsync("data-status", "Succeeded");
        // Five contracts whichever language ran first: the second finds them unchanged.
        (await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Contracts,
            c => c.RegistrationNumber!.StartsWith("21022024000001")))).ShouldBe(5);
    }

    /// <summary>
    /// Every table either fits its box or its box scrolls sideways inside the page; the page itself never scrolls
    /// sideways; the first (sticky) column is wide enough to read a field or institution name.
    /// </summary>
    private static async Task AssertNothingClippedAsync(IPage page, string where)
    {
        var problems = await page.EvaluateAsync<string[]>(@"() => {
            const out = [];
            const vw = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > vw + 1) out.push(`page ${document.documentElement.scrollWidth} > ${vw}`);
            for (const table of document.querySelectorAll('main table')) {
                const box = table.closest('.table-scroll');
                if (!box) { out.push(`${table.dataset.testid}: no scroll box`); continue; }
                const r = box.getBoundingClientRect();
                if (r.left < -1 || r.right > vw + 1) out.push(`${table.dataset.testid}: box ${r.left}-${r.right} outside ${vw}`);
                const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
                if (table.scrollWidth > box.clientWidth + 1 && !scrolls) out.push(`${table.dataset.testid}: ${table.scrollWidth} > ${box.clientWidth}, no scroll`);
                const first = table.querySelector('tbody th, tbody td');
                if (first && first.getBoundingClientRect().width < 110) out.push(`${table.dataset.testid}: first column ${first.getBoundingClientRect().width}px`);
            }
            return out;
        }");
        problems.ShouldBeEmpty(where);
    }
}

/// <summary>The dashboard's words and figures in one language.</summary>
public sealed record DashboardText(string Language, string Turnover, string CountRateChange, string NoData2021, string Empty2025, string FirstHeader, string FieldsTotal2023)
{
    public static readonly DashboardText Chinese = new("zh-CN", "505.8亿元", "+2.6个百分点", "2021年无数据，不作同比", "2025年暂无技术合同数据", "登记号,项目名称", "505.8");

    public static readonly DashboardText English = new("en", "¥50.58 bn", "+2.6 pp", "No data for 2021 to compare", "No technology contracts for 2025 yet", "RegistrationNumber,ProjectName", "50.58");
}

/// <summary>The dashboard in Chinese on PostgreSQL.</summary>
[Collection(ChineseBrowser.Name)]
public sealed class ChineseDashboardTests(PostgresBrowserApp app) : DashboardTests<PostgresBrowserApp>(app, DashboardText.Chinese);

/// <summary>The dashboard in English on SQLite.</summary>
[Collection(EnglishBrowser.Name)]
public sealed class EnglishDashboardTests(SqliteBrowserApp app) : DashboardTests<SqliteBrowserApp>(app, DashboardText.English);

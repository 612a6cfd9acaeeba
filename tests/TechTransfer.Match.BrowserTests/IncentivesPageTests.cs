using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// The bureau's incentive schemes and targets in a real browser (issue 18): the dashboard shows the demo schemes simulated on
/// 2023 with their scenario; the bureau writes a scheme, simulates it on the paper's 2023 contracts, compares it with a demo
/// scheme, exports both ways; the targets page shows an institution's progress month by month.
/// </summary>
public abstract class IncentivesPageTests<TApp>(TApp app, IncentivesText text)
    where TApp : BrowserApp
{
    private const string Bureau = "bureau@demo.techtransfer.local";

    [Fact]
    public async Task The_bureau_writes_simulates_compares_and_exports_a_scheme_and_reads_target_progress()
    {
        var page = await app.SignInAsync(Bureau, text.Language);
        try
        {
            await page.GotoAsync("/workspace/indicators?year=2023");
            await Expect(page.GetByTestId("dashboard-scheme")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("dashboard-programmes")).ToContainTextAsync(text.Scenario);
            // The 10 % scheme's cost on 2023 and the local rate its scenario assumes (44.3 % -> 49.8 %).
            var tenPercent = page.GetByTestId("dashboard-scheme").Filter(new() { HasText = IncentivesText.AdoptedScheme });
            await Expect(tenPercent.GetByTestId("dashboard-scheme-cost")).ToHaveTextAsync(text.TenPercentCost);
            await Expect(tenPercent).ToContainTextAsync("49.8");
            // This year's targets: the first institution's months against its target and 2023, the month in progress under way.
            var progress = page.GetByTestId("dashboard-programmes").GetByTestId("target-progress");
            await Expect(progress.GetByTestId("progress-months").Locator("tbody tr")).ToHaveCountAsync(12);
            await Expect(progress.GetByTestId("progress-months").Locator("tbody tr").Nth(DateTime.UtcNow.Month - 1).GetByTestId("progress-of-target").First)
                .ToContainTextAsync("%");
            await Expect(progress.GetByTestId("progress-forecast")).ToContainTextAsync("·");
            await page.GetByTestId("dashboard-target-institution").SelectOptionAsync(new SelectOptionValue { Label = text.Dut });
            await Expect(progress).ToContainTextAsync(text.Dut);
            await Screenshots.SaveAsync(page, text.Language, "bureau-dashboard-programmes");

            await page.GotoAsync("/workspace/incentives");
            await Expect(page.GetByTestId("incentive-scheme-row")).ToHaveCountAsync(2);
            var name = $"{text.SchemeName} {Guid.NewGuid():N}"[..24];
            await page.GetByTestId("scheme-name").FillAsync(name);
            await page.GetByTestId("scheme-ratePct").FillAsync("-5");
            await page.GetByTestId("scheme-save").ClickAsync();
            await Expect(page.GetByTestId("field-error-ratepct")).ToContainTextAsync(text.RatioError);
            await page.GetByTestId("scheme-ratePct").FillAsync("8");
            // Only new-materials contracts count (the chemical physics institute and the polytechnic sell them in 2023).
            await page.GetByTestId("scheme-fields-NewMaterials").CheckAsync();
            await page.GetByTestId("scheme-save").ClickAsync();
            await Expect(page.GetByTestId("scheme-saved")).ToBeVisibleAsync();

            var row = page.GetByTestId("incentive-scheme-row").Filter(new() { HasText = name });
            await row.GetByTestId("incentive-simulate").ClickAsync();
            await Expect(page.GetByTestId("simulation-cost")).Not.ToBeEmptyAsync();
            await Expect(page.GetByTestId("incentive-scenario")).ToContainTextAsync(text.ScenarioTitle);
            await Screenshots.SaveAsync(page, text.Language, "bureau-incentive-simulation");
            var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("incentives-export-xlsx").ClickAsync());
            xlsx.SuggestedFilename.ShouldEndWith(".xlsx");

            // The new scheme (chosen on saving) against the first demo scheme.
            await page.GetByTestId("incentive-scheme-row").Filter(new() { HasNotText = name }).First.GetByRole(AriaRole.Checkbox).CheckAsync();
            await page.GetByTestId("incentives-compare").ClickAsync();
            await Expect(page.GetByTestId("incentive-comparison")).ToContainTextAsync(name);
            await Screenshots.SaveAsync(page, text.Language, "bureau-incentive-comparison");
            var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("incentives-export-pdf").ClickAsync());
            pdf.SuggestedFilename.ShouldEndWith(".pdf");

            // A second revision of the new scheme; its first revision against it, side by side.
            await row.GetByTestId("incentive-edit").ClickAsync();
            await Expect(page.GetByTestId("scheme-name")).ToHaveValueAsync(name);
            await page.GetByTestId("scheme-ratePct").FillAsync("12");
            await page.GetByTestId("scheme-save").ClickAsync();
            await Expect(page.GetByTestId("scheme-saved")).ToBeVisibleAsync();
            await row.GetByTestId("scheme-revision").SelectOptionAsync("1");
            await row.GetByTestId("incentive-compare-revisions").ClickAsync();
            await Expect(page.GetByTestId("incentive-comparison")).ToContainTextAsync($"{name} (r1)");
            await Expect(page.GetByTestId("incentive-comparison")).ToContainTextAsync($"{name} (r2)");
            await Screenshots.SaveAsync(page, text.Language, "bureau-incentive-revisions");

            // The adopted demo scheme: 2023's fourth quarter waits for the bureau; one entitlement is rejected with a reason, the rest approved at once.
            await page.GetByTestId("incentive-scheme-row").Filter(new() { Has = page.GetByTestId("scheme-adopted") }).GetByTestId("incentive-entitlements-open").ClickAsync();
            var entitlements = page.GetByTestId("incentive-entitlements");
            await Expect(entitlements.GetByTestId("adoption")).ToContainTextAsync("2023-01-01");
            await Expect(entitlements.GetByTestId("entitlement-period")).ToHaveCountAsync(4);
            await Expect(entitlements.GetByTestId("entitlement-row").First.GetByTestId("entitlement-state")).ToHaveTextAsync(text.Pending);
            var last = entitlements.GetByTestId("entitlement-row").Last;
            await last.GetByTestId("reject-entitlement").ClickAsync();
            await last.GetByTestId("reject-confirm").ClickAsync();
            await Expect(entitlements.GetByTestId("error")).ToContainTextAsync(text.ReasonError);
            await last.GetByTestId("reject-reason").FillAsync(text.Reason);
            await last.GetByTestId("reject-confirm").ClickAsync();
            await Expect(last.GetByTestId("entitlement-state")).ToContainTextAsync(text.Reason);
            await entitlements.GetByTestId("entitlement-period").First.GetByTestId("approve-period").ClickAsync();
            await Expect(entitlements.GetByTestId("entitlements-done")).ToBeVisibleAsync();
            await Expect(entitlements.GetByTestId("entitlement-row").First.GetByTestId("entitlement-state")).ToContainTextAsync(text.Approved);
            await Expect(entitlements.GetByTestId("approve-period")).ToHaveCountAsync(0);
            await Screenshots.SaveAsync(page, text.Language, "bureau-incentive-entitlements");

            await page.GotoAsync("/workspace/targets");
            await Expect(page.GetByTestId("target-row")).ToHaveCountAsync(12);
            await Expect(page.GetByTestId("target-status").GetByText(text.Behind).First).ToBeVisibleAsync();
            await page.GetByTestId("target-row").First.GetByTestId("target-progress-open").ClickAsync();
            await Expect(page.GetByTestId("progress-months").Locator("tbody tr")).ToHaveCountAsync(12);
            await Expect(page.GetByTestId("target-progress")).ToContainTextAsync("2023");
            await Screenshots.SaveAsync(page, text.Language, "bureau-targets-progress");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task An_institutions_member_reads_what_the_adopted_scheme_owes_it_per_quarter()
    {
        var page = await app.SignInAsync("researcher@demo.techtransfer.local", text.Language);
        try
        {
            await page.GotoAsync("/workspace/targets");
            var mine = page.GetByTestId("my-entitlements");
            await Expect(mine).ToContainTextAsync(IncentivesText.AdoptedScheme);
            await Expect(mine.GetByTestId("my-entitlement").Filter(new() { HasText = "2023Q1" })).ToHaveCountAsync(1);
            await Screenshots.SaveAsync(page, text.Language, "researcher-entitlements");

            // Its own institution's progress opens by itself: this year's months against the target and 2023.
            var progress = page.GetByTestId("target-progress");
            await Expect(progress).ToContainTextAsync(text.Dut);
            await Expect(progress.GetByTestId("progress-target")).ToContainTextAsync("366");
            await Expect(progress.GetByTestId("progress-months").Locator("tbody tr").Nth(DateTime.UtcNow.Month - 1).GetByTestId("progress-of-target").First)
                .ToContainTextAsync("%");
            await Screenshots.SaveAsync(page, text.Language, "researcher-targets-progress");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}

/// <summary>The page's words in one language.</summary>
public sealed record IncentivesText(
    string Language, string SchemeName, string RatioError, string ScenarioTitle, string Scenario, string Pending, string Approved, string ReasonError, string Reason,
    string TenPercentCost, string Dut, string Behind)
{
    /// <summary>The demo scheme adopted over 2023 (its name is data, the same in both languages).</summary>
    public const string AdoptedScheme = "本地技术交易额 10% 补贴";

    public static readonly IncentivesText Chinese = new("zh-CN", "浏览器测试方案", "比例须在 0 至 100% 之间", "情景，非预测", "转为本地",
        "待核准", "已核准", "请填写不予核准的理由", "买方非本地企业", "3,415.44万元", "大连理工大学", "落后");

    public static readonly IncentivesText English = new("en", "Browser scheme", "A ratio must lie between 0 and 100 %", "Scenario, not a forecast", "switch",
        "Pending", "Approved", "Give the reason for the rejection", "The buyer is not local", "¥34.15 m", "Dalian University of Technology", "Behind");
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseIncentivesPageTests(PostgresBrowserApp app) : IncentivesPageTests<PostgresBrowserApp>(app, IncentivesText.Chinese);

[Collection(EnglishBrowser.Name)]
public sealed class EnglishIncentivesPageTests(SqliteBrowserApp app) : IncentivesPageTests<SqliteBrowserApp>(app, IncentivesText.English);

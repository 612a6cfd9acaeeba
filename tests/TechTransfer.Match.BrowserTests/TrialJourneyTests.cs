using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// Use-before-transfer trials in a real browser: the demo researcher's institution finds its running trial, is refused an
/// extension that ends before the current end (the field names why), extends it, and the bureau reads the trials summary.
/// </summary>
public abstract class TrialJourneyTests<TApp>(TApp app, TrialText text)
    where TApp : BrowserApp
{
    [Fact]
    public async Task A_party_extends_its_running_trial_and_the_bureau_reads_the_summary()
    {
        var researcher = await app.SignInAsync("researcher@demo.techtransfer.local", text.Language);
        try
        {
            await researcher.GotoAsync("/workspace/trials");
            await researcher.GetByTestId("trials-state-filter").SelectOptionAsync("Running");
            var row = researcher.GetByTestId("trial-row").First;
            await Expect(row).ToContainTextAsync(text.Running);
            await row.GetByRole(AriaRole.Link).ClickAsync();
            await researcher.WaitForLocationAsync(new Regex("/workspace/trials/[0-9a-f-]{36}$"));
            await Expect(researcher.GetByTestId("trial-page")).ToBeVisibleAsync();
            await researcher.GetByTestId("trial-outcome").SelectOptionAsync("Extended");
            await researcher.GetByTestId("trial-new-end").FillAsync("2000-01-01");
            await researcher.GetByTestId("trial-record-outcome").ClickAsync();
            await Expect(researcher.GetByTestId("field-error-newEndsOn")).ToContainTextAsync(text.EndError);
            await researcher.GetByTestId("trial-new-end").FillAsync($"{DateTime.UtcNow.Year + 3}-06-30");
            await researcher.GetByTestId("trial-record-outcome").ClickAsync();
            await Expect(researcher.GetByTestId("trial-saved")).ToBeVisibleAsync();
            await Expect(researcher.GetByTestId("trial-page")).ToContainTextAsync($"{DateTime.UtcNow.Year + 3}");
            await Screenshots.SaveAsync(researcher, text.Language, "trial-extended");
        }
        finally
        {
            await researcher.CloseAsync();
        }

        var bureau = await app.SignInAsync("bureau@demo.techtransfer.local", text.Language);
        try
        {
            await bureau.GotoAsync("/workspace/trials/summary");
            // The demo holds one trial in each state and two failed ones (more if another test added some).
            await Expect(bureau.GetByTestId("trial-count-Converted")).Not.ToHaveTextAsync("0");
            await Expect(bureau.GetByTestId("trial-count-Failed")).Not.ToHaveTextAsync("0");
            await Expect(bureau.GetByTestId("trial-conversion-rate")).ToContainTextAsync("%");
            await Screenshots.SaveAsync(bureau, text.Language, "bureau-trials-summary");
        }
        finally
        {
            await bureau.CloseAsync();
        }
    }
}

/// <summary>The page's words in one language.</summary>
public sealed record TrialText(string Language, string Running, string EndError)
{
    public static readonly TrialText Chinese = new("zh-CN", "试用中", "新的结束日期须晚于当前结束日期");

    public static readonly TrialText English = new("en", "Running", "The new end date is after the current end");
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseTrialJourneyTests(PostgresBrowserApp app) : TrialJourneyTests<PostgresBrowserApp>(app, TrialText.Chinese);

[Collection(EnglishBrowser.Name)]
public sealed class EnglishTrialJourneyTests(SqliteBrowserApp app) : TrialJourneyTests<SqliteBrowserApp>(app, TrialText.English);

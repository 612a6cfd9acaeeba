using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// A call requiring the solver organisation's consent, in a real browser: the bureau ticks the rule, the demo colleague
/// proposes and reads that the proposal waits, the demo researcher (a verified member of the same institution)
/// consents on the organisation page, and the colleague's edit sends it back for consent.
/// </summary>
public abstract class CallConsentTests<TApp>(TApp app, CallConsentText text)
    where TApp : BrowserApp
{
    private const string Bureau = "bureau@demo.techtransfer.local", Researcher = "researcher@demo.techtransfer.local",
        Colleague = "colleague@demo.techtransfer.local";

    [Fact]
    public async Task A_proposal_waits_for_its_organisations_consent_is_consented_on_the_organisation_page_and_an_edit_asks_again()
    {
        var title = $"{text.Title} {Guid.NewGuid():N}"[..(text.Title.Length + 7)];
        var bureau = await app.SignInAsync(Bureau, text.Language);
        string callUrl;
        try
        {
            await bureau.GotoAsync("/workspace/calls/new");
            await bureau.GetByTestId("call-title-input").FillAsync(title);
            await bureau.GetByTestId("call-problem").FillAsync(text.Title);
            await bureau.GetByTestId("target-name-0").FillAsync(text.Target);
            await bureau.GetByTestId("target-value-0").FillAsync("≥30");
            await bureau.GetByTestId("call-reward").FillAsync("800000");
            await bureau.GetByTestId("criterion-name-0").FillAsync(text.Target);
            await bureau.GetByTestId("call-requires-consent").CheckAsync();
            await bureau.GetByTestId("call-need-option").First.CheckAsync();
            await bureau.GetByTestId("call-save").ClickAsync();
            await Expect(bureau.GetByTestId("call-state")).ToHaveAttributeAsync("data-value", "Draft");
            callUrl = new Uri(await bureau.EvaluateAsync<string>("() => location.href")).AbsolutePath;
            await bureau.GetByTestId("need-accept").ClickAsync();
            await Expect(bureau.GetByTestId("need-accept")).ToHaveCountAsync(0);
            await bureau.GetByTestId("call-publish").ClickAsync();
            await Expect(bureau.GetByTestId("call-state")).ToHaveAttributeAsync("data-value", "Open");
            await Expect(bureau.GetByTestId("call-requires-consent")).ToContainTextAsync(text.RequiresNotice);
        }
        finally
        {
            await bureau.CloseAsync();
        }

        var colleague = await app.SignInAsync(Colleague, text.Language);
        try
        {
            await colleague.GotoAsync(callUrl);
            await colleague.GetByTestId("proposal-approach").FillAsync(text.Approach);
            await colleague.GetByTestId("proposal-team").FillAsync(text.Approach);
            await colleague.GetByTestId("proposal-price").FillAsync("700000");
            await colleague.GetByTestId("milestone-title-0").FillAsync(text.Target);
            await colleague.GetByTestId("proposal-submit").ClickAsync();
            await Expect(colleague.GetByTestId("my-consent-status")).ToHaveAttributeAsync("data-value", "Pending");
            await Expect(colleague.GetByTestId("my-consent-status")).ToHaveTextAsync(text.Pending);
        }
        finally
        {
            await colleague.CloseAsync();
        }

        var researcher = await app.SignInAsync(Researcher, text.Language);
        try
        {
            await researcher.GotoAsync("/workspace/organisation");
            var request = researcher.GetByTestId("consent-request").Filter(new() { HasText = title });
            await Expect(request).ToHaveCountAsync(1);
            await Screenshots.SaveAsync(researcher, text.Language, "calls-consent-panel");
            await request.GetByTestId("consent-give").ClickAsync();
            await Expect(researcher.GetByTestId("consent-request").Filter(new() { HasText = title })).ToHaveCountAsync(0);
        }
        finally
        {
            await researcher.CloseAsync();
        }

        colleague = await app.SignInAsync(Colleague, text.Language);
        try
        {
            await colleague.GotoAsync(callUrl);
            await Expect(colleague.GetByTestId("my-consent-status")).ToHaveAttributeAsync("data-value", "Consented");
            await Screenshots.SaveAsync(colleague, text.Language, "calls-consent-state");
            await colleague.GetByTestId("proposal-edit").ClickAsync();
            await colleague.GetByTestId("proposal-price").FillAsync("650000");
            await colleague.GetByTestId("proposal-submit").ClickAsync();
            await Expect(colleague.GetByTestId("my-consent-status")).ToHaveAttributeAsync("data-value", "Pending");
            await Expect(colleague.GetByTestId("my-proposal-price")).ToContainTextAsync("65");
        }
        finally
        {
            await colleague.CloseAsync();
        }
    }
}

/// <summary>The consent step's words in one language.</summary>
public sealed record CallConsentText(string Language, string Title, string Target, string Approach, string RequiresNotice, string Pending)
{
    public static readonly CallConsentText Chinese = new("zh-CN", "须单位同意的浏览器榜单", "能耗降低", "分阶段验证的改性方案", "须经揭榜单位同意", "待单位同意");

    public static readonly CallConsentText English = new("en", "Browser consent call", "Energy saved", "A staged approach", "organisation's consent", "Awaiting consent");
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseCallConsentTests(PostgresBrowserApp app) : CallConsentTests<PostgresBrowserApp>(app, CallConsentText.Chinese);

[Collection(EnglishBrowser.Name)]
public sealed class EnglishCallConsentTests(SqliteBrowserApp app) : CallConsentTests<SqliteBrowserApp>(app, CallConsentText.English);

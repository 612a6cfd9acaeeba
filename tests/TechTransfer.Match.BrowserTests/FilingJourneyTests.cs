using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// Intermediary filing (备案) in a real browser: an intermediary's member fills in and submits the filing, the bureau
/// approves it with a filing number from its queue, and a visitor finds it in the public directory with that number.
/// </summary>
public abstract class FilingJourneyTests<TApp>(TApp app, FilingJourneyText text)
    where TApp : BrowserApp
{
    private const string Bureau = "bureau@demo.techtransfer.local", Manager = "manager@demo.techtransfer.local";

    [Fact]
    public async Task An_intermediary_submits_its_filing_the_bureau_approves_it_and_the_directory_lists_it()
    {
        var member = await app.CreateUserAsync(Roles.TechnologyManager, OrganisationKind.Intermediary);
        var nameZh = await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == member.OrganisationId).Select(o => o.NameZh).SingleAsync());
        var page = await app.SignInAsync(member.Email, text.Language, TestApp.Password);
        try
        {
            await page.GotoAsync("/");
            await page.GetByTestId("nav-programmes").ClickAsync();
            await page.GetByTestId("nav-filing").ClickAsync();
            await page.WaitForPathAsync("/workspace/filing");
            await page.GetByTestId("filing-service-TechnologyEvaluation").CheckAsync();
            await page.GetByTestId("filing-service-ContractRegistration").CheckAsync();
            await page.GetByTestId("filing-staff-name-0").FillAsync(text.StaffName);
            await page.GetByTestId("filing-staff-role-0").FillAsync(text.StaffRole);
            await page.GetByTestId("filing-add-credential").ClickAsync();
            await page.GetByTestId("filing-credential-name-0").FillAsync(text.Licence);
            await page.GetByTestId("filing-credential-number-0").FillAsync("DL-2026-0318");
            await page.GetByTestId("filing-credential-issuer-0").FillAsync(text.Issuer);
            await page.GetByTestId("filing-contact-name").FillAsync(text.StaffName);
            await page.GetByTestId("filing-contact-phone").FillAsync("0411-84700000");
            await page.GetByTestId("filing-contact-email").FillAsync("filing@tests.local");
            await page.GetByTestId("filing-save").ClickAsync();
            await Expect(page.GetByTestId("filing-state")).ToHaveAttributeAsync("data-value", "Draft");
            await page.GetByTestId("filing-submit").ClickAsync();
            await Expect(page.GetByTestId("filing-state")).ToHaveAttributeAsync("data-value", "Submitted");
            await Expect(page.GetByTestId("filing-state")).ToHaveTextAsync(text.Submitted);
            await Screenshots.SaveAsync(page, text.Language, "filing-member");
        }
        finally
        {
            await page.CloseAsync();
        }

        var number = "大科技备-" + Guid.NewGuid().ToString("N")[..8];
        var bureau = await app.SignInAsync(Bureau, text.Language);
        try
        {
            await bureau.GotoAsync("/");
            await bureau.GetByTestId("nav-programmes").ClickAsync();
            await bureau.GetByTestId("nav-filings").ClickAsync();
            await bureau.WaitForPathAsync("/workspace/filings");
            var item = bureau.Locator($"[data-testid=filing-item][data-name='{nameZh}']");
            await Expect(item).ToContainTextAsync(text.StaffName);
            await Screenshots.SaveAsync(bureau, text.Language, "filing-queue");
            await item.GetByTestId("filing-approve-number").FillAsync(number);
            await item.GetByTestId("filing-approve").ClickAsync();
            await Expect(bureau.GetByTestId("filing-queue-notice")).ToBeVisibleAsync();
            await bureau.GetByTestId("filing-filter").SelectOptionAsync("Filed");
            await Expect(bureau.Locator($"[data-testid=filing-item][data-name='{nameZh}']").GetByTestId("filing-state")).ToHaveAttributeAsync("data-value", "Filed");
            await bureau.GotoAsync("/workspace/broker-performance");
            await Expect(bureau.GetByTestId("performance-managers")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(bureau, text.Language, "broker-performance");
        }
        finally
        {
            await bureau.CloseAsync();
        }

        var visitor = await app.OpenAsync(text.Language);
        try
        {
            await visitor.GotoAsync("/directory");
            await Expect(visitor.GetByTestId("directory-filing").Filter(new() { HasText = number })).ToHaveCountAsync(1);
            await Screenshots.SaveAsync(visitor, text.Language, "filing-directory");
        }
        finally
        {
            await visitor.CloseAsync();
        }

        // The demo manager's profile shows the training hours of the year.
        var manager = await app.SignInAsync(Manager, text.Language);
        try
        {
            await manager.GotoAsync("/account");
            await Expect(manager.GetByTestId("training-hours")).ToContainTextAsync(text.HoursThisYear);
            await manager.GetByTestId("account-training").ScrollIntoViewIfNeededAsync();
            await Screenshots.SaveAsync(manager, text.Language, "manager-training");
        }
        finally
        {
            await manager.CloseAsync();
        }
    }
}

/// <summary>The journey's words in one language.</summary>
public sealed record FilingJourneyText(string Language, string StaffName, string StaffRole, string Licence, string Issuer, string Submitted, string HoursThisYear)
{
    public static readonly FilingJourneyText Chinese = new("zh-CN", "李明", "技术经理人", "技术合同登记服务许可", "大连市科学技术局", "已提交", "本年度培训学时");

    public static readonly FilingJourneyText English = new("en", "Li Ming", "Technology manager", "Contract registration licence", "Dalian Science and Technology Bureau", "Submitted",
        "Training hours this year");
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseFilingJourneyTests(PostgresBrowserApp app) : FilingJourneyTests<PostgresBrowserApp>(app, FilingJourneyText.Chinese);

[Collection(EnglishBrowser.Name)]
public sealed class EnglishFilingJourneyTests(SqliteBrowserApp app) : FilingJourneyTests<SqliteBrowserApp>(app, FilingJourneyText.English);

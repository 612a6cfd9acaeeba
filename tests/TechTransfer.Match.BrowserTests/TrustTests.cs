using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// Accounts in a real browser: a person registers, confirms the address from the mail the SMTP server
/// received, signs in, sees and ends their sessions, and resets the password from the mail; an
/// administrator finds accounts, grants the bureau role, deactivates an account and verifies the pending
/// technology-manager applicant, and the audit log shows it all. Both in the test class's language.
/// </summary>
public abstract partial class TrustTests<TApp>(TApp app, string language)
    where TApp : BrowserApp
{
    private const string Applicant = "applicant@demo.techtransfer.local";
    private const string NewPassword = "Trust#Pass2026x";
    private static readonly ViewportSize Desktop = new() { Width = 1400, Height = 1000 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private string Shot(string name) => "trust-" + name;

    [Fact]
    public async Task A_person_registers_confirms_the_mail_signs_in_and_manages_their_sessions()
    {
        var email = $"trust-{language.ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + "@tests.local";
        var visitor = await app.OpenAsync(language, Desktop);
        var pages = new List<IPage> { visitor };
        try
        {
            // Registration: the three choices, then "check your email"; nobody is signed in.
            await visitor.GotoAsync("/register");
            await Expect(visitor.GetByTestId("register-role").GetByRole(AriaRole.Radio)).ToHaveCountAsync(3);
            await visitor.GetByTestId("register-role-EnterpriseMember").CheckAsync();
            await visitor.GetByTestId("register-name").FillAsync(language == "en" ? "Grace Liu" : "刘工");
            await visitor.GetByTestId("register-email").FillAsync(email);
            await visitor.GetByTestId("register-password").FillAsync(BrowserApp.DemoPassword);
            await Screenshots.SaveAsync(visitor, language, Shot("register"));
            await visitor.GetByTestId("register-submit").ClickAsync();
            await Expect(visitor.GetByTestId("register-done")).ToContainTextAsync(email);
            await Expect(visitor.GetByTestId("nav-login")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(visitor, language, Shot("register-check-mail"));

            // Signing in before confirming says so and offers the mail again.
            await SubmitLoginAsync(visitor, email, BrowserApp.DemoPassword);
            await Expect(visitor.GetByTestId("login-error")).ToHaveAttributeAsync("data-code", "email_not_confirmed");
            await Expect(visitor.GetByTestId("login-resend")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(visitor, language, Shot("login-not-confirmed"));

            // The link of the mail the SMTP server received confirms the address.
            var confirm = await MailLinkAsync(email, "/confirm-email");
            await visitor.GotoAsync(confirm);
            await Expect(visitor.GetByTestId("confirm-success")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(visitor, language, Shot("confirm-email"));
            await visitor.GetByTestId("confirm-login").ClickAsync();
            await Expect(visitor.GetByTestId("login-notice")).ToBeVisibleAsync();
            await SubmitLoginAsync(visitor, email, BrowserApp.DemoPassword);
            await visitor.GetByTestId("current-user").WaitForAsync();

            // The account page, from the user menu: this session is marked as the current one.
            await visitor.GetByTestId("current-user").ClickAsync();
            await visitor.GetByTestId("nav-account").ClickAsync();
            await visitor.WaitForPathAsync("/account");
            var sessions = visitor.GetByTestId("sessions-list");
            await Expect(sessions.GetByTestId("session-row")).ToHaveCountAsync(1);
            await Expect(sessions.Locator("[data-testid=session-row][data-current=true]")).ToHaveCountAsync(1);
            await Expect(visitor.GetByTestId("account-email")).ToHaveTextAsync(email);
            await Screenshots.SaveAsync(visitor, language, Shot("account"));

            // A second device signs in; the first ends that session, which then finds itself signed out.
            var other = await app.SignInAsync(email, language);
            pages.Add(other);
            await visitor.ReloadAsync();
            await Expect(sessions.GetByTestId("session-row")).ToHaveCountAsync(2);
            var otherRow = sessions.Locator("[data-testid=session-row][data-current=false][data-active=true]");
            await otherRow.GetByTestId("session-end").ClickAsync();
            await Expect(visitor.GetByTestId("sessions-notice")).ToBeVisibleAsync();
            await Expect(sessions.GetByTestId("session-row")).ToHaveCountAsync(1);
            await visitor.GetByTestId("sessions-show-ended").ClickAsync();
            await Expect(sessions.Locator("[data-testid=session-row][data-active=false]")).ToHaveCountAsync(1);
            await other.GotoAsync("/account");
            await Expect(other.GetByTestId("login-form")).ToBeVisibleAsync();

            // At phone width the account page fits the screen.
            var phone = await app.SignInAsync(email, language, viewport: Phone);
            pages.Add(phone);
            await phone.GotoAsync("/account");
            await phone.GetByTestId("sessions-list").WaitForAsync();
            (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the account page scrolls sideways at phone width");
            await Screenshots.SaveAsync(phone, language, Shot("account-phone"));

            // Forgotten password: the reset mail's link sets a new one, which then signs in.
            var visitor2 = await app.OpenAsync(language, Desktop);
            pages.Add(visitor2);
            await visitor2.GotoAsync("/login");
            await visitor2.GetByTestId("login-email").FillAsync(email);
            await visitor2.GetByTestId("login-forgot").ClickAsync();
            await Expect(visitor2.GetByTestId("forgot-email")).ToHaveValueAsync(email);
            await visitor2.GetByTestId("forgot-submit").ClickAsync();
            await Expect(visitor2.GetByTestId("forgot-sent")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(visitor2, language, Shot("forgot-password"));
            var reset = await MailLinkAsync(email, "/reset-password");
            await visitor2.GotoAsync(reset);
            await visitor2.GetByTestId("reset-password").FillAsync(NewPassword);
            await visitor2.GetByTestId("reset-repeat").FillAsync(NewPassword);
            await Screenshots.SaveAsync(visitor2, language, Shot("reset-password"));
            await visitor2.GetByTestId("reset-submit").ClickAsync();
            await Expect(visitor2.GetByTestId("login-notice")).ToBeVisibleAsync();
            await Expect(visitor2.GetByTestId("login-email")).ToHaveValueAsync(email);
            await visitor2.GetByTestId("login-password").FillAsync(NewPassword);
            await visitor2.GetByTestId("login-submit").ClickAsync();
            await visitor2.GetByTestId("current-user").WaitForAsync();
        }
        catch
        {
            for (var i = 0; i < pages.Count; i++)
            {
                await Screenshots.SaveAsync(pages[i], language, Shot($"failed-person-{i}"));
            }

            throw;
        }
    }

    [Fact]
    public async Task An_administrator_grants_the_bureau_role_deactivates_an_account_and_verifies_the_applicant()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var analyst = $"analyst-{tag}@tests.local";
        var leaver = $"leaver-{tag}@tests.local";
        await app.RegisterAsync(analyst, "InstitutionMember");
        await app.RegisterAsync(leaver, "EnterpriseMember");
        var admin = await app.SignInAsync(TestApp.AdminEmail, language, TestApp.Password, Desktop);
        var pages = new List<IPage> { admin };
        try
        {
            // Accounts: find the first person, open the detail, grant the bureau role.
            await admin.GetByTestId("nav-admin").ClickAsync();
            await admin.GetByTestId("admin-organisations").WaitForAsync();
            await admin.GetByTestId("admin-tab-accounts").ClickAsync();
            await SearchAccountAsync(admin, analyst);
            await Screenshots.SaveAsync(admin, language, Shot("admin-accounts"));
            await admin.GetByTestId("account-row").GetByTestId("account-open").ClickAsync();
            var detail = admin.GetByTestId("account-detail");
            await detail.GetByTestId("role-grant-BureauAnalyst").ClickAsync();
            await Expect(detail.GetByTestId("account-role-BureauAnalyst")).ToHaveAttributeAsync("data-held", "true");
            await Expect(detail.Locator("[data-testid=account-audit-line][data-action='role.granted']")).ToHaveCountAsync(1);
            await Screenshots.SaveAsync(admin, language, Shot("admin-account-detail"));

            // The second person is deactivated with a reason; their sign-in is refused from then on.
            await SearchAccountAsync(admin, leaver);
            await admin.GetByTestId("account-row").GetByTestId("account-open").ClickAsync();
            await Expect(detail).ToHaveAttributeAsync("data-state", "active");
            await detail.GetByTestId("account-deactivate").ClickAsync();
            await detail.GetByTestId("deactivate-reason").FillAsync(language == "en" ? "Left the company" : "已离职");
            await detail.GetByTestId("deactivate-confirm").ClickAsync();
            await Expect(detail.GetByTestId("account-detail-state")).ToHaveAttributeAsync("data-value", "deactivated");
            await Expect(admin.GetByTestId("account-row")).ToHaveAttributeAsync("data-state", "deactivated");
            await Expect(detail.GetByTestId("account-reactivate")).ToBeVisibleAsync();

            var refused = await app.OpenAsync(language, Desktop);
            pages.Add(refused);
            await SubmitLoginAsync(refused, leaver, TestApp.Password);
            await Expect(refused.GetByTestId("login-error")).ToHaveAttributeAsync("data-code", "account_deactivated");
            await Screenshots.SaveAsync(refused, language, Shot("login-deactivated"));

            // Technology managers: the pending applicant is verified and gets the broker powers.
            await admin.GetByTestId("admin-tab-managers").ClickAsync();
            var card = admin.Locator("[data-testid=manager-card][data-status=Pending]")
                .Filter(new() { Has = admin.GetByRole(AriaRole.Heading, new() { Name = DemoPeople.NameOf("applicant@demo.techtransfer.local"), Exact = true }) });
            await card.WaitForAsync();
            await Screenshots.SaveAsync(admin, language, Shot("admin-managers"));
            var applicantId = await card.GetAttributeAsync("data-id");
            await card.GetByTestId("manager-verify").ClickAsync();
            await Expect(admin.GetByTestId("managers-notice")).ToBeVisibleAsync();
            await Expect(admin.Locator($"[data-testid=manager-card][data-id='{applicantId}']")).ToHaveCountAsync(0);

            var applicant = await app.SignInAsync(Applicant, language, viewport: Desktop);
            pages.Add(applicant);
            await Expect(applicant.GetByTestId("nav-deals")).ToBeVisibleAsync();
            await applicant.GotoAsync("/account");
            await Expect(applicant.GetByTestId("manager-status")).ToHaveAttributeAsync("data-value", "Verified");
            await Expect(applicant.GetByTestId("manager-powers")).ToHaveAttributeAsync("data-value", "true");
            await Screenshots.SaveAsync(applicant, language, Shot("account-verified-manager"));

            // The audit log has the three decisions; the CSV export downloads.
            await admin.GetByTestId("admin-tab-audit").ClickAsync();
            foreach (var action in new[] { "role.granted", "account.deactivated", "manager.verified" })
            {
                await Expect(admin.Locator($"[data-testid=audit-row][data-action='{action}']").First).ToBeVisibleAsync();
            }

            await Screenshots.SaveAsync(admin, language, Shot("admin-audit"));
            var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("audit-export-csv").ClickAsync());
            download.SuggestedFilename.ShouldEndWith(".csv");

            // The new analyst has the bureau's pages: the dashboard, and of administration only the managers and the audit log.
            var bureau = await app.SignInAsync(analyst, language, TestApp.Password, Desktop);
            pages.Add(bureau);
            await Expect(bureau.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
            await bureau.GetByTestId("nav-admin").ClickAsync();
            await Expect(bureau.GetByTestId("admin-tab-managers")).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(bureau.GetByTestId("admin-tab-accounts")).ToHaveCountAsync(0);
            await bureau.GetByTestId("admin-tab-audit").ClickAsync();
            await Expect(bureau.Locator("[data-testid=audit-row][data-action='manager.verified']").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(bureau, language, Shot("bureau-oversight"));

            // At phone width the administrator's account list folds into cards and fits the screen.
            var phone = await app.SignInAsync(TestApp.AdminEmail, language, TestApp.Password, Phone);
            pages.Add(phone);
            await phone.GotoAsync("/admin?tab=accounts&q=" + Uri.EscapeDataString(leaver));
            await phone.GetByTestId("account-row").WaitForAsync();
            await phone.GetByTestId("account-open").ClickAsync();
            await phone.GetByTestId("account-detail").GetByTestId("account-reactivate").WaitForAsync();
            (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the accounts page scrolls sideways at phone width");
            await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
            await Screenshots.SaveAsync(phone, language, Shot("admin-accounts-phone"));
        }
        catch
        {
            for (var i = 0; i < pages.Count; i++)
            {
                await Screenshots.SaveAsync(pages[i], language, Shot($"failed-admin-{i}"));
            }

            throw;
        }
    }

    private static async Task SubmitLoginAsync(IPage page, string email, string password)
    {
        if (!page.Url.EndsWith("/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/login");
        }

        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    private static async Task SearchAccountAsync(IPage admin, string email)
    {
        await admin.GetByTestId("accounts-search").FillAsync(email);
        await admin.GetByTestId("accounts-search-submit").ClickAsync();
        await Expect(admin.GetByTestId("account-row")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("account-row")).ToContainTextAsync(email);
    }

    /// <summary>The path and query of the newest mail link to <paramref name="path"/> the SMTP server received for the address.</summary>
    private static async Task<string> MailLinkAsync(string email, string path)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var links = (await MailServer.WaitForAsync(email))
                .Select(m => MailLink().Match(MailServer.Text(m)))
                .Where(m => m.Success && m.Groups["path"].Value == path)
                .Select(m => m.Groups["path"].Value + m.Groups["query"].Value)
                .ToList();
            if (links.Count > 0)
            {
                return links[^1];
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No mail to {email} with a {path} link.");
            }

            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"https?://[^/\s]+(?<path>/[a-z-]+)(?<query>\?\S+)")]
    private static partial Regex MailLink();
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseTrustTests(PostgresBrowserApp app) : TrustTests<PostgresBrowserApp>(app, "zh-CN");

[Collection(EnglishBrowser.Name)]
public sealed class EnglishTrustTests(SqliteBrowserApp app) : TrustTests<SqliteBrowserApp>(app, "en");

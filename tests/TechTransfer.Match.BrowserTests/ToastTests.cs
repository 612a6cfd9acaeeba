using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// A live event shows a toast, not only a new count on the bell: another firm expresses interest in the
/// researcher's achievement, and the researcher's open page announces it (role="status") in its language,
/// with a link to the interests; the toast goes by itself after a few seconds.
/// </summary>
public abstract class ToastTests<TApp>(TApp app, string language)
    where TApp : BrowserApp
{
    private const string Researcher = "researcher@demo.techtransfer.local";

    [Fact]
    public async Task Another_firms_interest_shows_a_toast_on_the_researchers_page_with_a_link_and_it_goes_by_itself()
    {
        var researcher = await app.SignInAsync(Researcher, language);
        try
        {
            // The badge counts unread groups, and a new interest joins an unread group of its kind (the demo's, or an earlier
            // test's): the count would not move. Everything is read first, in the page's own session, as the web app does it.
            var readAll = await researcher.EvaluateAsync<int>("fetch('/api/notifications/read-all', { method: 'POST', headers: { 'X-TTM-Client': 'web' } }).then(r => r.status)");
            readAll.ShouldBeLessThan(300);
            await researcher.GotoAsync("/workspace");
            await researcher.Locator("[data-testid=notifications-badge] .live-dot.on").WaitForAsync(new() { Timeout = 30_000 });
            await Expect(researcher.GetByTestId("notifications-unread")).ToHaveCountAsync(0);
            var region = researcher.GetByRole(AriaRole.Status).And(researcher.GetByTestId("toasts"));
            await Expect(region).ToHaveAttributeAsync("aria-live", "polite");
            // Other live events (match alerts of listings other tests publish) may toast too: this test follows its own kind.
            var toast = region.Locator("[data-testid=toast][data-kind=InterestReceived]");
            await Expect(toast).ToHaveCountAsync(0);
            var badgeBefore = await researcher.GetByTestId("notifications-badge").GetAttributeAsync("aria-label");

            // The second person: a firm of its own, acting through the API as its pages do.
            var firm = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
            var achievementId = await app.WithDbAsync(db => db.Achievements
                .Where(a => a.Status == ListingStatus.Published && a.Visibility == Visibility.Public
                    && db.Users.Any(u => u.Email == Researcher && u.OrganisationId == a.OrganisationId))
                .OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
            await (await firm.Client.PostAsJsonAsync("/api/interests", new { achievementId, message = "希望洽谈许可" })).ShouldBeAsync(HttpStatusCode.Created);

            await Expect(toast).ToHaveCountAsync(1, new() { Timeout = 20_000 });
            await Expect(toast).ToContainTextAsync(language == "en" ? "New expression of interest received" : "收到新的对接意向");
            await Expect(toast.GetByTestId("toast-open")).ToHaveAttributeAsync("href", "/workspace/interests");
            await Expect(researcher.GetByTestId("notifications-badge")).Not.ToHaveAttributeAsync("aria-label", badgeBefore ?? "");
            await Screenshots.SaveAsync(researcher, language, "live-toast");

            // Unattended, it goes after a few seconds (the pointer is away from it).
            await researcher.Mouse.MoveAsync(0, 0);
            await Expect(toast).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        }
        catch
        {
            await Screenshots.SaveAsync(researcher, language, "failed-live-toast");
            throw;
        }
    }
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseToastTests(PostgresBrowserApp app) : ToastTests<PostgresBrowserApp>(app, "zh-CN");

[Collection(EnglishBrowser.Name)]
public sealed class EnglishToastTests(SqliteBrowserApp app) : ToastTests<SqliteBrowserApp>(app, "en");

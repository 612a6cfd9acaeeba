using Microsoft.Playwright;
using TechTransfer.Match.Tests.Infrastructure;

namespace TechTransfer.Match.BrowserTests.Infrastructure;

/// <summary>
/// The platform with its demo data on a real port, serving the built front end, plus Debian's
/// chromium driven by Playwright. One browser context per person, so each has their own session.
/// </summary>
public abstract class BrowserApp(TestDatabase database) : DemoCorpusApp(database)
{
    public const string DemoPassword = "Demo#E2e2026";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected override bool RealServer => true;

    // One application per language collection: a seeded template would seed once more for a single copy.
    protected override bool FromSeededTemplate => false;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Seed:DemoPassword"] = DemoPassword,
    };

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not initialised.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot", "index.html")))
        {
            throw new InvalidOperationException("The front end is not built: wwwroot/index.html is missing (build src/TechTransfer.Match.Web with Node/npm).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's chromium; Playwright never downloads a browser here (STACK.md).
            ExecutablePath = Environment.GetEnvironmentVariable("TTM_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }

    protected override async Task DisposeAppAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAppAsync();
    }

    /// <summary>A visitor in a browser context of their own, with the UI in the given language.</summary>
    public async Task<IPage> OpenAsync(string language, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ServerAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = language,
        });
        context.SetDefaultTimeout(30_000);
        // Assertions wait as long as actions: with both languages' collections running at once on two cores, a
        // page's next render can take longer than Playwright's 5-second default (a flaky contract-list wait did).
        Assertions.SetDefaultExpectTimeout(30_000);
        // The UI keeps its language in localStorage (web/TESTIDS.md); set before the first script runs.
        await context.AddInitScriptAsync($"if (!localStorage.getItem('ttm.lang')) localStorage.setItem('ttm.lang', '{language}');");
        return await context.NewPageAsync();
    }

    /// <summary>A signed-in person in their own browser context, with the UI in the given language.</summary>
    public async Task<IPage> SignInAsync(string email, string language, string password = DemoPassword, ViewportSize? viewport = null)
    {
        var page = await OpenAsync(language, viewport);
        await page.GotoAsync("/login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("current-user").WaitForAsync();
        return page;
    }
}

using Microsoft.Playwright;

namespace TechTransfer.Match.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots of every step, saved by each run under artifacts/screenshots/&lt;language&gt;/ of the
/// repository (or TTM_SCREENSHOTS), so a reviewer sees what the browser saw.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = Environment.GetEnvironmentVariable("TTM_SCREENSHOTS") ?? Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public static async Task SaveAsync(IPage page, string language, string name)
    {
        var folder = Path.Combine(Directory, language);
        System.IO.Directory.CreateDirectory(folder);
        // Let fonts, charts and transitions settle so the picture shows the page, not its loading state.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 10_000 }).ContinueWith(_ => { }, TaskScheduler.Default);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>The repository's root (the folder holding the solution), for its own files such as docs/samples.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TechTransfer.Match.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}

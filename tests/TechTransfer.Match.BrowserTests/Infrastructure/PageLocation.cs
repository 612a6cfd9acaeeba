using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TechTransfer.Match.BrowserTests.Infrastructure;

/// <summary>
/// Waits for the address the page itself reports. Playwright's own <c>Url</c> (behind <c>WaitForURLAsync</c> and
/// <c>ToHaveURLAsync</c>) follows the browser's navigation events, and with Debian's Chromium it sometimes misses a
/// same-document navigation (<c>history.pushState</c> / <c>replaceState</c> from the router): the page had moved on,
/// the wait ran into its timeout (the journey's publish, the contract list's filters).
/// </summary>
public static class PageLocation
{
    /// <summary>Polls <c>location.href</c> until it matches; answers it.</summary>
    public static async Task<string> WaitForLocationAsync(this IPage page, Regex pattern, float timeoutMs = 30_000)
    {
        await page.WaitForFunctionAsync("p => new RegExp(p).test(location.href)", pattern.ToString(), new() { Timeout = timeoutMs, PollingInterval = 100 });
        return await page.EvaluateAsync<string>("() => location.href");
    }

    /// <summary>Polls <c>location.href</c> until its path ends with <paramref name="path"/> (query and fragment aside).</summary>
    public static Task<string> WaitForPathAsync(this IPage page, string path, float timeoutMs = 30_000) =>
        page.WaitForLocationAsync(new Regex(Regex.Escape(path) + "([?#].*)?$"), timeoutMs);
}

using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// The bureau's validation pipeline and unmet demand in a real browser: the pipeline, the demo's cluster of unmet
/// needs turned into a guideline topic, the topics downloaded as XLSX and PDF, and a cluster opened as a draft call.
/// </summary>
public abstract class GuidelinesJourneyTests<TApp>(TApp app, GuidelinesJourneyText text)
    where TApp : BrowserApp
{
    private const string Bureau = "bureau@demo.techtransfer.local";

    [Fact]
    public async Task The_bureau_turns_a_cluster_into_a_topic_downloads_the_topics_and_opens_a_call_from_a_cluster()
    {
        var page = await app.SignInAsync(Bureau, text.Language);
        try
        {
            await page.GotoAsync("/workspace/validation");
            await Expect(page.GetByTestId("validation-pipeline")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("validation-pipeline")).ToContainTextAsync(text.Pipeline);

            await page.GotoAsync("/workspace/guidelines");
            var cluster = page.GetByTestId("cluster").Filter(new() { HasText = "在线监测" }).First;
            await Expect(cluster).ToBeVisibleAsync();
            var title = $"{text.Topic} {Guid.NewGuid():N}"[..(text.Topic.Length + 7)];
            await cluster.GetByTestId("cluster-topic-title").FillAsync(title);
            await cluster.GetByTestId("cluster-draft").ClickAsync();
            await Expect(page.GetByTestId("guideline-topic").Filter(new() { HasText = title })).ToHaveCountAsync(1);
            await Screenshots.SaveAsync(page, text.Language, "guidelines-topic");

            var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("topics-export").ClickAsync());
            xlsx.SuggestedFilename.ShouldEndWith(".xlsx");
            var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("topics-export-pdf").ClickAsync());
            pdf.SuggestedFilename.ShouldEndWith(".pdf");
            var bytes = await File.ReadAllBytesAsync((await pdf.PathAsync())!);
            System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
            var docx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("topics-export-docx").ClickAsync());
            docx.SuggestedFilename.ShouldEndWith(".docx");
            using (var zip = System.IO.Compression.ZipFile.OpenRead((await docx.PathAsync())!))
            using (var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open()))
            {
                // The topic's title is one Heading 1 of the document, its Chinese intact.
                (await reader.ReadToEndAsync()).ShouldContain(System.Security.SecurityElement.Escape(title));
            }

            // The same cluster as a draft call of the bureau's: the call page lists the needs' firms as co-funders.
            // (Drafting a topic replaced the card's buttons with its notice: the page is read again.)
            await page.ReloadAsync();
            await cluster.GetByTestId("cluster-call").ClickAsync();
            await Expect(page.GetByTestId("call-state")).ToHaveAttributeAsync("data-value", "Draft");
            await Expect(page.GetByTestId("call-co-funders")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("call-needs")).ToContainTextAsync("在线监测");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}

/// <summary>The journey's words in one language.</summary>
public sealed record GuidelinesJourneyText(string Language, string Pipeline, string Topic)
{
    public static readonly GuidelinesJourneyText Chinese = new("zh-CN", "概念验证进展", "海参养殖水质监测方向");

    public static readonly GuidelinesJourneyText English = new("en", "Validation pipeline", "Sea cucumber water quality topic");
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseGuidelinesJourneyTests(PostgresBrowserApp app) : GuidelinesJourneyTests<PostgresBrowserApp>(app, GuidelinesJourneyText.Chinese);

[Collection(EnglishBrowser.Name)]
public sealed class EnglishGuidelinesJourneyTests(SqliteBrowserApp app) : GuidelinesJourneyTests<SqliteBrowserApp>(app, GuidelinesJourneyText.English);

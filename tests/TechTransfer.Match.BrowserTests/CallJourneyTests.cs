using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// An open call (揭榜挂帅) from publication to a winning deal on the technology managers' board, in a real browser:
/// the bureau writes and publishes the call, an institution answers it, the bureau assigns the demo reviewer, the
/// deadline passes, the reviewer scores and finishes, the call closes with its winner, and the deal waits on the board.
/// </summary>
public abstract class CallJourneyTests<TApp>(TApp app, CallJourneyText text)
    where TApp : BrowserApp
{
    private const string Bureau = "bureau@demo.techtransfer.local", Researcher = "researcher@demo.techtransfer.local",
        Reviewer = "reviewer@demo.techtransfer.local", Manager = "manager@demo.techtransfer.local";

    [Fact]
    public async Task A_call_goes_from_publication_to_a_winning_deal_on_the_board()
    {
        var title = $"{text.Title} {Guid.NewGuid():N}"[..(text.Title.Length + 7)];
        var bureau = await app.SignInAsync(Bureau, text.Language);
        string callUrl;
        try
        {
            await bureau.GotoAsync("/workspace/calls/new");
            await bureau.GetByTestId("call-title-input").FillAsync(title);
            await bureau.GetByTestId("call-problem").FillAsync(text.Problem);
            await bureau.GetByTestId("target-name-0").FillAsync(text.Target);
            await bureau.GetByTestId("target-value-0").FillAsync("≤0.2");
            await bureau.GetByTestId("call-reward").FillAsync("1500000");
            await bureau.GetByTestId("criterion-name-0").FillAsync(text.Criterion);
            await bureau.GetByTestId("call-need-option").First.CheckAsync();
            await Screenshots.SaveAsync(bureau, text.Language, "calls-editor");
            await bureau.GetByTestId("call-save").ClickAsync();
            await Expect(bureau.GetByTestId("call-state")).ToHaveAttributeAsync("data-value", "Draft");
            callUrl = new Uri(await bureau.EvaluateAsync<string>("() => location.href")).AbsolutePath;
            await bureau.GetByTestId("need-accept").ClickAsync();
            await Expect(bureau.GetByTestId("need-accept")).ToHaveCountAsync(0);
            await bureau.GetByTestId("call-publish").ClickAsync();
            await Expect(bureau.GetByTestId("call-state")).ToHaveTextAsync(text.OpenState);
        }
        finally
        {
            await bureau.CloseAsync();
        }

        // The public list shows it; an institution's member answers it.
        var researcher = await app.SignInAsync(Researcher, text.Language);
        try
        {
            await researcher.GotoAsync("/calls");
            await Expect(researcher.GetByTestId("call-link").Filter(new() { HasText = title })).ToHaveCountAsync(1);
            await researcher.GotoAsync(callUrl);
            await researcher.GetByTestId("proposal-approach").FillAsync(text.Approach);
            await researcher.GetByTestId("proposal-team").FillAsync(text.Team);
            await researcher.GetByTestId("proposal-price").FillAsync("1200000");
            await researcher.GetByTestId("milestone-title-0").FillAsync(text.Milestone);
            await researcher.GetByTestId("proposal-submit").ClickAsync();
            await Expect(researcher.GetByTestId("my-proposal")).ToBeVisibleAsync();
            await Expect(researcher.GetByTestId("call-proposals")).ToContainTextAsync("1");
            await Screenshots.SaveAsync(researcher, text.Language, "calls-proposal");
        }
        finally
        {
            await researcher.CloseAsync();
        }

        // The bureau assigns the demo reviewer; the deadline then passes.
        bureau = await app.SignInAsync(Bureau, text.Language);
        try
        {
            await bureau.GotoAsync(callUrl);
            await bureau.GetByTestId("reviewer-choice").SelectOptionAsync(new SelectOptionValue { Label = $"{DemoPeople.NameOf(Reviewer)} ({Reviewer})" });
            await Expect(bureau.GetByTestId("call-proposal-list")).ToContainTextAsync(text.University);
            await bureau.GetByTestId("reviewer-assign").ClickAsync();
            await Expect(bureau.GetByTestId("reviewer-assigned")).ToBeVisibleAsync();
        }
        finally
        {
            await bureau.CloseAsync();
        }

        var callId = Guid.Parse(callUrl.Split('/').Last());
        await app.WithDbAsync(db => db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Deadline, DateTime.UtcNow.AddMinutes(-1))));

        // The reviewer scores and finishes: the last reviewer's finish closes the call with its winner.
        var reviewer = await app.SignInAsync(Reviewer, text.Language);
        try
        {
            await reviewer.GotoAsync($"/workspace/calls/{callId}/review");
            await reviewer.GetByTestId("score-0-0").FillAsync("88");
            await reviewer.GetByTestId("remarks-0").FillAsync(text.Remarks);
            await reviewer.GetByTestId("score-save-0").ClickAsync();
            await Expect(reviewer.GetByTestId("review-item-0")).ToContainTextAsync("88");
            await Screenshots.SaveAsync(reviewer, text.Language, "calls-review");
            await reviewer.GetByTestId("review-finish").ClickAsync();
            await Expect(reviewer.GetByTestId("review-state")).ToHaveAttributeAsync("data-value", "Closed");
            await reviewer.GotoAsync(callUrl);
            await Expect(reviewer.GetByTestId("call-winner")).ToContainTextAsync(text.University);
            await Screenshots.SaveAsync(reviewer, text.Language, "calls-closed");
        }
        finally
        {
            await reviewer.CloseAsync();
        }

        // The winner's deal waits on the managers' board.
        var dealId = await app.WithDbAsync(db => db.Calls.Where(c => c.Id == callId).Select(c => c.WinnerDealId).SingleAsync());
        var manager = await app.SignInAsync(Manager, text.Language);
        try
        {
            await manager.GotoAsync("/workspace/deals");
            var waiting = manager.GetByTestId("unassigned-deal").Filter(new() { HasText = title });
            await Expect(waiting).ToHaveCountAsync(1);
            await Screenshots.SaveAsync(manager, text.Language, "calls-deal-on-board");

            // The manager takes it; the deal shows the call, the winning proposal and the reviewer's score per criterion.
            await waiting.GetByTestId("deal-take").ClickAsync();
            var card = manager.GetByTestId("deal-card").Filter(new() { HasText = title });
            await card.GetByTestId("deal-open").ClickAsync();
            var call = manager.GetByTestId("deal-call");
            await Expect(call.GetByTestId("deal-call-link")).ToHaveTextAsync(title);
            await Expect(call.GetByTestId("deal-call-approach")).ToHaveTextAsync(text.Approach);
            await Expect(call.GetByTestId("deal-call-criterion-0")).ToContainTextAsync(text.Criterion);
            await Expect(call.GetByTestId("deal-call-criterion-0")).ToContainTextAsync("88");
            await Expect(call.GetByTestId("deal-call-remarks")).ToContainTextAsync(text.Remarks);
            await Screenshots.SaveAsync(manager, text.Language, "calls-deal-scores");
        }
        finally
        {
            await manager.CloseAsync();
        }

        // The winning institution's member reads the same on the parties' deal page, reached from the call page.
        researcher = await app.SignInAsync(Researcher, text.Language);
        try
        {
            await researcher.GotoAsync(callUrl);
            await researcher.GetByTestId("call-deal").ClickAsync();
            await researcher.WaitForPathAsync($"/workspace/deal/{dealId}");
            await Expect(researcher.GetByTestId("deal-call").GetByTestId("deal-call-link")).ToHaveTextAsync(title);
            await Expect(researcher.GetByTestId("deal-call").GetByTestId("deal-call-criterion-0")).ToContainTextAsync("88");
        }
        finally
        {
            await researcher.CloseAsync();
        }
    }
}

/// <summary>The journey's words in one language.</summary>
public sealed record CallJourneyText(
    string Language, string Title, string Problem, string Target, string Criterion, string OpenState, string Approach, string Team, string Milestone,
    string Remarks, string University)
{
    public static readonly CallJourneyText Chinese = new("zh-CN", "揭榜挂帅浏览器榜单", "厚板焊缝自动识别与跟踪", "焊缝识别精度", "技术方案", "征集中",
        "结构光视觉与深度学习焊缝识别", "教授2名、工程师4名", "样机", "方案成熟", "大连理工大学");

    public static readonly CallJourneyText English = new("en", "Browser open call", "Automatic seam tracking for thick plates", "Seam accuracy", "Approach", "Open",
        "Structured light and deep learning", "Two professors, four engineers", "Prototype", "Mature approach", "大连理工大学");
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseCallJourneyTests(PostgresBrowserApp app) : CallJourneyTests<PostgresBrowserApp>(app, CallJourneyText.Chinese);

[Collection(EnglishBrowser.Name)]
public sealed class EnglishCallJourneyTests(SqliteBrowserApp app) : CallJourneyTests<SqliteBrowserApp>(app, CallJourneyText.English);

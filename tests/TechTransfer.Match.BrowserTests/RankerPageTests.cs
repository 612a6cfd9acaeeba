using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Matching;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// The administrator's page of the matching ranker in a real browser: the serving model, the outcomes recorded, a
/// retrain that either stores a candidate with its held-back metrics or says why it could not; in both languages.
/// </summary>
public abstract class RankerPageTests<TApp>(TApp app, string language)
    where TApp : BrowserApp
{
    private static readonly ViewportSize Desktop = new() { Width = 1400, Height = 1000 };

    [Fact]
    public async Task The_administrator_sees_the_serving_ranker_and_retrains_it()
    {
        var admin = await app.SignInAsync(TestApp.AdminEmail, language, TestApp.Password, Desktop);
        try
        {
            await admin.GetByTestId("nav-admin").ClickAsync();
            await admin.GetByTestId("admin-tab-ranker").ClickAsync();
            await Expect(admin.GetByTestId("admin-tab-ranker")).ToHaveAttributeAsync("aria-selected", "true");
            var serving = admin.GetByTestId("ranker-serving");
            await Expect(serving).ToContainTextAsync(language == "en" ? "Serving: " : "当前服务：");
            await Screenshots.SaveAsync(admin, language, "ranker");

            // The demo's past outcomes (DemoOutcomes) are enough to train on: the retrain stores a candidate with its
            // held-back metrics, whether or not it is promoted.
            await Expect(serving).ToContainTextAsync("weights-v1");
            var before = await admin.GetByTestId("ranker-model").CountAsync();
            await admin.GetByTestId("ranker-retrain").ClickAsync();
            await Expect(admin.GetByTestId("ranker-result")).ToBeVisibleAsync();
            await Expect(admin.GetByTestId("ranker-model")).ToHaveCountAsync(before + 1);
            var version = await admin.GetByTestId("ranker-model").First.GetAttributeAsync("data-version");
            version.ShouldNotBeNull().ShouldStartWith("gam-");
            // measured against the model that served
            await Expect(admin.GetByTestId("ranker-model").First).ToContainTextAsync("weights-v1");
            await Screenshots.SaveAsync(admin, language, "ranker-retrained");
        }
        finally
        {
            await admin.CloseAsync();
            // The other tests of the collection share this application: back to the hand-set weighting, which every
            // node's periodic check would otherwise replace with the promoted model again.
            await app.WithDbAsync(db => db.RankerModels.ExecuteDeleteAsync());
            app.Services.GetRequiredService<MatchingIndex>().Engine.UseRanker(null);
        }
    }
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseRankerPageTests(PostgresBrowserApp app) : RankerPageTests<PostgresBrowserApp>(app, "zh-CN");

[Collection(EnglishBrowser.Name)]
public sealed class EnglishRankerPageTests(SqliteBrowserApp app) : RankerPageTests<SqliteBrowserApp>(app, "en");

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// Risk compensation in a real browser: a failed trial's party (the demo researcher's institution) claims from the trial's
/// page, the bureau approves the claim at the limit its page shows, and the pool's balance drops by that amount; a failed
/// licence's party claims from the contract's page with the cause, and the bureau's queue shows it.
/// </summary>
public abstract class RiskPoolJourneyTests<TApp>(TApp app, RiskPoolText text)
    where TApp : BrowserApp
{
    private const string Bureau = "bureau@demo.techtransfer.local", Researcher = "researcher@demo.techtransfer.local";

    [Fact]
    public async Task A_failed_trials_party_claims_and_the_bureau_approval_lowers_the_pool_balance()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (trialId, dealTitle, schemeName) = await FailedTrialAndSchemeAsync(tag);

        var researcher = await app.SignInAsync(Researcher, text.Language);
        try
        {
            await researcher.GotoAsync($"/workspace/trials/{trialId}");
            await researcher.GetByTestId("trial-claim-link").ClickAsync();
            await researcher.WaitForPathAsync("/workspace/risk-claims");
            await Expect(researcher.GetByTestId("claim-trial")).ToHaveValueAsync(trialId.ToString());
            await researcher.GetByTestId("claim-scheme").SelectOptionAsync(new SelectOptionValue { Label = schemeName });
            await researcher.GetByTestId("claim-amount").FillAsync(text.Amount);
            await researcher.GetByTestId("claim-evidence").FillAsync(text.Evidence);
            await researcher.GetByTestId("claim-submit").ClickAsync();
            await Expect(researcher.GetByTestId("claim-sent")).ToBeVisibleAsync();
            var row = researcher.GetByTestId("claim-row").Filter(new() { HasText = dealTitle });
            await Expect(row.GetByTestId("claim-state")).ToHaveAttributeAsync("data-value", "Submitted");
            await Screenshots.SaveAsync(researcher, text.Language, "risk-claims");
        }
        finally
        {
            await researcher.CloseAsync();
        }

        var bureau = await app.SignInAsync(Bureau, text.Language);
        try
        {
            await bureau.GotoAsync("/workspace/risk-pool");
            var card = bureau.GetByTestId("scheme-card").Filter(new() { HasText = schemeName });
            await Expect(card.GetByTestId("pool-balance")).ToHaveAttributeAsync("data-value", "1000000");
            var row = bureau.GetByTestId("claim-row").Filter(new() { HasText = dealTitle });
            await row.GetByTestId("claim-decide").ClickAsync();
            // 100,000 asked; 0.5 x 400,000 and the cap per case allow more: the limit is the amount asked.
            await Expect(row.GetByTestId("claim-limit")).ToContainTextAsync(text.Limit);
            await Screenshots.SaveAsync(bureau, text.Language, "bureau-risk-pool");
            await row.GetByTestId("claim-approve").ClickAsync();
            await Expect(card.GetByTestId("pool-balance")).ToHaveAttributeAsync("data-value", "900000");
            await bureau.GetByTestId("queue-state").SelectOptionAsync("Approved");
            await Expect(bureau.GetByTestId("claim-row").Filter(new() { HasText = dealTitle }).GetByTestId("claim-state")).ToHaveAttributeAsync("data-value", "Approved");
        }
        finally
        {
            await bureau.CloseAsync();
        }
    }

    [Fact]
    public async Task A_failed_transfers_party_claims_from_the_contract_page_and_the_bureau_reads_its_cause()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, _, schemeName) = await FailedTrialAndSchemeAsync(tag);
        var title = text.ContractTitle + tag;
        var contractId = await app.WithDbAsync(async db =>
        {
            var model = await db.Trials.AsNoTracking().FirstAsync(t => t.State == TrialState.Failed);
            var contract = new TechnologyContract
            {
                ProjectName = title, Category = ContractCategory.Licence, TransformationMode = TransformationMode.Licence,
                SellerOrganisationId = model.SellerOrganisationId, SellerNatureCode = "0221", SellerRegionCode = "210211",
                BuyerOrganisationId = model.BuyerOrganisationId, BuyerNatureCode = "0310", BuyerRegionCode = "210211",
                Field = TechnicalField.NewMaterials, TotalAmount = 600_000m, TechnologyIncome = 600_000m, SignedOn = new DateOnly(2024, 5, 1), // 2025 stays empty for the dashboard's test
                Source = ContractSource.Platform,
            };
            contract.Derive(region => region.StartsWith("2102", StringComparison.Ordinal));
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            return contract.Id;
        });

        var researcher = await app.SignInAsync(Researcher, text.Language);
        try
        {
            await researcher.GotoAsync($"/workspace/contract-records/{contractId}");
            await researcher.GetByTestId("contract-claim-link").ClickAsync();
            await researcher.WaitForPathAsync("/workspace/risk-claims");
            await Expect(researcher.GetByTestId("claim-subject-contract")).ToBeCheckedAsync();
            await Expect(researcher.GetByTestId("claim-contract")).ToHaveValueAsync(contractId.ToString());
            await researcher.GetByTestId("claim-scheme").SelectOptionAsync(new SelectOptionValue { Label = schemeName });
            await researcher.GetByTestId("claim-amount").FillAsync(text.Amount);
            await researcher.GetByTestId("claim-evidence").FillAsync(text.Evidence);
            // Without a cause the server names the field, in the page's language.
            await researcher.GetByTestId("claim-submit").ClickAsync();
            await Expect(researcher.GetByTestId("field-error-failureCause")).ToHaveTextAsync(text.CauseRequired);
            await researcher.GetByTestId("claim-cause").SelectOptionAsync("IntegrationCost");
            await researcher.GetByTestId("claim-submit").ClickAsync();
            await Expect(researcher.GetByTestId("claim-sent")).ToBeVisibleAsync();
            var row = researcher.GetByTestId("claim-row").Filter(new() { HasText = title });
            await Expect(row).ToContainTextAsync(text.Cause);
            await Expect(row.GetByTestId("claim-subject-link")).ToHaveAttributeAsync("href", $"/workspace/contract-records/{contractId}");
            await Screenshots.SaveAsync(researcher, text.Language, "risk-claim-transfer");
        }
        finally
        {
            await researcher.CloseAsync();
        }

        var bureau = await app.SignInAsync(Bureau, text.Language);
        try
        {
            await bureau.GotoAsync("/workspace/risk-pool");
            var row = bureau.GetByTestId("claim-row").Filter(new() { HasText = title });
            await Expect(row).ToContainTextAsync(text.Cause);
            await row.GetByTestId("claim-decide").ClickAsync();
            // 100,000 asked; 0.5 x the contract's 600,000 and the cap per case allow more: the limit is the amount asked.
            await Expect(row.GetByTestId("claim-limit")).ToContainTextAsync(text.Limit);
        }
        finally
        {
            await bureau.CloseAsync();
        }
    }

    /// <summary>A new failed trial between the parties of a demo failed trial, and a new funded scheme (1,000,000 yuan, ratio 0.5).</summary>
    private async Task<(Guid TrialId, string DealTitle, string SchemeName)> FailedTrialAndSchemeAsync(string tag)
    {
        var title = text.DealTitle + tag;
        var scheme = text.SchemeName + tag;
        var trialId = await app.WithDbAsync(async db =>
        {
            var model = await db.Trials.AsNoTracking().FirstAsync(t => t.State == TrialState.Failed);
            var deal = new Deal
            {
                Title = title, AchievementId = model.AchievementId, SellerOrganisationId = model.SellerOrganisationId, BuyerOrganisationId = model.BuyerOrganisationId,
                Stage = DealStage.Signed, ProposedAt = DateTime.UtcNow.AddMonths(-8), SignedAt = DateTime.UtcNow.AddMonths(-7),
            };
            var trial = new Trial
            {
                DealId = deal.Id, AchievementId = model.AchievementId, SellerOrganisationId = model.SellerOrganisationId, BuyerOrganisationId = model.BuyerOrganisationId,
                StartsOn = model.StartsOn.AddYears(-3), EndsOn = model.EndsOn.AddYears(-3), PaymentMode = TrialPaymentMode.LumpSum, AgreedPrice = 400_000m,
                State = TrialState.Failed, FailureCause = TrialFailureCause.TechnologyUnderperformed, ConcludedOn = model.EndsOn.AddYears(-3),
            };
            var risk = new RiskScheme
            {
                Name = scheme, Ratio = 0.5m, MaxAmount = 2_000_000m, CapPerCase = 300_000m, CapPerInstitution = 1_000_000m, CapPerYear = 1_000_000m,
            };
            db.Deals.Add(deal);
            db.Trials.Add(trial);
            db.RiskSchemes.Add(risk);
            db.RiskPools.Add(new RiskPool { SchemeId = risk.Id, BudgetFen = 100_000_000 });
            await db.SaveChangesAsync();
            return trial.Id;
        });
        return (trialId, title, scheme);
    }
}

/// <summary>The journey's words in one language; the amount in the form's unit (万元 in Chinese, yuan in English).</summary>
public sealed record RiskPoolText(
    string Language, string DealTitle, string SchemeName, string Amount, string Evidence, string Limit, string ContractTitle, string CauseRequired, string Cause)
{
    public static readonly RiskPoolText Chinese = new("zh-CN", "浏览器补偿试用", "浏览器补偿方案", "10", "中试良率未达约定，附检测报告。", "10万元",
        "浏览器许可失败合同", "请说明转化失败的原因。", "集成改造成本过高");

    public static readonly RiskPoolText English = new("en", "Browser compensation trial", "Browser compensation scheme", "100000", "Pilot yield below the agreed level; test report attached.", "100,000 yuan",
        "Browser failed licence", "Say why the transfer failed.", "Integration too costly");
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseRiskPoolJourneyTests(PostgresBrowserApp app) : RiskPoolJourneyTests<PostgresBrowserApp>(app, RiskPoolText.Chinese);

[Collection(EnglishBrowser.Name)]
public sealed class EnglishRiskPoolJourneyTests(SqliteBrowserApp app) : RiskPoolJourneyTests<SqliteBrowserApp>(app, RiskPoolText.English);

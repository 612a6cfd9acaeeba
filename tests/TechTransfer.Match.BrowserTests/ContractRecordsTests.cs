using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// The contract pages on the demo data: the bureau filters the registry's contracts, exports them, corrects an
/// amount with a reason that the audit trail then shows, and enters a contract by hand (issue 14).
/// </summary>
public abstract class ContractRecordsTests<TApp>(TApp app, ContractRecordsText text)
    where TApp : BrowserApp
{
    private const string Bureau = "bureau@demo.techtransfer.local";

    [Fact]
    public async Task The_bureau_filters_exports_corrects_an_amount_with_a_reason_and_enters_a_contract_by_hand()
    {
        var page = await app.SignInAsync(Bureau, text.Language);
        await page.GetByTestId("nav-contract-records").ClickAsync();
        await Expect(page.GetByTestId("contract-list-page")).ToBeVisibleAsync();
        await page.GetByTestId("contract-filter-year").SelectOptionAsync("2023");
        // Filters change the query string in place (no navigation event to wait for): poll the URL.
        await page.WaitForLocationAsync(new Regex("[?&]year=2023"));
        await page.GetByTestId("contract-filter-source").SelectOptionAsync("Import");
        await page.WaitForLocationAsync(new Regex("(?=.*[?&]year=2023)(?=.*[?&]source=Import)"));
        await Expect(page.GetByTestId("contract-row")).ToHaveCountAsync(20);
        await Expect(page.GetByTestId("contract-list-total")).ToContainTextAsync(text.Total2023);
        await Expect(page.GetByTestId("pager")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, text.Language, "contract-list");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("contract-export-csv").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".csv");

        // One contract: its parties, then a corrected amount that needs a reason.
        await page.GetByTestId("contract-open").First.ClickAsync();
        await Expect(page.GetByTestId("contract-detail-page")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("contract-seller")).ToBeVisibleAsync();
        await page.GetByTestId("contract-edit").ClickAsync();
        await page.GetByTestId("revise-total").FillAsync(text.NewTotal);
        await page.GetByTestId("revise-income").FillAsync(text.NewTotal);
        await page.GetByTestId("revise-submit").ClickAsync();
        await Expect(page.GetByTestId("field-error-reason")).ToContainTextAsync(text.ReasonRequired);
        await page.GetByTestId("revise-reason").FillAsync(text.Reason);
        await page.GetByTestId("revise-submit").ClickAsync();
        await Expect(page.GetByTestId("contract-notice")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("contract-total-amount")).ToContainTextAsync(text.NewTotalShown);
        var latest = page.GetByTestId("contract-trail-line").First;
        await Expect(latest).ToHaveAttributeAsync("data-change", "Updated");
        await Expect(latest.GetByTestId("contract-trail-reason")).ToContainTextAsync(text.Reason);
        await Screenshots.SaveAsync(page, text.Language, "contract-detail-trail");

        // A contract that came through no deal, entered by hand.
        await page.GotoAsync("/workspace/contract-records/new");
        var name = $"{text.Reason} {Guid.NewGuid():N}"[..24];
        await page.GetByTestId("new-contract-name").FillAsync(name);
        await page.GetByTestId("new-contract-seller").FillAsync("大连理工大学");
        await page.GetByTestId("new-contract-seller-find").ClickAsync();
        await page.GetByTestId("new-contract-seller-option").First.ClickAsync();
        await page.GetByTestId("new-contract-buyer").FillAsync("大连海创智能装备");
        await page.GetByTestId("new-contract-buyer-find").ClickAsync();
        await page.GetByTestId("new-contract-buyer-option").First.ClickAsync();
        await page.GetByTestId("new-contract-total").FillAsync(text.NewTotal);
        await page.GetByTestId("new-contract-income").FillAsync(text.NewTotal);
        await page.GetByTestId("new-contract-signed").FillAsync("2024-06-01");
        await Screenshots.SaveAsync(page, text.Language, "contract-new");
        await page.GetByTestId("new-contract-submit").ClickAsync();
        await Expect(page.GetByTestId("contract-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("contract-source")).ToHaveAttributeAsync("data-value", "Manual");

        // Its registration form lists what is missing until a party adds it, and prints as the form alone.
        await page.GetByTestId("contract-registration-form").ClickAsync();
        await Expect(page.GetByTestId("registration-form-table")).ToContainTextAsync(name);
        await Expect(page.GetByTestId("registration-form-missing")).ToContainTextAsync(text.PaymentModeLabel);
        await Screenshots.SaveAsync(page, text.Language, "contract-registration-form");
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("registration-form-xlsx").ClickAsync());
        xlsx.SuggestedFilename.ShouldEndWith(".xlsx");
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("registration-form-pdf").ClickAsync());
        pdf.SuggestedFilename.ShouldEndWith(".pdf");
        (await File.ReadAllBytesAsync((await pdf.PathAsync())!))[..5].ShouldBe("%PDF-"u8.ToArray());

        // The data-quality page: a count per kind, one page of findings, each contract a link to correct it.
        await page.GetByTestId("nav-data-quality").ClickAsync();
        await Expect(page.GetByTestId("data-quality-page")).ToBeVisibleAsync();
        await page.GetByTestId("data-quality-finding").Or(page.GetByTestId("data-quality-none")).First.WaitForAsync();
        await Screenshots.SaveAsync(page, text.Language, "data-quality");
        await page.CloseAsync();
    }
}

/// <summary>The contract pages' words in one language (amounts typed in the UI's unit: 万元 in Chinese, yuan in English).</summary>
public sealed record ContractRecordsText(string Language, string Total2023, string NewTotal, string NewTotalShown, string ReasonRequired, string Reason, string PaymentModeLabel)
{
    public static readonly ContractRecordsText Chinese = new("zh-CN", "份合同", "52", "52", "请说明修改金额的原因", "登记机构核定", "支付方式");

    public static readonly ContractRecordsText English = new("en", "contracts", "520000", "520,000", "Say why the amounts change", "Registry correction", "支付方式");
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseContractRecordsTests(PostgresBrowserApp app) : ContractRecordsTests<PostgresBrowserApp>(app, ContractRecordsText.Chinese);

[Collection(EnglishBrowser.Name)]
public sealed class EnglishContractRecordsTests(SqliteBrowserApp app) : ContractRecordsTests<SqliteBrowserApp>(app, ContractRecordsText.English);

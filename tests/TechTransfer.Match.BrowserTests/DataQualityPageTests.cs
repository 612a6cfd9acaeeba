using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// The data-quality page's actions in a real browser (issue 14): the bureau dismisses a finding with a reason (refused
/// without one), finds it under "closed" with that reason, marks one of two twin records as the other's duplicate, and
/// sees the dashboard's contract count for the year drop by one. Each language on its own year, so the figures are
/// only this test's.
/// </summary>
public abstract class DataQualityPageTests<TApp>(TApp app, DataQualityText text)
    where TApp : BrowserApp
{
    private const string Bureau = "bureau@demo.techtransfer.local";

    private async Task SeedAsync(int year)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var university = new Organisation
        {
            Kind = OrganisationKind.Institution, InstitutionType = InstitutionType.University, NameZh = $"浏览器质量大学{tag}", NameEn = $"Browser Quality University {tag}",
            RegionCode = "210211", RegionName = "辽宁省大连市甘井子区", Verification = VerificationStatus.Verified,
        };
        var buyer = new Organisation { Kind = OrganisationKind.Enterprise, NameZh = $"浏览器质量企业{tag}", RegionCode = "210202", Verification = VerificationStatus.Verified };
        TechnologyContract Contract(int n, decimal total, decimal income, DateOnly signed)
        {
            var c = new TechnologyContract
            {
                RegistrationNumber = $"2102{year}{Random.Shared.Next(10_000_000, 99_999_999) / 10 * 10 + n:D8}", ProjectName = $"浏览器质量合同{tag}-{n}",
                Category = ContractCategory.Transfer, TransformationMode = TransformationMode.Transfer,
                SellerOrganisation = university, SellerNatureCode = "0221", SellerRegionCode = "210211",
                BuyerOrganisation = buyer, BuyerNatureCode = "0310", BuyerRegionCode = "210202",
                Field = TechnicalField.AdvancedManufacturing, TotalAmount = total, TechnologyIncome = income,
                SignedOn = signed, RegisteredOn = signed.AddDays(10), Source = ContractSource.Import,
            };
            c.Derive(code => code.StartsWith("2102", StringComparison.Ordinal));
            return c;
        }

        await app.WithDbAsync(async db =>
        {
            db.Contracts.AddRange(
                Contract(1, 300_000m, 300_000m, new DateOnly(year, 3, 1)),
                Contract(2, 300_000m, 300_000m, new DateOnly(year, 3, 1)),
                Contract(3, 200_000m, 250_000m, new DateOnly(year, 6, 1)));
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task The_bureau_dismisses_a_finding_with_a_reason_marks_a_duplicate_and_the_dashboard_counts_it_once()
    {
        await SeedAsync(text.Year);
        var page = await app.SignInAsync(Bureau, text.Language);
        try
        {
            await page.GotoAsync($"/workspace/indicators?year={text.Year}");
            await Expect(page.GetByTestId("headline-contracts-value")).ToHaveTextAsync("3");

            await page.GotoAsync($"/workspace/data-quality?year={text.Year}");
            var income = page.Locator("[data-testid=data-quality-finding][data-kind=income_above_total]");
            var twins = page.Locator("[data-testid=data-quality-finding][data-kind=probable_duplicate]");
            await Expect(income).ToHaveCountAsync(1);
            await Expect(twins).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=data-quality-summary-kind][data-kind=probable_duplicate] [data-testid=data-quality-summary-open]")).ToHaveTextAsync("1");
            await Screenshots.SaveAsync(page, text.Language, "data-quality-findings");

            // Dismissed: a reason is required, then the finding leaves the open list and shows under "closed" with it.
            await income.GetByTestId("data-quality-dismiss").ClickAsync();
            await page.GetByTestId("dismiss-confirm").ClickAsync();
            await Expect(page.GetByTestId("field-error-reason")).ToContainTextAsync(text.ReasonRequired);
            await page.GetByTestId("dismiss-reason").FillAsync(text.DismissReason);
            await Screenshots.SaveAsync(page, text.Language, "data-quality-dismiss");
            await page.GetByTestId("dismiss-confirm").ClickAsync();
            await Expect(page.GetByTestId("data-quality-notice")).ToBeVisibleAsync();
            await Expect(income).ToHaveCountAsync(0);
            await page.GetByTestId("data-quality-status").SelectOptionAsync("closed");
            await Expect(income.GetByTestId("data-quality-dismissal")).ToContainTextAsync(text.DismissReason);
            await page.GetByTestId("data-quality-status").SelectOptionAsync("open");

            // Marked: the second twin is the first's duplicate; the finding is resolved.
            await twins.GetByTestId("data-quality-mark").ClickAsync();
            await page.GetByTestId("mark-reason").FillAsync(text.MarkReason);
            await page.GetByTestId("mark-confirm").ClickAsync();
            await Expect(page.GetByTestId("data-quality-notice")).ToBeVisibleAsync();
            await Expect(twins).ToHaveCountAsync(0);
            await page.GetByTestId("data-quality-status").SelectOptionAsync("closed");
            await Expect(twins.GetByTestId("data-quality-marked")).ToHaveCountAsync(1);
            await Screenshots.SaveAsync(page, text.Language, "data-quality-closed");

            // The dashboard counts the contract once.
            await page.GotoAsync($"/workspace/indicators?year={text.Year}");
            await Expect(page.GetByTestId("headline-contracts-value")).ToHaveTextAsync("2");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}

/// <summary>The page's words in one language, and the year the test writes its contracts in.</summary>
public sealed record DataQualityText(string Language, int Year, string ReasonRequired, string DismissReason, string MarkReason)
{
    public static readonly DataQualityText Chinese = new("zh-CN", 2017, "请说明忽略该问题的原因", "合同含设备费，已与登记机构核实", "同一合同登记两次");

    public static readonly DataQualityText English = new("en", 2018, "Say why the finding is dismissed", "Equipment included; checked with the registry", "Registered twice");
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseDataQualityPageTests(PostgresBrowserApp app) : DataQualityPageTests<PostgresBrowserApp>(app, DataQualityText.Chinese);

[Collection(EnglishBrowser.Name)]
public sealed class EnglishDataQualityPageTests(SqliteBrowserApp app) : DataQualityPageTests<SqliteBrowserApp>(app, DataQualityText.English);

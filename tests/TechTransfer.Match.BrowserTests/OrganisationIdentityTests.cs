using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechTransfer.Match.BrowserTests.Infrastructure;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace TechTransfer.Match.BrowserTests;

/// <summary>
/// Organisation identity in a real browser (issue 14): an administrator confirms a draft an import created and merges
/// another draft into the organisation it really is, seeing first what will move. Both in the test class's language.
/// </summary>
public abstract class OrganisationIdentityTests<TApp>(TApp app, string language)
    where TApp : BrowserApp
{
    private static readonly ViewportSize Desktop = new() { Width = 1400, Height = 1000 };

    private async Task<(Organisation Target, Organisation ToConfirm, Organisation ToMerge, Guid Contract)> SeedAsync(string tag)
    {
        var target = new Organisation
        {
            Kind = OrganisationKind.Institution, InstitutionType = InstitutionType.University, NameZh = $"浏览器目标大学{tag}", NameEn = $"Browser Target University {tag}",
            RegionCode = "210211", RegionName = "辽宁省大连市甘井子区", Verification = VerificationStatus.Verified,
        };
        var toConfirm = new Organisation { Kind = OrganisationKind.Unknown, NameZh = $"浏览器待确认单位{tag}", RegionCode = "210202", Verification = VerificationStatus.Draft };
        var toMerge = new Organisation
        {
            Kind = OrganisationKind.Institution, InstitutionType = InstitutionType.University, NameZh = $"浏览器目标大学{tag}（主校区）", RegionCode = "210211",
            RecordedNatureCode = "0221", Verification = VerificationStatus.Draft,
        };
        var contract = new TechnologyContract
        {
            ProjectName = $"浏览器合并测试合同{tag}", Category = ContractCategory.Transfer, TransformationMode = TransformationMode.Transfer,
            SellerOrganisation = toMerge, SellerNatureCode = "0221", SellerRegionCode = "210211",
            BuyerOrganisation = toConfirm, BuyerNatureCode = "0310", BuyerRegionCode = "210202",
            Field = TechnicalField.AdvancedManufacturing, TotalAmount = 500_000m, TechnologyIncome = 500_000m,
            SignedOn = new DateOnly(2024, 5, 1), RegisteredOn = new DateOnly(2024, 5, 10), Source = ContractSource.Import,
        };
        contract.Derive(code => code.StartsWith("2102", StringComparison.Ordinal));
        await app.WithDbAsync(async db =>
        {
            db.Organisations.AddRange(target, toConfirm, toMerge);
            db.Contracts.Add(contract);
            return await db.SaveChangesAsync();
        });
        return (target, toConfirm, toMerge, contract.Id);
    }

    [Fact]
    public async Task An_administrator_confirms_a_draft_and_merges_another_into_an_existing_organisation()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (target, toConfirm, toMerge, contract) = await SeedAsync(tag);
        var page = await app.SignInAsync(TestApp.AdminEmail, language, TestApp.Password, Desktop);
        try
        {
            // The drafts queue: each draft with its contracts; confirm the first as a research institute.
            await page.GotoAsync("/admin?tab=drafts");
            await page.GetByTestId("drafts-search").FillAsync(tag);
            await page.GetByTestId("drafts-search").PressAsync("Enter");
            var rows = page.GetByTestId("draft-row");
            await Expect(rows).ToHaveCountAsync(2);
            var confirmRow = page.Locator($"[data-testid=draft-row][data-id='{toConfirm.Id}']");
            await Expect(confirmRow).ToContainTextAsync(language == "en" ? "Kind to be confirmed" : "类型待确认");
            await Screenshots.SaveAsync(page, language, "org-identity-drafts");
            await confirmRow.GetByTestId("draft-confirm").ClickAsync();
            var form = page.GetByTestId("confirm-draft");
            await form.GetByTestId("confirm-kind").SelectOptionAsync("Institution");
            await form.GetByTestId("confirm-type").SelectOptionAsync("ResearchInstitute");
            await form.GetByTestId("confirm-region").FillAsync("210204");
            await Screenshots.SaveAsync(page, language, "org-identity-confirm");
            await form.GetByTestId("confirm-draft-save").ClickAsync();
            await Expect(page.GetByTestId("drafts-notice")).ToContainTextAsync(toConfirm.NameZh);
            await Expect(rows).ToHaveCountAsync(1);

            // Merge the campus-named draft into the university: pick it by search, see what moves, confirm.
            await page.Locator($"[data-testid=draft-row][data-id='{toMerge.Id}']").GetByTestId("draft-merge").ClickAsync();
            var panel = page.GetByTestId("merge-panel");
            await panel.GetByTestId("merge-search").FillAsync($"浏览器目标大学{tag}");
            await panel.GetByTestId("merge-search-go").ClickAsync();
            await panel.GetByTestId("merge-candidate").First.ClickAsync();
            await Expect(panel.GetByTestId("merge-move")).ToContainTextAsync([language == "en" ? "Contracts as seller: 1" : "作为卖方的合同: 1"]);
            await Screenshots.SaveAsync(page, language, "org-identity-merge-preview");
            await panel.GetByTestId("merge-confirm").ClickAsync();
            await Expect(page.GetByTestId("drafts-notice")).ToContainTextAsync(target.NameZh);
            await Expect(rows).ToHaveCountAsync(0);
            await Screenshots.SaveAsync(page, language, "org-identity-merged");

            // The audit log shows the merge.
            await page.GotoAsync($"/admin?tab=audit&target={target.Id}");
            await Expect(page.Locator("[data-testid=audit-row][data-action='organisation.merged']")).ToContainTextAsync(language == "en" ? "Organisations merged" : "合并单位");
            await Screenshots.SaveAsync(page, language, "org-identity-audit");

            var (confirmed, merged, seller) = await app.WithDbAsync(async db => (
                await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == toConfirm.Id),
                await db.Organisations.AsNoTracking().AnyAsync(o => o.Id == toMerge.Id),
                await db.Contracts.AsNoTracking().Where(c => c.Id == contract).Select(c => c.SellerOrganisationId).SingleAsync()));
            (confirmed.Kind, confirmed.InstitutionType, confirmed.Verification, confirmed.RegionCode).ShouldBe(
                (OrganisationKind.Institution, InstitutionType.ResearchInstitute, VerificationStatus.Verified, "210204"));
            merged.ShouldBeFalse();
            seller.ShouldBe(target.Id);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}

[Collection(ChineseBrowser.Name)]
public sealed class ChineseOrganisationIdentityTests(PostgresBrowserApp app) : OrganisationIdentityTests<PostgresBrowserApp>(app, "zh-CN");

[Collection(EnglishBrowser.Name)]
public sealed class EnglishOrganisationIdentityTests(SqliteBrowserApp app) : OrganisationIdentityTests<SqliteBrowserApp>(app, "en");

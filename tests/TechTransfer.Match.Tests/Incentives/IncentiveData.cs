using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Incentives;

/// <summary>Organisations and contracts written straight to the database for one test, in a year no other test of the class uses.</summary>
public static class IncentiveData
{
    public const string Local = "210211", Far = "110108";

    public static object TenPercentOfLocalIncome(string name = "本地技术交易额补贴 10%", decimal? totalCap = null, decimal? capPerBeneficiary = null) => new
    {
        name,
        description = "按本地技术交易额的 10% 奖励卖方单位",
        rules = new
        {
            beneficiary = "Institution", mode = "Percentage", basis = "TechnologyIncome", localBuyersOnly = true, firstTimeBuyersOnly = false,
            ratePct = 10m, totalCap, capPerBeneficiary,
        },
    };

    public static async Task<Guid> OrganisationAsync(TestApp app, OrganisationKind kind, string region = Local)
    {
        var organisation = new Organisation
        {
            Kind = kind, InstitutionType = kind == OrganisationKind.Institution ? InstitutionType.University : null,
            NameZh = $"测试单位{Guid.NewGuid():N}"[..12], NameEn = $"Test {Guid.NewGuid():N}"[..13], RegionCode = region, RegionName = "测试",
            Verification = VerificationStatus.Verified,
        };
        await app.WithDbAsync(db =>
        {
            db.Organisations.Add(organisation);
            return db.SaveChangesAsync();
        });
        return organisation.Id;
    }

    /// <summary>The data of the person's notification of that kind, waiting for the outbox to deliver it (null: none came).</summary>
    public static async Task<JsonElement?> NotificationAsync(TestApp app, Guid userId, NotificationKind kind, int waitMs = 5000)
    {
        for (var waited = 0; ; waited += 100)
        {
            var data = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Kind == kind).Select(n => n.Data).FirstOrDefaultAsync());
            if (data is not null)
            {
                return JsonDocument.Parse(data).RootElement;
            }

            if (waited >= waitMs)
            {
                return null;
            }

            await Task.Delay(100);
        }
    }

    public static async Task ContractAsync(TestApp app, Guid seller, Guid buyer, string buyerRegion, DateOnly signed, decimal total, decimal? income = null,
        TechnicalField field = TechnicalField.NewMaterials, ContractCategory category = ContractCategory.Transfer, Guid? broker = null)
    {
        await app.WithDbAsync(db =>
        {
            var contract = new TechnologyContract
            {
                ProjectName = "激励测试合同", Category = category, TransformationMode = TransformationMode.Transfer,
                SellerOrganisationId = seller, SellerNatureCode = "0221", SellerRegionCode = Local,
                BuyerOrganisationId = buyer, BuyerNatureCode = "0100", BuyerRegionCode = buyerRegion, Field = field,
                TotalAmount = total, TechnologyIncome = income ?? total, SignedOn = signed, RegisteredOn = signed, BrokerUserId = broker, Source = ContractSource.Manual,
            };
            contract.Derive(code => code.StartsWith("2102", StringComparison.Ordinal));
            db.Contracts.Add(contract);
            return db.SaveChangesAsync();
        });
    }
}

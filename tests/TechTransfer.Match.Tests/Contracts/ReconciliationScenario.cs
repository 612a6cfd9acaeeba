using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Tests.Indicators;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>What the reconciliation tests share: platform contracts written as signing records them, and the university's 2023 figures.</summary>
public static class ReconciliationScenario
{
    public const string University = "Dalian University of Technology";

    /// <summary>A contract recorded on the platform at signing: no registration number; from a deal when a broker is given.</summary>
    public static async Task<TechnologyContract> RecordOnPlatformAsync(TestApp app, Guid seller, Guid buyer, DateOnly signedOn, decimal amount, Guid? broker = null)
    {
        var contract = new TechnologyContract
        {
            ProjectName = "平台撮合签订的技术转让", Category = ContractCategory.Transfer, TransformationMode = TransformationMode.Transfer,
            SellerOrganisationId = seller, SellerNatureCode = "0221", SellerRegionCode = "210211",
            BuyerOrganisationId = buyer, BuyerNatureCode = "0310", BuyerRegionCode = "210211",
            Field = TechnicalField.AdvancedManufacturing, TotalAmount = amount, TechnologyIncome = amount, SignedOn = signedOn,
            Source = ContractSource.Platform, DealId = broker is null ? null : Guid.NewGuid(), BrokerUserId = broker,
        };
        await using var scope = app.Services.CreateAsyncScope();
        contract.Derive(scope.ServiceProvider.GetRequiredService<IOptions<PlatformOptions>>().Value.IsInHomeCity);
        await app.WithDbAsync(async db =>
        {
            db.Contracts.Add(contract);
            return await db.SaveChangesAsync();
        });
        return contract;
    }

    /// <summary>The university's 2023 projects and amount (万元) in Tables 3-4.</summary>
    public static async Task<(int Projects, decimal AmountWan)> UniversityAsync(HttpClient bureau)
    {
        var table = await (await bureau.GetAsync("/api/indicators/localization?year=2023")).JsonAsync();
        var row = table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("institution").GetProperty("nameEn").GetString() == University)
            .GetProperty("current");
        return (row.GetProperty("projects").GetInt32(), row.GetProperty("amount").Wan());
    }
}

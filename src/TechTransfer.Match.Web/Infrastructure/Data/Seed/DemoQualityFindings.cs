using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// Contracts the bureau entered by hand in 2020 (outside the paper's years, so its tables stay intact) that the
/// data-quality page finds: a contract registered twice under two numbers (a probable duplicate), one whose technology
/// income exceeds its total, one signed after it was registered. Amount outliers the paper's records already have.
/// </summary>
internal static class DemoQualityFindings
{
    public const int Year = 2020;

    public static void Add(AppDbContext db, Func<string, bool> isInHomeCity, DateTime now)
    {
        var seller = db.Organisations.Local.First(o => o.NameEn == "Dalian University of Technology");
        var buyer = db.Organisations.Local.Where(o => o.Kind == OrganisationKind.Enterprise && isInHomeCity(o.RegionCode)).OrderBy(o => o.NameEn, StringComparer.Ordinal).First();
        var n = 0;
        TechnologyContract Contract(string name, decimal total, decimal income, DateOnly signed, DateOnly registered)
        {
            var contract = new TechnologyContract
            {
                RegistrationNumber = $"2102{Year}{90_000_001 + n++:D8}", ProjectName = name, Category = ContractCategory.Transfer,
                TransformationMode = TransformationMode.Transfer, SellerOrganisationId = seller.Id, SellerNatureCode = ContractNames.NatureCode(seller),
                SellerRegionCode = seller.RegionCode, BuyerOrganisationId = buyer.Id, BuyerNatureCode = ContractNames.NatureCode(buyer),
                BuyerRegionCode = buyer.RegionCode, Field = TechnicalField.AdvancedManufacturing, TotalAmount = total, TechnologyIncome = income,
                SignedOn = signed, RegisteredOn = registered, Source = ContractSource.Manual, CreatedAt = now, UpdatedAt = now,
            };
            contract.Derive(isInHomeCity);
            return contract;
        }

        db.Contracts.AddRange(
            Contract("焊接机器人视觉引导技术转让合同", 480_000m, 480_000m, new DateOnly(Year, 4, 15), new DateOnly(Year, 4, 25)),
            Contract("焊接机器人视觉引导技术转让合同", 480_000m, 480_000m, new DateOnly(Year, 4, 15), new DateOnly(Year, 5, 6)),
            Contract("数控机床热误差补偿技术转让合同", 150_000m, 180_000m, new DateOnly(Year, 6, 3), new DateOnly(Year, 6, 18)),
            Contract("激光熔覆修复工艺技术转让合同", 260_000m, 260_000m, new DateOnly(Year, 9, 20), new DateOnly(Year, 9, 12)));
    }
}

using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Contracts;

public sealed record ContractParty(Guid OrganisationId, string Name, string? CreditCode, string NatureCode, string RegionCode);

/// <summary>A contract as shown to someone allowed to see it (the parties, the broker, the bureau, administrators).</summary>
public sealed record ContractView(
    Guid Id,
    string? RegistrationNumber,
    string ProjectName,
    ContractCategory Category,
    TransformationMode TransformationMode,
    ContractParty Seller,
    ContractParty Buyer,
    TechnicalField Field,
    decimal TotalAmount,
    decimal TechnologyIncome,
    DateOnly SignedOn,
    DateOnly? RegisteredOn,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int? TrialPeriodMonths,
    PaymentMode? PaymentMode,
    decimal? ExpectedNewInvestment,
    decimal? ExpectedNewOutput,
    Guid? BrokerUserId,
    Guid? DealId,
    Guid? ProposalId,
    Guid? AchievementId,
    ContractSource Source,
    bool IsLocal,
    int Year,
    DateTime UpdatedAt,
    long Version,
    Guid? DuplicateOfContractId,
    Guid? TrialId = null)
{
    public static ContractView From(TechnologyContract c, Organisation seller, Organisation buyer) => new(
        c.Id, c.RegistrationNumber, c.ProjectName, c.Category, c.TransformationMode,
        new ContractParty(seller.Id, seller.NameZh, seller.CreditCode, c.SellerNatureCode, c.SellerRegionCode),
        new ContractParty(buyer.Id, buyer.NameZh, buyer.CreditCode, c.BuyerNatureCode, c.BuyerRegionCode),
        c.Field, c.TotalAmount, c.TechnologyIncome, c.SignedOn, c.RegisteredOn, c.ValidFrom, c.ValidTo, c.TrialPeriodMonths,
        c.PaymentMode, c.ExpectedNewInvestment, c.ExpectedNewOutput, c.BrokerUserId, c.DealId, c.ProposalId, c.AchievementId, c.Source, c.IsLocal, c.Year, c.UpdatedAt, c.Version, c.DuplicateOfContractId);
}

namespace TechTransfer.Match.Web.Domain;

/// <summary>Technology contract categories of the registration form.</summary>
public enum ContractCategory
{
    DevelopmentCommissioned,
    DevelopmentCooperative,
    Transfer,
    Licence,
    Consulting,
    Service,
}

/// <summary>How the achievement is transformed (转化方式).</summary>
public enum TransformationMode
{
    Transfer,
    Licence,
    EquityInvestment,
    JointDevelopment,
    TechnicalService,
}

/// <summary>支付方式 of the registration form: how the buyer pays.</summary>
public enum PaymentMode
{
    LumpSum,
    Instalments,
    Royalty,
    LumpSumAndRoyalty,
    Other,
}

public enum ContractSource
{
    /// <summary>Recorded from a deal brokered on the platform.</summary>
    Platform,
    /// <summary>Typed in by the bureau or a technology manager.</summary>
    Manual,
    /// <summary>Imported from registered-contract statistics.</summary>
    Import,
}

/// <summary>
/// A technology contract (技术合同). Amounts are yuan. <see cref="IsLocal"/> and <see cref="Year"/> are
/// derived when the contract is written (buyer region against the home city; registration year, else
/// signing year) and stored so indicators aggregate on indexed columns.
/// </summary>
public sealed class TechnologyContract : MutableEntity
{
    /// <summary>16 digits once registered; unique.</summary>
    public string? RegistrationNumber { get; set; }
    public string ProjectName { get; set; } = "";
    public ContractCategory Category { get; set; }
    public TransformationMode TransformationMode { get; set; }

    public Guid SellerOrganisationId { get; set; }
    public Organisation? SellerOrganisation { get; set; }
    /// <summary>Seller nature code of the registration form (0221 university, 0211 research institute, ...).</summary>
    public string SellerNatureCode { get; set; } = "";
    public string SellerRegionCode { get; set; } = "";

    public Guid BuyerOrganisationId { get; set; }
    public Organisation? BuyerOrganisation { get; set; }
    public string BuyerNatureCode { get; set; } = "";
    public string BuyerRegionCode { get; set; } = "";

    public TechnicalField Field { get; set; }
    /// <summary>合同成交额: the contract's total amount.</summary>
    public decimal TotalAmount { get; set; }
    /// <summary>技术交易额: total less equipment, materials and other non-technical costs; never above the total.</summary>
    public decimal TechnologyIncome { get; set; }

    public DateOnly SignedOn { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    /// <summary>Use-before-transfer contracts: months of trial use before payment.</summary>
    public int? TrialPeriodMonths { get; set; }

    /// <summary>Registration-form fields the parties add after signing (null until they do): 支付方式, 预计新增投入, 预计新增产值 (yuan).</summary>
    public PaymentMode? PaymentMode { get; set; }
    public decimal? ExpectedNewInvestment { get; set; }
    public decimal? ExpectedNewOutput { get; set; }

    public Guid? BrokerUserId { get; set; }
    public Guid? DealId { get; set; }
    public Guid? ProposalId { get; set; }
    public Guid? AchievementId { get; set; }
    public ContractSource Source { get; set; }

    public bool IsLocal { get; set; }
    public int Year { get; set; }

    /// <summary>
    /// Set when the bureau marked this record as a second record of that contract (a data-quality finding): the
    /// indicators count only the other one (<c>AppDbContext.CountedContracts</c>).
    /// </summary>
    public Guid? DuplicateOfContractId { get; set; }

    /// <summary>Recomputes the derived columns; call on every write.</summary>
    public void Derive(Func<string, bool> isInHomeCity)
    {
        IsLocal = isInHomeCity(BuyerRegionCode);
        Year = (RegisteredOn ?? SignedOn).Year;
    }
}

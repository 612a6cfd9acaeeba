namespace TechTransfer.Match.Web.Domain;

/// <summary>Who an incentive scheme pays (docs/programmes.md).</summary>
public enum IncentiveBeneficiary
{
    /// <summary>The selling institution.</summary>
    Institution,
    /// <summary>The owner/inventor team: contracts carry no team, so it is paid through its institution, one entitlement per institution.</summary>
    InventorTeam,
    /// <summary>The buyer.</summary>
    LocalBuyer,
    /// <summary>The contract's broker; contracts without one do not count.</summary>
    TechnologyManager,
}

/// <summary>What a percentage or a tier applies to: 技术交易额 or 合同成交额.</summary>
public enum IncentiveBasis
{
    TechnologyIncome,
    TotalAmount,
}

public enum IncentiveAmountMode
{
    /// <summary>A percentage of the basis.</summary>
    Percentage,
    /// <summary>A fixed amount per counted contract.</summary>
    FixedPerContract,
    /// <summary>Marginal percentages: each tier's rate applies to the part of the basis inside the tier.</summary>
    Tiered,
}

/// <summary>A tier of a tiered scheme: the basis from <see cref="FromAmount"/> up to <see cref="ToAmount"/> (open when null) pays <see cref="RatePct"/>.</summary>
public sealed record IncentiveTier(decimal FromAmount, decimal? ToAmount, decimal RatePct);

/// <summary>
/// The rules of one revision of an incentive scheme: whom it pays, which contracts count, how much each earns, the caps.
/// Stored as JSON on the revision, which never changes once written. <see cref="AssumedSwitchSharePct"/> is the bureau's stated
/// scenario assumption (share of non-local contracts that would switch to a local buyer at this subsidy), used when a simulation names none.
/// </summary>
public sealed record IncentiveRules(
    IncentiveBeneficiary Beneficiary,
    IncentiveAmountMode Mode,
    IncentiveBasis Basis,
    bool LocalBuyersOnly,
    bool FirstTimeBuyersOnly,
    IReadOnlyList<TechnicalField>? Fields = null,
    IReadOnlyList<string>? Categories = null,
    decimal? MinAmount = null,
    decimal? MaxAmount = null,
    decimal? RatePct = null,
    decimal? FixedAmount = null,
    IReadOnlyList<IncentiveTier>? Tiers = null,
    decimal? CapPerBeneficiary = null,
    decimal? TotalCap = null,
    decimal? AssumedSwitchSharePct = null);

/// <summary>An incentive scheme of the bureau; every edit writes a new <see cref="IncentiveSchemeRevision"/>.</summary>
public sealed class IncentiveScheme : MutableEntity
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>The number of the newest revision (1 for a new scheme).</summary>
    public int Revision { get; set; }
}

/// <summary>One revision of a scheme, as written; simulations name the revision they ran.</summary>
public sealed class IncentiveSchemeRevision : Entity
{
    public Guid SchemeId { get; set; }
    public int Number { get; set; }
    public string Name { get; set; } = "";
    public string RulesJson { get; set; } = "";
}

/// <summary>The bureau's targets for one institution and year (local contracts, local amount in yuan, local rate by count in percent).</summary>
public sealed class InstitutionTarget : MutableEntity
{
    public Guid InstitutionId { get; set; }
    public int Year { get; set; }
    public int LocalContracts { get; set; }
    public decimal LocalAmount { get; set; }
    public decimal LocalRatePct { get; set; }
}

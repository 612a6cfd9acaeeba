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
    /// <summary>The revision the bureau adopted, which entitlements are computed with; null while the scheme is only simulated.</summary>
    public int? AdoptedRevision { get; set; }
    /// <summary>Contracts signed on or after this day earn entitlements.</summary>
    public DateOnly? AdoptedFrom { get; set; }
    public DateTime? AdoptedAt { get; set; }
    public Guid? AdoptedBy { get; set; }
    /// <summary>The newest period whose entitlements were computed (like 2024Q2), also when it owed nobody anything.</summary>
    public string? ComputedThrough { get; set; }
}

public enum EntitlementState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// What an adopted scheme owes one beneficiary for one calendar quarter (<see cref="Period"/> like 2024Q2), computed from the
/// contracts of the year so far less what earlier quarters of the year already granted (docs/programmes.md), for the bureau to
/// approve or reject. One per scheme, period and beneficiary.
/// </summary>
public sealed class IncentiveEntitlement : MutableEntity
{
    public Guid SchemeId { get; set; }
    public int Revision { get; set; }
    public string Period { get; set; } = "";
    public int Year { get; set; }
    public int Quarter { get; set; }
    public IncentiveBeneficiary BeneficiaryKind { get; set; }
    /// <summary>An organisation, or a user for technology managers.</summary>
    public Guid BeneficiaryId { get; set; }
    /// <summary>The beneficiary's counted contracts signed in the year up to the period's end.</summary>
    public int ContractsToDate { get; set; }
    /// <summary>What the scheme pays the beneficiary for the year up to the period's end, after its caps.</summary>
    public decimal EarnedToDate { get; set; }
    /// <summary>This period's entitlement: <see cref="EarnedToDate"/> less what earlier periods of the year granted, never below zero.</summary>
    public decimal Amount { get; set; }
    public EntitlementState State { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Reason { get; set; }
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

/// <summary>An entitlement was approved or rejected: its beneficiary hears of it (Realtime/ProgrammeNotifications).</summary>
public sealed record IncentiveEntitlementDecided(Guid EntitlementId, Guid SchemeId, string Period, IncentiveBeneficiary BeneficiaryKind, Guid BeneficiaryId,
    decimal Amount, bool Approved, string? Reason) : IDomainEvent;

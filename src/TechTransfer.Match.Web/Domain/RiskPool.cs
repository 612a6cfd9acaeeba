namespace TechTransfer.Match.Web.Domain;

/// <summary>
/// The bureau's risk compensation scheme (风险补偿): which failed trials and transfers it covers and how much it pays at most.
/// Its money is the <see cref="RiskPool"/> row of the same id (docs/programmes.md#risk-compensation).
/// </summary>
public sealed class RiskScheme : MutableEntity
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Only trials and contracts whose buyer is in the home city.</summary>
    public bool LocalBuyersOnly { get; set; }
    /// <summary>The achievement's technical fields covered; empty covers every field.</summary>
    public List<TechnicalField> Fields { get; set; } = [];
    /// <summary>The largest trial price or contract amount (yuan) the scheme covers.</summary>
    public decimal MaxAmount { get; set; }
    /// <summary>The share of the trial's price or the contract's amount the scheme pays at most, in (0, 1].</summary>
    public decimal Ratio { get; set; }
    public decimal CapPerCase { get; set; }
    /// <summary>Per claiming organisation, over the scheme's life.</summary>
    public decimal CapPerInstitution { get; set; }
    /// <summary>Per calendar year of the approval (UTC).</summary>
    public decimal CapPerYear { get; set; }
}

/// <summary>
/// A scheme's money, in whole fen so that the database adds and compares it exactly on every provider: the balance
/// is Budget - Committed - Paid, and only conditional updates change it, which keep it at zero or above.
/// </summary>
public sealed class RiskPool
{
    public Guid SchemeId { get; set; }
    public long BudgetFen { get; set; }
    /// <summary>Approved claims not yet paid.</summary>
    public long CommittedFen { get; set; }
    public long PaidFen { get; set; }
}

public enum RiskClaimState
{
    Submitted,
    Approved,
    Rejected,
    Paid,
}

/// <summary>
/// A party's claim on a scheme for a failed trial or a failed transfer (a transfer or licence contract that failed in its
/// performance): the evidence, the amount asked, and the bureau's decision. Exactly one of <see cref="TrialId"/> and
/// <see cref="ContractId"/> is set.
/// </summary>
public sealed class RiskClaim : MutableEntity, IHasActiveKey
{
    public Guid SchemeId { get; set; }
    public Guid? TrialId { get; set; }
    public Guid? ContractId { get; set; }
    /// <summary>Why the transfer failed, as the claimant states it (a trial's cause is on the trial).</summary>
    public TrialFailureCause? ContractFailureCause { get; set; }
    /// <summary>The claiming party (the trial's or contract's buyer or seller); the cap per institution counts its approvals.</summary>
    public Guid OrganisationId { get; set; }
    public string Evidence { get; set; } = "";
    public decimal AmountAsked { get; set; }
    public RiskClaimState State { get; set; }
    public decimal? AmountApproved { get; set; }
    /// <summary>The approval's note or the rejection's reason.</summary>
    public string? DecisionNote { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    /// <summary>The calendar year the cap per year counts the approval in.</summary>
    public int? DecisionYear { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? PaymentReference { get; set; }
    /// <summary>The trial while the claim is not rejected: one such claim per trial and scheme, kept by a unique index.</summary>
    public Guid? OpenTrialId { get; set; }
    /// <summary>The same for a contract.</summary>
    public Guid? OpenContractId { get; set; }

    public void RefreshActiveKey()
    {
        var open = State != RiskClaimState.Rejected;
        OpenTrialId = open ? TrialId : null;
        OpenContractId = open ? ContractId : null;
    }
}

/// <summary>A claim was approved or rejected: the person who claimed hears of it (Realtime/ProgrammeNotifications).</summary>
public sealed record RiskClaimDecided(Guid ClaimId, Guid? TrialId, Guid? ContractId, Guid? ClaimantUserId, bool Approved, decimal? Amount, string? Note) : IDomainEvent;

namespace TechTransfer.Match.Web.Domain;

/// <summary>Where a use-before-transfer trial stands: running (also after an extension) or concluded one way.</summary>
public enum TrialState
{
    Running,
    Converted,
    Returned,
    Failed,
}

/// <summary>What the parties record at the end of a trial; an extension keeps it running to a later end.</summary>
public enum TrialOutcome
{
    Converted,
    Extended,
    Returned,
    Failed,
}

/// <summary>How the buyer pays once the trial converts.</summary>
public enum TrialPaymentMode
{
    LumpSum,
    Instalments,
    Royalty,
    Conditional,
}

public enum TrialFailureCause
{
    TechnologyUnderperformed,
    IntegrationCost,
    BuyerWithdrew,
    PriceDisagreement,
    IpIssue,
    MarketChanged,
    Other,
}

/// <summary>
/// A use-before-transfer agreement (先使用后付费) closing a deal: the buyer uses the technology from
/// <see cref="StartsOn"/> to <see cref="EndsOn"/> at a price agreed in advance, then converts, returns or fails.
/// </summary>
public sealed class Trial : MutableEntity, IHasActiveKey
{
    public Guid DealId { get; set; }
    public Guid? AchievementId { get; set; }
    public Guid SellerOrganisationId { get; set; }
    public Guid BuyerOrganisationId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public TrialPaymentMode PaymentMode { get; set; }
    public decimal AgreedPrice { get; set; }
    public string? PaymentTerms { get; set; }
    public TrialState State { get; set; }
    public int Extensions { get; set; }
    /// <summary>The transfer or licence contract a converted trial became (recorded from the same deal).</summary>
    public Guid? ContractId { get; set; }
    public TrialFailureCause? FailureCause { get; set; }
    public string? OutcomeNote { get; set; }
    public DateOnly? ConcludedOn { get; set; }
    /// <summary>Set by the reminder sweep's conditional update, so each reminder goes out once across nodes.</summary>
    public DateTime? EndReminderSentAt { get; set; }
    public List<TrialMilestone> Milestones { get; set; } = [];
    /// <summary>The deal while the trial runs: one running trial per deal, kept by a unique index.</summary>
    public Guid? RunningDealId { get; set; }

    public void RefreshActiveKey() => RunningDealId = State == TrialState.Running ? DealId : null;
}

public sealed class TrialMilestone
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrialId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public DateTime? RemindedAt { get; set; }
}

/// <summary>A milestone (<see cref="MilestoneId"/>) or the end (null) of a running trial falls due on <see cref="DueOn"/>.</summary>
public sealed record TrialReminderDue(Guid TrialId, Guid? MilestoneId, string? Title, DateOnly DueOn, Guid SellerOrganisationId, Guid BuyerOrganisationId) : IDomainEvent;

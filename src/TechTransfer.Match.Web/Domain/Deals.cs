namespace TechTransfer.Match.Web.Domain;

public enum DealStage
{
    Proposed,
    Contacted,
    Negotiating,
    Signed,
    Closed,
}

/// <summary>Why a deal closed without a contract.</summary>
public enum DealCloseReason
{
    PriceDisagreement,
    TechnologyNotMature,
    BuyerWithdrew,
    SellerWithdrew,
    IpIssue,
    ChoseAnotherPartner,
    NoResponse,
    Other,
}

/// <summary>The brokered pipeline for one achievement-need pair (对接项目).</summary>
public sealed class Deal : MutableEntity, IHasActiveKey
{
    public string Title { get; set; } = "";
    public Guid? ProposalId { get; set; }
    public Guid? InterestId { get; set; }
    public Guid? AchievementId { get; set; }
    public Guid? NeedId { get; set; }
    /// <summary>The winning proposal of an open call the deal came from (its call and scores are read through it).</summary>
    public Guid? CallProposalId { get; set; }
    public Guid SellerOrganisationId { get; set; }
    public Guid BuyerOrganisationId { get; set; }
    public Guid? ManagerUserId { get; set; }
    public DealStage Stage { get; set; }
    public DealCloseReason? CloseReason { get; set; }
    /// <summary>When the pair was first proposed (the proposal's or interest's creation): the start of the funnel clock.</summary>
    public DateTime ProposedAt { get; set; }
    public DateTime? FirstContactAt { get; set; }
    public DateTime? SignedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? NextStep { get; set; }
    public DateOnly? NextStepOn { get; set; }
    public List<DealEvent> Events { get; set; } = [];
    /// <summary>The proposal while the deal is not closed: one open deal per proposed pair.</summary>
    public Guid? OpenProposalId { get; set; }
    /// <summary>
    /// The pair while the deal is not closed and names both listings (<see cref="OpenNeedId"/> with it): one open deal
    /// per pair, whether it came from a proposal, an interest or a call.
    /// </summary>
    public Guid? OpenAchievementId { get; set; }
    public Guid? OpenNeedId { get; set; }

    public void RefreshActiveKey()
    {
        var open = Stage != DealStage.Closed;
        OpenProposalId = open ? ProposalId : null;
        var pair = open && AchievementId is not null && NeedId is not null;
        OpenAchievementId = pair ? AchievementId : null;
        OpenNeedId = pair ? NeedId : null;
    }

    public bool IsTerminal => Stage is DealStage.Signed or DealStage.Closed;
}

public enum DealEventKind
{
    Opened,
    Assigned,
    StageChanged,
    Note,
}

/// <summary>One line of a deal's timeline: who did what, when, from which stage to which, with a note.</summary>
public sealed class DealEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DealId { get; set; }
    public DealEventKind Kind { get; set; }
    public DealStage? FromStage { get; set; }
    public DealStage? ToStage { get; set; }
    public string? Note { get; set; }
    public DateOnly? NextStepOn { get; set; }
    public Guid? ByUserId { get; set; }
    public DateTime At { get; set; }
}

public sealed record DealOpened(Guid DealId, Guid SellerOrganisationId, Guid BuyerOrganisationId, Guid? ManagerUserId, Guid? ProposalId, Guid? InterestId) : IDomainEvent;

public sealed record DealAssigned(Guid DealId, Guid ManagerUserId, Guid? PreviousManagerUserId) : IDomainEvent;

public sealed record DealStageChanged(Guid DealId, DealStage From, DealStage To, DealCloseReason? CloseReason, Guid ByUserId, Guid SellerOrganisationId, Guid BuyerOrganisationId) : IDomainEvent;

namespace TechTransfer.Match.Web.Domain;

public enum NotificationKind
{
    MatchProposed,
    InterestReceived,
    InterestAccepted,
    InterestDeclined,
    DealAssigned,
    DealStageChanged,
    ContractRecorded,
    ImportFinished,
    SavedSearchMatched,
    /// <summary>A deal was opened between the person's organisation and another.</summary>
    DealOpened,
    /// <summary>The other party of a deal proposed its contract (to confirm), or confirmed or rejected the one proposed.</summary>
    ContractProposal,
    /// <summary>The daily summary of a person with digest delivery (stored as read; it also marks the window as sent).</summary>
    Digest,
    /// <summary>An administrator took one of the organisation's records out of the catalogue, with a reason.</summary>
    ListingUnpublished,
    /// <summary>An open call was published whose needs match the organisation's achievements.</summary>
    CallInvitation,
    /// <summary>A call the organisation answered closed without choosing it, with the reviewers' remarks.</summary>
    CallResult,
    /// <summary>A milestone or the end of a use-before-transfer trial the organisation takes part in is near.</summary>
    TrialReminder,
    /// <summary>A validation of an achievement the organisation had dismissed as too early completed.</summary>
    ValidationCompleted,
    /// <summary>A member's call proposal waits for the organisation's consent, or the organisation consented or refused it.</summary>
    CallConsent,
    /// <summary>The bureau approved or rejected an incentive entitlement of the organisation (or of the manager).</summary>
    EntitlementDecided,
    /// <summary>The bureau approved or rejected the person's risk compensation claim.</summary>
    RiskClaimDecided,
    /// <summary>The organisation's intermediary filing expires soon: its yearly review falls due.</summary>
    FilingReviewDue,
}

public enum DeliveryMode
{
    /// <summary>Pushed live and stored.</summary>
    Instant,
    /// <summary>Stored only, and summed up once a day in one pushed digest (<c>Realtime:DigestHourUtc</c>).</summary>
    DailyDigest,
}

/// <summary>A message to one person, stored so that someone offline sees it later.</summary>
public sealed class Notification : Entity
{
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    /// <summary>Event data for the client to render in its language (ids, titles, scores, stages).</summary>
    public string Data { get; set; } = "{}";
    /// <summary>The front-end path the notification leads to.</summary>
    public string? Link { get; set; }
    /// <summary>
    /// What the notification is about when that differs from its link, for grouping: the listing whose publication
    /// made a person's several proposals (each linked to their own record). Null: the link is the subject.
    /// </summary>
    public string? Subject { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>What a person wants to hear about, and how.</summary>
public sealed class NotificationPreference : MutableEntity
{
    public Guid UserId { get; set; }
    /// <summary>Kinds the person turned off.</summary>
    public List<NotificationKind> MutedKinds { get; set; } = [];
    /// <summary>Match alerts below this score are not sent.</summary>
    public double MinMatchScore { get; set; }
    public DeliveryMode Delivery { get; set; }
    /// <summary>Kinds also e-mailed as soon as they are stored.</summary>
    public List<NotificationKind> EmailKinds { get; set; } = [];
    /// <summary>Kinds counted in the daily digest e-mail.</summary>
    public List<NotificationKind> DigestEmailKinds { get; set; } = [];
}

/// <summary>How a person hears of one kind besides the list in the app.</summary>
public enum NotificationChannel
{
    /// <summary>In the app only.</summary>
    InApp,
    /// <summary>Also an e-mail as soon as it is stored.</summary>
    Email,
    /// <summary>Also counted in the daily digest e-mail.</summary>
    Digest,
}

/// <summary>A stored notification its person chose to have e-mailed at once; sent by the outbox after the commit.</summary>
public sealed record NotificationMailDue(Guid NotificationId) : IDomainEvent;

/// <summary>
/// A daily digest was claimed for a person who chose digest e-mails: the chosen kinds' unread notifications of
/// the window, counted by kind name. Stored with the claim, so the e-mail is neither lost nor sent by two nodes.
/// </summary>
public sealed record DigestMailDue(Guid DigestId, Guid UserId, DateTime WindowStart, DateTime WindowEnd, IReadOnlyDictionary<string, int> Counts) : IDomainEvent;

/// <summary>A search a person saved; newly published listings that match it alert them once.</summary>
public sealed class SavedSearch : MutableEntity
{
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Which catalogue: achievements or needs.</summary>
    public bool Achievements { get; set; }
    public string? Text { get; set; }
    public TechnicalField? Field { get; set; }
    public string? Region { get; set; }
    public int? TrlMin { get; set; }
}

/// <summary>One listing that matched one saved search; unique so each record alerts once.</summary>
public sealed class SavedSearchHit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SavedSearchId { get; set; }
    public Guid ListingId { get; set; }
    public DateTime CreatedAt { get; set; }
}

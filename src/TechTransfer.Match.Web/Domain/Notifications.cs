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
}

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

namespace TechTransfer.Match.Web.Domain;

/// <summary>Common lifecycle of achievements and needs.</summary>
public abstract class Listing : MutableEntity
{
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string Title { get; set; } = "";
    public TechnicalField Field { get; set; }
    public Visibility Visibility { get; set; }
    /// <summary>"zh" or "en": the language the listing is written in.</summary>
    public string Language { get; set; } = "zh";
    public ListingStatus Status { get; set; } = ListingStatus.Draft;
    public DateTime? PublishedAt { get; set; }
    /// <summary>Lower-cased concatenation of the searchable public fields, kept for LIKE search.</summary>
    public string SearchText { get; set; } = "";
    /// <summary>
    /// The version whose proposals are stored. A published listing whose MatchedVersion differs from
    /// its Version (a crash between commit and matching, or seeded data) is matched again at start-up.
    /// </summary>
    public long? MatchedVersion { get; set; }
    /// <summary>Why an administrator took the record out of the catalogue; shown to the owner until it is published again.</summary>
    public string? ModerationReason { get; set; }
    public DateTime? ModeratedAt { get; set; }

    public abstract void RefreshSearchText();
}

public sealed class Achievement : Listing
{
    public string Summary { get; set; } = "";
    public string ProblemSolved { get; set; } = "";
    public string Advantages { get; set; } = "";
    public List<string> Keywords { get; set; } = [];
    /// <summary>Technology readiness level 1-9; null when unknown.</summary>
    public int? Trl { get; set; }
    public IpType IpType { get; set; }
    public IpStatus IpStatus { get; set; }
    /// <summary>Patent or registration number: confidential when visibility is after consent.</summary>
    public string? IpNumber { get; set; }
    public TransferModes TransferModes { get; set; }
    public int? TrialPeriodMonths { get; set; }
    public decimal? PriceMin { get; set; }
    public decimal? PriceMax { get; set; }

    public override void RefreshSearchText() =>
        SearchText = string.Join('\n', Title, string.Join(' ', Keywords), Summary).ToLowerInvariant();
}

public sealed class Need : Listing
{
    public string Background { get; set; } = "";
    public List<NeedIndicator> Indicators { get; set; } = [];
    public string Scenario { get; set; } = "";
    public decimal? BudgetMin { get; set; }
    public decimal? BudgetMax { get; set; }
    public CooperationMode CooperationMode { get; set; }
    public DateOnly? Deadline { get; set; }
    public int? RequiredTrl { get; set; }

    public override void RefreshSearchText() =>
        SearchText = string.Join('\n', Title, Background, Scenario).ToLowerInvariant();
}

/// <summary>A quantified technical target of a need, e.g. "tensile strength ≥ 800 MPa".</summary>
public sealed class NeedIndicator
{
    public string Name { get; set; } = "";
    public string Target { get; set; } = "";
    public string? Unit { get; set; }
}

public static class Maturity
{
    /// <summary>The Chinese stage of a TRL: early (1-4), middle (5-6), mature (7-9).</summary>
    public static string StageOf(int trl) => trl switch
    {
        <= 4 => "early",
        <= 6 => "middle",
        _ => "mature",
    };

    public static string StageZh(int trl) => trl switch
    {
        <= 4 => "实验室/小试阶段",
        <= 6 => "中试阶段",
        _ => "成熟应用阶段",
    };
}

public sealed record ListingPublished(Guid ListingId, bool IsAchievement) : IDomainEvent;

public sealed record ListingWithdrawn(Guid ListingId, bool IsAchievement) : IDomainEvent;

/// <summary>
/// A published listing's owner changed around it (its organisation merged into another, or moved region): the
/// matching index holds the organisation and region per listing, so every node re-reads it.
/// </summary>
public sealed record ListingRelocated(Guid ListingId, bool IsAchievement) : IDomainEvent;

/// <summary>An administrator took a published record out of the catalogue; its owner's members are told why.</summary>
public sealed record ListingUnpublished(Guid ListingId, bool IsAchievement, Guid OrganisationId, string Title, string Reason) : IDomainEvent;

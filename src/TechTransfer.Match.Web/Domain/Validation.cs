namespace TechTransfer.Match.Web.Domain;

public enum ValidationCentreKind
{
    /// <summary>概念验证中心.</summary>
    ConceptValidationCentre,
    /// <summary>中试基地.</summary>
    PilotBase,
}

/// <summary>
/// A concept-validation centre or pilot base in the directory. The host organisation's members maintain it and
/// answer its applications; administrators register it.
/// </summary>
public sealed class ValidationCentre : MutableEntity
{
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public Guid HostOrganisationId { get; set; }
    public Organisation? HostOrganisation { get; set; }
    public ValidationCentreKind Kind { get; set; }
    public string Services { get; set; } = "";
    public string Equipment { get; set; } = "";
    public List<TechnicalField> Fields { get; set; } = [];
    public string Fees { get; set; } = "";
    /// <summary>At most this many applications are in progress at once.</summary>
    public int Capacity { get; set; }
    public string Contact { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionName { get; set; } = "";
}

public enum ValidationApplicationStatus
{
    Submitted,
    /// <summary>Accepted and scheduled: holds one of the centre's capacity slots until completed.</summary>
    InProgress,
    Declined,
    Completed,
}

/// <summary>A step of a validation the centre records (sample made, test passed, report drafted).</summary>
public sealed class ValidationMilestone
{
    public string Title { get; set; } = "";
    public DateOnly Date { get; set; }
    public string? Note { get; set; }
}

/// <summary>An institution's application to validate one of its achievements at a centre.</summary>
public sealed class ValidationApplication : MutableEntity, IHasActiveKey
{
    public Guid CentreId { get; set; }
    public ValidationCentre? Centre { get; set; }
    public Guid AchievementId { get; set; }
    public Achievement? Achievement { get; set; }
    /// <summary>The applying institution (the achievement's owner).</summary>
    public Guid InstitutionId { get; set; }
    public string Plan { get; set; } = "";
    public ValidationApplicationStatus Status { get; set; }
    /// <summary>The achievement's maturity when it applied.</summary>
    public int TrlBefore { get; set; }
    public int? TrlAfter { get; set; }
    public string? DeclineReason { get; set; }
    public DateOnly? ScheduledStart { get; set; }
    public DateOnly? ScheduledEnd { get; set; }
    public List<ValidationMilestone> Milestones { get; set; } = [];
    public string? ReportText { get; set; }
    public string? ReportUrl { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public DateTime? DecidedAt { get; set; }

    /// <summary>
    /// The capacity slot (1..capacity) held while in progress, null otherwise: unique per centre, so two accepts
    /// racing for the last free slot cannot both commit (the database refuses the second).
    /// </summary>
    public int? Slot { get; set; }

    /// <summary>The collaboration record the indicators count, written on accept and completed with the application.</summary>
    public Guid? ValidationProjectId { get; set; }

    /// <summary>
    /// The centre while the application is open (submitted or in progress), null once declined or completed: unique
    /// with the achievement, so two applications of one achievement at one centre cannot both be open.
    /// </summary>
    public Guid? OpenCentreId { get; set; }

    public void RefreshActiveKey() => OpenCentreId = Status is ValidationApplicationStatus.Submitted or ValidationApplicationStatus.InProgress ? CentreId : null;
}

/// <summary>
/// A validation completed and raised (or confirmed) an achievement's maturity; <see cref="FirmIds"/> are the
/// organisations that had dismissed one of its pairs as too early.
/// </summary>
public sealed record ValidationCompleted(Guid ApplicationId, Guid AchievementId, string Title, int TrlBefore, int TrlAfter, IReadOnlyList<Guid> FirmIds) : IDomainEvent;

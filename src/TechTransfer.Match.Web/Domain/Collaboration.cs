namespace TechTransfer.Match.Web.Domain;

public enum CollaborationStatus
{
    Active,
    Dissolved,
}

/// <summary>An R&amp;D institution an institution built together with enterprises (共建研发机构).</summary>
public sealed class JointRdInstitution : MutableEntity, IInstitutionRecord
{
    public string Name { get; set; } = "";
    public Guid InstitutionId { get; set; }
    public Organisation? Institution { get; set; }
    /// <summary>Partner enterprises (organisation ids).</summary>
    public List<Guid> PartnerOrganisationIds { get; set; } = [];
    public DateOnly EstablishedOn { get; set; }
    public CollaborationStatus Status { get; set; }
}

public enum SpinOffRelation
{
    /// <summary>新创办: the institution created the enterprise.</summary>
    Created,
    /// <summary>入股: the institution invested in the enterprise.</summary>
    Invested,
}

/// <summary>An enterprise created or invested in by an institution (新创办/入股企业).</summary>
public sealed class SpinOff : MutableEntity, IInstitutionRecord
{
    public Guid EnterpriseId { get; set; }
    public Organisation? Enterprise { get; set; }
    public Guid InstitutionId { get; set; }
    public Organisation? Institution { get; set; }
    public SpinOffRelation Relation { get; set; }
    public DateOnly Date { get; set; }
    public Guid? AchievementId { get; set; }
}

public enum ValidationProjectKind
{
    /// <summary>概念验证.</summary>
    ConceptValidation,
    /// <summary>中试 on a pilot platform.</summary>
    Pilot,
}

public enum ValidationProjectStatus
{
    Planned,
    Running,
    Completed,
    Abandoned,
}

/// <summary>A concept-validation or pilot project that raises an achievement's maturity (TRL before and after).</summary>
public sealed class ValidationProject : MutableEntity, IInstitutionRecord
{
    public Guid AchievementId { get; set; }
    public Guid InstitutionId { get; set; }
    public string Name { get; set; } = "";
    public ValidationProjectKind Kind { get; set; }
    /// <summary>The pilot platform or concept-validation centre that ran it.</summary>
    public string? Platform { get; set; }
    public int TrlBefore { get; set; }
    public int? TrlAfter { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public ValidationProjectStatus Status { get; set; }
    /// <summary>The project's budget in yuan, when known.</summary>
    public decimal? Budget { get; set; }
}

/// <summary>A collaboration record of one institution (its members and the bureau maintain it).</summary>
public interface IInstitutionRecord
{
    Guid InstitutionId { get; }
}

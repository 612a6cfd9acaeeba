namespace TechTransfer.Match.Web.Domain;

public enum CollaborationStatus
{
    Active,
    Dissolved,
}

/// <summary>An R&amp;D institution an institution built together with enterprises (共建研发机构).</summary>
public sealed class JointRdInstitution : MutableEntity
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
public sealed class SpinOff : MutableEntity
{
    public Guid EnterpriseId { get; set; }
    public Organisation? Enterprise { get; set; }
    public Guid InstitutionId { get; set; }
    public Organisation? Institution { get; set; }
    public SpinOffRelation Relation { get; set; }
    public DateOnly Date { get; set; }
    public Guid? AchievementId { get; set; }
}

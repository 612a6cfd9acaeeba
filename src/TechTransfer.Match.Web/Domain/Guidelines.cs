namespace TechTransfer.Match.Web.Domain;

public enum GuidelineTopicStatus
{
    Draft,
    /// <summary>Taken into the year's project guidelines (项目指南).</summary>
    Adopted,
    Dropped,
}

/// <summary>
/// A draft topic of the annual project guidelines (项目指南) the bureau writes from a cluster of unmet local needs:
/// the needs behind it, the firms willing to co-fund and their combined budgets.
/// </summary>
public sealed class GuidelineTopic : MutableEntity
{
    public string Title { get; set; } = "";
    public TechnicalField Field { get; set; }
    public int Year { get; set; }
    public string Summary { get; set; } = "";
    public List<Guid> NeedIds { get; set; } = [];
    /// <summary>The firms behind the needs, listed as possible co-funders.</summary>
    public List<Guid> CoFunderIds { get; set; } = [];
    /// <summary>The sum of the needs' upper budgets, in yuan.</summary>
    public decimal CombinedBudget { get; set; }
    public GuidelineTopicStatus Status { get; set; }
}

namespace TechTransfer.Match.Web.Domain;

/// <summary>
/// A counter bumped in the same transaction as every write that changes a contract of <see cref="Year"/>
/// (year 0: a change of organisations that can move any year, such as a merge or a kind correction). A cached
/// result keyed by the counters it read can never outlive the contracts it summed, on any node (docs/performance.md).
/// </summary>
public sealed class ContractYearStamp
{
    public int Year { get; set; }
    public long Version { get; set; }
}

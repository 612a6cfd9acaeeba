using System.Globalization;
using System.Text.RegularExpressions;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>An entitlement period: a calendar quarter written <c>2024Q2</c>.</summary>
public readonly partial record struct EntitlementPeriod(int Year, int Quarter)
{
    public DateOnly Start => new(Year, (3 * Quarter) - 2, 1);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Quarter}");

    public static bool TryParse(string? text, out EntitlementPeriod period)
    {
        period = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
        {
            return false;
        }

        period = new EntitlementPeriod(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        return true;
    }

    [GeneratedRegex(@"^(\d{4})[Qq]([1-4])$")]
    private static partial Regex Pattern();
}

/// <summary>One beneficiary's entitlement for a period, with its name (an organisation's, or a manager's display name).</summary>
public sealed record EntitlementView(
    Guid Id, string Period, int Revision, IncentiveBeneficiary BeneficiaryKind, Guid BeneficiaryId, string NameZh, string NameEn,
    int ContractsToDate, decimal EarnedToDate, decimal Amount, EntitlementState State, string? Reason, DateTime? DecidedAt, long Version);

/// <summary>A computed period: how many entitlements, their sum, and how much of it is pending, approved and rejected.</summary>
public sealed record EntitlementPeriodSummary(string Period, int Revision, int Beneficiaries, decimal Amount, decimal Pending, decimal Approved, decimal Rejected);

/// <summary>
/// A scheme's adoption, its computed periods (newest first) and the entitlements of one of them (the newest unless one is named),
/// largest first. <see cref="ComputedThrough"/> is the newest computed quarter (quarters that owed nothing have no row);
/// <see cref="NextPeriod"/> the first quarter that may be computed next, null when none has ended yet.
/// </summary>
public sealed record EntitlementsView(
    Guid SchemeId, string Name, int? AdoptedRevision, DateOnly? AdoptedFrom, string? ComputedThrough, string? NextPeriod,
    IReadOnlyList<EntitlementPeriodSummary> Periods, string? Period, IReadOnlyList<EntitlementView> Entitlements);

using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>Reads an adopted scheme's entitlements: its periods in order and the view of one period.</summary>
public static class IncentiveEntitlements
{
    /// <summary>The newest computed period, null before the first.</summary>
    public static EntitlementPeriod? NewestPeriod(IncentiveScheme scheme) =>
        EntitlementPeriod.TryParse(scheme.ComputedThrough, out var period) ? period : null;

    /// <summary>
    /// The quarter after the newest computed one (the adoption's quarter before the first), unless it has not ended by
    /// <paramref name="today"/>; null for a scheme not adopted.
    /// </summary>
    public static EntitlementPeriod? NextPeriod(IncentiveScheme scheme, DateOnly today)
    {
        if (scheme.AdoptedFrom is not { } from)
        {
            return null;
        }

        var newest = NewestPeriod(scheme);
        var adopted = new EntitlementPeriod(from.Year, ((from.Month - 1) / 3) + 1);
        var next = newest is { } n ? (n.Quarter == 4 ? new EntitlementPeriod(n.Year + 1, 1) : n with { Quarter = n.Quarter + 1 }) : adopted;
        // A re-adoption from a later day skips the quarters before it.
        next = next.End < from ? adopted : next;
        return next.End < today ? next : null;
    }

    /// <summary>
    /// Adds the period's entitlements of an adopted (tracked) scheme to the context and marks the period computed (the caller saves): the adopted revision paid on the year's
    /// counted contracts signed from the adoption (or 1 January) to the period's end, caps included, less what earlier periods of
    /// the year granted; only positive amounts. Answers what the scheme pays for the year to date.
    /// </summary>
    public static async Task<decimal> ComputeAsync(AppDbContext db, IncentiveScheme scheme, EntitlementPeriod period, CancellationToken ct)
    {
        var (revision, from) = (scheme.AdoptedRevision!.Value, scheme.AdoptedFrom!.Value);
        var rules = (await IncentiveViews.RevisionAsync(db, scheme.Id, revision, ct)).Value!.Rules;
        var start = from > new DateOnly(period.Year, 1, 1) ? from : new DateOnly(period.Year, 1, 1);
        var groups = await IncentiveContracts.GroupsAsync(db, rules, period.Year, ct, (start, period.End));
        var payment = IncentiveCalculator.Pay(rules, groups, g => g.IsLocal || !rules.LocalBuyersOnly ? 1m : 0m);
        var contracts = groups.Where(g => g.IsLocal || !rules.LocalBuyersOnly).GroupBy(g => g.Beneficiary).ToDictionary(b => b.Key, b => b.Sum(g => g.Count));
        // Rejected sums count as granted: a rejection is final, the next quarter does not offer the same amount again.
        var granted = await db.IncentiveEntitlements.AsNoTracking()
            .Where(e => e.SchemeId == scheme.Id && e.Year == period.Year && e.Quarter < period.Quarter)
            .GroupBy(e => e.BeneficiaryId).Select(g => new { g.Key, Sum = g.Sum(e => e.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Sum, ct);
        var label = period.ToString();
        scheme.ComputedThrough = label;
        foreach (var (beneficiary, _, paid) in payment.Beneficiaries)
        {
            var amount = Math.Max(0, paid - granted.GetValueOrDefault(beneficiary));
            if (amount > 0)
            {
                db.IncentiveEntitlements.Add(new IncentiveEntitlement
                {
                    SchemeId = scheme.Id, Revision = revision, Period = label, Year = period.Year, Quarter = period.Quarter,
                    BeneficiaryKind = rules.Beneficiary, BeneficiaryId = beneficiary, ContractsToDate = contracts.GetValueOrDefault(beneficiary),
                    EarnedToDate = paid, Amount = amount, State = EntitlementState.Pending,
                });
            }
        }

        return payment.Paid;
    }

    public static async Task<EntitlementsView> ViewAsync(AppDbContext db, IncentiveScheme scheme, string? period, DateOnly today, CancellationToken ct)
    {
        var rows = db.IncentiveEntitlements.AsNoTracking().Where(e => e.SchemeId == scheme.Id);
        var periods = await rows.GroupBy(e => new { e.Period, e.Year, e.Quarter, e.Revision })
            .Select(g => new
            {
                g.Key.Period, g.Key.Year, g.Key.Quarter, g.Key.Revision, Count = g.Count(),
                Pending = g.Sum(e => e.State == EntitlementState.Pending ? e.Amount : 0m),
                Approved = g.Sum(e => e.State == EntitlementState.Approved ? e.Amount : 0m),
                Rejected = g.Sum(e => e.State == EntitlementState.Rejected ? e.Amount : 0m),
            })
            .ToListAsync(ct);
        var summaries = periods.OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter)
            .Select(p => new EntitlementPeriodSummary(p.Period, p.Revision, p.Count, p.Pending + p.Approved + p.Rejected, p.Pending, p.Approved, p.Rejected)).ToList();
        var shown = period is not null && summaries.Any(s => s.Period == period) ? period : summaries.FirstOrDefault()?.Period;
        var entitlements = shown is null ? [] : await rows.Where(e => e.Period == shown).OrderByDescending(e => e.Amount).ThenBy(e => e.BeneficiaryId).ToListAsync(ct);
        return new EntitlementsView(scheme.Id, scheme.Name, scheme.AdoptedRevision, scheme.AdoptedFrom, scheme.ComputedThrough, NextPeriod(scheme, today)?.ToString(), summaries, shown,
            await RowsAsync(db, entitlements, ct));
    }

    /// <summary>Entitlements with their beneficiaries' names (a period's rows share one kind of beneficiary: one revision computed them).</summary>
    public static async Task<List<EntitlementView>> RowsAsync(AppDbContext db, IReadOnlyList<IncentiveEntitlement> entitlements, CancellationToken ct)
    {
        if (entitlements.Count == 0)
        {
            return [];
        }

        var names = await IncentiveSimulator.NamesAsync(db, entitlements[0].BeneficiaryKind, [.. entitlements.Select(e => e.BeneficiaryId)], ct);
        return [.. entitlements.Select(e => new EntitlementView(e.Id, e.Period, e.Revision, e.BeneficiaryKind, e.BeneficiaryId,
            names.GetValueOrDefault(e.BeneficiaryId).Zh ?? "", names.GetValueOrDefault(e.BeneficiaryId).En ?? "",
            e.ContractsToDate, e.EarnedToDate, e.Amount, e.State, e.Reason, e.DecidedAt, e.Version))];
    }
}

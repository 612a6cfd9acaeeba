using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>
/// The counted contracts of one beneficiary, field, amount band and locality, summed in the database: count, total amount,
/// basis (whole fen) and, per tier, the part of each contract's basis inside the tier (whole fen).
/// </summary>
public sealed record ContractGroup(Guid Beneficiary, TechnicalField Field, int Band, bool IsLocal, int Count, long AmountFen, long BasisFen, long[] TierFen);

/// <summary>What one run of the rules pays: per beneficiary before and after the caps, and each group's share of the payment.</summary>
public sealed record Payment(
    IReadOnlyList<(Guid Beneficiary, decimal Uncapped, decimal Paid)> Beneficiaries,
    IReadOnlyList<(ContractGroup Group, decimal Paid)> Groups,
    decimal Uncapped,
    decimal Paid,
    bool CappedInTotal);

/// <summary>
/// The payment rule of docs/programmes.md, in memory over the database's groups (a few thousand rows at most), in decimals:
/// each beneficiary's entitlement is the sum of its contracts' amounts rounded to the fen (half away from zero), then
/// the cap per beneficiary; when the sum exceeds the total cap, the cap is shared pro rata (<see cref="Apportion"/>).
/// </summary>
public static class IncentiveCalculator
{
    /// <summary>The groups' amount before caps: percentage of the basis, fixed per contract, or marginal tiers.</summary>
    public static decimal Earned(IncentiveRules rules, ContractGroup g) => rules.Mode switch
    {
        IncentiveAmountMode.Percentage => (rules.RatePct ?? 0) / 100m * g.BasisFen / 100m,
        IncentiveAmountMode.FixedPerContract => (rules.FixedAmount ?? 0) * g.Count,
        _ => (rules.Tiers ?? []).Select((t, i) => t.RatePct / 100m * g.TierFen[i] / 100m).Sum(),
    };

    /// <param name="weight">How much of each group counts: 1 or 0 by the rules, a share for the scenario's switched contracts.</param>
    public static Payment Pay(IncentiveRules rules, IReadOnlyList<ContractGroup> groups, Func<ContractGroup, decimal> weight)
    {
        var earned = groups.Select(g => (Group: g, Amount: Earned(rules, g) * weight(g))).Where(x => x.Amount > 0).ToList();
        var perBeneficiary = earned.GroupBy(x => x.Group.Beneficiary)
            .Select(b =>
            {
                var uncapped = Math.Round(b.Sum(x => x.Amount), 2, MidpointRounding.AwayFromZero);
                return (Beneficiary: b.Key, Uncapped: uncapped, Capped: rules.CapPerBeneficiary is { } cap ? Math.Min(uncapped, cap) : uncapped);
            })
            .OrderBy(b => b.Beneficiary)
            .ToList();

        var capped = perBeneficiary.Sum(b => b.Capped);
        var overTotal = rules.TotalCap is { } total && capped > total;
        var paid = overTotal
            ? Apportion(rules.TotalCap!.Value, perBeneficiary.Select(b => b.Capped).ToList())
            : perBeneficiary.Select(b => b.Capped).ToList();

        var beneficiaries = perBeneficiary.Select((b, i) => (b.Beneficiary, b.Uncapped, Paid: paid[i])).ToList();
        var paidBy = beneficiaries.ToDictionary(b => b.Beneficiary, b => b.Paid);
        var groupShares = new List<(ContractGroup, decimal)>();
        foreach (var b in earned.GroupBy(x => x.Group.Beneficiary))
        {
            var own = b.ToList();
            var shares = Apportion(paidBy[b.Key], own.Select(x => x.Amount).ToList());
            groupShares.AddRange(own.Select((x, i) => (x.Group, shares[i])));
        }

        return new Payment(beneficiaries, groupShares, perBeneficiary.Sum(b => b.Uncapped), paid.Sum(), overTotal);
    }

    /// <summary>
    /// Shares <paramref name="total"/> (whole fen) in proportion to <paramref name="weights"/>: each share is rounded down to the
    /// fen, and the fen left over go to the largest weight (the first of equal ones), so the shares add up to the total exactly.
    /// </summary>
    public static List<decimal> Apportion(decimal total, IReadOnlyList<decimal> weights)
    {
        var sum = weights.Sum();
        if (weights.Count == 0 || sum <= 0)
        {
            return [.. weights.Select(_ => 0m)];
        }

        var totalFen = decimal.Round(total * 100m);
        var shares = weights.Select(w => decimal.Floor(totalFen * w / sum)).ToList();
        var largest = 0;
        for (var i = 1; i < weights.Count; i++)
        {
            if (weights[i] > weights[largest])
            {
                largest = i;
            }
        }

        shares[largest] += totalFen - shares.Sum();
        return [.. shares.Select(s => s / 100m)];
    }
}

using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>
/// A year's contracts that a scheme's rules count, summed per beneficiary, field, amount band and locality. The database
/// filters (year, seller kind, categories, fields, first-time buyers) and streams five columns of each counted contract;
/// the sums are taken here, in whole fen. Measured against the grouped statement this replaced (docs/performance.md,
/// Incentive simulation): the statement's sort and numeric casts cost more than reading the rows. Locality is a group key,
/// not a filter, so the same groups answer the scheme (local ones only when it asks) and the scenario (non-local ones switched).
/// </summary>
public static class IncentiveContracts
{
    /// <summary>Upper ends (exclusive, yuan) of the distribution's amount bands 0-2; band 3 is the rest.</summary>
    public static readonly decimal[] BandLimits = [100_000m, 1_000_000m, 10_000_000m];

    /// <summary>A counted contract as the database sends it: the beneficiary's id and the two amounts in yuan.</summary>
    private sealed record Row(Guid Beneficiary, TechnicalField Field, bool IsLocal, decimal Amount, decimal Basis);

    private sealed class Sums(int tiers)
    {
        public int Count;
        public long Amount;
        public long Basis;
        public readonly long[] Tiers = new long[tiers];
    }

    /// <param name="signed">Entitlements count only the contracts of the year signed in this range (inclusive); a simulation all.</param>
    public static async Task<List<ContractGroup>> GroupsAsync(
        AppDbContext db, IncentiveRules rules, int year, CancellationToken ct, (DateOnly From, DateOnly Through)? signed = null)
    {
        // Who may be paid and which contracts count: the indicators' sold-by-an-institution rule, duplicates left out.
        var contracts = db.CountedContracts.Where(c => c.Year == year && c.SellerOrganisation!.Kind == OrganisationKind.Institution);
        if (signed is var (from, through))
        {
            contracts = contracts.Where(c => c.SignedOn >= from && c.SignedOn <= through);
        }

        if (rules.Categories is { Count: > 0 } categories)
        {
            contracts = CategoryFilter.From(string.Join(",", categories), []).Apply(contracts);
        }

        if (rules.Fields is { Count: > 0 } fields)
        {
            var list = fields.Distinct().ToList();
            contracts = contracts.Where(c => list.Contains(c.Field));
        }

        if (rules.FirstTimeBuyersOnly)
        {
            contracts = contracts.Where(c => !db.CountedContracts.Any(o => o.BuyerOrganisationId == c.BuyerOrganisationId && o.Year < year));
        }

        if (rules.Beneficiary == IncentiveBeneficiary.TechnologyManager)
        {
            contracts = contracts.Where(c => c.BrokerUserId != null);
        }

        // Tier bounds in fen (an open tier ends beyond any amount); amount bounds and bands compared in fen as the sums are.
        var tiers = (rules.Mode == IncentiveAmountMode.Tiered ? rules.Tiers ?? [] : [])
            .Select(t => (From: Fen(t.FromAmount), To: t.ToAmount is { } to ? Fen(to) : long.MaxValue / 2)).ToArray();
        var (min, max) = (rules.MinAmount is { } lo ? Fen(lo) : long.MinValue, rules.MaxAmount is { } hi ? Fen(hi) : long.MaxValue);
        var bands = BandLimits.Select(Fen).ToArray();

        var sums = new Dictionary<(Guid, TechnicalField, int, bool), Sums>();
        await foreach (var row in Project(contracts, rules).AsAsyncEnumerable().WithCancellation(ct))
        {
            var amount = Fen(row.Amount);
            if (amount < min || amount > max)
            {
                continue;
            }

            var band = amount < bands[0] ? 0 : amount < bands[1] ? 1 : amount < bands[2] ? 2 : 3;
            var key = (row.Beneficiary, row.Field, band, row.IsLocal);
            if (!sums.TryGetValue(key, out var s))
            {
                sums.Add(key, s = new Sums(IncentiveRulesValidator.MaxTiers));
            }

            var basis = Fen(row.Basis);
            s.Count++;
            s.Amount += amount;
            s.Basis += basis;
            for (var i = 0; i < tiers.Length; i++)
            {
                var (f, t) = tiers[i];
                s.Tiers[i] += basis >= t ? t - f : basis > f ? basis - f : 0;
            }
        }

        return [.. sums.Select(x => new ContractGroup(x.Key.Item1, x.Key.Item2, x.Key.Item3, x.Key.Item4, x.Value.Count, x.Value.Amount, x.Value.Basis, x.Value.Tiers))];
    }

    public static long Fen(decimal yuan) => (long)decimal.Round(yuan * 100m, MidpointRounding.AwayFromZero);

    /// <summary>The five columns the sums need; the beneficiary's column and the basis chosen by the rules, not per row.</summary>
    private static IQueryable<Row> Project(IQueryable<TechnologyContract> contracts, IncentiveRules rules)
    {
        var income = rules.Basis == IncentiveBasis.TechnologyIncome;
        return (rules.Beneficiary, income) switch
        {
            (IncentiveBeneficiary.LocalBuyer, true) => contracts.Select(c => new Row(c.BuyerOrganisationId, c.Field, c.IsLocal, c.TotalAmount, c.TechnologyIncome)),
            (IncentiveBeneficiary.LocalBuyer, false) => contracts.Select(c => new Row(c.BuyerOrganisationId, c.Field, c.IsLocal, c.TotalAmount, c.TotalAmount)),
            (IncentiveBeneficiary.TechnologyManager, true) => contracts.Select(c => new Row(c.BrokerUserId!.Value, c.Field, c.IsLocal, c.TotalAmount, c.TechnologyIncome)),
            (IncentiveBeneficiary.TechnologyManager, false) => contracts.Select(c => new Row(c.BrokerUserId!.Value, c.Field, c.IsLocal, c.TotalAmount, c.TotalAmount)),
            (_, true) => contracts.Select(c => new Row(c.SellerOrganisationId, c.Field, c.IsLocal, c.TotalAmount, c.TechnologyIncome)),
            _ => contracts.Select(c => new Row(c.SellerOrganisationId, c.Field, c.IsLocal, c.TotalAmount, c.TotalAmount)),
        };
    }
}

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>
/// A year's contracts that a scheme's rules count, summed per beneficiary, field, amount band and locality in one
/// statement: the simulation never loads a contract (docs/performance.md). Locality is a group key, not a filter, so
/// the same groups answer the scheme (local ones only when it asks) and the scenario (non-local ones switched).
/// </summary>
public static class IncentiveContracts
{
    /// <summary>Upper ends (exclusive, yuan) of the distribution's amount bands 0-2; band 3 is the rest.</summary>
    public static readonly decimal[] BandLimits = [100_000m, 1_000_000m, 10_000_000m];

    /// <summary>A contract reduced to what the simulation sums, amounts in whole fen.</summary>
    private sealed class Row
    {
        public Guid Beneficiary { get; init; }
        public TechnicalField Field { get; init; }
        public bool IsLocal { get; init; }
        public long Amount { get; init; }
        public long Basis { get; init; }
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

        var rows = contracts.Select(Project(rules, db.Database.IsSqlite()));
        if (rules.MinAmount is { } min)
        {
            var fen = Fen(min);
            rows = rows.Where(r => r.Amount >= fen);
        }

        if (rules.MaxAmount is { } max)
        {
            var fen = Fen(max);
            rows = rows.Where(r => r.Amount <= fen);
        }

        // Tier bounds in fen; unused tiers are empty (from = to), an open tier ends beyond any amount.
        var tiers = (rules.Mode == IncentiveAmountMode.Tiered ? rules.Tiers ?? [] : [])
            .Select(t => (From: Fen(t.FromAmount), To: t.ToAmount is { } to ? Fen(to) : long.MaxValue / 2))
            .Concat(Enumerable.Repeat((From: 0L, To: 0L), IncentiveRulesValidator.MaxTiers))
            .Take(IncentiveRulesValidator.MaxTiers).ToArray();
        var (f0, t0, f1, t1, f2, t2) = (tiers[0].From, tiers[0].To, tiers[1].From, tiers[1].To, tiers[2].From, tiers[2].To);
        var (f3, t3, f4, t4) = (tiers[3].From, tiers[3].To, tiers[4].From, tiers[4].To);
        var (b0, b1, b2) = (Fen(BandLimits[0]), Fen(BandLimits[1]), Fen(BandLimits[2]));

        // Only what the scheme pays on is summed: the tier sums of a tiered scheme, the basis when it is not the total.
        var tiered = rules.Mode == IncentiveAmountMode.Tiered;
        var separateBasis = rules.Basis != IncentiveBasis.TotalAmount;
        var groups = await rows
            .Select(r => new { r.Beneficiary, r.Field, r.IsLocal, r.Amount, r.Basis, Band = r.Amount < b0 ? 0 : r.Amount < b1 ? 1 : r.Amount < b2 ? 2 : 3 })
            .GroupBy(r => new { r.Beneficiary, r.Field, r.Band, r.IsLocal })
            .Select(g => new
            {
                g.Key.Beneficiary,
                g.Key.Field,
                g.Key.Band,
                g.Key.IsLocal,
                Count = g.Count(),
                Amount = g.Sum(r => r.Amount),
                Basis = separateBasis ? g.Sum(r => r.Basis) : 0L,
                T0 = tiered ? g.Sum(r => r.Basis >= t0 ? t0 - f0 : r.Basis > f0 ? r.Basis - f0 : 0L) : 0L,
                T1 = tiered ? g.Sum(r => r.Basis >= t1 ? t1 - f1 : r.Basis > f1 ? r.Basis - f1 : 0L) : 0L,
                T2 = tiered ? g.Sum(r => r.Basis >= t2 ? t2 - f2 : r.Basis > f2 ? r.Basis - f2 : 0L) : 0L,
                T3 = tiered ? g.Sum(r => r.Basis >= t3 ? t3 - f3 : r.Basis > f3 ? r.Basis - f3 : 0L) : 0L,
                T4 = tiered ? g.Sum(r => r.Basis >= t4 ? t4 - f4 : r.Basis > f4 ? r.Basis - f4 : 0L) : 0L,
            })
            .ToListAsync(ct);
        return [.. groups.Select(g => new ContractGroup(g.Beneficiary, g.Field, g.Band, g.IsLocal, g.Count, g.Amount, separateBasis ? g.Basis : g.Amount, [g.T0, g.T1, g.T2, g.T3, g.T4]))];
    }

    public static long Fen(decimal yuan) => (long)decimal.Round(yuan * 100m, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The beneficiary's id and the amounts in whole fen. SQLite has no decimal type (EF would sum with a managed function per
    /// row) and truncates a cast, hence the half added to the double; PostgreSQL rounds a cast of its exact numeric.
    /// </summary>
    private static Expression<Func<TechnologyContract, Row>> Project(IncentiveRules rules, bool sqlite)
    {
        var buyer = rules.Beneficiary == IncentiveBeneficiary.LocalBuyer;
        var broker = rules.Beneficiary == IncentiveBeneficiary.TechnologyManager;
        var income = rules.Basis == IncentiveBasis.TechnologyIncome;
        return sqlite
            ? c => new Row
            {
                Beneficiary = buyer ? c.BuyerOrganisationId : broker ? c.BrokerUserId!.Value : c.SellerOrganisationId,
                Field = c.Field,
                IsLocal = c.IsLocal,
                Amount = (long)((double)c.TotalAmount * 100 + 0.5),
                Basis = (long)((double)(income ? c.TechnologyIncome : c.TotalAmount) * 100 + 0.5),
            }
            : c => new Row
            {
                Beneficiary = buyer ? c.BuyerOrganisationId : broker ? c.BrokerUserId!.Value : c.SellerOrganisationId,
                Field = c.Field,
                IsLocal = c.IsLocal,
                Amount = (long)(c.TotalAmount * 100),
                Basis = (long)((income ? c.TechnologyIncome : c.TotalAmount) * 100),
            };
    }
}

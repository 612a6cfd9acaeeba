using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Incentives;

public sealed record BeneficiaryPayout(Guid Id, string NameZh, string NameEn, int Contracts, decimal Amount, decimal Uncapped, decimal Paid);

public sealed record FieldPayout(TechnicalField Field, int Contracts, decimal Amount, decimal Paid);

/// <summary>An amount band of the distribution: contracts whose total amount lies in [From, To) yuan (To null: no upper end).</summary>
public sealed record BandPayout(int Band, decimal From, decimal? To, int Contracts, decimal Amount, decimal Paid);

/// <summary>Local contracts and amount among a year's contracts (counts are fractional in a scenario: a share of contracts switched).</summary>
public sealed record LocalRate(decimal Contracts, decimal LocalContracts, decimal CountRatePct, decimal Amount, decimal LocalAmount, decimal AmountRatePct)
{
    public static LocalRate Of(decimal contracts, decimal local, decimal amount, decimal localAmount) =>
        new(contracts, local, IndicatorRules.Percent(local, contracts), amount, localAmount, IndicatorRules.Percent(localAmount, amount));
}

/// <summary>
/// The scenario, not a forecast: if <see cref="SwitchSharePct"/> % of the non-local contracts the scheme reaches had gone to
/// a local buyer, the year's local rate (<see cref="Assumed"/> against <see cref="Baseline"/>) and what the scheme would cost.
/// </summary>
public sealed record IncentiveScenario(decimal SwitchSharePct, LocalRate Baseline, LocalRate Assumed, decimal SwitchedContracts, decimal SwitchedAmount, decimal Cost, decimal ExtraCost);

/// <summary>A scheme revision run on a year's recorded contracts. Amounts in yuan; <see cref="TopBeneficiaries"/> the 100 paid most.</summary>
public sealed record IncentiveSimulation(
    Guid SchemeId, string Name, int Revision, int Year, IncentiveRules Rules,
    int Contracts, decimal Amount, decimal UncappedCost, decimal Cost, bool CappedInTotal, int Beneficiaries, int CappedBeneficiaries,
    IReadOnlyList<BeneficiaryPayout> TopBeneficiaries, IReadOnlyList<FieldPayout> ByField, IReadOnlyList<BandPayout> ByBand, IncentiveScenario? Scenario);

/// <summary>Runs a scheme revision: the database sums the contracts (<see cref="IncentiveContracts"/>), the calculator pays them.</summary>
public static class IncentiveSimulator
{
    public const int TopBeneficiaries = 100;

    /// <param name="cache">Null: computed afresh (entitlements, tests comparing both paths).</param>
    /// <param name="scopes">The scenario's baseline is read in a scope of its own, on another connection, while the contracts stream.</param>
    public static async Task<Result<IncentiveSimulation>> RunAsync(
        AppDbContext db, IServiceScopeFactory scopes, IndicatorOptions options, Guid schemeId, int? revision, int year, decimal? switchSharePct,
        CancellationToken ct, IncentiveSimulationCache? cache = null)
    {
        var found = await IncentiveViews.RevisionAsync(db, schemeId, revision, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (rules, name, number) = (found.Value!.Rules, found.Value.Name, found.Value.Number);
        IncentiveSimulation simulation;
        if (cache is null)
        {
            simulation = await ComputeAsync(db, scopes, options, schemeId, number, year, rules, switchSharePct, ct);
        }
        else
        {
            // The stamps are read before the contracts: a result is never older than the stamps it is kept under.
            var (yearStamp, allYears) = await ContractYearStamps.ReadAsync(db, year, ct);
            var key = new IncentiveSimulationCache.Key(schemeId, number, year, switchSharePct, yearStamp, allYears);
            simulation = cache.Find(key) ?? cache.Keep(key, await ComputeAsync(db, scopes, options, schemeId, number, year, rules, switchSharePct, ct));
        }

        return await NamedAsync(db, simulation, name, rules.Beneficiary, ct);
    }

    /// <summary>
    /// The newest revision's simulation from the cache, else null after starting its computation in the background (in a
    /// scope of its own, kept under the stamps read here: never older than them).
    /// </summary>
    public static async Task<Result<IncentiveSimulation?>> PeekAsync(AppDbContext db, IndicatorOptions options, IncentiveSimulationCache cache,
        IServiceScopeFactory scopes, Guid schemeId, int year, decimal? switchSharePct, CancellationToken ct)
    {
        var found = await IncentiveViews.RevisionAsync(db, schemeId, null, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (rules, name, number) = (found.Value!.Rules, found.Value.Name, found.Value.Number);
        var (yearStamp, allYears) = await ContractYearStamps.ReadAsync(db, year, ct);
        var key = new IncentiveSimulationCache.Key(schemeId, number, year, switchSharePct, yearStamp, allYears);
        if (cache.Find(key) is { } simulation)
        {
            return await NamedAsync(db, simulation, name, rules.Beneficiary, ct);
        }

        cache.Warm(key, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await ComputeAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scopes, options, schemeId, number, year, rules, switchSharePct, CancellationToken.None);
        });
        return (IncentiveSimulation?)null;
    }

    /// <summary>Names are read on every request: a rename changes no money and bumps no stamp.</summary>
    private static async Task<IncentiveSimulation> NamedAsync(AppDbContext db, IncentiveSimulation simulation, string name, IncentiveBeneficiary kind, CancellationToken ct)
    {
        var names = await NamesAsync(db, kind, simulation.TopBeneficiaries.Select(b => b.Id).ToList(), ct);
        return simulation with
        {
            Name = name,
            TopBeneficiaries = [.. simulation.TopBeneficiaries.Select(b => b with { NameZh = names.GetValueOrDefault(b.Id).Zh ?? "", NameEn = names.GetValueOrDefault(b.Id).En ?? "" })],
        };
    }

    private static async Task<IncentiveSimulation> ComputeAsync(AppDbContext db, IServiceScopeFactory scopes, IndicatorOptions options,
        Guid schemeId, int number, int year, IncentiveRules rules, decimal? switchSharePct, CancellationToken ct)
    {
        // The request's share, else the one the scheme states; neither: no scenario. Its baseline does not depend on the
        // scheme, so it is read at the same time as the contracts (a third of a cold run when read after them).
        var share = switchSharePct ?? rules.AssumedSwitchSharePct;
        var baseline = share is null ? null : BaselineAsync(scopes, options, year, ct);
        var reading = IncentiveContracts.GroupsAsync(db, rules, year, ct);
        await (baseline is null ? reading : Task.WhenAll(reading, baseline)); // both observed when one fails
        var groups = await reading;

        bool Counts(ContractGroup g) => g.IsLocal || !rules.LocalBuyersOnly;
        var payment = IncentiveCalculator.Pay(rules, groups, g => Counts(g) ? 1m : 0m);
        var counted = groups.Where(Counts).ToList();

        var perBeneficiary = counted.GroupBy(g => g.Beneficiary).ToDictionary(b => b.Key, b => (Count: b.Sum(g => g.Count), Fen: b.Sum(g => g.AmountFen)));
        var top = payment.Beneficiaries.OrderByDescending(b => b.Paid).ThenBy(b => b.Beneficiary).Take(TopBeneficiaries).ToList();
        var topRows = top.Select(b => new BeneficiaryPayout(b.Beneficiary, "", "",
            perBeneficiary[b.Beneficiary].Count, perBeneficiary[b.Beneficiary].Fen / 100m, b.Uncapped, b.Paid)).ToList();

        var paidByGroup = payment.Groups.ToDictionary(x => x.Group, x => x.Paid);
        var byField = counted.GroupBy(g => g.Field).OrderBy(f => f.Key)
            .Select(f => new FieldPayout(f.Key, f.Sum(g => g.Count), f.Sum(g => g.AmountFen) / 100m, f.Sum(g => paidByGroup.GetValueOrDefault(g)))).ToList();
        var byBand = counted.GroupBy(g => g.Band).OrderBy(b => b.Key)
            .Select(b => new BandPayout(b.Key, b.Key == 0 ? 0 : IncentiveContracts.BandLimits[b.Key - 1], b.Key < IncentiveContracts.BandLimits.Length ? IncentiveContracts.BandLimits[b.Key] : null,
                b.Sum(g => g.Count), b.Sum(g => g.AmountFen) / 100m, b.Sum(g => paidByGroup.GetValueOrDefault(g)))).ToList();

        var scenario = share is { } pct ? Scenario(rules, groups, payment.Paid, pct, await baseline!) : null;
        return new IncentiveSimulation(schemeId, "", number, year, rules, counted.Sum(g => g.Count), counted.Sum(g => g.AmountFen) / 100m,
            payment.Uncapped, payment.Paid, payment.CappedInTotal, payment.Beneficiaries.Count,
            payment.Beneficiaries.Count(b => rules.CapPerBeneficiary is { } cap && b.Uncapped > cap), topRows, byField, byBand, scenario);
    }

    /// <summary>
    /// The year's local rate is the localization indicator's (institutions' contracts in the default transformation categories);
    /// the switched contracts are the share of the non-local ones the scheme reaches, counted as local; a scheme for local
    /// buyers then pays them too, with the same caps.
    /// </summary>
    private static IncentiveScenario Scenario(IncentiveRules rules, List<ContractGroup> groups, decimal cost, decimal sharePct, LocalRate baseline)
    {
        var share = sharePct / 100m;
        var nonLocal = groups.Where(g => !g.IsLocal).ToList();
        var switched = share * nonLocal.Sum(g => g.Count);
        var switchedAmount = Math.Round(share * nonLocal.Sum(g => g.AmountFen) / 100m, 2, MidpointRounding.AwayFromZero);
        var assumed = LocalRate.Of(baseline.Contracts, baseline.LocalContracts + switched, baseline.Amount, baseline.LocalAmount + switchedAmount);
        var scenarioCost = rules.LocalBuyersOnly ? IncentiveCalculator.Pay(rules, groups, g => g.IsLocal ? 1m : share).Paid : cost;
        return new IncentiveScenario(sharePct, baseline, assumed, Math.Round(switched, 2, MidpointRounding.AwayFromZero), switchedAmount, scenarioCost, scenarioCost - cost);
    }

    private static async Task<LocalRate> BaselineAsync(IServiceScopeFactory scopes, IndicatorOptions options, int year, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var years = await IndicatorQueries.InstitutionYearsAsync(db, year, year, CategoryFilter.From(null, options.DefaultTransformationCategories), null, ct);
        return LocalRate.Of(years.Sum(y => y.Projects), years.Sum(y => y.LocalProjects), years.Sum(y => y.Amount), years.Sum(y => y.LocalAmount));
    }

    /// <summary>Beneficiaries' names: a manager's display name, else the organisation's (English falling back to Chinese).</summary>
    internal static async Task<Dictionary<Guid, (string? Zh, string? En)>> NamesAsync(AppDbContext db, IncentiveBeneficiary kind, List<Guid> ids, CancellationToken ct)
    {
        if (kind == IncentiveBeneficiary.TechnologyManager)
        {
            var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
            return users.ToDictionary(u => u.Id, u => ((string?)u.DisplayName, (string?)u.DisplayName));
        }

        var organisations = await IndicatorQueries.NamesAsync(db, ids, ct);
        return organisations.ToDictionary(o => o.Key, o => ((string?)o.Value.NameZh, (string?)(string.IsNullOrWhiteSpace(o.Value.NameEn) ? o.Value.NameZh : o.Value.NameEn)));
    }
}

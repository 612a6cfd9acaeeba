using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Incentives;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// The bureau's two demo incentive schemes (simulated on demand over the paper's 2023 contracts: the dashboard shows them) and
/// targets for the current year for every institution with 2023 contracts: its 2023 local figures (the paper's baseline) plus a tenth,
/// and its local rate plus five points.
/// </summary>
internal static class DemoIncentives
{
    public static void Add(AppDbContext db, DateTime now)
    {
        Scheme(db, "本地技术交易额 10% 补贴", "按卖方单位与本地买方所签合同的技术交易额的 10% 奖励单位；每家封顶 1,000 万元，总额封顶 5,000 万元。", new IncentiveRules(
            IncentiveBeneficiary.Institution, IncentiveAmountMode.Percentage, IncentiveBasis.TechnologyIncome, LocalBuyersOnly: true, FirstTimeBuyersOnly: false,
            RatePct: 10m, CapPerBeneficiary: 10_000_000m, TotalCap: 50_000_000m, AssumedSwitchSharePct: 10m));
        Scheme(db, "按合同分档奖励", "本地合同按技术交易额分档奖励成果完成团队：100 万元以内 5%，100–500 万元 3%，500 万元以上 1%。", new IncentiveRules(
            IncentiveBeneficiary.InventorTeam, IncentiveAmountMode.Tiered, IncentiveBasis.TechnologyIncome, LocalBuyersOnly: true, FirstTimeBuyersOnly: false,
            Tiers: [new(0m, 1_000_000m, 5m), new(1_000_000m, 5_000_000m, 3m), new(5_000_000m, null, 1m)], AssumedSwitchSharePct: 15m));

        var year = now.Year;
        var baseline = db.Contracts.Local.Where(c => c.Year == Features.Targets.TargetProgress.PaperBaselineYear && c.DuplicateOfContractId == null)
            .GroupBy(c => c.SellerOrganisationId)
            .Where(g => db.Organisations.Local.Any(o => o.Id == g.Key && o.Kind == OrganisationKind.Institution));
        foreach (var g in baseline)
        {
            var local = g.Where(c => c.IsLocal).ToList();
            var rate = g.Any() ? Math.Round(100m * local.Count / g.Count(), 1) : 0m;
            db.InstitutionTargets.Add(new InstitutionTarget
            {
                InstitutionId = g.Key, Year = year, LocalContracts = (int)Math.Ceiling(local.Count * 1.1m),
                LocalAmount = Math.Round(local.Sum(c => c.TotalAmount) * 1.1m, 0), LocalRatePct = Math.Min(100m, rate + 5m), CreatedAt = now, UpdatedAt = now,
            });
        }
    }

    /// <summary>
    /// The 10 % scheme adopted from 1 January 2023 and its four quarters of 2023 computed on the paper's contracts: the first two
    /// approved, one entitlement of the third rejected with a reason and the rest approved, the fourth pending (the bureau's queue).
    /// </summary>
    public static async Task AdoptAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        var scheme = db.IncentiveSchemes.Local.First(s => s.Name.StartsWith("本地技术交易额", StringComparison.Ordinal));
        (scheme.AdoptedRevision, scheme.AdoptedFrom, scheme.AdoptedAt) = (scheme.Revision, new DateOnly(2023, 1, 1), now);
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            await IncentiveEntitlements.ComputeAsync(db, scheme, new EntitlementPeriod(2023, quarter), ct);
            await db.SaveChangesAsync(ct);
            var rows = db.IncentiveEntitlements.Local.Where(e => e.Quarter == quarter).OrderByDescending(e => e.Amount).ToList();
            foreach (var (row, i) in rows.Select((r, i) => (r, i)).Where(_ => quarter < 4))
            {
                var rejected = quarter == 3 && i == rows.Count - 1;
                (row.State, row.DecidedAt) = (rejected ? EntitlementState.Rejected : EntitlementState.Approved, now);
                row.Reason = rejected ? "合同技术交易额待登记机构核实" : null;
            }
        }
    }

    private static void Scheme(AppDbContext db, string name, string description, IncentiveRules rules)
    {
        var scheme = new IncentiveScheme { Name = name, Description = description };
        db.IncentiveSchemes.Add(scheme);
        IncentiveViews.AddRevision(db, scheme, rules);
    }
}

using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// The demo's risk compensation: a funded scheme with the institution's claims on its two failed trials, the older one
/// approved (its amount committed from the pool) and the newer one waiting for the bureau, and a claim on a failed transfer
/// (the institution's latest local transfer contract) waiting too.
/// </summary>
internal static class DemoRiskPool
{
    public static async Task AddAsync(AppDbContext db, Guid institution, DateTime now, CancellationToken ct)
    {
        var failed = db.Trials.Local.Where(t => t.State == TrialState.Failed && t.SellerOrganisationId == institution).OrderBy(t => t.StartsOn).ToList();
        if (failed.Count < 2)
        {
            return;
        }

        var scheme = new RiskScheme
        {
            Name = "大连市科技成果转化风险补偿",
            Description = "对先使用后付费试用失败或技术转让失败的项目，按约定价格或合同金额的 30% 给予补偿，单笔不超过 30 万元。",
            Ratio = 0.3m, MaxAmount = 5_000_000m, CapPerCase = 300_000m, CapPerInstitution = 1_000_000m, CapPerYear = 3_000_000m,
        };
        db.RiskSchemes.Add(scheme);
        var (older, newer) = (failed[0], failed[1]);
        var approved = decimal.Floor(scheme.Ratio * older.AgreedPrice);
        db.RiskPools.Add(new RiskPool { SchemeId = scheme.Id, BudgetFen = 500_000_000, CommittedFen = (long)(approved * 100) });
        db.RiskClaims.Add(new RiskClaim
        {
            SchemeId = scheme.Id, TrialId = older.Id, OrganisationId = institution, AmountAsked = approved + 50_000m, State = RiskClaimState.Approved,
            AmountApproved = approved, DecisionNote = "按约定价格的 30% 核定。", DecidedAt = now.AddDays(-10), DecisionYear = now.AddDays(-10).Year,
            Evidence = "试用期满产线改造投入超出预算，企业终止试用；附改造费用审计报告与试用终止确认函。",
        });
        db.RiskClaims.Add(new RiskClaim
        {
            SchemeId = scheme.Id, TrialId = newer.Id, OrganisationId = institution, AmountAsked = 150_000m, State = RiskClaimState.Submitted,
            Evidence = "中试阶段集成成本过高，双方确认试用失败；附中试记录、费用明细与双方签字的终止协议。",
        });

        // Amounts are compared in memory: SQLite stores decimals as text.
        var transfers = await db.Contracts.AsNoTracking()
            .Where(c => c.SellerOrganisationId == institution && c.Category == ContractCategory.Transfer && c.IsLocal && c.DuplicateOfContractId == null)
            .OrderByDescending(c => c.SignedOn).ThenBy(c => c.Id).Select(c => new { c.Id, c.TotalAmount }).ToListAsync(ct);
        if (transfers.FirstOrDefault(c => c.TotalAmount >= 200_000m && c.TotalAmount <= scheme.MaxAmount) is { } transfer)
        {
            db.RiskClaims.Add(new RiskClaim
            {
                SchemeId = scheme.Id, ContractId = transfer.Id, ContractFailureCause = TrialFailureCause.TechnologyUnderperformed, OrganisationId = institution,
                AmountAsked = Math.Min(decimal.Floor(scheme.Ratio * transfer.TotalAmount), scheme.CapPerCase), State = RiskClaimState.Submitted,
                Evidence = "受让方按合同完成工艺导入后，连续三批产品关键指标未达合同约定，双方协商解除合同；附第三方检测报告与解除协议。",
            });
        }
    }
}

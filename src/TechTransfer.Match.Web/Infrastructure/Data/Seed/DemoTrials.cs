using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// The demo's use-before-transfer trials, one in each state (two failed): the journey's signed deal converted into its licence
/// contract, and three deals the parties closed as trials themselves (no manager, so the manager's board keeps its
/// one signed deal): running with milestones ahead, returned, and failed with a cause.
/// </summary>
internal static class DemoTrials
{
    public static async Task AddAsync(AppDbContext db, Guid institution, IReadOnlyList<Guid> firms, Deal? converted, DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        // The journey's contract may not be saved yet: the tracked one first, then the stored one.
        var contractId = converted is null ? null
            : db.Contracts.Local.FirstOrDefault(c => c.DealId == converted.Id)?.Id
                ?? await db.Contracts.Where(c => c.DealId == converted.Id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (converted is not null && contractId is not null)
        {
            var signedOn = DateOnly.FromDateTime(converted.SignedAt!.Value);
            db.Trials.Add(new Trial
            {
                DealId = converted.Id, AchievementId = converted.AchievementId, SellerOrganisationId = converted.SellerOrganisationId,
                BuyerOrganisationId = converted.BuyerOrganisationId, StartsOn = signedOn.AddMonths(-6), EndsOn = signedOn, PaymentMode = TrialPaymentMode.Instalments,
                AgreedPrice = 1_200_000m, PaymentTerms = "试用期满后分三期支付", State = TrialState.Converted, ContractId = contractId, ConcludedOn = signedOn,
                OutcomeNote = "试用期内产线良率提升，企业决定签订许可合同。",
            });
        }

        var used = db.Deals.Local.Select(d => d.AchievementId).ToHashSet();
        var achievements = db.Achievements.Local.Where(a => a.OrganisationId == institution && a.Status == ListingStatus.Published && !used.Contains(a.Id))
            .OrderBy(a => a.Title, StringComparer.Ordinal).Take(4).ToList();
        // Two failed trials: the risk pool's demo claims one each (DemoRiskPool).
        (TrialState State, int StartMonthsAgo, int Months)[] plans = [(TrialState.Running, 2, 6), (TrialState.Returned, 9, 6), (TrialState.Failed, 14, 6), (TrialState.Failed, 20, 6)];
        for (var i = 0; i < achievements.Count && firms.Count > 0; i++)
        {
            var a = achievements[i];
            var (state, ago, months) = plans[i];
            var starts = today.AddMonths(-ago);
            var signedAt = now.AddMonths(-ago);
            var deal = new Deal
            {
                Title = a.Title + " 先使用后付费", AchievementId = a.Id, SellerOrganisationId = institution, BuyerOrganisationId = firms[i % firms.Count],
                Stage = DealStage.Signed, ProposedAt = signedAt.AddDays(-20), FirstContactAt = signedAt.AddDays(-15), SignedAt = signedAt,
            };
            deal.Events.Add(new DealEvent { DealId = deal.Id, Kind = DealEventKind.Opened, ToStage = DealStage.Proposed, At = signedAt.AddDays(-20) });
            deal.Events.Add(new DealEvent { DealId = deal.Id, Kind = DealEventKind.StageChanged, FromStage = DealStage.Proposed, ToStage = DealStage.Signed, Note = "双方签署先使用后付费试用协议。", At = signedAt });
            db.Deals.Add(deal);
            var trial = new Trial
            {
                DealId = deal.Id, AchievementId = a.Id, SellerOrganisationId = institution, BuyerOrganisationId = deal.BuyerOrganisationId,
                StartsOn = starts, EndsOn = starts.AddMonths(months), PaymentMode = i == 0 ? TrialPaymentMode.Royalty : TrialPaymentMode.LumpSum,
                AgreedPrice = 500_000m + (i * 150_000m), PaymentTerms = i == 0 ? "按销售额 3% 提成，5 年" : null, State = state,
                ConcludedOn = state == TrialState.Running ? null : starts.AddMonths(months),
                FailureCause = state == TrialState.Failed ? TrialFailureCause.IntegrationCost : null,
                OutcomeNote = state switch
                {
                    TrialState.Returned => "企业调整产品路线，按约定退回技术资料。",
                    TrialState.Failed => "产线改造投入超出预算。",
                    _ => null,
                },
            };
            if (state == TrialState.Running)
            {
                trial.Milestones.Add(new TrialMilestone { TrialId = trial.Id, Title = "小批量试制", DueOn = today.AddMonths(-1), RemindedAt = now.AddMonths(-1).AddDays(-7) });
                trial.Milestones.Add(new TrialMilestone { TrialId = trial.Id, Title = "中试验收", DueOn = today.AddDays(5) });
                trial.Milestones.Add(new TrialMilestone { TrialId = trial.Id, Title = "量产评估", DueOn = today.AddMonths(3) });
            }

            db.Trials.Add(trial);
        }
    }
}

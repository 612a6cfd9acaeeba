using Mediator;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>
/// The bureau's programme decisions, told to whom they concern: an entitlement's beneficiary (the organisation's members,
/// or the manager), a risk claim's claimant. Delivered from the outbox after the decision commits.
/// </summary>
public sealed class ProgrammeNotifications(NotificationDispatcher dispatcher)
    : INotificationHandler<IncentiveEntitlementDecided>, INotificationHandler<RiskClaimDecided>
{
    public const string EntitlementsLink = "/workspace/targets", ClaimsLink = "/workspace/risk-claims";

    public async ValueTask Handle(IncentiveEntitlementDecided e, CancellationToken ct)
    {
        var data = new { e.EntitlementId, e.SchemeId, e.Period, e.Amount, e.Approved, e.Reason };
        if (e.BeneficiaryKind == IncentiveBeneficiary.TechnologyManager)
        {
            await dispatcher.ToUsersAsync([e.BeneficiaryId], NotificationKind.EntitlementDecided, data, EntitlementsLink, null, ct);
        }
        else
        {
            await dispatcher.ToOrganisationMembersAsync([e.BeneficiaryId], NotificationKind.EntitlementDecided, data, EntitlementsLink, null, ct);
        }
    }

    public async ValueTask Handle(RiskClaimDecided e, CancellationToken ct)
    {
        if (e.ClaimantUserId is { } claimant)
        {
            await dispatcher.ToUsersAsync([claimant], NotificationKind.RiskClaimDecided, new { e.ClaimId, e.TrialId, e.ContractId, e.Approved, e.Amount, reason = e.Note },
                ClaimsLink, null, ct);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// Who reads and writes technology contracts. They feed the bureau's tables, so writing is narrow:
/// <list type="bullet">
/// <item>read: the two parties, the broker, the bureau and administrators; nobody else learns a contract exists;</item>
/// <item>record from a signed deal: the verified manager assigned to it and the bureau; a party proposes it and
/// the other party's confirmation records it (ProposeContract, ConfirmContract);</item>
/// <item>record without a deal, import, export, quality: the bureau (administrators import and export too);</item>
/// <item>revise: the registration number and date the bureau, administrators and the parties' members; the amounts
/// the bureau and administrators only (ReviseContract).</item>
/// </list>
/// </summary>
public static class ContractAccess
{
    /// <summary>The bureau and administrators read every contract, amounts included.</summary>
    public static bool ReadsAll(CurrentUser current) => current.OverseesRecords;

    /// <summary>The two parties, the broker, the bureau and administrators; nobody else even learns the contract exists.</summary>
    public static async ValueTask<bool> MaySeeAsync(TechnologyContract contract, CurrentUser current, CancellationToken ct)
    {
        if (ReadsAll(current) || (contract.BrokerUserId is { } broker && broker == current.Id))
        {
            return true;
        }

        var mine = await current.OrganisationIdAsync(ct);
        return mine is { } org && (org == contract.SellerOrganisationId || org == contract.BuyerOrganisationId);
    }

    /// <summary>
    /// Changes a recorded contract: the bureau and administrators anything revisable; the parties' members its
    /// registration (they learn it from the registry), never its amounts, which feed the bureau's tables.
    /// </summary>
    public static async ValueTask<bool> MayReviseAsync(TechnologyContract contract, CurrentUser current, bool amounts, CancellationToken ct)
    {
        if (ReadsAll(current))
        {
            return true;
        }

        var mine = await current.OrganisationIdAsync(ct);
        return !amounts && mine is { } org && (org == contract.SellerOrganisationId || org == contract.BuyerOrganisationId);
    }

    /// <summary>Records a contract that came through no deal: the bureau only.</summary>
    public static bool MayRecordWithoutDeal(CurrentUser current) => current.IsInRole(Roles.BureauAnalyst);

    /// <summary>Records the contract of this deal directly: its assigned verified manager, or the bureau.</summary>
    public static bool MayRecordFromDeal(Deal deal, CurrentUser current) =>
        current.IsInRole(Roles.BureauAnalyst) || (current.IsVerifiedManager && deal.ManagerUserId == current.Id);

    /// <summary>A member of one of the deal's two organisations: proposes the contract, or confirms the other's proposal.</summary>
    public static async ValueTask<bool> IsPartyAsync(Deal deal, CurrentUser current, CancellationToken ct) =>
        await current.OrganisationIdAsync(ct) is { } org && (org == deal.SellerOrganisationId || org == deal.BuyerOrganisationId);

    public static async Task<ContractView> ViewAsync(AppDbContext db, TechnologyContract c, CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.Id == c.SellerOrganisationId || o.Id == c.BuyerOrganisationId).ToListAsync(ct);
        // The use-before-transfer trial this contract converted, if any: its page links back to it.
        var trialId = await db.Trials.AsNoTracking().Where(t => t.ContractId == c.Id).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        return ContractView.From(c, orgs.First(o => o.Id == c.SellerOrganisationId), orgs.First(o => o.Id == c.BuyerOrganisationId)) with { TrialId = trialId };
    }
}

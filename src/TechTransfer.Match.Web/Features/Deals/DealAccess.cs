using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Deals;

internal static class DealAccess
{
    public const string CertificationLapsed = "Your technology manager certification is not valid (expired or revoked): renew it to open and move deals.";

    /// <summary>
    /// Who works a deal: its manager while their certification is valid, administrators, and members of the two parties.
    /// </summary>
    public static async ValueTask<bool> MayWorkAsync(Deal deal, CurrentUser current, CancellationToken ct)
    {
        if (current.IsInRole(Roles.Administrator) || (IsManagerOf(deal, current) && current.IsVerifiedManager))
        {
            return true;
        }

        var mine = await current.OrganisationIdAsync(ct);
        return mine is { } org && (org == deal.SellerOrganisationId || org == deal.BuyerOrganisationId);
    }

    /// <summary>
    /// Who reads a deal: those who work it, the bureau, and its manager even with a lapsed certification (reading
    /// the history is not brokering; the refusal to act then names the certification).
    /// </summary>
    public static async ValueTask<bool> MaySeeAsync(Deal deal, CurrentUser current, CancellationToken ct) =>
        current.IsInRole(Roles.BureauAnalyst) || IsManagerOf(deal, current) || await MayWorkAsync(deal, current, ct);

    /// <summary>The 403 for a reader who may not work the deal: the lapsed certification when that is why, else <paramref name="message"/>.</summary>
    public static Error Refusal(Deal deal, CurrentUser current, string message) =>
        IsManagerOf(deal, current) && !current.IsVerifiedManager ? LapsedCertification() : Error.Forbidden(message);

    public static Error LapsedCertification() => new(ErrorKind.Forbidden, "certification_lapsed", CertificationLapsed);

    /// <summary>
    /// The deals not closed on a proposed pair: opened from its proposal, or naming both of its listings (a deal opened
    /// from an interest, or seeded, that did not go through the proposal).
    /// </summary>
    public static IQueryable<Deal> OpenOnPair(AppDbContext db, Guid proposalId, Guid achievementId, Guid needId) =>
        db.Deals.Where(d => d.OpenProposalId == proposalId || (d.OpenAchievementId == achievementId && d.OpenNeedId == needId));

    /// <summary>The deal open on a pair (the unique pair key allows one).</summary>
    public static IQueryable<Deal> OpenOnPair(AppDbContext db, Guid achievementId, Guid needId) =>
        db.Deals.Where(d => d.OpenAchievementId == achievementId && d.OpenNeedId == needId);

    /// <summary>A manager whose certification the bureau verified once but which has expired (so no broker powers today).</summary>
    public static Task<bool> HasLapsedCertificationAsync(AppDbContext db, Guid userId, DateOnly today, CancellationToken ct) =>
        db.TechnologyManagerProfiles.AnyAsync(p => p.UserId == userId && p.Verification == VerificationStatus.Verified && p.CertificationExpiresOn < today, ct);

    private static bool IsManagerOf(Deal deal, CurrentUser current) => deal.ManagerUserId is { } m && m == current.Id;

    /// <summary>Ids of the verified technology managers whose certification has not expired (active accounts).</summary>
    public static IQueryable<Guid> TechnologyManagerIds(AppDbContext db, DateOnly today) =>
        from p in db.TechnologyManagerProfiles
        join u in db.Users on p.UserId equals u.Id
        where p.Verification == VerificationStatus.Verified && (p.CertificationExpiresOn == null || p.CertificationExpiresOn >= today)
            && u.DeactivatedAt == null && u.ErasedAt == null
        select p.UserId;

    public static async Task<bool> IsTechnologyManagerAsync(AppDbContext db, Guid userId, DateOnly today, CancellationToken ct) =>
        await TechnologyManagerIds(db, today).AnyAsync(id => id == userId, ct);

    public static async Task<DealView> ViewAsync(AppDbContext db, Deal deal, CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == deal.SellerOrganisationId || o.Id == deal.BuyerOrganisationId)
            .Select(o => new DealOrganisation(o.Id, o.NameZh, o.RegionCode))
            .ToListAsync(ct);
        var events = await db.DealEvents.AsNoTracking().Where(e => e.DealId == deal.Id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new DealEventView(e.Id, e.Kind, e.FromStage, e.ToStage, e.Note, e.NextStepOn, e.ByUserId, e.At))
            .ToListAsync(ct);
        // The contract recorded from this deal, if any (a deal yields at most one).
        var contractId = await db.Contracts.AsNoTracking().Where(c => c.DealId == deal.Id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        return new DealView(
            deal.Id, deal.Title, deal.ProposalId, deal.InterestId, deal.AchievementId, deal.NeedId,
            orgs.First(o => o.Id == deal.SellerOrganisationId), orgs.First(o => o.Id == deal.BuyerOrganisationId),
            deal.ManagerUserId, deal.Stage, deal.CloseReason, deal.ProposedAt, deal.FirstContactAt, deal.SignedAt, deal.ClosedAt,
            deal.NextStep, deal.NextStepOn, events, deal.Version, contractId, deal.CallProposalId);
    }
}

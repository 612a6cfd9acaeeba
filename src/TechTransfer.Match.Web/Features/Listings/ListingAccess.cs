using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>Why a reader sees a listing's consent-gated fields.</summary>
public sealed record DisclosureBasis(string Reason, Guid? BasisId)
{
    public static readonly DisclosureBasis Owner = new("owner", null);

    /// <summary>Whether the disclosure goes into the owner's log (every reader outside the owning organisation).</summary>
    public bool IsRecorded => Reason != Owner.Reason;
}

/// <summary>
/// Who reads what of achievements and needs, in one place:
/// <list type="bullet">
/// <item>published listings: everyone, with the public fields;</item>
/// <item>drafts and archived listings: members of the owning organisation and administrators;</item>
/// <item>proposals of a listing: its organisation, administrators, the bureau and verified technology managers;</item>
/// <item>consent-gated fields of an "after consent" listing (owner, IP number, price, budget): its organisation;
/// an organisation whose interest about that listing the other side accepted; the verified manager assigned
/// to a deal on that listing; administrators. Every such disclosure outside the owning organisation is
/// recorded (who, what, when, why) and the owner reads the log.</item>
/// </list>
/// </summary>
public sealed class ListingAccess(AppDbContext db, CurrentUser current, TimeProvider clock)
{
    public async ValueTask<bool> IsOwnerAsync(Guid organisationId, CancellationToken ct) =>
        current.IsAuthenticated && await current.OrganisationIdAsync(ct) == organisationId;

    public async ValueTask<bool> MayReadUnpublishedAsync(Guid organisationId, CancellationToken ct) =>
        current.IsInRole(Roles.Administrator) || await IsOwnerAsync(organisationId, ct);

    public async ValueTask<bool> MaySeeProposalsAsync(Guid organisationId, CancellationToken ct) =>
        current.OverseesRecords || current.IsVerifiedManager || await IsOwnerAsync(organisationId, ct);

    /// <summary>The reason this reader may see the consent-gated fields of the listing, or null.</summary>
    public async ValueTask<DisclosureBasis?> ConfidentialBasisAsync(Listing listing, CancellationToken ct)
    {
        if (await IsOwnerAsync(listing.OrganisationId, ct))
        {
            return DisclosureBasis.Owner;
        }

        if (current.Id is not { } userId)
        {
            return null;
        }

        if (current.IsInRole(Roles.Administrator))
        {
            return new DisclosureBasis("administrator", null);
        }

        if (await current.OrganisationIdAsync(ct) is { } mine)
        {
            var owner = listing.OrganisationId;
            var interest = await db.Interests.AsNoTracking()
                .Where(i => i.Status == InterestStatus.Accepted && (i.AchievementId == listing.Id || i.NeedId == listing.Id)
                    && ((i.FromOrganisationId == mine && i.ToOrganisationId == owner) || (i.FromOrganisationId == owner && i.ToOrganisationId == mine)))
                .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
            if (interest is not null)
            {
                return new DisclosureBasis("consent", interest);
            }
        }

        if (current.IsVerifiedManager)
        {
            var deal = await db.Deals.AsNoTracking()
                .Where(d => d.ManagerUserId == userId && (d.AchievementId == listing.Id || d.NeedId == listing.Id))
                .Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
            if (deal is not null)
            {
                return new DisclosureBasis("deal_manager", deal);
            }
        }

        return null;
    }

    /// <summary>Writes the disclosure to the owner's log at once (reads run outside a command's transaction).</summary>
    public async Task RecordAsync(Listing listing, string fields, DisclosureBasis basis, CancellationToken ct)
    {
        db.Disclosures.Add(new Disclosure
        {
            At = clock.GetUtcNow().UtcDateTime,
            ListingId = listing.Id,
            IsAchievement = listing is Achievement,
            OwnerOrganisationId = listing.OrganisationId,
            ViewerUserId = current.Id!.Value,
            ViewerOrganisationId = await current.OrganisationIdAsync(ct),
            Fields = fields,
            Reason = basis.Reason,
            BasisId = basis.BasisId,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The reader's view of one listing: whether they see it at all (null: not found for them) and whether
    /// in full; a full view of a gated listing by anyone outside the owner is logged.
    /// </summary>
    public async ValueTask<bool?> ReadAsync(Listing listing, string gatedFields, CancellationToken ct)
    {
        if (listing.Status != ListingStatus.Published && !await MayReadUnpublishedAsync(listing.OrganisationId, ct))
        {
            return null;
        }

        if (listing.Visibility != Visibility.AfterConsent)
        {
            return true;
        }

        var basis = await ConfidentialBasisAsync(listing, ct);
        if (basis is { IsRecorded: true })
        {
            await RecordAsync(listing, gatedFields, basis, ct);
        }

        return basis is not null;
    }
}

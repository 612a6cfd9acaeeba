using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>A hint shown when publishing a record that lacks what buyers ask for. Publishing still succeeds.</summary>
public sealed record QualityWarning(string Code, string Field, string Message);

/// <summary>A field a record must fill before it goes public (the publish gate); the message is English source text.</summary>
public sealed record PublishGap(string Field, string Message);

/// <summary>Ownership and lifecycle rules shared by achievements and needs.</summary>
public static class ListingRules
{
    /// <summary>Members of the owning organisation edit; administrators may too.</summary>
    public static async ValueTask<Error?> CheckEditAsync(CurrentUser current, Listing listing, long clientVersion, AppDbContext db, CancellationToken ct)
    {
        if (!current.IsInRole(Roles.Administrator) && await current.OrganisationIdAsync(ct) != listing.OrganisationId)
        {
            // Another organisation's draft must not even be known to exist.
            return listing.Status == ListingStatus.Published
                ? Error.Forbidden("Only members of the owning organisation edit this record.")
                : Error.NotFound("Record");
        }

        return db.MatchesVersion(listing, clientVersion) ? null : Error.StaleVersion();
    }

    /// <summary>The acting member's organisation if it is of the kind that owns this sort of listing.</summary>
    public static async ValueTask<Result<Guid>> OwningOrganisationAsync(CurrentUser current, OrganisationKind requiredKind, string what, CancellationToken ct)
    {
        var (orgId, kind, _) = await current.OrganisationAsync(ct);
        if (orgId is null)
        {
            return Error.Forbidden(ValidationText.Format("Join or register an organisation before creating {0}.", what));
        }

        return kind == requiredKind
            ? orgId.Value
            : Error.Forbidden(ValidationText.Format("Only members of an organisation of kind {0} create {1}.", requiredKind, what));
    }

    /// <summary>
    /// The publish gate: a 400 naming every field a public record lacks. Drafts stay free; only publishing
    /// and editing a published record are refused.
    /// </summary>
    public static Error? Gate(IReadOnlyList<PublishGap> gaps) =>
        gaps.Count == 0
            ? null
            : new Error(ErrorKind.Invalid, "publish_gate", "The record lacks what a public record needs.",
                gaps.GroupBy(g => g.Field).ToDictionary(g => g.Key, g => g.Select(x => ValidationText.Localise(x.Message)).ToArray()));

    public static async ValueTask<Error?> PublishAsync(Listing listing, IReadOnlyList<PublishGap> gaps, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var organisation = await db.Organisations.FindAsync([listing.OrganisationId], ct);
        if (organisation is not { Verification: VerificationStatus.Verified })
        {
            return Error.Forbidden("The organisation is not verified yet; an administrator verifies it before its records are published.");
        }

        if (listing.Status == ListingStatus.Published)
        {
            return Error.Conflict("already_published", "The record is already published.");
        }

        if (Gate(gaps) is { } gap)
        {
            return gap;
        }

        listing.Status = ListingStatus.Published;
        listing.PublishedAt = clock.GetUtcNow().UtcDateTime;
        // Publishing again answers an administrator's removal; the reason stays in the audit log.
        listing.ModerationReason = null;
        listing.ModeratedAt = null;
        listing.Raise(new ListingPublished(listing.Id, listing is Achievement));
        return null;
    }

    public static Error? Archive(Listing listing)
    {
        if (listing.Status == ListingStatus.Archived)
        {
            return Error.Conflict("already_archived", "The record is already archived.");
        }

        listing.Status = ListingStatus.Archived;
        listing.Raise(new ListingWithdrawn(listing.Id, listing is Achievement));
        return null;
    }

    /// <summary>An administrator takes a published record out of the catalogue and matching, saying why.</summary>
    public static Error? Unpublish(Listing listing, string reason, DateTime now)
    {
        if (listing.Status != ListingStatus.Published)
        {
            return Error.Conflict("not_published", "Only a published record can be unpublished.");
        }

        listing.Status = ListingStatus.Archived;
        listing.ModerationReason = reason.Trim();
        listing.ModeratedAt = now;
        listing.Raise(new ListingWithdrawn(listing.Id, listing is Achievement));
        listing.Raise(new ListingUnpublished(listing.Id, listing is Achievement, listing.OrganisationId, listing.Title, listing.ModerationReason));
        return null;
    }

    public static Error? CheckDiscard(Listing listing) =>
        listing.Status == ListingStatus.Draft ? null : Error.Conflict("not_a_draft", "Only drafts are deleted; archive a published record instead.");
}

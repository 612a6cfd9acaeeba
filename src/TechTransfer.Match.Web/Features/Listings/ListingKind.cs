using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>
/// What sets achievements and needs apart, so that their lifecycle (draft, revise, publish, archive, discard,
/// read, search) is written once in <see cref="ListingLifecycle{TKind, TListing, TInput, TView}"/>: the
/// table, the organisation kind that owns them, how the input is applied, the view, the publish hints, the
/// consent-gated fields, the maturity column the catalogue sorts and filters by.
/// </summary>
public interface IListingKind<TListing, in TInput, out TView>
    where TListing : Listing
{
    /// <summary>"Achievement" or "Need": operation names, problem texts.</summary>
    static abstract string Noun { get; }

    /// <summary>"achievements" or "needs": routes and problem texts.</summary>
    static abstract string Plural { get; }

    static abstract OrganisationKind OwnerKind { get; }

    /// <summary>The fields hidden from outsiders on an "after consent" listing, as the disclosure log names them.</summary>
    static abstract string GatedFields { get; }

    static abstract DbSet<TListing> Set(AppDbContext db);

    static abstract TListing Create(Guid organisationId);

    static abstract void Apply(TListing listing, TInput input);

    static abstract TView View(TListing listing, Organisation? owner, bool full);

    static abstract IReadOnlyList<QualityWarning> QualityWarnings(TListing listing);

    /// <summary>What the listing lacks to go public (empty: it may be published).</summary>
    static abstract IReadOnlyList<PublishGap> PublishGaps(TListing listing);

    /// <summary>The TRL the catalogue filters and sorts by (an achievement's, a need's required one).</summary>
    static abstract Expression<Func<TListing, int?>> Maturity { get; }
}

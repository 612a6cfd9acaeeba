using Mediator;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>
/// When a listing is published, alerts the owners of saved searches it matches, once per record:
/// a unique (search, listing) hit is recorded first, so an edit or a republish does not alert again.
/// The match rule is the catalogue's: every text term occurs, and the filters hold.
/// </summary>
public sealed class SavedSearchAlerts(AppDbContext db, NotificationDispatcher dispatcher, TimeProvider clock) : INotificationHandler<ListingPublished>
{
    public async ValueTask Handle(ListingPublished e, CancellationToken ct)
    {
        var listing = e.IsAchievement
            ? await db.Achievements.AsNoTracking().Include(a => a.Organisation).FirstOrDefaultAsync(a => a.Id == e.ListingId && a.Status == ListingStatus.Published, ct)
            : (Listing?)await db.Needs.AsNoTracking().Include(n => n.Organisation).FirstOrDefaultAsync(n => n.Id == e.ListingId && n.Status == ListingStatus.Published, ct);
        if (listing is null)
        {
            return;
        }

        var searches = await db.SavedSearches.AsNoTracking()
            .Where(s => s.Achievements == e.IsAchievement && (s.Field == null || s.Field == listing.Field))
            .Where(s => !db.SavedSearchHits.Any(h => h.SavedSearchId == s.Id && h.ListingId == listing.Id))
            .ToListAsync(ct);
        var owners = await db.Users.AsNoTracking().Where(u => u.OrganisationId == listing.OrganisationId).Select(u => u.Id).ToListAsync(ct);
        var matched = searches.Where(s => !owners.Contains(s.UserId) && Matches(s, listing)).ToList();
        if (matched.Count == 0)
        {
            return;
        }

        // Delivered once through the outbox: a clash on the unique hit rolls the delivery back and it is retried.
        var now = clock.GetUtcNow().UtcDateTime;
        db.SavedSearchHits.AddRange(matched.Select(s => new SavedSearchHit { SavedSearchId = s.Id, ListingId = listing.Id, CreatedAt = now }));
        await db.SaveChangesAsync(ct);
        foreach (var search in matched)
        {
            var link = e.IsAchievement ? $"/achievements/{listing.Id}" : $"/needs/{listing.Id}";
            await dispatcher.ToUsersAsync([search.UserId], NotificationKind.SavedSearchMatched,
                new { SavedSearchId = search.Id, SearchName = search.Name, ListingId = listing.Id, listing.Title, e.IsAchievement }, link, null, ct);
        }
    }

    /// <summary>The catalogue's own rule (ListingSearch.Matches), interpreted on the one listing (compiling would cost more than it saves).</summary>
    private static bool Matches(SavedSearch search, Listing listing)
    {
        var filter = new ListingFilter(search.Field, search.Region, search.Text, search.TrlMin, null);
        return listing switch
        {
            Achievement a => ListingSearch.Matches(filter, Features.Achievements.AchievementKind.Maturity).Compile(preferInterpretation: true)(a),
            Need n => ListingSearch.Matches(filter, Features.Needs.NeedKind.Maturity).Compile(preferInterpretation: true)(n),
            _ => false,
        };
    }
}

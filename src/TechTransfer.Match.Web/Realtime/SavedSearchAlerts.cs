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
            ? await db.Achievements.AsNoTracking().Where(a => a.Id == e.ListingId && a.Status == ListingStatus.Published)
                .Select(a => new Candidate(a.Id, a.Title, a.SearchText, a.Field, a.Trl, a.Organisation!.RegionCode, a.OrganisationId)).FirstOrDefaultAsync(ct)
            : await db.Needs.AsNoTracking().Where(n => n.Id == e.ListingId && n.Status == ListingStatus.Published)
                .Select(n => new Candidate(n.Id, n.Title, n.SearchText, n.Field, n.RequiredTrl, n.Organisation!.RegionCode, n.OrganisationId)).FirstOrDefaultAsync(ct);
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

        var now = clock.GetUtcNow().UtcDateTime;
        db.SavedSearchHits.AddRange(matched.Select(s => new SavedSearchHit { SavedSearchId = s.Id, ListingId = listing.Id, CreatedAt = now }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node recorded the same hit first; it sends the alert.
            db.ChangeTracker.Clear();
            return;
        }

        foreach (var search in matched)
        {
            var link = e.IsAchievement ? $"/achievements/{listing.Id}" : $"/needs/{listing.Id}";
            await dispatcher.ToUsersAsync([search.UserId], NotificationKind.SavedSearchMatched,
                new { SavedSearchId = search.Id, SearchName = search.Name, ListingId = listing.Id, listing.Title, e.IsAchievement }, link, null, ct);
        }
    }

    private static bool Matches(SavedSearch search, Candidate listing)
    {
        if (search.TrlMin is { } min && (listing.Trl ?? 0) < min)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(search.Region) && !listing.RegionCode.StartsWith(RegionPrefix.Of(search.Region), StringComparison.Ordinal))
        {
            return false;
        }

        return ListingSearch.Terms(search.Text).All(t => listing.SearchText.Contains(t, StringComparison.Ordinal));
    }

    private sealed record Candidate(Guid Id, string Title, string SearchText, TechnicalField Field, int? Trl, string RegionCode, Guid OrganisationId);
}

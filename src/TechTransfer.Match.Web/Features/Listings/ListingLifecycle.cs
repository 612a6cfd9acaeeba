using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>
/// The lifecycle of a listing, written once for both kinds: each use case file (DraftListing.cs, ...) declares
/// the message of each kind and a one-line handler that calls in here.
/// </summary>
public static class ListingLifecycle<TKind, TListing, TInput, TView>
    where TKind : IListingKind<TListing, TInput, TView>
    where TListing : Listing
{
    private static Error NotFound => Error.NotFound(TKind.Noun);

    public static async Task<Result<TView>> DraftAsync(AppDbContext db, CurrentUser current, TInput input, CancellationToken ct)
    {
        var owner = await ListingRules.OwningOrganisationAsync(current, TKind.OwnerKind, TKind.Plural, ct);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var listing = TKind.Create(owner.Value);
        TKind.Apply(listing, input);
        TKind.Set(db).Add(listing);
        await db.SaveChangesAsync(ct);
        return TKind.View(listing, await db.Organisations.FindAsync([owner.Value], ct), full: true);
    }

    /// <summary>Edits a listing; a published one stays published and is matched again with its new text.</summary>
    public static async Task<Result<TView>> ReviseAsync(AppDbContext db, CurrentUser current, Guid id, TInput input, long version, CancellationToken ct) =>
        await ChangeAsync(db, current, id, version, listing =>
        {
            TKind.Apply(listing, input);
            if (listing.Status == ListingStatus.Published)
            {
                // A public record stays above the publish gate; the failed edit is rolled back with its transaction.
                if (ListingRules.Gate(TKind.PublishGaps(listing)) is { } gap)
                {
                    return Task.FromResult<Error?>(gap);
                }

                listing.Raise(new ListingPublished(listing.Id, listing is Achievement));
            }

            return Task.FromResult<Error?>(null);
        }, ct);

    /// <summary>Publishes a listing; answers it with the hints of what buyers or suppliers will miss.</summary>
    public static async Task<Result<TPublished>> PublishAsync<TPublished>(
        AppDbContext db, CurrentUser current, TimeProvider clock, Guid id, long version, Func<TView, IReadOnlyList<QualityWarning>, TPublished> answer, CancellationToken ct)
    {
        TListing? published = null;
        var view = await ChangeAsync(db, current, id, version, async listing =>
        {
            published = listing;
            return await ListingRules.PublishAsync(listing, TKind.PublishGaps(listing), db, clock, ct);
        }, ct);
        return view.IsSuccess ? answer(view.Value!, TKind.QualityWarnings(published!)) : view.Error!;
    }

    public static Task<Result<TView>> ArchiveAsync(AppDbContext db, CurrentUser current, Guid id, long version, CancellationToken ct) =>
        ChangeAsync(db, current, id, version, listing => Task.FromResult(ListingRules.Archive(listing)), ct);

    public static Task<Result<TView>> UnpublishAsync(AppDbContext db, CurrentUser current, Guid id, string reason, long version, DateTime now, CancellationToken ct) =>
        ChangeAsync(db, current, id, version, listing => Task.FromResult(ListingRules.Unpublish(listing, reason, now)), ct);

    /// <summary>Deletes a draft that was never published; published listings are archived, never deleted.</summary>
    public static async Task<Result<Done>> DiscardAsync(AppDbContext db, CurrentUser current, Guid id, long version, CancellationToken ct)
    {
        if (await TKind.Set(db).FindAsync([id], ct) is not { } listing)
        {
            return NotFound;
        }

        if ((await ListingRules.CheckEditAsync(current, listing, version, db, ct) ?? ListingRules.CheckDiscard(listing)) is { } error)
        {
            return error;
        }

        TKind.Set(db).Remove(listing);
        return Done.Value;
    }

    /// <summary>One listing as the reader may see it (ListingAccess): published ones to all, drafts to their organisation.</summary>
    public static async Task<Result<TView>> GetAsync(AppDbContext db, ListingAccess access, Guid id, CancellationToken ct)
    {
        var row = await TKind.Set(db).AsNoTracking().Include(l => l.Organisation).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (row is null || await access.ReadAsync(row, TKind.GatedFields, ct) is not { } full)
        {
            return NotFound;
        }

        return TKind.View(row, row.Organisation, full);
    }

    /// <summary>
    /// The catalogue (published listings) or the reader's organisation's own (<paramref name="mine"/>), filtered
    /// by the shared query and the kind's own <paramref name="filter"/>, sorted and paged.
    /// </summary>
    public static async Task<Result<ListingPage<TView>>> SearchAsync(
        AppDbContext db, CurrentUser current, ListingQuery q, bool mine, ListingStatus? status, Func<IQueryable<TListing>, IQueryable<TListing>> filter,
        Func<string, (IReadOnlyList<Guid> Ids, IReadOnlyList<string> Words)>? rank, CancellationToken ct)
    {
        IQueryable<TListing> listings = TKind.Set(db).AsNoTracking().Include(l => l.Organisation);
        var myOrganisation = await current.OrganisationIdAsync(ct);
        if (mine)
        {
            if (myOrganisation is null)
            {
                return Error.Forbidden("You do not belong to an organisation.");
            }

            listings = listings.Where(l => l.OrganisationId == myOrganisation);
            if (status is { } s)
            {
                listings = listings.Where(l => l.Status == s);
            }
        }
        else
        {
            listings = listings.Where(l => l.Status == ListingStatus.Published);
        }

        // The public catalogue searched by text is ranked by relevance unless the reader sorts otherwise. When the
        // engine knows none of the words (a code, a fragment), the all-words substring test below still finds them.
        var (ranked, words) = !mine && rank is not null && !string.IsNullOrWhiteSpace(q.Q) && q.Sort is null or "relevance"
            ? rank(q.Q)
            : ([], []);
        if (ranked.Count > 0)
        {
            var order = ranked.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            var filtered = filter(listings.Apply(q with { Q = null }, myOrganisation, TKind.Maturity));
            var rankedFound = await filtered.Where(l => ranked.Contains(l.Id)).Where(ListingSearch.ContainsAny<TListing>(words))
                .Select(l => l.Id).ToListAsync(ct);

            // Every listing holding all the words is still found, after the ranked ones and newest first: one
            // published a moment ago that the engine has not indexed yet, or one beyond the engine's top hits.
            var rest = await filter(listings.Apply(q, myOrganisation, TKind.Maturity))
                .Where(l => !ranked.Contains(l.Id))
                .OrderByDescending(l => l.PublishedAt ?? l.CreatedAt).ThenBy(l => l.Id)
                .Select(l => l.Id).ToListAsync(ct);
            var found = rankedFound.OrderBy(id => order[id]).Concat(rest).ToList();
            var position = found.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            var pageIds = found.Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToList();
            var rows = await listings.Where(l => pageIds.Contains(l.Id)).ToListAsync(ct);
            return new ListingPage<TView>(
                rows.OrderBy(l => position[l.Id]).Select(l => TKind.View(l, l.Organisation, l.OrganisationId == myOrganisation)).ToList(),
                q.Page, q.PageSize, found.Count, Ranked: true, words);
        }

        listings = filter(listings.Apply(q, myOrganisation, TKind.Maturity));

        listings = q.Sort switch
        {
            "oldest" => listings.OrderBy(l => l.PublishedAt).ThenBy(l => l.Id),
            "title" => listings.OrderBy(l => l.Title).ThenBy(l => l.Id),
            "maturity" => listings.OrderByDescending(TKind.Maturity).ThenBy(l => l.Id),
            _ => listings.OrderByDescending(l => l.PublishedAt ?? l.CreatedAt).ThenBy(l => l.Id),
        };
        var page = await listings.ToPageAsync(q.Page, q.PageSize, ct);

        // The catalogue shows consent-gated fields to the owning organisation only (ListingAccess).
        return new ListingPage<TView>(page.Items.Select(l => TKind.View(l, l.Organisation, l.OrganisationId == myOrganisation)).ToList(),
            page.Page, page.PageSize, page.Total, Ranked: false, ListingSearch.Terms(q.Q).ToList());
    }

    private static async Task<Result<TView>> ChangeAsync(AppDbContext db, CurrentUser current, Guid id, long version, Func<TListing, Task<Error?>> change, CancellationToken ct)
    {
        if (await TKind.Set(db).FindAsync([id], ct) is not { } listing)
        {
            return NotFound;
        }

        if ((await ListingRules.CheckEditAsync(current, listing, version, db, ct) ?? await change(listing)) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(ct);
        return TKind.View(listing, await db.Organisations.FindAsync([listing.OrganisationId], ct), full: true);
    }
}

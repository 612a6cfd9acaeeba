using FluentValidation;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>The owning organisation as shown on a listing; hidden until consent for "after consent" listings.</summary>
public sealed record ListingOwner(Guid Id, string NameZh, string NameEn, OrganisationKind Kind, string RegionCode, string RegionName);

public sealed record ListingQuery(
    string? Q, TechnicalField? Field, int? TrlMin, int? TrlMax, Guid? OrganisationId, string? Region, string? Sort, int Page = 1, int PageSize = 20);

public sealed class ListingQueryValidator : FluentValidation.AbstractValidator<ListingQuery>
{
    public static readonly string[] Sorts = ["newest", "oldest", "title", "maturity"];

    public ListingQueryValidator()
    {
        RuleFor(x => x.Q).MaximumLength(200);
        RuleFor(x => x.Field).IsInEnum();
        RuleFor(x => x.TrlMin).InclusiveBetween(1, 9);
        RuleFor(x => x.TrlMax).InclusiveBetween(1, 9);
        RuleFor(x => x.TrlMax).GreaterThanOrEqualTo(x => x.TrlMin).When(x => x.TrlMin is not null && x.TrlMax is not null);
        RuleFor(x => x.Region).Matches("^[0-9]{2,6}$").When(x => x.Region is not null).WithMessage("Region is a GB/T 2260 code or its prefix.");
        RuleFor(x => x.Sort).Must(s => s is null || Sorts.Contains(s)).WithMessage($"Sort is one of: {string.Join(", ", Sorts)}.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public static class ListingSearch
{
    /// <summary>
    /// Filters shared by the achievement and need catalogues; text terms must all occur. Filtering by owner or
    /// region would tell who owns an "after consent" listing, so those filters match only public listings
    /// and the reader's own organisation's.
    /// </summary>
    public static IQueryable<T> Apply<T>(this IQueryable<T> listings, ListingQuery q, Guid? readerOrganisation)
        where T : Listing
    {
        if (q.OrganisationId is not null || !string.IsNullOrWhiteSpace(q.Region))
        {
            listings = listings.Where(l => l.Visibility == Visibility.Public || l.OrganisationId == readerOrganisation);
        }

        if (q.Field is { } field)
        {
            listings = listings.Where(l => l.Field == field);
        }

        if (q.OrganisationId is { } orgId)
        {
            listings = listings.Where(l => l.OrganisationId == orgId);
        }

        if (!string.IsNullOrWhiteSpace(q.Region))
        {
            var prefix = RegionPrefix.Of(q.Region);
            listings = listings.Where(l => l.Organisation!.RegionCode.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            foreach (var term in Terms(q.Q))
            {
                listings = listings.Where(l => l.SearchText.Contains(term));
            }
        }

        return listings;
    }

    /// <summary>The lower-cased terms of a search text; a listing matches when every term occurs in it.</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.ToLowerInvariant().Split([' ', '\t', ',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries).Take(8).ToList();
}

using System.Linq.Expressions;
using FluentValidation;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>The owning organisation as shown on a listing; hidden until consent for "after consent" listings.</summary>
public sealed record ListingOwner(Guid Id, string NameZh, string NameEn, OrganisationKind Kind, string RegionCode, string RegionName)
{
    /// <summary>The owner a reader is shown: nobody when the listing hides it from them (or none was loaded).</summary>
    public static ListingOwner? Shown(Organisation? owner, bool hidden) =>
        hidden || owner is null ? null : new ListingOwner(owner.Id, owner.NameZh, owner.NameEn, owner.Kind, owner.RegionCode, owner.RegionName);
}

public sealed record ListingQuery(
    string? Q, TechnicalField? Field, int? TrlMin, int? TrlMax, Guid? OrganisationId, string? Region, string? Sort, int Page = 1, int PageSize = 20);

public sealed class ListingQueryValidator : FluentValidation.AbstractValidator<ListingQuery>
{
    public static readonly string[] Sorts = ["relevance", "newest", "oldest", "title", "maturity"];

    public ListingQueryValidator()
    {
        RuleFor(x => x.Q).MaximumLength(200);
        RuleFor(x => x.Field).IsInEnum();
        RuleFor(x => x.TrlMin).InclusiveBetween(1, 9);
        RuleFor(x => x.TrlMax).InclusiveBetween(1, 9);
        RuleFor(x => x.TrlMax).GreaterThanOrEqualTo(x => x.TrlMin).When(x => x.TrlMin is not null && x.TrlMax is not null);
        RuleFor(x => x.Region).Matches("^[0-9]{2,6}$").When(x => x.Region is not null).WithMessage("Region is a GB/T 2260 code or its prefix.");
        RuleFor(x => x.Sort).Must(s => s is null || Sorts.Contains(s)).WithMessage(_ => ValidationText.Format("Sort is one of: {0}.", string.Join(", ", Sorts)));
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

/// <summary>
/// A page of the catalogue. <paramref name="Ranked"/>: ordered by relevance to the search text (any word, best first);
/// <paramref name="Terms"/>: the search's words as they appear in text, for highlighting.
/// </summary>
public sealed record ListingPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool Ranked, IReadOnlyList<string> Terms);

/// <summary>What a search asks of a listing: the catalogue's filters, and the same for a saved search's alerts.</summary>
public sealed record ListingFilter(TechnicalField? Field, string? Region, string? Text, int? TrlMin, int? TrlMax);

public static class ListingSearch
{
    /// <summary>
    /// Whether a listing matches a search, defined once: the catalogue filters with it in the database and a saved
    /// search tests a newly published listing with it in memory. Every text term occurs in the search text, the
    /// field and the region (a GB/T 2260 prefix of the owner's) agree, the maturity lies in range.
    /// </summary>
    public static Expression<Func<T, bool>> Matches<T>(ListingFilter filter, Expression<Func<T, int?>> maturity)
        where T : Listing
    {
        var listing = maturity.Parameters[0];
        var conditions = new List<Expression<Func<T, bool>>>();
        if (filter.Field is { } field)
        {
            conditions.Add(l => l.Field == field);
        }

        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            var prefix = RegionPrefix.Of(filter.Region);
            conditions.Add(l => l.Organisation!.RegionCode.StartsWith(prefix));
        }

        foreach (var term in Terms(filter.Text))
        {
            conditions.Add(l => l.SearchText.Contains(term));
        }

        Expression body = Expression.Constant(true);
        foreach (var condition in conditions)
        {
            body = Expression.AndAlso(body, new Rebind(condition.Parameters[0], listing).Visit(condition.Body));
        }

        if (filter.TrlMin is { } min)
        {
            body = Expression.AndAlso(body, Expression.GreaterThanOrEqual(maturity.Body, Expression.Constant(min, typeof(int?))));
        }

        if (filter.TrlMax is { } max)
        {
            body = Expression.AndAlso(body, Expression.LessThanOrEqual(maturity.Body, Expression.Constant(max, typeof(int?))));
        }

        return Expression.Lambda<Func<T, bool>>(body, listing);
    }

    /// <summary>
    /// The catalogue's filters. Filtering by owner or region would tell who owns an "after consent" listing, so
    /// those filters match only public listings and the reader's own organisation's.
    /// </summary>
    public static IQueryable<T> Apply<T>(this IQueryable<T> listings, ListingQuery q, Guid? readerOrganisation, Expression<Func<T, int?>> maturity)
        where T : Listing
    {
        if (q.OrganisationId is not null || !string.IsNullOrWhiteSpace(q.Region))
        {
            listings = listings.Where(l => l.Visibility == Visibility.Public || l.OrganisationId == readerOrganisation);
        }

        if (q.OrganisationId is { } orgId)
        {
            listings = listings.Where(l => l.OrganisationId == orgId);
        }

        return listings.Where(Matches(new ListingFilter(q.Field, q.Region, q.Q, q.TrlMin, q.TrlMax), maturity));
    }

    /// <summary>The lower-cased terms of a search text; a listing matches when every term occurs in it.</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.ToLowerInvariant().Split([' ', '\t', ',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries).Take(8).ToList();

    /// <summary>
    /// A listing whose search text holds at least one of the words: the catalogue's ranked search keeps only these, so
    /// a result always shows a word of the search, never only a character pair the engine also weighs.
    /// </summary>
    public static Expression<Func<T, bool>> ContainsAny<T>(IReadOnlyList<string> words)
        where T : Listing
    {
        var listing = Expression.Parameter(typeof(T), "l");
        Expression body = Expression.Constant(false);
        foreach (var word in words.Select(w => w.ToLowerInvariant()).Distinct().Take(8))
        {
            Expression<Func<T, bool>> contains = l => l.SearchText.Contains(word);
            body = Expression.OrElse(body, new Rebind(contains.Parameters[0], listing).Visit(contains.Body));
        }

        return Expression.Lambda<Func<T, bool>>(body, listing);
    }

    /// <summary>Puts one listing parameter in place of another, to join conditions into one lambda.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

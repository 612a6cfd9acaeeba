using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>
/// Orders the catalogue by relevance with the matching engine's text search (words, word pairs and character
/// n-grams, so any word of the search finds a listing and listings with more and rarer words come first), instead of
/// a substring test that needs every word. The engine indexes published listings only; filters still run in the
/// database.
/// </summary>
public sealed class CatalogueRanking(MatchingIndex index)
{
    /// <summary>The listings of one kind in relevance order, best first, and the search's words for highlighting.</summary>
    public (IReadOnlyList<Guid> Ids, IReadOnlyList<string> Words) Rank(string text, ListingKind kind)
    {
        if (IsCode(text))
        {
            // A patent or registration number, a model code: the reader wants that exact string, not listings
            // sharing one of its pieces ("ZL2023" must not find every text with "2023").
            return ([], []);
        }

        // The best Matching:MaxTop (100) by text are filtered and paged: five pages, more than a reader pages through.
        var hits = index.Engine.Search(text, kind, index.Options.MaxTop);
        var words = index.Engine.SearchWords(text);
        if (hits.Count == 0 || words.Count == 0)
        {
            // Nothing the engine knows (a code, a single character): the all-words substring test answers instead.
            return ([], []);
        }

        // Ranked hits that share only a character pair with the search (机器 of 机器人 in 机器学习) are dropped in the
        // database: a result must hold one of these words (ListingSearch.ContainsAny).
        return (hits.Where(h => h.Score > 0).Select(h => h.Id).ToList(), words);
    }

    /// <summary>One token of ASCII letters and digits (dots, dashes, slashes allowed) holding at least one digit.</summary>
    internal static bool IsCode(string text)
    {
        var token = text.Trim();
        return token.Length > 0 && token.Any(char.IsAsciiDigit)
            && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');
    }
}

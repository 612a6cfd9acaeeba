using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

/// <summary>
/// Candidate ranking in two passes, skipping listings on bounds of their score (docs/matching.md "Index"): the
/// results are those of ranking every touched listing, and those of scoring every listing exactly.
/// </summary>
public class PoolRankingTests
{
    /// <summary>The synthetic corpus with asking prices and budgets, so that the budget (which the bounds take at its best) varies.</summary>
    private static List<ListingDocument> Listings() =>
        Corpus.Synthetic(1200, seed: 11)
            .Select((d, i) => i % 3 == 0 ? d : d with { PriceMin = 10m * (i % 7), PriceMax = (10m * (i % 7)) + (20m * (i % 5)) })
            .ToList();

    private static MatchingEngine Build(List<ListingDocument> docs, int seedFactor, bool bounds = true, int minPostings = 2000)
    {
        var e = new MatchingEngine(new MatchingOptions
        {
            RefitGrowthRatio = 0, PoolSeedFactor = seedFactor, PoolBounds = bounds, MatchCandidateMinPostings = minPostings,
        });
        e.Rebuild(docs);
        return e;
    }

    [Fact]
    public void Two_passes_with_bounds_give_the_results_of_scoring_every_touched_listing()
    {
        // Candidates from the features held by at most 5 % of the listings (no floor), so that the partial text
        // differs from the exact one and the pool's every member can change the top ten.
        var docs = Listings();
        using var twoPasses = Build(docs, seedFactor: 1, minPostings: 0); // the first pass reads about a pool's worth
        using var onePass = Build(docs, seedFactor: 0, bounds: false, minPostings: 0);
        var compared = 0;
        foreach (var d in docs.Take(200))
        {
            foreach (var localOnly in new[] { false, true })
            {
                var query = new MatchQuery(Top: 10, LocalOnly: localOnly);
                var a = twoPasses.FindMatches(d.Id, query).Select(m => (m.Id, m.Score)).ToList();
                var b = onePass.FindMatches(d.Id, query).Select(m => (m.Id, m.Score)).ToList();
                a.ShouldBe(b);
                compared += a.Count;
            }
        }

        compared.ShouldBeGreaterThan(2000);
    }

    [Fact]
    public void The_top_ten_are_the_best_of_all_listings_by_their_exact_score()
    {
        var docs = Listings();
        using var e = Build(docs, seedFactor: 1);
        var achievements = docs.Where(d => d.Kind == ListingKind.Achievement).ToList();
        var needs = docs.Where(d => d.Kind == ListingKind.Need).Take(40).ToList();
        needs.Count.ShouldBe(40);
        foreach (var need in needs)
        {
            // every achievement scored by the serving ranker on its exact pair features; ties by listing id
            var expected = achievements
                .Select(a => (a.Id, Score: e.Ranker.Score(e.PairFeatures(need.Id, a.Id))))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id)
                .Take(10)
                .ToList();
            var actual = e.FindMatches(need.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)).ToList();
            actual.ShouldBe(expected);
        }
    }
}

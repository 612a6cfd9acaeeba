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

    [Fact]
    public void A_slots_key_and_the_querys_table_give_the_screens_bound()
    {
        // Every combination the key holds, and those it cannot (TRL over 15, fields outside its bits), from both sides
        // and with a negative weight: the key's bound is the screen's, +infinity where the key cannot say, -infinity
        // for a dead slot.
        var home = Scoring.HomeKeys(new MatchingOptions());
        var table = new double[Scoring.KeyTableSize];
        var checkedPairs = 0;
        foreach (var weights in new[] { new MatchingOptions(), new MatchingOptions { LocalityWeight = -0.2, FieldWeight = 0.3, BudgetWeight = -0.1 } })
        {
            foreach (var sourceKind in new[] { ListingKind.Need, ListingKind.Achievement })
            {
                foreach (var (sourceField, sourceTrl) in new[] { (0, 0), (3, 5), (-4, 9), (1 << 22, 20), (7, 1) })
                {
                    var source = new ScoringProfile(Doc(sourceKind, sourceField, sourceTrl, Corpus.Dalian));
                    var sourceIsNeed = sourceKind == ListingKind.Need;
                    var fieldKey = Scoring.FillKeyBounds(table, weights, source, sourceIsNeed);
                    var candidateKind = sourceIsNeed ? ListingKind.Achievement : ListingKind.Need;
                    foreach (var region in new[] { Corpus.Dalian, Corpus.Shenyang, Corpus.Beijing, "21", "" })
                    {
                        foreach (var field in new[] { 0, 3, 7, -4, 1 << 22, (1 << 22) - 1 })
                        {
                            for (var trl = 0; trl <= 17; trl++)
                            {
                                var screen = new SlotScreen(new ScoringProfile(Doc(candidateKind, field, trl, region)), candidateKind);
                                var key = Scoring.Key(screen, home);
                                var bound = table[key & (Scoring.KeyTableSize - 1)] + ((key >> Scoring.KeyFieldShift) == fieldKey ? weights.FieldWeight : 0);
                                var exotic = trl > 15 || field < 0 || field >= 1 << 22;
                                var expected = Scoring.Bound(weights, source, sourceIsNeed, screen, home, 0);
                                if (exotic) bound.ShouldBe(double.PositiveInfinity);
                                else bound.ShouldBe(expected, 1e-12, $"field {field}, TRL {trl}, region {region}, source {sourceField}/{sourceTrl}");
                                checkedPairs++;
                            }
                        }
                    }
                }
            }
        }

        checkedPairs.ShouldBe(2 * 2 * 5 * 5 * 6 * 18);
        Scoring.Key(default, home).ShouldBe(0);
        table[0].ShouldBe(double.NegativeInfinity);
    }

    [Fact]
    public void Replaced_and_removed_listings_and_another_home_leave_the_results_of_scoring_every_touched_listing()
    {
        // Tombstoned slots (their keys dead) after upserts and removals, and an engine whose home changed after its
        // keys were laid out (they are then not read): the same results as ranking every touched listing.
        var docs = Listings();
        using var twoPasses = Build(docs, seedFactor: 1, minPostings: 0);
        using var onePass = Build(docs, seedFactor: 0, bounds: false, minPostings: 0);
        var rnd = new Random(5);
        foreach (var d in docs.Where(_ => rnd.Next(4) == 0).ToList())
        {
            var changed = d with { Field = (d.Field + 1) % 12, Trl = 9 - (d.Trl ?? 0), RegionCode = d.RegionCode == Corpus.Dalian ? Corpus.Beijing : Corpus.Dalian };
            twoPasses.Upsert(changed);
            onePass.Upsert(changed);
        }

        foreach (var d in docs.Where((_, i) => i % 9 == 4))
        {
            twoPasses.Remove(d.Id).ShouldBeTrue();
            onePass.Remove(d.Id).ShouldBeTrue();
        }

        var compared = 0;
        foreach (var home in new[] { "210200", "110100" })
        {
            twoPasses.Options.HomeRegionCode = home;
            onePass.Options.HomeRegionCode = home;
            foreach (var d in docs.Where((_, i) => i % 9 != 4).Take(150))
            {
                var a = twoPasses.FindMatches(d.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)).ToList();
                var b = onePass.FindMatches(d.Id, new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)).ToList();
                a.ShouldBe(b);
                compared += a.Count;
            }
        }

        compared.ShouldBeGreaterThan(2500);
    }

    private static ListingDocument Doc(ListingKind kind, int field, int trl, string region) =>
        new(Guid.NewGuid(), kind, "t", string.Empty, "b", field, trl, 10m, 20m, region, Guid.Empty);
}

using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

/// <summary>Static pruning of the postings (features held by many listings keep their strongest postings only).</summary>
public class PruningTests
{
    /// <summary>Prunes every feature held by more than 5 % of a kind (no floor), keeping 2 % of the kind's listings.</summary>
    private static MatchingOptions Pruned(double keepShare = 0.02, int minKeep = 0)
    {
        var o = new MatchingOptions
        {
            RefitGrowthRatio = 0, MaxTop = 1000, MatchCandidateMinPostings = 0, MatchCandidateMaxDf = 0.05,
            PrunedFeatureKeepShare = keepShare, PrunedFeatureMinKeep = minKeep,
        };
        o.Text.FeedbackDocuments = 0; // one query vector for both engines, so that their scores can be compared
        return o;
    }

    private static MatchingEngine Build(MatchingOptions o, IEnumerable<ListingDocument> docs)
    {
        var e = new MatchingEngine(o);
        e.Rebuild(docs);
        return e;
    }

    [Fact]
    public void A_pruned_feature_keeps_its_strongest_postings_the_first_in_slot_order_on_ties()
    {
        // term 0: six holders of different weights; term 1: six of equal weight; term 2: two holders, under the cap
        float[] w0 = [0.2f, 0.9f, 0.5f, 0.9f, 0.1f, 0.7f];
        var vectors = Enumerable.Range(0, 6)
            .Select(i => i < 2 ? new SparseVector([0, 1, 2], [w0[i], 0.4f, 0.3f]) : new SparseVector([0, 1], [w0[i], 0.4f]))
            .ToArray();
        var bulk = BulkVectors.From(vectors);
        var pruning = new PostingsPruning(MaxDf: 0.5, MinPostings: 0, KeepShare: 0.5, MinKeep: 0); // cap 3, keep 3

        var index = new KindIndex();
        index.SetBulkPostings(bulk, termCount: 3, pruning);
        index.PrunedTerms.ShouldBe(2);
        Touched(index, 0, out var pruned).ShouldBe([1, 3, 5]);
        pruned.ShouldBeTrue();
        Touched(index, 1, out pruned).ShouldBe([0, 1, 2]);
        pruned.ShouldBeTrue();
        Touched(index, 2, out pruned).ShouldBe([0, 1]);
        pruned.ShouldBeFalse();

        // the same vectors give the same bytes
        var again = new KindIndex();
        again.SetBulkPostings(BulkVectors.From(vectors), termCount: 3, pruning);
        again.CsrData.ToArray().ShouldBe(index.CsrData.ToArray());
        again.CsrStarts.ShouldBe(index.CsrStarts);
    }

    private static List<int> Touched(KindIndex index, int term, out bool pruned)
    {
        var n = index.CsrCount(term, out var pos, out pruned);
        var touched = new int[9];
        var count = 0;
        index.AccumulateBulk([index.Run(n, pos, 1f)], new float[8], touched, ref count);
        return touched[..count].ToList();
    }

    [Fact]
    public void Search_and_FindMatches_scores_stay_exact_when_postings_are_pruned()
    {
        var docs = Corpus.Synthetic(400, seed: 5);
        using var pruned = Build(Pruned(minKeep: 10), docs); // a search for one word fills a page of 10
        using var full = Build(Pruned(keepShare: 1), docs);
        pruned.State.Kinds.Sum(k => k.PrunedTerms).ShouldBeGreaterThan(0);
        full.State.Kinds.Sum(k => k.PrunedTerms).ShouldBe(0);

        foreach (var query in new[] { "激光焊接", "battery sensor", "海水淡化膜", "robot coating control" })
        {
            var exact = full.Search(query, ListingKind.Achievement, 400).ToDictionary(h => h.Id, h => h.Score);
            var hits = pruned.Search(query, ListingKind.Achievement, 10);
            hits.Count.ShouldBe(10);
            hits[0].Id.ShouldBe(exact.MaxBy(kv => kv.Value).Key);
            foreach (var h in hits) h.Score.ShouldBe(exact[h.Id], 1e-12);
            hits.Select(h => h.Score).ShouldBeInOrder(SortDirection.Descending);
        }

        foreach (var need in docs.Where(d => d.Kind == ListingKind.Need).Take(20))
        {
            var exact = full.FindMatches(need.Id, new MatchQuery(Top: 400)).ToDictionary(m => m.Id, m => m.Score);
            var matches = pruned.FindMatches(need.Id, new MatchQuery(Top: 10));
            matches.Count.ShouldBe(10);
            foreach (var m in matches) m.Score.ShouldBe(exact[m.Id], 1e-12);
        }
    }

    [Fact]
    public void A_tiny_index_whose_every_feature_is_pruned_still_matches()
    {
        // five listings per kind: the cap is 0 postings and each feature keeps its one strongest posting
        using var e = Build(Pruned(), Corpus.Sample());
        e.State.Kinds.ShouldAllBe(k => k.PrunedTerms > 0);
        e.FindMatches(Corpus.Id(101), new MatchQuery())[0].Id.ShouldBe(Corpus.Id(1));
        e.FindMatches(Corpus.Id(102), new MatchQuery())[0].Id.ShouldBe(Corpus.Id(2));
        e.FindMatches(Corpus.Id(103), new MatchQuery())[0].Id.ShouldBe(Corpus.Id(3));
        e.FindMatches(Corpus.Id(104), new MatchQuery())[0].Id.ShouldBe(Corpus.Id(4));
        e.Search("scrubber", ListingKind.Achievement, 5)[0].Id.ShouldBe(Corpus.Id(3));
    }

    [Fact]
    public void An_upsert_after_the_bulk_load_is_visible_to_the_next_query()
    {
        var docs = Corpus.Synthetic(400, seed: 6);
        using var e = Build(Pruned(), docs);
        var need = docs.First(d => d.Kind == ListingKind.Need);
        var twin = need with { Id = Corpus.Id(90_001), Kind = ListingKind.Achievement };
        e.FindMatches(need.Id, new MatchQuery()).Select(m => m.Id).ShouldNotContain(twin.Id);

        e.Upsert(twin);
        e.FindMatches(need.Id, new MatchQuery())[0].Id.ShouldBe(twin.Id);
        e.Search(need.Body, ListingKind.Achievement, 5)[0].Id.ShouldBe(twin.Id);
    }
}

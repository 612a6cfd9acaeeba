using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Background_refit_is_swapped_in_atomically_while_queries_answer_consistently()
    {
        using var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0.2 });
        var docs = Corpus.Sample();
        docs.AddRange(Corpus.Synthetic(40, seed: 1));
        e.Rebuild(docs);
        e.FittedDocumentCount.ShouldBe(50);
        var expected = e.FindMatches(Corpus.Id(101), new MatchQuery(Top: 1))[0].Id;

        using var stop = new CancellationTokenSource();
        var errors = 0;
        var queries = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var r = e.FindMatches(Corpus.Id(101), new MatchQuery(Top: 5));
                if (r.Count == 0 || r[0].Id != expected || r.Any(m => m.Explanation.Components.Sum(c => c.Contribution) != m.Score))
                {
                    Interlocked.Increment(ref errors);
                }

                Interlocked.Increment(ref queries);
            }
        });

        foreach (var d in Corpus.Synthetic(15, seed: 2, idOffset: 5000))
        {
            e.Upsert(d); // 15 changes > 0.2 x 50: a refit starts in the background
        }

        await e.WaitForRefitAsync();
        await e.RefitInBackground(); // and a second one, forced, while the reader keeps going
        await Task.Delay(50);
        await stop.CancelAsync();
        await reader;

        errors.ShouldBe(0);
        queries.ShouldBeGreaterThan(0);
        e.RefitCount.ShouldBeGreaterThanOrEqualTo(1);
        e.FittedDocumentCount.ShouldBe(65);
        e.Count.ShouldBe(65);
        e.FindMatches(Corpus.Id(101), new MatchQuery(Top: 1))[0].Id.ShouldBe(expected);
    }

    [Fact]
    public async Task Writes_made_during_a_refit_survive_the_swap()
    {
        using var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0 });
        e.Rebuild(Corpus.Sample());
        var refit = e.RefitInBackground();
        var added = Corpus.Synthetic(30, seed: 3, idOffset: 7000);
        foreach (var d in added) e.Upsert(d);
        e.Remove(Corpus.Id(6)).ShouldBeTrue();
        await refit;
        await e.WaitForRefitAsync();

        e.RefitCount.ShouldBe(1); // the refit's state was swapped in
        e.Count.ShouldBe(10 + 30 - 1);
        var expected = Corpus.Sample().Select(d => d.Id).Where(id => id != Corpus.Id(6)).Concat(added.Select(d => d.Id));
        e.ListingIds().Order().ShouldBe(expected.Order());
        foreach (var d in added) ShouldBeIndexedAsWritten(e, d);
        Should.Throw<KeyNotFoundException>(() => e.FindMatches(Corpus.Id(6), new MatchQuery()));
    }

    [Fact]
    public async Task Concurrent_reads_during_writes_are_safe_and_the_final_state_is_right()
    {
        using var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0.5 });
        e.Rebuild(Corpus.Sample());
        var batchA = Corpus.Synthetic(120, seed: 4, idOffset: 20_000);
        var batchB = Corpus.Synthetic(120, seed: 5, idOffset: 30_000);
        var known = Corpus.Sample().Concat(batchA).Concat(batchB).Select(d => d.Id).ToHashSet();
        var draft = Corpus.Need(99_999, "电池", "电池热管理 battery");
        using var stop = new CancellationTokenSource();

        // Each write is visible to the writer as soon as it returns, refits (every 0.5 x the fitted size) included.
        var writers = new[]
        {
            Task.Run(() =>
            {
                foreach (var d in batchA)
                {
                    e.Upsert(d);
                    Should.NotThrow(() => e.FindMatches(d.Id, new MatchQuery(Top: 1)));
                }
            }),
            Task.Run(() =>
            {
                foreach (var d in batchB) e.Upsert(d);
                foreach (var d in batchB.Take(40))
                {
                    e.Remove(d.Id).ShouldBeTrue();
                    Should.Throw<KeyNotFoundException>(() => e.FindMatches(d.Id, new MatchQuery()));
                }
            }),
        };

        // Readers see whole states: every answer is well formed, holds only written listings, and the scrubber
        // (whose words no synthetic listing has) is always the best search hit for them.
        var readers = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested || n < 10)
            {
                ShouldBeConsistent(e.FindMatches(Corpus.Id(101 + (i % 4)), new MatchQuery(Top: 10)), 10, known);
                ShouldBeConsistent(e.Preview(draft, new MatchQuery(Top: 5)), 5, known);
                var hits = e.Search(i % 2 == 0 ? "scrubber sulphur" : "sulphur scrubber for ships", ListingKind.Achievement, 10);
                hits[0].Id.ShouldBe(Corpus.Id(3));
                hits.Select(h => h.Score).ShouldBeInOrder(SortDirection.Descending);
                hits.All(h => known.Contains(h.Id) && h.Score > 0 && h.Score <= 1).ShouldBeTrue();
                n++;
            }

            return n;
        })).ToArray();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        (await Task.WhenAll(readers)).ShouldAllBe(n => n >= 10);
        await e.WaitForRefitAsync();

        e.RefitCount.ShouldBeGreaterThanOrEqualTo(1);
        e.Count.ShouldBe(10 + 120 + 80);
        var expected = Corpus.Sample().Concat(batchA).Concat(batchB.Skip(40)).Select(d => d.Id);
        e.ListingIds().Order().ShouldBe(expected.Order());
        foreach (var d in batchB.Take(40)) Should.Throw<KeyNotFoundException>(() => e.FindMatches(d.Id, new MatchQuery()));
        foreach (var d in batchA.Take(10).Concat(batchB.TakeLast(10))) ShouldBeIndexedAsWritten(e, d);
    }

    /// <summary>
    /// Opposite kind, at most top, no repeats, only known listings, best first, explained scores adding up (plain
    /// predicates: an expression-tree assertion compiles on every call and would slow the writers down).
    /// </summary>
    private static void ShouldBeConsistent(IReadOnlyList<MatchResult> r, int top, HashSet<Guid> known)
    {
        r.Count.ShouldBeInRange(1, top);
        r.All(m => m.Kind == ListingKind.Achievement && known.Contains(m.Id)).ShouldBeTrue();
        r.Select(m => m.Id).Distinct().Count().ShouldBe(r.Count);
        r.Select(m => m.Score).ShouldBeInOrder(SortDirection.Descending);
        r.All(m => m.Explanation.Components.Sum(c => c.Contribution) == m.Score).ShouldBeTrue();
    }

    /// <summary>The indexed listing holds the written text: matching it equals matching the same listing as a draft.</summary>
    private static void ShouldBeIndexedAsWritten(MatchingEngine e, ListingDocument d)
    {
        var q = new MatchQuery(Top: 5);
        e.FindMatches(d.Id, q).Select(m => (m.Id, m.Score)).ShouldBe(e.Preview(d, q).Select(m => (m.Id, m.Score)));
    }
}

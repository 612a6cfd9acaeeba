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
        e.Count.ShouldBe(10 + 30 - 1);
        foreach (var d in added) e.FindMatches(d.Id, new MatchQuery(Top: 3)).ShouldNotBeNull();
        Should.Throw<KeyNotFoundException>(() => e.FindMatches(Corpus.Id(6), new MatchQuery()));
    }

    [Fact]
    public async Task Concurrent_reads_during_writes_are_safe_and_the_final_state_is_right()
    {
        using var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0.5 });
        e.Rebuild(Corpus.Sample());
        var batchA = Corpus.Synthetic(120, seed: 4, idOffset: 20_000);
        var batchB = Corpus.Synthetic(120, seed: 5, idOffset: 30_000);
        using var stop = new CancellationTokenSource();

        var writers = new[]
        {
            Task.Run(() => { foreach (var d in batchA) e.Upsert(d); }),
            Task.Run(() =>
            {
                foreach (var d in batchB) e.Upsert(d);
                foreach (var d in batchB.Take(40)) e.Remove(d.Id).ShouldBeTrue();
            }),
        };
        var readers = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested || n < 10)
            {
                e.FindMatches(Corpus.Id(101 + (i % 4)), new MatchQuery(Top: 10)).ShouldNotBeNull();
                e.Search(i % 2 == 0 ? "激光焊接" : "laser welding robot", ListingKind.Achievement, 10).ShouldNotBeNull();
                e.Preview(Corpus.Need(99_999, "电池", "电池热管理 battery"), new MatchQuery(Top: 5)).ShouldNotBeNull();
                n++;
            }
        })).ToArray();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        await e.WaitForRefitAsync();

        e.Count.ShouldBe(10 + 120 + 80);
        foreach (var d in batchB.Take(40)) Should.Throw<KeyNotFoundException>(() => e.FindMatches(d.Id, new MatchQuery()));
        foreach (var d in batchA.Take(10)) e.FindMatches(d.Id, new MatchQuery()).ShouldNotBeNull();
    }
}

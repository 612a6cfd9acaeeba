using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

/// <summary>The packed layouts behind the index's memory budget: term table, forward entries, postings.</summary>
public class CompactIndexTests
{
    [Fact]
    public void Term_table_keeps_ids_terms_prefixes_and_surfaces_across_growth_and_a_snapshot()
    {
        var d = new TermDictionary();
        var terms = new List<string>();
        for (var i = 0; i < 100_000; i++)
        {
            // ASCII, CJK and one term longer than the stack buffer, so the arena grows and the table rehashes
            terms.Add(i % 3 == 0 ? $"w词{i}" : i % 3 == 1 ? $"bword{i} next" : $"c{(char)('\u4E00' + (i % 20000))}{i}");
        }

        terms.Add("w" + new string('长', 400));
        for (var i = 0; i < terms.Count; i++)
        {
            d.GetOrAdd(terms[i], i == 0 ? "詞0" : null).ShouldBe(i);
        }

        d.GetOrAdd(terms[5], null).ShouldBe(5); // existing ids are found, not added again
        d.Count.ShouldBe(terms.Count);
        d.TryGetId("wmissing", out _).ShouldBeFalse();

        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            d.Write(w);
        }

        ms.Position = 0;
        using var r = new BinaryReader(ms);
        var loaded = TermDictionary.Read(r);
        foreach (var x in new[] { d, loaded })
        {
            x.Count.ShouldBe(terms.Count);
            for (var i = 0; i < terms.Count; i += 997)
            {
                x.Term(i).ShouldBe(terms[i]);
                x.Prefix(i).ShouldBe(terms[i][0]);
                x.TryGetId(terms[i], out var id).ShouldBeTrue();
                id.ShouldBe(i);
            }

            x.Term(terms.Count - 1).ShouldBe(terms[^1]);
            x.Surface(0).ShouldBe("詞0"); // a surface that differs from the feature is kept
            x.Surface(3).ShouldBe("词3"); // one equal to it is derived
        }
    }

    [Theory]
    [InlineData(new[] { 0, 1, 127, 128, 20_000, 5_000_000 }, new[] { 1f, 2.5f, 127f, 127.5f, 0.3f, 4000f })]
    [InlineData(new int[0], new float[0])]
    public void Forward_entries_give_back_their_terms_and_counts(int[] terms, float[] counts)
    {
        var meta = new ListingDocument(Guid.NewGuid(), ListingKind.Need, "", "", "", 0, null, null, null, "", Guid.NewGuid());
        var e = new DocEntry(meta, terms, counts, 10);
        var (t, c) = e.Unpack();
        t.ShouldBe(terms);
        for (var i = 0; i < counts.Length; i++)
        {
            c[i].ShouldBe(counts[i], counts[i] * 1e-3); // 0.3 and 4000 take the 16-bit escape
        }

        e.TermCount.ShouldBe(terms.Length);
    }

    [Fact]
    public void A_long_forward_entry_gives_back_every_term_and_count()
    {
        // gaps of one to three bytes and counts with and without the 16-bit escape
        var rnd = new Random(4);
        var terms = new List<int>();
        var t = -1;
        for (var i = 0; i < 5_000; i++) terms.Add(t += 1 + (int)rnd.NextInt64(0, 1L << rnd.Next(0, 17)));
        var counts = terms.Select(_ => rnd.Next(3) == 0 ? 0.3f + rnd.Next(100) : rnd.Next(1, 200) * 0.5f).ToArray();
        var meta = new ListingDocument(Guid.NewGuid(), ListingKind.Need, "", "", "", 0, null, null, null, "", Guid.NewGuid());
        var (back, backCounts) = new DocEntry(meta, terms.ToArray(), counts, 10).Unpack();
        back.ShouldBe(terms.ToArray());
        for (var i = 0; i < counts.Length; i++) backCounts[i].ShouldBe(counts[i], counts[i] * 1e-3);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 10)]
    [InlineData(63, 1_000)]
    [InlineData(64, 1_000)]
    [InlineData(1_000, 600)] // keys in one or two bytes
    [InlineData(1_000, 7_000_000)]
    [InlineData(50_000, int.MaxValue)]
    public void Radix_sort_orders_packed_values_by_their_upper_int_as_a_comparison_sort_does(int n, int maxKey)
    {
        var rnd = new Random(n + maxKey);
        var keys = new HashSet<int>();
        while (keys.Count < Math.Min(n, maxKey / 2)) keys.Add((int)rnd.NextInt64(maxKey + 1L));
        var values = keys.Select(k => ((long)k << 32) | (uint)rnd.Next()).ToArray();
        var expected = values.Order().ToArray();
        RadixSort.ByUpperInt(values, new long[values.Length], keys.Count == 0 ? 0 : keys.Max());
        values.ShouldBe(expected);
    }

    [Fact]
    public void Bulk_vectors_hold_each_listings_document_vector_quantised_and_its_norm()
    {
        var docs = Corpus.Sample();
        docs.AddRange(Corpus.Synthetic(4500, seed: 9)); // more than one batch of 4,096
        using var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0 });
        e.Rebuild(docs);
        var st = e.State;
        var entries = docs.Select(d => st.Get(d.Id).ShouldNotBeNull()).ToArray();
        var norms = new double[entries.Length];
        var bulk = BulkVectors.Of(entries, st.Weighting, st.Dict.Prefix, norms);
        bulk.Length.ShouldBe(entries.Length);
        var postings = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var v = st.Weighting.DocumentVector(entries[i], st.Dict.Prefix, out var norm);
            bulk.Terms(i).ToArray().ShouldBe(v.Terms);
            bulk.Weights(i).ToArray().ShouldBe(v.Weights.Select(KindIndex.Quantise).ToArray());
            norms[i].ShouldBe(norm);
            postings += v.Count;
        }

        postings.ShouldBeGreaterThan(100_000);
    }

    [Fact]
    public void Postings_read_a_block_of_listings_at_a_time_give_every_listing_its_sum_of_a_term_by_term_read()
    {
        var rnd = new Random(12);
        var vectors = Enumerable.Range(0, 3_000).Select(_ =>
        {
            var terms = Enumerable.Range(0, 60).Where(_ => rnd.Next(4) == 0).ToArray();
            return new SparseVector(terms, terms.Select(_ => (float)rnd.NextDouble()).ToArray());
        }).ToList();
        var blocked = new KindIndex { AccumulateBlockSlots = 100 };
        var whole = new KindIndex();
        blocked.SetBulkPostings(BulkVectors.From(vectors), termCount: 60, PostingsPruning.None);
        whole.SetBulkPostings(BulkVectors.From(vectors), termCount: 60, PostingsPruning.None);
        for (var i = 0; i < 3_000; i++)
        {
            blocked.Slots.Add(null); // the block count follows the slot count
        }

        var query = Enumerable.Range(0, 60).Where(_ => rnd.Next(2) == 0).Select(t => (Term: t, Weight: (float)rnd.NextDouble())).ToList();
        (float[] Acc, int[] Touched) Read(KindIndex index)
        {
            var acc = new float[3_000];
            var touched = new int[3_001];
            var count = 0;
            var runs = query.Select(q => index.Run(index.CsrCount(q.Term, out var pos), pos, q.Weight)).Where(r => r.Remaining > 0).ToArray();
            index.AccumulateBulk(runs, acc, touched, ref count);
            return (acc, touched[..count]);
        }

        var (a, touchedA) = Read(blocked);
        var (b, touchedB) = Read(whole);
        a.ShouldBe(b); // to the last bit: each listing gets its terms in the same order
        touchedA.Order().ShouldBe(touchedB.Order());
        touchedA.Length.ShouldBe(a.Count(v => v != 0));
        var blocks = touchedA.Select(slot => slot / 100).ToArray();
        blocks.ShouldBe(blocks.Order().ToArray()); // a block of listings at a time
        a.Count(v => v != 0).ShouldBeGreaterThan(2_500);
    }

    [Fact]
    public void Packed_postings_hold_every_slot_and_weight()
    {
        var index = new KindIndex();
        var vectors = new[]
        {
            new SparseVector([0, 2], [0.6f, 0.8f]),
            new SparseVector([2], [1f]),
            new SparseVector([], []),
            new SparseVector([0, 1, 2], [0.5f, 0.5f, 0.70710677f]),
        };
        index.SetBulkPostings(BulkVectors.From(vectors), termCount: 4, PostingsPruning.None);
        index.CsrCount(0, out _).ShouldBe(2);
        index.CsrCount(1, out _).ShouldBe(1);
        index.CsrCount(2, out _).ShouldBe(3);
        index.CsrCount(3, out _).ShouldBe(0);

        var acc = new float[4];
        var touched = new int[5];
        var count = 0;
        var n = index.CsrCount(2, out var pos);
        index.AccumulateBulk([index.Run(n, pos, 2f)], acc, touched, ref count);
        touched[..count].ShouldBe([0, 1, 3]);
        acc[0].ShouldBe(1.6f, 1e-4);
        acc[1].ShouldBe(2f, 1e-4);
        acc[3].ShouldBe(1.4142135f, 1e-4);
        acc[2].ShouldBe(0f);
    }
}

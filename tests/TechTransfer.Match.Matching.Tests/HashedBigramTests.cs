using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

/// <summary>Word bigrams as hash buckets (TextPipelineOptions.BigramHashBits): stable ids, snapshots, upserts.</summary>
public class HashedBigramTests
{
    private static MatchingOptions Options(int bits = 22) => new() { RefitGrowthRatio = 0, Text = { BigramHashBits = bits } };

    private static readonly ListingDocument[] Listings =
    [
        Corpus.Achievement(1, "Solar cell coating", "Anti-reflective coating for solar cells raises the yield of silicon panels."),
        Corpus.Achievement(2, "Cell culture medium", "A serum-free medium for stem cell culture."),
        Corpus.Achievement(3, "Coating of steel pipes", "Epoxy coating protects steel pipes against corrosion."),
        Corpus.Achievement(4, "太阳能电池减反射涂层", "用于硅太阳能电池板的减反射涂层，提高发电效率。", Corpus.Dalian),
        Corpus.Need(101, "Solar cell yield", "We need a coating that raises solar cell yield."),
        Corpus.Need(102, "Stem cell medium", "Looking for a serum-free culture medium for stem cells."),
        Corpus.Need(103, "电池涂层", "太阳能电池的减反射涂层。", Corpus.Dalian),
    ];

    [Fact]
    public void A_bigram_bucket_is_the_same_in_every_process()
    {
        // fixed values (also computed by an independent FNV-1a + splitmix64 script): string.GetHashCode is randomised per
        // process, these hashes must not be (snapshots store buckets)
        BigramHash.Word("solar").ShouldBe(0x3E56C86112A64B16UL);
        BigramHash.Bucket(BigramHash.Word("solar"), BigramHash.Word("cell"), 22).ShouldBe(0x1D1B95);
        BigramHash.Bucket(BigramHash.Word("cell"), BigramHash.Word("solar"), 22).ShouldNotBe(0x1D1B95); // order matters
        BigramHash.Feature("solar", "cell", 22).ShouldBe("b#1d1b95");
        BigramHash.Feature("solar", "cell", 0).ShouldBe("bsolar_cell");
    }

    [Fact]
    public void The_analyzer_emits_buckets_instead_of_bigram_strings_and_strings_when_hashing_is_off()
    {
        using var hashed = new MatchingEngine(Options());
        var bag = hashed.Analyze(Corpus.Achievement(9, "solar cell", "", Corpus.Beijing));
        bag.CountsByFeature().Keys.ShouldNotContain(k => k[0] == 'b');
        bag.Hashed.ShouldNotBeNull().Keys.ShouldBe([BigramHash.Bucket(BigramHash.Word("solar"), BigramHash.Word("cell"), 22)]);

        using var text = new MatchingEngine(Options(0));
        var plain = text.Analyze(Corpus.Achievement(9, "solar cell", "", Corpus.Beijing));
        plain.Hashed.ShouldBeNull();
        plain.CountsByFeature().Keys.ShouldContain("bsolar_cell");
        plain.CountsByFeature().Keys.Where(k => k[0] != 'b').Order().ShouldBe(bag.CountsByFeature().Keys.Order()); // the other features are unchanged
    }

    [Fact]
    public void Hashed_bigrams_are_terms_without_text_that_a_snapshot_keeps()
    {
        using var e = new MatchingEngine(Options());
        e.Rebuild(Listings);
        var dict = e.State.Dict;
        dict.HashBits.ShouldBe(22);
        dict.HashedCount.ShouldBeGreaterThan(0);
        var solarCell = BigramHash.Bucket(BigramHash.Word("solar"), BigramHash.Word("cell"), 22);
        var id = dict.TryGetHashedId(solarCell);
        id.ShouldBeGreaterThanOrEqualTo(0);
        dict.IsHashed(id).ShouldBeTrue();
        dict.Prefix(id).ShouldBe('b');
        dict.Term(id).ShouldBe(BigramHash.Feature("solar", "cell", 22));
        dict.TryGetId(dict.Term(id), out var again).ShouldBeTrue(); // the ML.NET vocabulary maps back to the id
        again.ShouldBe(id);
        e.State.Get(Corpus.Id(1))!.Unpack().Terms.ShouldContain(id);

        using var ms = new MemoryStream();
        e.SaveSnapshot(ms);
        ms.Position = 0;
        using var loaded = MatchingEngine.LoadSnapshot(ms, Options());
        var d2 = loaded.State.Dict;
        d2.Count.ShouldBe(dict.Count);
        d2.HashedCount.ShouldBe(dict.HashedCount);
        d2.TryGetHashedId(solarCell).ShouldBe(id);
        for (var t = 0; t < dict.Count; t++)
        {
            d2.Term(t).ShouldBe(dict.Term(t));
            d2.Prefix(t).ShouldBe(dict.Prefix(t));
        }

        foreach (var need in new[] { 101, 102, 103 })
        {
            var a = e.FindMatches(Corpus.Id(need), new MatchQuery(Top: 10));
            var b = loaded.FindMatches(Corpus.Id(need), new MatchQuery(Top: 10));
            a.ShouldNotBeEmpty();
            b.Select(m => (m.Id, m.Score)).ShouldBe(a.Select(m => (m.Id, m.Score)));
            b.Select(m => string.Join(",", m.Explanation.MatchedTerms)).ShouldBe(a.Select(m => string.Join(",", m.Explanation.MatchedTerms)));
        }

        loaded.Search("solar cell coating", ListingKind.Achievement, 5).ShouldBe(e.Search("solar cell coating", ListingKind.Achievement, 5));
        loaded.State.Weighting.IdfArray.ShouldBe(e.State.Weighting.IdfArray);
    }

    [Fact]
    public void A_bigram_only_an_upsert_brings_is_visible_to_the_next_query()
    {
        using var e = new MatchingEngine(Options());
        e.Rebuild(Listings);
        var bucket = BigramHash.Bucket(BigramHash.Word("quantum"), BigramHash.Word("dot"), 22);
        e.State.Dict.TryGetHashedId(bucket).ShouldBe(-1);

        // "quantum" and "dot" each alone in two listings; only the new one holds them side by side
        e.Upsert(Corpus.Achievement(20, "Quantum sensing", "A quantum sensor for weak magnetic fields."));
        e.Upsert(Corpus.Achievement(21, "Dot matrix printing", "Dot matrix printing heads."));
        e.Upsert(Corpus.Achievement(22, "Quantum dot display", "Quantum dot films for displays."));
        var id = e.State.Dict.TryGetHashedId(bucket);
        id.ShouldBeGreaterThanOrEqualTo(0);
        e.State.Get(Corpus.Id(22))!.Unpack().Terms.ShouldContain(id);

        var hits = e.Search("quantum dot", ListingKind.Achievement, 3);
        hits[0].Id.ShouldBe(Corpus.Id(22));
        e.Upsert(Corpus.Need(120, "Quantum dot films", "Quantum dot films for a display maker."));
        e.FindMatches(Corpus.Id(120), new MatchQuery(Top: 3))[0].Id.ShouldBe(Corpus.Id(22));
    }

    [Fact]
    public void A_snapshot_of_another_format_or_bucket_count_is_refused_and_leaves_the_engine_as_it_was()
    {
        using var e = new MatchingEngine(Options());
        e.Rebuild(Listings);
        using var ms = new MemoryStream();
        e.SaveSnapshot(ms);

        // the same snapshot read by an engine hashing into another space: its buckets would not meet the queries'
        using var other = new MatchingEngine(Options(20));
        other.Rebuild(Listings.Take(2));
        ms.Position = 0;
        Should.Throw<InvalidDataException>(() => other.Restore(ms)).Message.ShouldContain("rebuild");
        other.Count.ShouldBe(2);

        // format 3 (bigrams as text) is refused rather than loaded into an index its queries would not meet
        var bytes = ms.ToArray();
        BitConverter.GetBytes(3).CopyTo(bytes, 4);
        Should.Throw<InvalidDataException>(() => other.Restore(new MemoryStream(bytes))).Message.ShouldContain("format 3");
        other.Count.ShouldBe(2);
    }
}

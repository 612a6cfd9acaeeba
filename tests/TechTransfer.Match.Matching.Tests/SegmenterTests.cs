using System.Text.Json;
using JiebaNet.Segmenter;
using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

/// <summary>The engine's own segmentation path gives jieba.NET's accurate-mode tokens, token for token.</summary>
public class SegmenterTests
{
    static SegmenterTests() => TextAnalyzer.EnsureJieba(null);

    /// <summary>Every string of the demo listings (real Chinese technical text), split into CJK runs as the analyzer does.</summary>
    private static IEnumerable<string> DemoRuns()
    {
        foreach (var file in new[] { "achievements.json", "needs.json" })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", file)));
            foreach (var text in Strings(doc.RootElement))
            {
                foreach (var run in CjkRuns(TextAnalyzer.Normalize(text)))
                {
                    yield return run;
                }
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    private static IEnumerable<string> CjkRuns(string s)
    {
        for (var i = 0; i < s.Length;)
        {
            var j = i;
            while (j < s.Length && TextAnalyzer.IsCjk(s[j])) j++;
            if (j > i) yield return s[i..j];
            i = Math.Max(j, i + 1);
        }
    }

    /// <summary>Random runs: dictionary words glued together (the DAG's ties), rare characters (the HMM), and
    /// characters outside jieba's Han range but inside the engine's CJK ranges (split one by one).</summary>
    private static IEnumerable<string> RandomRuns(int count, int seed)
    {
        var words = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Resources", "dict.txt"))
            .Select(l => l.Split(' ')[0]).Where(w => w.All(TextAnalyzer.IsCjk)).ToArray();
        var rnd = new Random(seed);
        var sb = new System.Text.StringBuilder();
        for (var n = 0; n < count; n++)
        {
            sb.Clear();
            var parts = 1 + rnd.Next(12);
            for (var k = 0; k < parts; k++)
            {
                switch (rnd.Next(10))
                {
                    case 0: sb.Append((char)rnd.Next(0x4E00, 0xA000)); break; // any unified ideograph, 9FD6-9FFF included
                    case 1: sb.Append((char)rnd.Next(0x3400, 0x4DC0)); break;
                    case 2: sb.Append((char)rnd.Next(0xF900, 0xFB00)); break;
                    case 3: sb.Append((char)rnd.Next(0x4E00, 0x9FD6)).Append((char)rnd.Next(0x4E00, 0x9FD6)); break;
                    default: sb.Append(words[rnd.Next(words.Length)]); break;
                }
            }

            yield return sb.ToString();
        }
    }

    private static void ShouldMatchJieba(IEnumerable<string> runs, bool hmm, int minimumRuns)
    {
        var jieba = new JiebaSegmenter();
        var ours = ChineseSegmenter.Current;
        var checkedRuns = 0;
        var list = new List<string>();
        var cache = new TokeniserCache(TokeniserCache.BuildEntries);
        foreach (var run in runs)
        {
            list.Clear();
            ours.Cut(run, hmm, list, cache);
            list.ShouldBe(jieba.Cut(run, cutAll: false, hmm: hmm).ToList(), run);
            list.Clear();
            ours.Cut(run, hmm, list, cache); // the memoised answer too
            list.ShouldBe(jieba.Cut(run, cutAll: false, hmm: hmm).ToList(), run);
            checkedRuns++;
        }

        checkedRuns.ShouldBeGreaterThan(minimumRuns);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Demo_listings_segment_exactly_as_jieba(bool hmm) => ShouldMatchJieba(DemoRuns(), hmm, 1000);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Random_runs_segment_exactly_as_jieba(bool hmm) => ShouldMatchJieba(RandomRuns(20_000, seed: 7), hmm, 19_999);
}

/// <summary>User words change jieba's process-wide dictionary, so this runs alone.</summary>
[CollectionDefinition(nameof(JiebaDictionaryChanges), DisableParallelization = true)]
public class JiebaDictionaryChanges;

[Collection(nameof(JiebaDictionaryChanges))]
public class SegmenterUserTermTests
{
    [Fact]
    public void User_terms_take_effect_in_the_engine_segmentation_as_in_jieba()
    {
        const string Text = "铑钯铂三元催化膜片的制备方法";
        var engine = new MatchingEngine(new MatchingOptions());
        engine.Tokenize(Text).ShouldNotContain("铑钯铂三元催化膜片");

        MatchingEngine.AddUserTerms(["铑钯铂三元催化膜片"]);

        var tokens = engine.Tokenize(Text);
        tokens.ShouldContain("铑钯铂三元催化膜片");
        tokens.ShouldBe(new JiebaSegmenter().Cut(Text, cutAll: false, hmm: true).ToList());
    }
}

public class ParallelBuildTests
{
    [Fact]
    public void A_parallel_build_gives_the_same_terms_and_matches_as_a_sequential_one()
    {
        // more listings than one tokenising batch (2,048), so batches overlap with the term mapping
        var docs = Corpus.Sample();
        docs.AddRange(Corpus.Synthetic(5000, seed: 3));

        // (The snapshot bytes differ between any two builds: the ML.NET model zip carries timestamps.)
        List<string> Build(int threads)
        {
            using var e = new MatchingEngine(new MatchingOptions { BuildParallelism = threads, RefitGrowthRatio = 0 });
            e.Rebuild(docs);
            var lines = new List<string> { e.LastRebuildTimings[e.LastRebuildTimings.IndexOf("terms", StringComparison.Ordinal)..] };
            foreach (var d in docs.Take(300))
            {
                lines.AddRange(e.FindMatches(d.Id, new MatchQuery(Top: 10)).Select(r =>
                    $"{d.Id} {r.Id} {r.Score:R} {string.Join(',', r.Explanation.MatchedTerms)}"));
            }

            return lines;
        }

        var sequential = Build(1);
        var parallel = Build(-1);
        sequential.Count.ShouldBeGreaterThan(1000);
        parallel.ShouldBe(sequential);
    }

    [Fact]
    public void Every_listing_of_a_bulk_build_holds_exactly_the_features_of_its_own_text()
    {
        // A build reuses its token bags and remembers term ids in the tokeniser cache's slots; a bag not emptied or
        // an id remembered wrongly would give a listing another listing's features. Each listing is checked against
        // its text analysed alone, without any cache or pool.
        var docs = Corpus.Sample();
        docs.AddRange(Corpus.Synthetic(3000, seed: 5));
        using var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0 });
        e.Rebuild(docs);
        var st = e.State;
        var checkedFeatures = 0;
        foreach (var d in docs)
        {
            var (terms, counts) = st.Get(d.Id).ShouldNotBeNull().Unpack();
            var stored = terms.Select((t, i) => (st.Dict.Term(t), counts[i])).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
            var bag = e.Analyze(d);
            var expected = bag.CountsByFeature().Select(kv => (kv.Key, (float)kv.Value))
                .Concat((bag.Hashed ?? []).Select(kv => (TermDictionary.HashedTerm(kv.Key), (float)kv.Value)))
                .OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
            stored.Count.ShouldBeGreaterThan(0);
            stored.ShouldBe(expected, $"listing {d.Id}");
            checkedFeatures += stored.Count;
        }

        checkedFeatures.ShouldBeGreaterThan(100_000);
    }
}

using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

/// <summary>The Chinese stop list, generic words and numbers with units in the features (see docs/matching.md, Text pipeline).</summary>
public class TextFeatureTests
{
    private static Dictionary<string, double> Features(string text, TextPipelineOptions? options = null)
    {
        var bag = new TokenBag();
        new TextAnalyzer(options ?? new TextPipelineOptions()).Analyze(text, 1.0, bag);
        var features = bag.CountsByFeature();
        // Word bigrams are hash buckets; named here as their words so the tests read the pair.
        foreach (var (bucket, count) in bag.Hashed ?? [])
        {
            features[$"#{bucket}"] = count;
        }

        return features;
    }

    private static string Bigram(string a, string b) => $"#{BigramHash.Bucket(BigramHash.Word(a), BigramHash.Word(b), new TextPipelineOptions().BigramHashBits)}";

    [Fact]
    public void The_stop_list_drops_function_words_as_word_features_but_keeps_their_characters()
    {
        var f = Features("焊缝的跟踪与检测", new TextPipelineOptions { ChineseStopWords = true });
        f.ShouldNotContainKey("w的");
        f.ShouldNotContainKey("w与");
        f.ShouldContainKey("w焊缝");
        f.ShouldContainKey("w跟踪");
        f.ShouldContainKey("w检测");
        f.ShouldContainKey("u的"); // a stop word still gives its character n-grams (dropping them cost keywords-hard 0.002)
        f.ShouldContainKey("c缝的");

        var off = Features("焊缝的跟踪与检测"); // off by default: level on the engine's rows, see docs/matching.md
        off.ShouldContainKey("w的");
        off.ShouldContainKey("w与");
    }

    [Fact]
    public void The_stop_list_holds_function_words_only()
    {
        TextLexicon.ChineseStopWords.ShouldContain("的");
        TextLexicon.ChineseStopWords.ShouldContain("与");
        TextLexicon.ChineseStopWords.ShouldNotContain("系统"); // generic, but a content word: IDF weighs it
        TextLexicon.ChineseStopWords.ShouldNotContain("中国");
        TextLexicon.GenericWords.ShouldContain("系统");
        TextLexicon.Units.ShouldContain("kv");
        TextLexicon.Units.ShouldContain("万吨");
    }

    [Fact]
    public void Stop_word_character_grams_can_be_dropped()
    {
        var o = new TextPipelineOptions { ChineseStopWords = true, ChineseStopCharGrams = 2 };
        var f = Features("焊缝的跟踪", o);
        f.ShouldNotContainKey("u的");
        f.ShouldNotContainKey("c缝的");
        f.ShouldNotContainKey("c的跟");
        f.ShouldContainKey("c焊缝");
        f.ShouldContainKey("u焊");
    }

    [Fact]
    public void Generic_words_can_be_weighted_down()
    {
        Features("焊缝 系统")["w系统"].ShouldBe(1.0);
        var f = Features("焊缝 系统", new TextPipelineOptions { GenericWordWeight = 0.5 });
        f["w系统"].ShouldBe(0.5);
        f["w焊缝"].ShouldBe(1.0);
    }

    [Fact]
    public void Numbers_with_units_are_kept_as_number_unit_and_their_pair()
    {
        var f = Features("500 kV transformer, 3.5mm plate");
        f.ShouldContainKey("w500");
        f.ShouldContainKey("wkv");
        f.ShouldContainKey(Bigram("500", "kv")); // the adjacent word pair is the number-with-unit feature
        f.ShouldContainKey("w3.5");
        f.ShouldContainKey(Bigram("3.5", "mm"));
        f.ShouldNotContainKey("w500kv");

        var zh = Features("年产10万吨");
        zh.ShouldContainKey("w10");
        zh.Keys.ShouldContain(k => k == "w万吨" || k == "w吨");
    }

    [Fact]
    public void Number_unit_features_join_a_number_and_a_known_unit()
    {
        var o = new TextPipelineOptions { NumberUnitFeatures = true };
        var f = Features("500 kV transformer, 3.5mm plate, 1950 aircraft", o);
        f.ShouldContainKey("w500kv");
        f.ShouldContainKey("w3.5mm");
        f.ShouldNotContainKey("w1950aircraft"); // not a unit
        Features("年产10万吨", o).ShouldContainKey("w10万吨");
    }

    [Fact]
    public void Features_are_deterministic()
    {
        const string text = "基于机器视觉的焊缝跟踪系统 500 kV 的 laser welding";
        var a = Features(text);
        var b = Features(text);
        a.OrderBy(kv => kv.Key, StringComparer.Ordinal).ShouldBe(b.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }
}

/// <summary>A bulk build's bags (one cache per thread, bags reused) against each text analysed alone.</summary>
public class TokenBagTests
{
    private static readonly string[] Texts =
    [
        "Solar cells; the cell array: CELLS of 500kV cells, and 3.5 mm cell walls",
        "基于深度学习的图像识别技术，图像识别的深度学习方法，500万吨",
        "Cell cells 电池电池 cell",
        string.Empty,
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_reused_bag_with_a_storing_cache_holds_the_same_features_weights_and_surfaces_in_the_same_order(bool allFamilies)
    {
        var options = allFamilies
            ? new TextPipelineOptions { EnglishCharGramWeight = 0.5, NumberUnitFeatures = true, CharTrigramFeatureWeight = 0.3, BigramHashBits = 0, ChineseWordBigrams = true }
            : new TextPipelineOptions();
        var analyzer = new TextAnalyzer(options);
        var cache = new TokeniserCache(TokeniserCache.BuildEntries);
        var reused = new TokenBag();
        for (var round = 0; round < 3; round++)
        {
            foreach (var text in Texts)
            {
                var alone = new TokenBag();
                analyzer.Analyze(text, 2.0, alone);
                analyzer.Analyze(text, 1.0, alone);
                reused.Clear();
                analyzer.Analyze(text, 2.0, reused, cache);
                analyzer.Analyze(text, 1.0, reused, cache);
                Read(reused).ShouldBe(Read(alone), text);
                reused.Length.ShouldBe(alone.Length);
            }
        }

        // one feature per stem: the five "cell", "cells" and "CELLS" of the first text add up
        var bag = new TokenBag();
        analyzer.Analyze(Texts[0], 1.0, bag, cache);
        bag.CountsByFeature()["wcell"].ShouldBe(5);
        bag.Surfaces().ShouldContain("cells");
    }

    private static List<(string Feature, double Weight, string? Surface)> Read(TokenBag bag) =>
        Enumerable.Range(0, bag.Count).Select(i => (bag.Feature(i), bag.Weight(i), bag.Surface(i))).ToList();
}

/// <summary>RM3 feedback in <see cref="MatchingEngine.Search"/> (an option, off; measured in docs/matching.md).</summary>
public class Rm3SearchTests
{
    private static MatchingEngine Build(bool rm3)
    {
        var e = new MatchingEngine(new MatchingOptions { Text = new TextPipelineOptions { Rm3 = rm3, Rm3Families = "w" } });
        e.Rebuild(Corpus.Sample());
        return e;
    }

    [Fact]
    public void Rm3_search_finds_the_same_best_listing_and_is_deterministic()
    {
        using var a = Build(rm3: true);
        using var b = Build(rm3: true);
        using var rocchio = Build(rm3: false);
        var hits = a.Search("steel surface defects", ListingKind.Achievement, 3);
        hits[0].Id.ShouldBe(Corpus.Id(4));
        hits.ShouldBe(b.Search("steel surface defects", ListingKind.Achievement, 3));
        a.Search("海水淡化", ListingKind.Achievement, 3)[0].Id.ShouldBe(Corpus.Id(5));

        // the expansion changes the scores (it is not a no-op)
        hits[0].Score.ShouldNotBe(rocchio.Search("steel surface defects", ListingKind.Achievement, 3)[0].Score);
    }
}

using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

public class TokenisationTests
{
    private static readonly MatchingEngine Engine = new(new MatchingOptions());

    [Fact]
    public void Chinese_is_segmented_into_words()
    {
        var t = Engine.Tokenize("基于深度学习的图像识别技术");
        string.Concat(t).ShouldBe("基于深度学习的图像识别技术"); // accurate mode: the words tile the text
        t.ShouldContain("基于");
        t.ShouldContain("技术");
        t.Count.ShouldBeGreaterThan(3);
        MatchingEngine.DetectLanguage("基于深度学习的图像识别技术").ShouldBe(TextLanguage.Chinese);
    }

    [Fact]
    public void English_is_lower_cased_stemmed_and_stop_words_dropped()
    {
        var t = Engine.Tokenize("The Bearings are FAILING under heavy loads");
        t.ShouldBe(["bear", "fail", "heavi", "load"]);
        MatchingEngine.DetectLanguage("The bearings are failing").ShouldBe(TextLanguage.English);
    }

    [Fact]
    public void Mixed_text_keeps_both_scripts()
    {
        var t = Engine.Tokenize("基于Transformer的故障诊断模型");
        t.ShouldContain("transform");
        t.ShouldContain("模型");
        t.ShouldContain("的");
        MatchingEngine.DetectLanguage("基于Transformer模型的故障诊断方法 with deep neural networks for bearings").ShouldBe(TextLanguage.Mixed);
    }

    [Fact]
    public void Numbers_and_units_are_split_and_kept()
    {
        var t = Engine.Tokenize("抗拉强度500MPa");
        string.Concat(t.SkipLast(2)).ShouldBe("抗拉强度");
        t.TakeLast(2).ShouldBe(["500", "mpa"]);
        Engine.Tokenize("a 3.5 kW motor").ShouldBe(["3.5", "kw", "motor"]);
    }

    [Fact]
    public void Full_width_forms_are_normalised()
    {
        Engine.Tokenize("ＬＥＤ灯 ５００ｍＡ").ShouldContain("led");
        Engine.Tokenize("ＬＥＤ灯 ５００ｍＡ").ShouldContain("500");
        Engine.Tokenize("ＬＥＤ灯 ５００ｍＡ").ShouldContain("ma");
    }

    [Fact]
    public void Emoji_are_separators()
    {
        var t = Engine.Tokenize("🚀rocket🔥engine 火箭🚀发动机");
        t.Take(3).ShouldBe(["rocket", "engin", "火箭"]);
        t.ShouldContain("发动机");
        t.ShouldAllBe(x => !x.Contains("🚀") && !x.Contains("🔥"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙂🙂")]
    [InlineData("，。！")]
    public void Empty_or_symbol_only_text_has_no_tokens(string text)
    {
        Engine.Tokenize(text).ShouldBeEmpty();
        MatchingEngine.DetectLanguage(text).ShouldBe(TextLanguage.Unknown);
    }

    [Fact]
    public void Tokenisation_is_deterministic()
    {
        const string text = "海水淡化反渗透膜 reverse osmosis membranes 脱盐率99.8%";
        Engine.Tokenize(text).ShouldBe(Engine.Tokenize(text));
    }

    [Fact]
    public void User_dictionary_terms_are_segmented_as_one_word()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ttm-userdict-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "钛酸锂负极片 10 n\n");
        try
        {
            using var e = new MatchingEngine(new MatchingOptions(), path);
            e.Tokenize("一种钛酸锂负极片的制备").ShouldContain("钛酸锂负极片");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

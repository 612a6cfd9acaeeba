using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

public class PipelineTests
{
    [Fact]
    public void Fast_path_tfidf_equals_the_MLNET_model_output()
    {
        // Body-only documents so the counts are plain integers, as ML.NET sees them.
        var docs = Corpus.Sample().Select(d => d with { Title = string.Empty, Keywords = string.Empty }).ToList();
        using var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0 });
        e.Rebuild(docs);
        var st = e.State;
        var model = st.Model.ShouldNotBeNull();
        var entries = st.LiveEntries().ToList();
        var unpacked = entries.Select(en => en.Unpack()).ToList();
        var tokenLists = unpacked.Select(en => en.Terms.SelectMany((t, i) => Enumerable.Repeat(st.Dict.Term(t), (int)en.Counts[i])).ToArray()).ToList();
        var expected = model.TransformTfIdf(tokenLists);
        for (var k = 0; k < entries.Count; k++)
        {
            var fast = st.Weighting.PlainTfIdf(unpacked[k].Terms, unpacked[k].Counts);
            var got = fast.Terms.Select((t, i) => (st.Dict.Term(t), fast.Weights[i])).ToDictionary(x => x.Item1, x => x.Item2);
            got.Keys.OrderBy(x => x, StringComparer.Ordinal).ShouldBe(expected[k].Keys.OrderBy(x => x, StringComparer.Ordinal));
            foreach (var (term, w) in expected[k])
            {
                got[term].ShouldBe(w, 1e-5);
            }
        }
    }

    [Fact]
    public void Vocabulary_and_idf_come_from_the_fitted_model_and_rare_terms_weigh_more()
    {
        using var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0 });
        e.Rebuild(Corpus.Sample());
        var st = e.State;
        st.Model!.Vocabulary.Length.ShouldBe(st.Model.Idf.Length);
        st.Dict.TryGetId("w铝合金", out var rare).ShouldBeTrue();
        st.Dict.TryGetId("wneed", out var common).ShouldBeTrue();
        st.Weighting.Idf(rare).ShouldBeGreaterThan(0f);
        st.Weighting.Idf(rare).ShouldBeGreaterThanOrEqualTo(st.Weighting.Idf(common));
    }

    [Theory]
    [InlineData("210211", "210200", 1.0)]
    [InlineData("210102", "210200", 0.5)]
    [InlineData("110105", "210200", 0.0)]
    [InlineData("", "210200", 0.0)]
    public void Locality_by_region_code(string region, string home, double expected) =>
        Scoring.Locality(region, home).ShouldBe(expected);

    [Theory]
    [InlineData(5, 7, 1.0)]
    [InlineData(5, 5, 1.0)]
    [InlineData(7, 5, 0.5)]
    [InlineData(9, 1, 0.0)]
    [InlineData(null, 5, 0.5)]
    [InlineData(5, null, 0.5)]
    public void Maturity_fit(int? required, int? trl, double expected) =>
        Scoring.Maturity(required, trl).ShouldBe(expected);

    [Fact]
    public void Budget_and_field_fit()
    {
        Scoring.Budget(100, 200, 150, 300).ShouldBe(1.0);
        Scoring.Budget(200, 300, 50, 100).ShouldBe(0.5);
        Scoring.Budget(null, null, 50, 100).ShouldBe(0.5);
        Scoring.Budget(100, 200, null, null).ShouldBe(0.5);
        Scoring.Budget(1000, 2000, null, 100).ShouldBe(0.1, 1e-12);
        Scoring.Field(3, 3).ShouldBe(1.0);
        Scoring.Field(3, 4).ShouldBe(0.0);
        Scoring.Field(0, 4).ShouldBe(0.5);
    }
}

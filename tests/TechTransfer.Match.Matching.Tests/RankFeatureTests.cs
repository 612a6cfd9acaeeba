using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

public class RankFeatureTests
{
    private static readonly List<ListingDocument> Docs =
    [
        Corpus.Achievement(1, string.Empty, "laser welding"),
        Corpus.Achievement(2, string.Empty, "laser cutting steel plates"),
        Corpus.Achievement(3, "battery", "battery cooling"),
        Corpus.Achievement(4, "焊接机器人", "用于汽车车身的焊接机器人，视觉跟踪焊缝。"),
        Corpus.Achievement(5, "锂电池热管理", "相变材料与液冷板结合的电池包散热方案。"),
    ];

    private static float V(float[] v, string name) => v[Array.IndexOf(RankFeatureIndex.Names, name)];

    private static RankFeatureIndex Index(IEnumerable<ListingDocument>? docs = null) => new(new TextPipelineOptions(), docs ?? Docs);

    [Fact]
    public void Bm25_over_stems_is_the_textbook_formula_on_the_whole_document()
    {
        var ix = Index();
        var v = ix.Features(ix.Query("laser"), Corpus.Id(1), new EngineSignal(0.5, 1, 0.5)).ShouldNotBeNull();

        // stems over the five documents: laser weld | laser cut steel plate | batteri batteri cool | none (Chinese words count too)
        var english = new[] { 2, 4, 3 };
        var stemLengths = Docs.Select(d => ix.Query(d.Title + " " + d.Body).Words).ToArray();
        stemLengths.Take(3).ShouldBe(english);
        var avg = stemLengths.Average();
        var idf = Math.Log(1 + ((5 - 2 + 0.5) / (2 + 0.5)));
        var expected = idf * 1 * 2.2 / (1 + (1.2 * (0.25 + (0.75 * 2 / avg))));
        V(v, "bm25_stem").ShouldBe((float)expected, 1e-5f);
        V(v, "bm25_stem_body").ShouldBeGreaterThan(0f);
        V(v, "bm25_stem_title").ShouldBe(0f);
        V(v, "doc_words").ShouldBe(2f);
        V(v, "query_words").ShouldBe(1f);
    }

    [Fact]
    public void Words_stems_and_character_pairs_are_separate_families()
    {
        var ix = Index();
        var en = ix.Features(ix.Query("welded"), Corpus.Id(1), default).ShouldNotBeNull();
        V(en, "bm25_stem").ShouldBeGreaterThan(0f);      // welded and welding share the stem weld
        V(en, "bm25_word").ShouldBe(0f);                  // but not the word
        V(en, "tfidf_cosine_stem").ShouldBeGreaterThan(0f);
        V(en, "bm25_charpair").ShouldBe(0f);

        var zh = ix.Features(ix.Query("焊缝跟踪"), Corpus.Id(4), default).ShouldNotBeNull();
        V(zh, "bm25_charpair").ShouldBeGreaterThan(0f);
        V(zh, "bm25_char").ShouldBeGreaterThan(0f);
        V(zh, "bm25_charpair_title").ShouldBe(0f);        // 焊缝 and 跟踪 are in the body only
        V(zh, "bm25_charpair_body").ShouldBeGreaterThan(0f);
        V(zh, "idf_coverage_charpair").ShouldBeInRange(0.5f, 0.99f);   // 焊缝 and 跟踪, not 缝跟
        V(zh, "idf_coverage_char").ShouldBe(1f);
        var other = ix.Features(ix.Query("焊缝跟踪"), Corpus.Id(5), default).ShouldNotBeNull();
        V(other, "bm25_charpair").ShouldBe(0f);
    }

    [Fact]
    public void Title_terms_count_in_the_title_field_and_the_whole_document()
    {
        var ix = Index();
        var v = ix.Features(ix.Query("battery"), Corpus.Id(3), default).ShouldNotBeNull();
        V(v, "bm25_stem_title").ShouldBeGreaterThan(0f);
        V(v, "bm25_stem_body").ShouldBeGreaterThan(0f);
        V(v, "bm25_stem_keywords").ShouldBe(0f);
    }

    [Fact]
    public void Rare_term_coverage_weighs_by_idf()
    {
        var ix = Index();
        // laser is in two documents, weld in one: document 2 holds only the commoner of the two
        var v = ix.Features(ix.Query("laser welding"), Corpus.Id(2), default).ShouldNotBeNull();
        V(v, "rarest3_coverage").ShouldBe(0.5f);
        V(v, "idf_coverage_stem").ShouldBeGreaterThan(0f);
        V(v, "idf_coverage_stem").ShouldBeLessThan(0.5f);
        var both = ix.Features(ix.Query("laser welding"), Corpus.Id(1), default).ShouldNotBeNull();
        V(both, "rarest3_coverage").ShouldBe(1f);
        V(both, "idf_coverage_stem").ShouldBe(1f);
    }

    [Fact]
    public void The_engine_signal_is_passed_through()
    {
        var ix = Index();
        var v = ix.Features(ix.Query("laser"), Corpus.Id(2), new EngineSignal(0.3, 2, 0.6)).ShouldNotBeNull();
        V(v, "engine_score").ShouldBe(0.3f, 1e-6f);
        V(v, "engine_rank").ShouldBe(2f);
        V(v, "engine_score_share").ShouldBe(0.5f, 1e-6f);
        ix.Features(ix.Query("laser"), Corpus.Id(99), default).ShouldBeNull();
    }

    [Fact]
    public void The_feature_vector_of_a_pair_is_deterministic()
    {
        var a = Index();
        var b = Index(Enumerable.Reverse(Docs));
        foreach (var q in new[] { "laser welding steel", "焊接机器人视觉", "battery 电池 cooling" })
        {
            foreach (var d in Docs)
            {
                var signal = new EngineSignal(0.42, 3, 0.9);
                var x = a.Features(a.Query(q), d.Id, signal).ShouldNotBeNull();
                x.Length.ShouldBe(RankFeatureIndex.Count);
                x.ShouldBe(a.Features(a.Query(q), d.Id, signal));
                x.ShouldBe(b.Features(b.Query(q), d.Id, signal));
            }
        }

        // and not constant: different pairs differ
        a.Features(a.Query("laser"), Corpus.Id(1), default).ShouldNotBe(a.Features(a.Query("laser"), Corpus.Id(2), default));
    }

    [Fact]
    public void Feedback_similarity_is_the_cosine_to_the_centroid_of_the_first_candidates()
    {
        var ix = Index();
        var fb = ix.Feedback([Corpus.Id(1)]);
        var q = ix.Query("laser");
        V(ix.Features(q, Corpus.Id(1), default, fb).ShouldNotBeNull(), "prf_cosine_stem").ShouldBe(1f, 1e-5f);
        var cutting = V(ix.Features(q, Corpus.Id(2), default, fb).ShouldNotBeNull(), "prf_cosine_stem");
        cutting.ShouldBeGreaterThan(0f);                 // shares laser with document 1
        cutting.ShouldBeLessThan(1f);
        V(ix.Features(q, Corpus.Id(3), default, fb).ShouldNotBeNull(), "prf_cosine_stem").ShouldBe(0f);
        V(ix.Features(q, Corpus.Id(1), default).ShouldNotBeNull(), "prf_cosine_stem").ShouldBe(0f);
    }

    [Fact]
    public void Candidate_lists_get_engine_ranks_feedback_and_shares_of_the_best_score()
    {
        var ix = Index();
        var rows = ix.Candidates(ix.Query("laser welding"), [(Corpus.Id(2), 0.8), (Corpus.Id(1), 0.6), (Corpus.Id(3), 0.1)], feedbackDocs: 1);
        rows.Length.ShouldBe(3);
        V(rows[1], "engine_rank").ShouldBe(2f);
        V(rows[1], "engine_score_share").ShouldBe(0.75f, 1e-6f);
        V(rows[0], "prf_cosine_stem").ShouldBe(1f, 1e-5f);      // the first candidate is the feedback centroid
        V(rows[1], "bm25_stem_share").ShouldBe(1f);              // document 1 holds both words: the best BM25
        V(rows[0], "bm25_stem_share").ShouldBe(V(rows[0], "bm25_stem") / V(rows[1], "bm25_stem"), 1e-6f);
        V(rows[2], "bm25_stem_share").ShouldBe(0f);
    }

    [Fact]
    public void Phrase_matching_measures_the_longest_run_of_each_keywords_character_pairs()
    {
        var ix = Index();
        var v = ix.Features(ix.Query("焊缝跟踪 激光"), Corpus.Id(4), default).ShouldNotBeNull();
        V(v, "phrase_whole_fraction").ShouldBe(0f);                 // 缝跟 is not in the document, 激光 not at all
        V(v, "phrase_longest_run").ShouldBe(1f / 6, 1e-6f);      // (1 of 3 pairs + 0 of 1) / 2
        var whole = ix.Features(ix.Query("焊接机器人"), Corpus.Id(4), default).ShouldNotBeNull();
        V(whole, "phrase_whole_fraction").ShouldBe(1f);
        V(whole, "phrase_longest_run").ShouldBe(1f);
    }
}

using TechTransfer.Match.Matching;

namespace TechTransfer.Match.Matching.Tests;

public class EngineTests
{
    private static MatchingEngine Build(MatchingOptions? o = null, IEnumerable<ListingDocument>? docs = null)
    {
        var e = new MatchingEngine(o ?? new MatchingOptions { RefitGrowthRatio = 0 });
        e.Rebuild(docs ?? Corpus.Sample());
        return e;
    }

    [Fact]
    public void Needs_find_the_right_achievements_in_both_languages()
    {
        using var e = Build();
        e.Count.ShouldBe(10);
        e.FindMatches(Corpus.Id(101), new MatchQuery())[0].Id.ShouldBe(Corpus.Id(1));
        e.FindMatches(Corpus.Id(102), new MatchQuery())[0].Id.ShouldBe(Corpus.Id(2));
        e.FindMatches(Corpus.Id(103), new MatchQuery())[0].Id.ShouldBe(Corpus.Id(3));
        e.FindMatches(Corpus.Id(104), new MatchQuery())[0].Id.ShouldBe(Corpus.Id(4));
    }

    [Fact]
    public void Achievements_find_needs_of_the_opposite_kind_only()
    {
        using var e = Build();
        var r = e.FindMatches(Corpus.Id(1), new MatchQuery(Top: 10));
        r.ShouldAllBe(m => m.Kind == ListingKind.Need);
        r[0].Id.ShouldBe(Corpus.Id(101));
    }

    [Fact]
    public void Matched_terms_are_original_language_words()
    {
        using var e = Build();
        var zh = e.FindMatches(Corpus.Id(101), new MatchQuery())[0].Explanation.MatchedTerms;
        zh.ShouldContain("铝合金");
        zh.ShouldContain("焊接");
        var en = e.FindMatches(Corpus.Id(103), new MatchQuery())[0].Explanation.MatchedTerms;
        en.ShouldContain("scrubber");
        en.Count.ShouldBeLessThanOrEqualTo(10);
    }

    [Fact]
    public void Matched_terms_are_the_ten_explanatory_words_of_largest_contribution_each_once_ties_by_surface()
    {
        using var e = Build();
        var dict = e.State.Dict;
        int Word(string surface) => dict.GetOrAdd(FeaturePrefix.Word + surface, null);
        var rnd = new Random(3);
        var words = new[] { "焊接", "alloy", "laser", "42", "x", "3.5%", "铝合金", "beam", "weld", "cell", "zinc", "heat", "pump", "膜", "steel", "tube" };
        for (var round = 0; round < 200; round++)
        {
            // contributions from a few values, so that many tie; a surface may come twice with different contributions
            var contributions = Enumerable.Range(0, rnd.Next(0, 30))
                .Select(_ => (Term: Word(words[rnd.Next(words.Length)]), Contribution: rnd.Next(4) * 0.25))
                .ToList();
            var expected = contributions
                .Select(c => (Surface: dict.Surface(c.Term), c.Contribution))
                .Where(c => c.Surface is not ("42" or "x" or "3.5%"))
                .OrderByDescending(c => c.Contribution).ThenBy(c => c.Surface, StringComparer.Ordinal)
                .Select(c => c.Surface).Distinct(StringComparer.Ordinal).Take(10).ToList();
            MatchingEngine.MatchedTerms(e.State, contributions).ShouldBe(expected);
        }
    }

    [Fact]
    public void Explanation_contributions_add_up_to_the_score_exactly()
    {
        using var e = Build();
        foreach (var id in new[] { 101, 102, 103, 104, 1, 2, 3 })
        {
            foreach (var m in e.FindMatches(Corpus.Id(id), new MatchQuery(Top: 10)))
            {
                m.Explanation.Components.Select(c => c.Name).ShouldBe(["text", "locality", "field", "maturity", "budget"]);
                m.Explanation.Components.Sum(c => c.Contribution).ShouldBe(m.Score);
                foreach (var c in m.Explanation.Components)
                {
                    c.Value.ShouldBeInRange(0, 1);
                    c.Contribution.ShouldBe(c.Value * c.Weight);
                }
            }
        }
    }

    [Fact]
    public void Same_text_from_Dalian_ranks_above_Beijing_by_exactly_the_locality_weight()
    {
        var o = new MatchingOptions { RefitGrowthRatio = 0 };
        const string body = "采用光纤激光器实现铝合金薄板的高速焊接，焊缝强度高。";
        var docs = Corpus.Sample();
        docs.Add(Corpus.Achievement(201, "铝合金激光焊接", body, region: "110105"));
        docs.Add(Corpus.Achievement(202, "铝合金激光焊接", body, region: "210211"));
        using var e = Build(o, docs);
        var r = e.FindMatches(Corpus.Id(101), new MatchQuery(Top: 10)).ToList();
        var dalian = r.Single(m => m.Id == Corpus.Id(202));
        var beijing = r.Single(m => m.Id == Corpus.Id(201));
        r.IndexOf(dalian).ShouldBeLessThan(r.IndexOf(beijing));
        (dalian.Score - beijing.Score).ShouldBe(o.LocalityWeight * (1 - 0), 1e-12);
        dalian.Explanation.Components.Single(c => c.Name == "text").Value
            .ShouldBe(beijing.Explanation.Components.Single(c => c.Name == "text").Value);
    }

    [Fact]
    public void LocalOnly_keeps_same_city_candidates()
    {
        using var e = Build();
        var all = e.FindMatches(Corpus.Id(1), new MatchQuery(Top: 10));
        var local = e.FindMatches(Corpus.Id(1), new MatchQuery(Top: 10, LocalOnly: true));
        all.Count.ShouldBeGreaterThan(local.Count);
        local.ShouldNotBeEmpty();
        local.ShouldAllBe(m => m.Explanation.Components[1].Value == 1.0);
    }

    [Fact]
    public void MinScore_filters_results()
    {
        using var e = Build();
        var all = e.FindMatches(Corpus.Id(101), new MatchQuery(Top: 10));
        var welding = all.Single(m => m.Id == Corpus.Id(1)); // the listing's real match
        var desalination = all.Single(m => m.Id == Corpus.Id(5)); // proposed on the other components, little shared text
        welding.Score.ShouldBeGreaterThan(0.25);
        desalination.Score.ShouldBeLessThan(0.25);

        var filtered = e.FindMatches(Corpus.Id(101), new MatchQuery(Top: 10, MinScore: 0.25));
        filtered.Select(m => m.Id).ShouldContain(welding.Id);
        filtered.Select(m => m.Id).ShouldNotContain(desalination.Id);
        filtered.Select(m => (m.Id, m.Score)).ShouldBe(all.Where(m => m.Score >= 0.25).Select(m => (m.Id, m.Score)));

        // the bound is inclusive
        e.FindMatches(Corpus.Id(101), new MatchQuery(Top: 10, MinScore: desalination.Score)).Select(m => m.Id).ShouldContain(desalination.Id);
    }

    [Fact]
    public void Local_enterprises_come_first_among_near_equal_scores()
    {
        var o = new MatchingOptions { RefitGrowthRatio = 0, LocalityWeight = 0 }; // scores tie exactly
        var docs = Corpus.Sample();
        const string body = "需要海水淡化反渗透膜技术，提高脱盐率。";
        docs.Add(Corpus.Need(301, "海水淡化", body, region: "110105"));
        docs.Add(Corpus.Need(302, "海水淡化", body, region: "210211")); // larger id: would come second on a tie
        using var e = Build(o, docs);
        var r = e.FindMatches(Corpus.Id(5), new MatchQuery(Top: 5));
        r[0].Id.ShouldBe(Corpus.Id(302));
        r[1].Id.ShouldBe(Corpus.Id(301));
        r[0].Score.ShouldBe(r[1].Score);
    }

    [Fact]
    public void Preview_scores_a_draft_without_indexing_it()
    {
        using var e = Build();
        var draft = Corpus.Need(999, "电池热管理", "电动汽车动力电池包需要液冷热管理方案。");
        var r = e.Preview(draft, new MatchQuery());
        r[0].Id.ShouldBe(Corpus.Id(2));
        e.Count.ShouldBe(10);
    }

    [Fact]
    public void Bad_input_is_rejected_with_argument_or_key_errors()
    {
        using var e = Build(new MatchingOptions { RefitGrowthRatio = 0, MaxTextLength = 100 });
        Should.Throw<ArgumentException>(() => e.Search("   ", ListingKind.Achievement, 10));
        Should.Throw<ArgumentException>(() => e.Search(new string('a', 101), ListingKind.Achievement, 10));
        Should.Throw<ArgumentException>(() => e.Preview(Corpus.Need(999, " ", " "), new MatchQuery()));
        Should.Throw<ArgumentException>(() => e.Preview(Corpus.Need(999, "x", new string('长', 200)), new MatchQuery()));
        Should.Throw<ArgumentException>(() => e.FindMatches(Corpus.Id(101), new MatchQuery(Top: 101)));
        Should.Throw<ArgumentException>(() => e.Search("steel", ListingKind.Achievement, 0));
        Should.Throw<KeyNotFoundException>(() => e.FindMatches(Guid.NewGuid(), new MatchQuery()));
    }

    [Fact]
    public void Search_is_text_only()
    {
        using var e = Build();
        var hits = e.Search("steel surface defects", ListingKind.Achievement, 3);
        hits[0].Id.ShouldBe(Corpus.Id(4));
        hits[0].Score.ShouldBeInRange(0.0, 1.0);
        e.Search("海水淡化", ListingKind.Achievement, 3)[0].Id.ShouldBe(Corpus.Id(5));
    }

    [Fact]
    public void Results_are_deterministic_across_builds()
    {
        using var a = Build();
        using var b = Build();
        foreach (var id in new[] { 101, 102, 103, 104, 1, 3 })
        {
            var ra = a.FindMatches(Corpus.Id(id), new MatchQuery(Top: 10));
            var rb = b.FindMatches(Corpus.Id(id), new MatchQuery(Top: 10));
            ra.Select(m => (m.Id, m.Score)).ShouldBe(rb.Select(m => (m.Id, m.Score)));
        }
    }

    [Fact]
    public void Upsert_update_and_remove_take_effect_at_once()
    {
        using var e = Build();
        var doc = Corpus.Achievement(50, "船舶尾气脱硫洗涤塔", "Ship exhaust scrubber for sulphur removal on marine engines, low pressure drop.", "210211");
        e.Upsert(doc);
        e.Count.ShouldBe(11);
        e.FindMatches(Corpus.Id(103), new MatchQuery(Top: 3)).Select(m => m.Id).ShouldContain(Corpus.Id(50));

        e.Upsert(doc with { Title = "果蔬保鲜", Body = "冷链物流果蔬保鲜包装材料。" });
        e.Count.ShouldBe(11);
        e.FindMatches(Corpus.Id(103), new MatchQuery(Top: 10)).Select(m => m.Id).ShouldNotContain(Corpus.Id(50));

        e.Remove(Corpus.Id(50)).ShouldBeTrue();
        e.Remove(Corpus.Id(50)).ShouldBeFalse();
        e.Count.ShouldBe(10);
        Should.Throw<KeyNotFoundException>(() => e.FindMatches(Corpus.Id(50), new MatchQuery()));
    }

    [Fact]
    public void A_listing_that_changes_kind_moves_to_the_other_side()
    {
        using var e = Build();
        var d = Corpus.Sample()[0];
        e.Upsert(d with { Kind = ListingKind.Need });
        e.Count.ShouldBe(10);
        e.FindMatches(Corpus.Id(101), new MatchQuery(Top: 10)).Select(m => m.Id).ShouldNotContain(d.Id);
    }

    [Fact]
    public void Snapshot_save_and_load_gives_identical_results()
    {
        using var e = Build();
        e.Upsert(Corpus.Achievement(60, "Laser welding of aluminium", "Fibre laser welding of aluminium car bodies.", "210211"));
        using var ms = new MemoryStream();
        e.SaveSnapshot(ms);
        ms.Position = 0;
        using var loaded = MatchingEngine.LoadSnapshot(ms, new MatchingOptions { RefitGrowthRatio = 0 });
        loaded.Count.ShouldBe(e.Count);
        foreach (var id in new[] { 101, 102, 103, 104, 1, 60 })
        {
            var a = e.FindMatches(Corpus.Id(id), new MatchQuery(Top: 10));
            var b = loaded.FindMatches(Corpus.Id(id), new MatchQuery(Top: 10));
            b.Select(m => (m.Id, m.Score)).ShouldBe(a.Select(m => (m.Id, m.Score)));
            b.Select(m => string.Join(",", m.Explanation.MatchedTerms)).ShouldBe(a.Select(m => string.Join(",", m.Explanation.MatchedTerms)));
        }

        loaded.Search("激光焊接", ListingKind.Achievement, 5).ShouldBe(e.Search("激光焊接", ListingKind.Achievement, 5));

        // the IDF comes from the snapshot; the ML.NET model behind it is still there, loaded on demand
        loaded.State.Weighting.IdfArray.ShouldBe(e.State.Weighting.IdfArray);
        loaded.State.Model.ShouldNotBeNull().Vocabulary.ShouldBe(e.State.Model.ShouldNotBeNull().Vocabulary);
    }

    [Fact]
    public void Restore_replaces_the_content_of_a_running_engine()
    {
        using var source = Build();
        using var ms = new MemoryStream();
        source.SaveSnapshot(ms);
        ms.Position = 0;

        using var target = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0 });
        target.Upsert(Corpus.Achievement(70, "Solar panel cleaning robot", "A robot that cleans photovoltaic panels without water."));
        target.Restore(ms);

        target.ListingIds().Order().ShouldBe(source.ListingIds().Order());
        target.ListingIds().ShouldNotContain(Corpus.Id(70));
        foreach (var id in new[] { 101, 102, 103, 104 })
        {
            target.FindMatches(Corpus.Id(id), new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score))
                .ShouldBe(source.FindMatches(Corpus.Id(id), new MatchQuery(Top: 10)).Select(m => (m.Id, m.Score)));
        }

        // still a live index after the restore
        target.Upsert(Corpus.Achievement(71, "铝合金激光焊接机器人", "铝合金车体激光焊接机器人，焊缝强度高。", Corpus.Dalian));
        target.FindMatches(Corpus.Id(101), new MatchQuery(Top: 3)).Select(m => m.Id).ShouldContain(Corpus.Id(71));
    }

    [Fact]
    public void Restore_rejects_data_that_is_not_a_snapshot()
    {
        using var e = Build();
        Should.Throw<InvalidDataException>(() => e.Restore(new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8])));
        e.Count.ShouldBe(10);
    }

    [Fact]
    public void A_candidate_limit_keeps_the_best_text_matches()
    {
        var docs = CandidateLimitCorpus();
        using var all = Build(docs: docs);
        using var limited = Build(new MatchingOptions { RefitGrowthRatio = 0, MatchCandidateLimit = 1 }, docs);
        var need = Corpus.Id(400);
        var weakText = Corpus.Id(450);
        var middlingText = Corpus.Id(460);
        var query = new MatchQuery(Top: 5); // a candidate pool of 2 x 5 + 20 = 30 of the 32 listings sharing text

        // Every listing ranked exactly; the 30 best text matches are the pool the limit keeps.
        var exhaustive = all.FindMatches(need, new MatchQuery(Top: 32));
        exhaustive.Count.ShouldBe(32);
        var bestText = exhaustive.OrderByDescending(m => m.Explanation.Components[0].Value).Take(30).Select(m => m.Id).ToHashSet();
        bestText.ShouldNotContain(weakText);
        bestText.ShouldContain(middlingText);

        // Without the limit the weak text match ranks in the top 5 on locality, field, maturity and budget; with it,
        // it is not ranked at all, and the top 5 are the exhaustive ranking of the best text matches (the middling
        // text match, about the 20th by text, still among them on its other components).
        var unlimited = all.FindMatches(need, query);
        unlimited.Select(m => m.Id).ShouldContain(weakText);
        var withLimit = limited.FindMatches(need, query);
        withLimit.Select(m => m.Id).ShouldNotContain(weakText);
        withLimit.Select(m => m.Id).ShouldContain(middlingText);
        withLimit.Select(m => (m.Id, m.Score)).ShouldBe(exhaustive.Where(m => bestText.Contains(m.Id)).Take(5).Select(m => (m.Id, m.Score)));

        // LocalOnly is not limited: the weak text match stays among the same-city candidates.
        limited.FindMatches(need, query with { LocalOnly = true }).Select(m => m.Id).Order().ShouldBe([weakText, middlingText]);
    }

    /// <summary>
    /// A need (400, Dalian) and 32 achievements sharing some of its text: 401..430 share all of it, diluted by 0..29
    /// filler words, and nothing else (Beijing, another field, TRL 1, far too expensive); 450 shares one word and
    /// everything else (Dalian, same field, TRL reached, price within the budget); 460 shares everything else and
    /// the text diluted by 20 filler words.
    /// </summary>
    private static List<ListingDocument> CandidateLimitCorpus()
    {
        string[] filler = ["harbour", "granite", "orchard", "violin", "lantern", "meadow", "copper", "saddle", "glacier", "pepper",
            "canvas", "marble", "falcon", "willow", "thunder", "velvet", "compass", "timber", "island", "ribbon",
            "walnut", "crystal", "puzzle", "tundra", "basket", "mirror", "nectar", "quartz", "summit", "parrot"];
        const string text = "Laser welding of aluminium car body panels with low distortion.";
        var docs = new List<ListingDocument>
        {
            Corpus.Need(400, "Laser welding of aluminium", text, Corpus.Dalian, field: 3, trl: 9, bmin: 100m, bmax: 1000m),
            Corpus.Achievement(450, "Hydraulic pump service", "Welding repair and maintenance schedules for hydraulic pumps.", Corpus.Dalian, field: 3, trl: 9, pmin: 500m, pmax: 800m),
        };
        docs.Add(Corpus.Achievement(460, "Laser welding", text + " " + string.Join(" ", filler.Take(20)), Corpus.Dalian, field: 3, trl: 9, pmin: 500m, pmax: 800m));
        for (var i = 0; i < filler.Length; i++)
        {
            docs.Add(Corpus.Achievement(401 + i, "Laser welding", text + " " + string.Join(" ", filler.Take(i)), Corpus.Beijing, field: 4, trl: 1, pmin: 1_000_000m, pmax: 2_000_000m));
        }

        return docs;
    }

    [Fact]
    public void Scores_from_the_index_profiles_equal_scores_from_the_listings()
    {
        var o = new MatchingOptions();
        var need = Corpus.Need(1, "t", "b", Corpus.Dalian, field: 3, trl: 7, bmin: 100_000m, bmax: null);
        var achievements = new[]
        {
            Corpus.Achievement(2, "t", "b", Corpus.Dalian, field: 3, trl: 5, pmin: 200_000m, pmax: 300_000m),
            Corpus.Achievement(3, "t", "b", Corpus.Shenyang, field: 0, trl: null, pmin: null, pmax: 50_000m),
            Corpus.Achievement(4, "t", "b", "", field: 4, trl: 9),
        };
        foreach (var a in achievements)
        {
            foreach (var (source, candidate) in new[] { (need, a), (a, need) })
            {
                var viaProfiles = Scoring.Compute(o, new ScoringProfile(source), source.Kind == ListingKind.Need, new ScoringProfile(candidate), Scoring.HomeKeys(o), 0.3);
                var expectedLocality = Scoring.Locality(candidate.RegionCode, o.HomeRegionCode);
                var expectedMaturity = Scoring.Maturity(need.Trl, a.Trl);
                var expectedBudget = Scoring.Budget(a.PriceMin, a.PriceMax, need.PriceMin, need.PriceMax);
                viaProfiles.Locality.ShouldBe(expectedLocality);
                viaProfiles.Maturity.ShouldBe(expectedMaturity);
                viaProfiles.Budget.ShouldBe(expectedBudget);
                viaProfiles.Field.ShouldBe(Scoring.Field(source.Field, candidate.Field));
                viaProfiles.Score.ShouldBe(Scoring.Compute(o, source, candidate, 0.3).Score);
            }
        }
    }

    [Fact]
    public void Empty_engine_answers_with_no_results()
    {
        using var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0 });
        e.Search("steel", ListingKind.Need, 10).ShouldBeEmpty();
        e.Preview(Corpus.Need(1, "steel", "steel"), new MatchQuery()).ShouldBeEmpty();
        e.Upsert(Corpus.Achievement(2, "steel", "steel strip"));
        e.Preview(Corpus.Need(1, "steel", "steel strip"), new MatchQuery()).Count.ShouldBe(1);
    }
}

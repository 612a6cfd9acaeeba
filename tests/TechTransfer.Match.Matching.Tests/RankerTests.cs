using TechTransfer.Match.Matching;
using Xunit.Abstractions;

namespace TechTransfer.Match.Matching.Tests;

public class RankerTests(ITestOutputHelper output)
{
    private static readonly double Threshold = new MatchingOptions().ProposalThreshold;

    private static MatchingEngine Build(IEnumerable<ListingDocument> docs)
    {
        var e = new MatchingEngine(new MatchingOptions { RefitGrowthRatio = 0 });
        e.Rebuild(docs);
        return e;
    }

    private static IEnumerable<(Guid Need, Guid Achievement)> Pairs(IEnumerable<ListingDocument> docs)
    {
        var list = docs.ToList();
        return from n in list.Where(d => d.Kind == ListingKind.Need)
               from a in list.Where(d => d.Kind == ListingKind.Achievement)
               select (n.Id, a.Id);
    }

    [Fact]
    public void Pair_features_are_the_same_from_an_index_built_in_another_order()
    {
        var docs = Corpus.Sample().Concat(Corpus.Synthetic(60, seed: 3)).ToList();
        using var forward = Build(docs);
        using var backward = Build(Enumerable.Reverse(docs));
        foreach (var (need, achievement) in Pairs(docs))
        {
            foreach (var (a, b) in new[] { (need, achievement), (achievement, need) })
            {
                var f = forward.PairFeatures(a, b);
                var g = backward.PairFeatures(a, b);
                f.Length.ShouldBe(PairFeature.Count);
                // Term ids (and so the order the cosine's shared terms are summed in) follow the build order: the text
                // parts agree to rounding; the rest is computed in an order that does not depend on them.
                for (var i = 0; i < PairFeature.Count; i++)
                {
                    if (i is PairFeature.Text or PairFeature.TextWords or PairFeature.TextBigrams or PairFeature.TextCharBigrams or PairFeature.TextCharUnigrams)
                        g[i].ShouldBe(f[i], 1e-12, PairFeature.Names[i]);
                    else
                        g[i].ShouldBe(f[i], PairFeature.Names[i]);
                }
            }
        }
    }

    [Fact]
    public void Pair_features_have_the_hand_computed_values_on_a_tiny_corpus()
    {
        using var e = Build(
        [
            Corpus.Achievement(1, "zirconia ceramic bearing", "", Corpus.Dalian, field: 3, trl: 6, pmin: 100, pmax: 200),
            Corpus.Achievement(2, "polymer membrane", "", Corpus.Beijing, field: 4, trl: 2),
            Corpus.Need(101, "ceramic bearing lubrication", "", Corpus.Shenyang, field: 3, trl: 7, bmin: 150, bmax: 300),
        ]);
        var st = e.State;
        var f = e.PairFeatures(Corpus.Id(101), Corpus.Id(1));

        // the need's terms: three stems and two word bigrams; the achievement holds "ceramic", "bear" and "ceramic bear"
        var need = st.Get(Corpus.Id(101))!;
        var terms = need.Unpack().Terms;
        string Text(int t) => st.Dict.Term(t);
        var bigram = BigramHash.Feature("ceram", "bear", st.Dict.HashBits);
        var held = terms.Where(t => Text(t) is "wceram" or "wbear" || Text(t) == bigram).ToList();
        held.Count.ShouldBe(3, string.Join(",", terms.Select(Text)));
        var idf = terms.Select(t => (double)st.Weighting.Idf(t)).ToList();
        f[PairFeature.RareTerms].ShouldBe(held.Sum(t => (double)st.Weighting.Idf(t)) / idf.Sum(), 1e-12);

        // the text parts: words and bigrams only (English), adding up to the cosine
        f[PairFeature.TextCharBigrams].ShouldBe(0);
        f[PairFeature.TextCharUnigrams].ShouldBe(0);
        f[PairFeature.TextWords].ShouldBeGreaterThan(0);
        f[PairFeature.TextBigrams].ShouldBeGreaterThan(0);
        (f[PairFeature.TextWords] + f[PairFeature.TextBigrams]).ShouldBe(f[PairFeature.Text], 1e-12);
        var q = st.Weighting.DocumentVector(need, st.Dict.Prefix, out _);
        var d = st.Weighting.DocumentVector(st.Get(Corpus.Id(1))!, st.Dict.Prefix, out _);
        double Weight(SparseVector v, int t) => v.Weights[Array.IndexOf(v.Terms, t)];
        f[PairFeature.TextWords].ShouldBe(held.Where(t => Text(t)[0] == 'w').Sum(t => Weight(q, t) * Weight(d, t)), 1e-6);

        f[PairFeature.SourceLength].ShouldBe(Math.Log(1 + need.Length), 1e-12);
        f[PairFeature.CandidateLength].ShouldBe(Math.Log(1 + st.Get(Corpus.Id(1))!.Length), 1e-12);
        f[PairFeature.Locality].ShouldBe(1.0);  // Dalian, the home city
        f[PairFeature.Field].ShouldBe(1.0);
        f[PairFeature.Maturity].ShouldBe(0.75); // one TRL short of the required 7
        f[PairFeature.Budget].ShouldBe(1.0);    // 100-200 overlaps 150-300

        var none = e.PairFeatures(Corpus.Id(101), Corpus.Id(2));
        none[PairFeature.Text].ShouldBe(0);
        none[PairFeature.RareTerms].ShouldBe(0);
        none[PairFeature.Locality].ShouldBe(0);
        none[PairFeature.Field].ShouldBe(0);
        none[PairFeature.Maturity].ShouldBe(0);
        Should.Throw<ArgumentException>(() => e.PairFeatures(Corpus.Id(1), Corpus.Id(2)));
    }

    [Fact]
    public void The_default_ranker_gives_the_hand_set_score_and_its_five_components()
    {
        using var e = Build(Corpus.Sample());
        e.Ranker.Version.ShouldBe(AdditiveRanker.WeightsVersion);
        var o = e.Options;
        foreach (var need in new[] { 101, 102, 103, 104 })
        {
            foreach (var m in e.FindMatches(Corpus.Id(need), new MatchQuery(Top: 10)))
            {
                var f = e.PairFeatures(Corpus.Id(need), m.Id);
                var expected = f[PairFeature.Text] * o.TextWeight;
                expected += f[PairFeature.Locality] * o.LocalityWeight;
                expected += f[PairFeature.Field] * o.FieldWeight;
                expected += f[PairFeature.Maturity] * o.MaturityWeight;
                expected += f[PairFeature.Budget] * o.BudgetWeight;
                m.Score.ShouldBe(expected);
                m.Explanation.Components.Select(c => (c.Name, c.Weight)).ShouldBe(
                    [("text", o.TextWeight), ("locality", o.LocalityWeight), ("field", o.FieldWeight), ("maturity", o.MaturityWeight), ("budget", o.BudgetWeight)]);
                m.Explanation.Components.ShouldAllBe(c => c.Min == 0 && c.Max == c.Weight); // each part gives 0 to its weight
            }
        }
    }

    [Fact]
    public void A_terms_range_is_its_least_and_greatest_effect_or_zero_to_its_weight()
    {
        new RankerTerm("field", 0.1, [], []).Range(unitInterval: true).ShouldBe((0, 0.1));
        new RankerTerm("field", -0.2, [], []).Range(unitInterval: true).ShouldBe((-0.2, 0));
        new RankerTerm("sourceLength", 0.1, [], []).Range(unitInterval: false).ShouldBeNull();
        new RankerTerm("rareTerms", 0, [0.2, 0.5, 1], [-0.04, 0.01, 0.09]).Range(unitInterval: true).ShouldBe((-0.04, 0.09));

        // an unbounded linear term's part is explained with the range 0 to its own contribution
        var ranker = new AdditiveRanker("linear-lengths", 0.05, [new("sourceLength", 0.02, [], []), new("rareTerms", 0, [0.5, 1], [-0.03, 0.06])]);
        var f = new double[PairFeature.Count];
        f[PairFeature.SourceLength] = 4;
        f[PairFeature.RareTerms] = 0.3;
        var parts = ranker.Explain(f);
        parts.Select(c => (c.Name, c.Contribution, c.Min, c.Max)).ShouldBe(
            [("bias", 0.05, (double?)0.05, (double?)0.05), ("sourceLength", 0.08, 0, 0.08), ("rareTerms", -0.03, -0.03, 0.06)]);
        parts.Sum(c => c.Contribution).ShouldBe(ranker.Score(f), 1e-15);
    }

    /// <summary>
    /// Outcomes of proposals on a synthetic corpus: each need's top 12 candidates, positive with a probability that
    /// rewards the field and the rare terms more than the hand-set weights do (a fixed seed).
    /// </summary>
    private static (MatchingEngine Engine, List<RankerSample> Samples) Outcomes(int listings = 600, Func<Guid, Guid, bool>? invert = null)
    {
        var docs = Corpus.Synthetic(listings, seed: 11);
        var e = Build(docs);
        var rnd = new Random(5);
        var samples = new List<RankerSample>();
        foreach (var need in docs.Where(d => d.Kind == ListingKind.Need))
        {
            foreach (var m in e.FindMatches(need.Id, new MatchQuery(Top: 12)))
            {
                var f = e.PairFeatures(need.Id, m.Id);
                var logit = (3.0 * (f[PairFeature.Field] - 0.5)) + (4.0 * (f[PairFeature.RareTerms] - 0.5)) + (1.5 * (f[PairFeature.Maturity] - 0.6)) - (0.5 * f[PairFeature.Locality]);
                if (invert?.Invoke(need.Id, m.Id) == true) logit = -logit;
                samples.Add(new RankerSample(need.Id, m.Id, f, rnd.NextDouble() < 1 / (1 + Math.Exp(-logit)), "synthetic"));
            }
        }

        return (e, samples);
    }

    [Fact]
    public void The_engine_evaluates_a_trained_gam_as_ml_net_predicts_it()
    {
        var (e, samples) = Outcomes(300);
        using var _ = e;
        var o = new RankerTrainerOptions(Iterations: 100);
        var predicted = AdditiveRankerTrainer.PredictWithMlNet(samples.Take(500).ToList(), samples, o, out var copy);
        copy.Terms.ShouldNotBeEmpty();
        copy.Terms.ShouldAllBe(t => !t.IsLinear);
        for (var i = 0; i < samples.Count; i++)
        {
            copy.Score(samples[i].Features.ToArray()).ShouldBe(predicted[i], 1e-6);
        }

        // the trainer's own model is the same fit
        AdditiveRankerTrainer.Train(samples.Take(500).ToList(), "check", o).ToBytes().ShouldBe(copy.ToBytes());
    }

    [Fact]
    public void Training_is_deterministic_and_a_better_candidate_is_promoted()
    {
        var (e, samples) = Outcomes();
        using var _ = e;
        var first = AdditiveRankerTrainer.TrainAndEvaluate(samples, e.Ranker, "gam-1", Threshold)!;
        var again = AdditiveRankerTrainer.TrainAndEvaluate(samples, e.Ranker, "gam-1", Threshold)!;
        again.Candidate.ToBytes().ShouldBe(first.Candidate.ToBytes());
        first.HeldBackSamples.ShouldBe(samples.Count(s => AdditiveRankerTrainer.IsHeldBack(s.Source, s.Candidate)));
        first.HeldBackSamples.ShouldBeInRange(samples.Count / 10, samples.Count * 3 / 10);
        output.WriteLine($"samples {samples.Count}, held back {first.HeldBackSamples}: serving {first.ServingMetrics}, candidate {first.CandidateMetrics}");
        first.Promote.ShouldBeTrue();
        first.CandidateMetrics.MeanAveragePrecision.ShouldBeGreaterThan(first.ServingMetrics.MeanAveragePrecision);
    }

    [Fact]
    public void A_candidate_worse_on_the_held_back_outcomes_is_not_promoted()
    {
        // the training part's outcomes say the opposite of the held-back part's: the candidate learns the wrong thing
        var (e, samples) = Outcomes(invert: (a, b) => !AdditiveRankerTrainer.IsHeldBack(a, b));
        using var _ = e;
        var t = AdditiveRankerTrainer.TrainAndEvaluate(samples, e.Ranker, "gam-bad", Threshold)!;
        output.WriteLine($"serving {t.ServingMetrics}, candidate {t.CandidateMetrics}");
        t.CandidateMetrics.MeanAveragePrecision.ShouldBeLessThan(t.ServingMetrics.MeanAveragePrecision);
        t.Promote.ShouldBeFalse();
    }

    [Fact]
    public void A_candidate_that_ranks_better_but_would_not_propose_the_pairs_taken_up_is_not_promoted()
    {
        var (e, samples) = Outcomes();
        using var _ = e;
        var held = samples.Where(s => AdditiveRankerTrainer.IsHeldBack(s.Source, s.Candidate)).ToList();
        var t = AdditiveRankerTrainer.TrainAndEvaluate(samples, e.Ranker, "gam-1", Threshold)!;
        t.Promote.ShouldBeTrue();
        t.CandidateMetrics.PositivesProposed.ShouldBe(held.Count(s => s.Positive && t.Candidate.Score(s.Features.ToArray()) >= Threshold) / (double)held.Count(s => s.Positive));

        // Unscaled, the GAM scores a take-up rate: the same ranking, but fewer of the pairs taken up reach the threshold.
        var raw = AdditiveRankerTrainer.Evaluate(AdditiveRankerTrainer.Train(samples.Except(held).ToList(), "gam-raw"), held, Threshold);
        output.WriteLine($"unscaled {raw}");
        raw.Auc.ShouldBe(t.CandidateMetrics.Auc, 1e-9);
        raw.PositivesProposed.ShouldBeLessThan(t.CandidateMetrics.PositivesProposed);
        RankerTraining.Promotes(raw, t.ServingMetrics).ShouldBeFalse();

        // The same candidate shifted down: it ranks every pair exactly as before (same AUC and MAP, still better than the
        // serving weighting), but scores every pair taken up under the threshold, so it would propose none of them.
        var top = held.Where(s => s.Positive).Max(s => t.Candidate.Score(s.Features.ToArray()));
        var shifted = new AdditiveRanker("gam-shifted", t.Candidate.Bias - (top - Threshold) - 0.01, t.Candidate.Terms);
        var candidate = AdditiveRankerTrainer.Evaluate(shifted, held, Threshold);
        var serving = AdditiveRankerTrainer.Evaluate(e.Ranker, held, Threshold);
        output.WriteLine($"serving {serving}\ncandidate {t.CandidateMetrics}\nshifted {candidate}");
        candidate.Auc.ShouldBe(t.CandidateMetrics.Auc, 1e-12);
        candidate.MeanAveragePrecision.ShouldBe(t.CandidateMetrics.MeanAveragePrecision, 1e-12);
        candidate.IsBetterThan(serving).ShouldBeTrue();
        candidate.PositivesProposed.ShouldBe(0);
        serving.PositivesProposed.ShouldBeGreaterThan(0);
        RankerTraining.Promotes(candidate, serving).ShouldBeFalse();
        RankerTraining.Promotes(t.CandidateMetrics, serving).ShouldBeTrue();
    }

    [Fact]
    public void Regression_and_binary_gam_measured_on_the_same_held_back_outcomes()
    {
        var (e, samples) = Outcomes();
        using var _ = e;
        var regression = AdditiveRankerTrainer.TrainAndEvaluate(samples, e.Ranker, "r", Threshold, new RankerTrainerOptions(RankerObjective.Regression))!;
        var binary = AdditiveRankerTrainer.TrainAndEvaluate(samples, e.Ranker, "b", Threshold, new RankerTrainerOptions(RankerObjective.Binary))!;
        output.WriteLine($"weights {regression.ServingMetrics}\nregression {regression.CandidateMetrics}\nbinary {binary.CandidateMetrics}");
        regression.Promote.ShouldBeTrue();
        binary.Promote.ShouldBeTrue();
        // both are placed on the serving model's scale (mean and spread of its scores on the training pairs), where the
        // proposal threshold and the display floor are set
        var training = samples.Where(s => !AdditiveRankerTrainer.IsHeldBack(s.Source, s.Candidate)).ToList();
        foreach (var model in new[] { regression.Candidate, binary.Candidate })
        {
            training.Select(s => model.Score(s.Features.ToArray())).Average()
                .ShouldBe(training.Select(s => e.Ranker.Score(s.Features.ToArray())).Average(), 1e-9);
        }
    }

    [Fact]
    public void A_trained_ranker_serves_with_explanations_that_add_up_and_survives_a_restart()
    {
        var (e, samples) = Outcomes(300);
        using var _ = e;
        var model = AdditiveRankerTrainer.Train(samples, "gam-test", new RankerTrainerOptions(Iterations: 100));
        e.UseRanker(model);
        e.Ranker.Version.ShouldBe("gam-test");
        var needs = samples.Select(s => s.Source).Distinct().Take(20).ToList();
        var before = needs.Select(n => e.FindMatches(n, new MatchQuery(Top: 10))).ToList();
        foreach (var m in before.SelectMany(r => r))
        {
            m.Explanation.Components.Aggregate(0.0, (s, c) => s + c.Contribution).ShouldBe(m.Score);
            m.Explanation.Components.Select(c => c.Name).ShouldContain("text");
            m.Explanation.Components.ShouldAllBe(c => c.Min <= c.Contribution && c.Contribution <= c.Max);
        }

        // a shape function's effects lie either side of the average: some parts lower the score
        before.SelectMany(r => r).SelectMany(m => m.Explanation.Components).ShouldContain(c => c.Contribution < 0);

        before.ShouldAllBe(r => r.Zip(r.Skip(1)).All(p => p.First.Score >= p.Second.Score - e.Options.NearEqualScoreDelta));

        using var ms = new MemoryStream();
        e.SaveSnapshot(ms);
        ms.Position = 0;
        using var restarted = MatchingEngine.LoadSnapshot(ms, new MatchingOptions { RefitGrowthRatio = 0 });
        restarted.Ranker.ToBytes().ShouldBe(model.ToBytes());
        var after = needs.Select(n => restarted.FindMatches(n, new MatchQuery(Top: 10))).ToList();
        for (var i = 0; i < needs.Count; i++)
        {
            after[i].Select(m => (m.Id, m.Score)).ShouldBe(before[i].Select(m => (m.Id, m.Score)));
        }

        // a version-2 snapshot (no ranker after the listings, bigrams as text) is refused: the platform rebuilds
        var v4 = ms.ToArray();
        var v2 = v4[..^(4 + model.ToBytes().Length)];
        BitConverter.GetBytes(2).CopyTo(v2, 4);
        Should.Throw<InvalidDataException>(() => MatchingEngine.LoadSnapshot(new MemoryStream(v2), new MatchingOptions { RefitGrowthRatio = 0 }));
    }
}

using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace TechTransfer.Match.Matching;

/// <summary>One outcome on the platform: a proposed pair, its features, and whether it went on (positive) or was dismissed.</summary>
/// <param name="Attribute">What the outcome was (e.g. the dismissal reason); kept with the sample, not a feature.</param>
public sealed record RankerSample(Guid Source, Guid Candidate, IReadOnlyList<double> Features, bool Positive, string? Attribute = null);

/// <param name="Auc">Area under the ROC curve over all samples (ties count half).</param>
/// <param name="MeanAveragePrecision">Average precision of each source listing's samples ranked by score, averaged over
/// the sources with at least one positive.</param>
/// <param name="PositivesProposed">Share of the positives the model scores at or above the proposal threshold: the
/// pairs taken up that it would still propose.</param>
public sealed record RankerMetrics(int Samples, int Positives, double Auc, double MeanAveragePrecision, double PositivesProposed)
{
    /// <summary>Better ranking per source first (what a proposal list is), the AUC on a tie.</summary>
    public bool IsBetterThan(RankerMetrics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        const double Eps = 1e-9;
        if (MeanAveragePrecision > other.MeanAveragePrecision + Eps) return true;
        return Math.Abs(MeanAveragePrecision - other.MeanAveragePrecision) <= Eps && Auc > other.Auc + Eps;
    }
}

/// <summary>A trained candidate beside the serving model, both measured on the same held-back samples.</summary>
public sealed record RankerTraining(AdditiveRanker Candidate, int TrainingSamples, int HeldBackSamples, RankerMetrics CandidateMetrics,
    RankerMetrics ServingMetrics)
{
    /// <summary>Whether the candidate is promoted (<see cref="Promotes"/>).</summary>
    public bool Promote => Promotes(CandidateMetrics, ServingMetrics);

    /// <summary>
    /// Promote only a candidate that ranks the held-back outcomes better than the serving model and still proposes at
    /// least as many of the held-back pairs taken up. A model's score is a fitted take-up rate, not the similarity the
    /// proposal threshold was set on: a candidate can rank better and yet score the pairs firms took up under the
    /// threshold, and then proposes nothing for a fresh listing (seen on the demo, docs/matching.md "On the demo").
    /// </summary>
    public static bool Promotes(RankerMetrics candidate, RankerMetrics serving)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(serving);
        return candidate.IsBetterThan(serving) && candidate.PositivesProposed >= serving.PositivesProposed - 1e-9;
    }
}

public enum RankerObjective
{
    /// <summary>GAM regression on 0/1 labels: the score stays on the 0..1 scale the proposal threshold and display floor use.</summary>
    Regression,

    /// <summary>GAM binary classification: the raw (uncalibrated, additive) score is a log-odds, not on the 0..1 scale.</summary>
    Binary,
}

/// <summary>ML.NET GAM settings; deterministic for a given sample list (fixed seed, one thread).</summary>
public sealed record RankerTrainerOptions(RankerObjective Objective = RankerObjective.Regression, int Iterations = 300, int MaxBins = 64,
    double LearningRate = 0.02, int MinimumExamplesPerLeaf = 10, int Seed = 1);

/// <summary>
/// Trains an <see cref="AdditiveRanker"/> with ML.NET's GAM (Microsoft.ML.FastTree) from outcome samples, holds back a
/// deterministic share by a hash of the pair, and measures candidate and serving model on it (docs/matching.md,
/// "Learned ranking in the serving path").
/// </summary>
public static class AdditiveRankerTrainer
{
    /// <summary>Share of the pairs held back for evaluation (by <see cref="IsHeldBack"/>).</summary>
    public const int HeldBackPercent = 20;

    /// <summary>Whether a pair is in the held-back share: FNV-1a over both ids, stable across processes and runs.</summary>
    public static bool IsHeldBack(Guid source, Guid candidate)
    {
        Span<byte> bytes = stackalloc byte[32];
        source.TryWriteBytes(bytes);
        candidate.TryWriteBytes(bytes[16..]);
        var h = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            h = (h ^ b) * 1099511628211UL;
        }

        return h % 100 < HeldBackPercent;
    }

    /// <summary>
    /// Splits by <see cref="IsHeldBack"/>, trains a candidate on the rest, places it on the serving model's scale
    /// (<see cref="OnScaleOf"/>) and measures it and <paramref name="serving"/> on the held-back part, the share proposed
    /// against <paramref name="proposalThreshold"/>; null when either part lacks a positive or a negative (nothing to
    /// learn or to judge).
    /// </summary>
    public static RankerTraining? TrainAndEvaluate(IReadOnlyList<RankerSample> samples, AdditiveRanker serving, string version, double proposalThreshold,
        RankerTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(serving);
        var held = samples.Where(s => IsHeldBack(s.Source, s.Candidate)).ToList();
        var train = samples.Where(s => !IsHeldBack(s.Source, s.Candidate)).ToList();
        if (!BothClasses(held) || !BothClasses(train))
        {
            return null;
        }

        var candidate = OnScaleOf(Train(train, version, options), serving, train);
        return new RankerTraining(candidate, train.Count, held.Count, Evaluate(candidate, held, proposalThreshold), Evaluate(serving, held, proposalThreshold));
    }

    private static bool BothClasses(List<RankerSample> s) => s.Any(x => x.Positive) && s.Any(x => !x.Positive);

    /// <summary>
    /// The candidate rescaled so its scores on <paramref name="samples"/> have the mean and spread of the serving model's
    /// there. A GAM fitted on 0/1 outcomes scores a take-up rate (near the share of positives, 14 % on the demo), not the
    /// similarity the proposal threshold and the display floor were set on; unscaled, a candidate that ranks better would
    /// score the pairs firms took up under the threshold and propose nothing. The order is kept, so AUC and MAP are too.
    /// </summary>
    public static AdditiveRanker OnScaleOf(AdditiveRanker candidate, AdditiveRanker serving, IReadOnlyList<RankerSample> samples)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) return candidate;
        var c = samples.Select(s => candidate.Score(s.Features.ToArray())).ToArray();
        var v = samples.Select(s => serving.Score(s.Features.ToArray())).ToArray();
        var (cMean, cSd) = MeanAndSpread(c);
        var (vMean, vSd) = MeanAndSpread(v);
        var scale = cSd > 1e-12 && vSd > 1e-12 ? vSd / cSd : 1;
        return candidate.Rescaled(scale, vMean - (scale * cMean));
    }

    private static (double Mean, double Spread) MeanAndSpread(double[] x)
    {
        var mean = x.Average();
        return (mean, Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length));
    }

    /// <summary>Fits ML.NET's GAM on the samples and copies its bias, bin upper bounds and bin effects.</summary>
    public static AdditiveRanker Train(IReadOnlyList<RankerSample> samples, string version, RankerTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var o = options ?? new RankerTrainerOptions();
        var ml = new MLContext(o.Seed);
        var used = Varying(samples);
        var data = Load(ml, samples, used);
        GamModelParametersBase model = o.Objective == RankerObjective.Regression
            ? FitRegression(ml, data, o).Model
            : ml.BinaryClassification.Trainers.Gam(Configure<GamBinaryTrainer.Options, BinaryPredictionTransformer<CalibratedModelParametersBase<GamBinaryModelParameters, PlattCalibrator>>, CalibratedModelParametersBase<GamBinaryModelParameters, PlattCalibrator>>(o, nameof(Row.Positive)))
                .Fit(data).Model.SubModel;
        return FromGam(model, used, version);
    }

    /// <summary>
    /// The features that vary in the samples. ML.NET's GAM keeps a shape function only for those and numbers its shape
    /// functions without saying which input each belongs to, so only these are given to it (a constant feature has no
    /// effect beyond the bias anyway).
    /// </summary>
    private static int[] Varying(IReadOnlyList<RankerSample> samples) =>
        Enumerable.Range(0, PairFeature.Count).Where(i => samples.Select(s => (float)s.Features[i]).Distinct().Skip(1).Any()).ToArray();

    /// <summary>The engine's copy of a GAM: one binned term per shape function, on the feature it was trained on.</summary>
    private static AdditiveRanker FromGam(GamModelParametersBase model, int[] used, string version)
    {
        if (model.NumberOfShapeFunctions != used.Length)
        {
            throw new InvalidOperationException($"The GAM has {model.NumberOfShapeFunctions} shape functions for {used.Length} features.");
        }

        var terms = new List<RankerTerm>();
        for (var j = 0; j < used.Length; j++)
        {
            terms.Add(new RankerTerm(PairFeature.Names[used[j]], 0, model.GetBinUpperBounds(j).ToArray(), model.GetBinEffects(j).ToArray()));
        }

        return new AdditiveRanker(version, model.Bias, terms);
    }

    /// <summary>ML.NET's own predictions (the Score column) for the samples, to check the engine's evaluation against.</summary>
    internal static float[] PredictWithMlNet(IReadOnlyList<RankerSample> train, IReadOnlyList<RankerSample> samples, RankerTrainerOptions o, out AdditiveRanker copy)
    {
        var ml = new MLContext(o.Seed);
        var used = Varying(train);
        var transformer = FitRegression(ml, Load(ml, train, used), o);
        copy = FromGam(transformer.Model, used, "check");
        var scored = transformer.Transform(Load(ml, samples, used));
        return scored.GetColumn<float>("Score").ToArray();
    }

    /// <summary>
    /// AUC and mean average precision per source of <paramref name="model"/>'s scores on the samples, and the share of
    /// positives scored at or above <paramref name="proposalThreshold"/>.
    /// </summary>
    public static RankerMetrics Evaluate(AdditiveRanker model, IReadOnlyList<RankerSample> samples, double proposalThreshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        var scored = samples.Select(s => (s.Source, s.Candidate, s.Positive, Score: model.Score(s.Features.ToArray()))).ToList();
        var positives = scored.Count(s => s.Positive);
        var proposed = positives == 0 ? 1 : scored.Count(s => s.Positive && s.Score >= proposalThreshold) / (double)positives;
        return new RankerMetrics(scored.Count, positives, Auc(scored.Select(s => (s.Score, s.Positive)).ToList()), Map(scored), proposed);
    }

    private static double Auc(List<(double Score, bool Positive)> s)
    {
        var pos = s.Where(x => x.Positive).Select(x => x.Score).ToList();
        var neg = s.Where(x => !x.Positive).Select(x => x.Score).Order().ToArray();
        if (pos.Count == 0 || neg.Length == 0) return 0.5;
        double wins = 0;
        foreach (var p in pos)
        {
            var below = LowerBound(neg, p);
            var notAbove = UpperBound(neg, p);
            wins += below + ((notAbove - below) / 2.0);
        }

        return wins / ((double)pos.Count * neg.Length);
    }

    private static int LowerBound(double[] a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (a[mid] < v) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    private static int UpperBound(double[] a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (a[mid] <= v) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    // Within a source, ties are ordered by candidate id so the figure is deterministic.
    private static double Map(List<(Guid Source, Guid Candidate, bool Positive, double Score)> scored)
    {
        var aps = new List<double>();
        foreach (var g in scored.GroupBy(s => s.Source).OrderBy(g => g.Key))
        {
            var ranked = g.OrderByDescending(s => s.Score).ThenBy(s => s.Candidate).ToList();
            var hits = 0;
            double sum = 0;
            for (var i = 0; i < ranked.Count; i++)
            {
                if (!ranked[i].Positive) continue;
                hits++;
                sum += hits / (double)(i + 1);
            }

            if (hits > 0) aps.Add(sum / hits);
        }

        return aps.Count == 0 ? 0 : aps.Average();
    }

    private static IDataView Load(MLContext ml, IEnumerable<RankerSample> samples, int[] used)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, used.Length);
        return ml.Data.LoadFromEnumerable(samples.Select(s => new Row { Features = used.Select(i => (float)s.Features[i]).ToArray(), Label = s.Positive ? 1f : 0f, Positive = s.Positive }), schema);
    }

    private static RegressionPredictionTransformer<GamRegressionModelParameters> FitRegression(MLContext ml, IDataView data, RankerTrainerOptions o) =>
        ml.Regression.Trainers.Gam(Configure<GamRegressionTrainer.Options, RegressionPredictionTransformer<GamRegressionModelParameters>, GamRegressionModelParameters>(o, nameof(Row.Label)))
            .Fit(data);

    private static TOptions Configure<TOptions, TTransformer, TModel>(RankerTrainerOptions o, string label)
        where TOptions : GamTrainerBase<TOptions, TTransformer, TModel>.OptionsBase, new()
        where TTransformer : ISingleFeaturePredictionTransformer<TModel>
        where TModel : class =>
        new()
        {
            LabelColumnName = label, FeatureColumnName = nameof(Row.Features), NumberOfIterations = o.Iterations,
            MaximumBinCountPerFeature = o.MaxBins, LearningRate = o.LearningRate, MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
            Seed = o.Seed, NumberOfThreads = 1,
        };

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }

        public bool Positive { get; set; }
    }
}

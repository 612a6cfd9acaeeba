namespace TechTransfer.Match.Matching;

/// <summary>
/// One feature's shape function: linear (<see cref="Weight"/> x value) when it has no bins, otherwise the effect of
/// the first bin whose upper bound is at least the value (as ML.NET's GAM evaluates it, on the value as a float).
/// </summary>
public sealed record RankerTerm(string Feature, double Weight, IReadOnlyList<double> UpperBounds, IReadOnlyList<double> Effects)
{
    public bool IsLinear => UpperBounds.Count == 0;

    public double Contribution(double value)
    {
        if (IsLinear) return value * Weight;
        var x = (double)(float)value;
        int lo = 0, hi = UpperBounds.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (UpperBounds[mid] >= x) hi = mid;
            else lo = mid + 1;
        }

        return Effects[lo];
    }

    /// <summary>
    /// The least and most the term can contribute: a shape function's least and greatest effect; a linear term over a
    /// feature in 0..1 from 0 to its weight; over a length (unbounded), null.
    /// </summary>
    public (double Min, double Max)? Range(bool unitInterval) =>
        !IsLinear ? (Effects.Min(), Effects.Max())
        : unitInterval ? (Math.Min(0, Weight), Math.Max(0, Weight))
        : null;
}

/// <summary>
/// An exactly additive ranker: score = bias + the sum of one contribution per feature, summed in the listed order, so
/// the explanation's parts add up to the score exactly. The default (<see cref="WeightsVersion"/>) is the hand-set
/// weighting; a trained one comes from ML.NET's GAM (<see cref="AdditiveRankerTrainer"/>) and is evaluated here,
/// without ML.NET, per request.
/// </summary>
public sealed class AdditiveRanker
{
    /// <summary>Version of the hand-set weighting (text x 0.6 + locality x 0.15 + ... with the configured weights).</summary>
    public const string WeightsVersion = "weights-v1";

    private const int FormatVersion = 1;
    private readonly int[] _featureIndex;

    public AdditiveRanker(string version, double bias, IReadOnlyList<RankerTerm> terms)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(terms);
        Version = version;
        Bias = bias;
        Terms = terms;
        _featureIndex = new int[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            var t = terms[i];
            _featureIndex[i] = PairFeature.IndexOf(t.Feature);
            if (_featureIndex[i] < 0) throw new ArgumentException($"Unknown pair feature '{t.Feature}'.", nameof(terms));
            if (!t.IsLinear && (t.UpperBounds.Count != t.Effects.Count || t.UpperBounds.Count == 0))
            {
                throw new ArgumentException($"Feature '{t.Feature}' needs one effect per bin.", nameof(terms));
            }
        }
    }

    public string Version { get; }

    public double Bias { get; }

    public IReadOnlyList<RankerTerm> Terms { get; }

    /// <summary>Whether this is the hand-set weighting rather than a trained model.</summary>
    public bool IsDefault => Version == WeightsVersion;

    /// <summary>The hand-set weighting of today's five components, in the order the score has always summed them.</summary>
    public static AdditiveRanker FromWeights(MatchingOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new AdditiveRanker(WeightsVersion, 0,
        [
            new("text", o.TextWeight, [], []),
            new("locality", o.LocalityWeight, [], []),
            new("field", o.FieldWeight, [], []),
            new("maturity", o.MaturityWeight, [], []),
            new("budget", o.BudgetWeight, [], []),
        ]);
    }

    /// <summary>
    /// The same model with every score mapped to <paramref name="scale"/> x score + <paramref name="offset"/> (scale above 0):
    /// each term's weight or bin effects times the scale, the bias mapped as a score. The order of any two pairs is kept,
    /// and the parts still add up to the score.
    /// </summary>
    public AdditiveRanker Rescaled(double scale, double offset)
    {
        if (!(scale > 0) || !double.IsFinite(scale) || !double.IsFinite(offset))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), "The scale must be a positive finite number and the offset finite.");
        }

        return new AdditiveRanker(Version, (Bias * scale) + offset,
            Terms.Select(t => t with { Weight = t.Weight * scale, Effects = t.Effects.Select(e => e * scale).ToArray() }).ToList());
    }

    /// <summary>Bias plus each term's contribution, in order (the same sum <see cref="Explain"/> lists).</summary>
    public double Score(ReadOnlySpan<double> features)
    {
        var score = Bias;
        for (var i = 0; i < Terms.Count; i++)
        {
            score += Terms[i].Contribution(features[_featureIndex[i]]);
        }

        return score;
    }

    /// <summary>
    /// One component per term (value, weight = contribution / value where the value is not 0, contribution, and the
    /// least and most the term can contribute), preceded by "bias" when the model has one; summed in order the
    /// contributions give <see cref="Score"/> exactly. A trained model's parts can be negative (a shape function's
    /// effect below its average); a linear term over a length has no bound, so its range is 0 and its contribution.
    /// </summary>
    public IReadOnlyList<ScoreComponent> Explain(ReadOnlySpan<double> features)
    {
        var list = new List<ScoreComponent>(Terms.Count + 1);
        if (Bias != 0) list.Add(new ScoreComponent("bias", 1, Bias, Bias) { Min = Bias, Max = Bias });
        for (var i = 0; i < Terms.Count; i++)
        {
            var t = Terms[i];
            var value = features[_featureIndex[i]];
            var contribution = t.Contribution(value);
            var weight = t.IsLinear ? t.Weight : value != 0 ? contribution / value : 0;
            var (min, max) = t.Range(PairFeature.IsUnitInterval(_featureIndex[i])) ?? (Math.Min(0, contribution), Math.Max(0, contribution));
            list.Add(new ScoreComponent(t.Feature, value, weight, contribution) { Min = min, Max = max });
        }

        return list;
    }

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(FormatVersion);
            w.Write(Version);
            w.Write(Bias);
            w.Write(Terms.Count);
            foreach (var t in Terms)
            {
                w.Write(t.Feature);
                w.Write(t.Weight);
                w.Write(t.UpperBounds.Count);
                foreach (var b in t.UpperBounds) w.Write(b);
                foreach (var e in t.Effects) w.Write(e);
            }
        }

        return ms.ToArray();
    }

    public static AdditiveRanker FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var r = new BinaryReader(new MemoryStream(bytes), System.Text.Encoding.UTF8);
        if (r.ReadInt32() != FormatVersion) throw new InvalidDataException("Not an additive ranker.");
        var version = r.ReadString();
        var bias = r.ReadDouble();
        var terms = new RankerTerm[r.ReadInt32()];
        for (var i = 0; i < terms.Length; i++)
        {
            var feature = r.ReadString();
            var weight = r.ReadDouble();
            var bins = r.ReadInt32();
            var bounds = new double[bins];
            var effects = new double[bins];
            for (var b = 0; b < bins; b++) bounds[b] = r.ReadDouble();
            for (var b = 0; b < bins; b++) effects[b] = r.ReadDouble();
            terms[i] = new RankerTerm(feature, weight, bounds, effects);
        }

        return new AdditiveRanker(version, bias, terms);
    }
}

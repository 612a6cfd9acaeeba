namespace TechTransfer.Match.Matching;

// The serving ranker: which additive model orders FindMatches/Preview, and the pair features it is trained on.
public sealed partial class MatchingEngine
{
    private AdditiveRanker? _ranker;

    /// <summary>The model FindMatches/Preview rank by: a trained one once set, else the hand-set weighting.</summary>
    public AdditiveRanker Ranker => Volatile.Read(ref _ranker) ?? (_defaultRanker ??= AdditiveRanker.FromWeights(_options));

    private AdditiveRanker? _defaultRanker;

    /// <summary>Serves <paramref name="model"/> from the next query on (null: back to the hand-set weighting).</summary>
    public void UseRanker(AdditiveRanker? model) => Volatile.Write(ref _ranker, model is { IsDefault: true } ? null : model);

    /// <summary>
    /// The feature vector (<see cref="PairFeature"/>) of source <paramref name="a"/> and candidate <paramref name="b"/>,
    /// both indexed and of opposite kinds, exactly as FindMatches computes it for that pair (training samples).
    /// </summary>
    public double[] PairFeatures(Guid a, Guid b)
    {
        _lock.EnterReadLock();
        try
        {
            var st = _state;
            var source = st.Get(a) ?? throw new KeyNotFoundException($"Listing {a} is not indexed.");
            var candidate = st.Get(b) ?? throw new KeyNotFoundException($"Listing {b} is not indexed.");
            if (source.Meta.Kind == candidate.Meta.Kind)
            {
                throw new ArgumentException("A pair is an achievement and a need.", nameof(b));
            }

            var index = st.Of(candidate.Meta.Kind);
            var q = st.Weighting.DocumentVector(source, st.Dict.Prefix, out _);
            return Features(st, q, QueryTerms.For(q, st), index, index.SlotOf[b], RareTermSet.Of(q, st.Weighting, TermOrder(st.Dict, null)), new ScoringProfile(source.Meta),
                source.Meta.Kind == ListingKind.Need, Scoring.HomeKeys(_options), source.Length);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}

namespace TechTransfer.Match.Matching;

// Text search: text similarity only, pivoted length normalisation and one round of Rocchio feedback.
public sealed partial class MatchingEngine
{
    /// <summary>Plain text search over one kind (text similarity only).</summary>
    public IReadOnlyList<SearchHit> Search(string text, ListingKind kind, int top)
    {
        ValidateText(text, nameof(text));
        ValidateTop(top);
        var bag = new TokenBag();
        _analyzer.Analyze(text, 1.0, bag);
        _lock.EnterReadLock();
        try
        {
            var st = _state;
            var (terms, counts, unknown) = Lookup(bag, st.Dict);
            var q = st.Weighting.QueryVector(terms, counts, PrefixFunc(st.Dict, unknown));
            var index = st.Of(kind);
            var scratch = Scratch.Get(index.Slots.Count);
            try
            {
                var fb = _options.Text;
                if (fb.FeedbackDocuments > 0 && fb.FeedbackWeight > 0 && q.Count > 0)
                {
                    scratch.Accumulate(index, q);
                    var first = TopExact(st, index, q, scratch, fb.FeedbackDocuments, fb.SearchPivotSlope);
                    scratch.Reset();
                    if (!fb.Rm3 || fb.Rm3AfterRocchio) q = Expand(st, q, first.Select(h => index.Slots[h.Slot]!).ToList(), fb);
                    if (fb.Rm3) q = ExpandRm3(st, q, first.Select(h => (index.Slots[h.Slot]!, h.Score)).ToList(), fb);
                }

                scratch.Accumulate(index, q);
                return TopExact(st, index, q, scratch, top, fb.SearchPivotSlope).Select(h => new SearchHit(index.Slots[h.Slot]!.Meta.Id, h.Score)).ToList();
            }
            finally
            {
                scratch.Reset();
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The best <paramref name="top"/> live listings by search score, from the accumulated (partial) cosines: the
    /// best 5 x top + 20 by partial score are re-scored with their exact cosine from their own counts. Partial means
    /// that a pruned feature's postings hold only its strongest listings (IndexState.cs), so a listing can miss a
    /// contribution there; the pool makes up for that, and the scores shown are exact either way.
    /// </summary>
    private static List<(int Slot, double Score)> TopExact(IndexState st, KindIndex index, SparseVector q, Scratch scratch, int top, double slope)
    {
        var pool = new TopK((top * 5) + 20);
        var acc = scratch.Acc;
        foreach (var slot in scratch.Touched)
        {
            var e = index.Slots[slot];
            if (e != null) pool.Offer(slot, SearchScore(index, slot, acc[slot], slope), e.Meta.Id);
        }

        var best = new TopK(top);
        var queryTerms = QueryTerms.For(q, st);
        foreach (var (slot, _) in pool.Sorted())
        {
            var none = new PairAccumulator(RareTermSet.Empty, null);
            best.Offer(slot, SearchScore(index, slot, Cosine(st, q, queryTerms, index, slot, ref none), slope), index.Slots[slot]!.Meta.Id);
        }

        return best.Sorted();
    }

    /// <summary>
    /// The words of a search as a reader sees them in a listing (Chinese words as segmented, English words before
    /// stemming, stop words left out), longest first, for highlighting the results.
    /// </summary>
    public IReadOnlyList<string> SearchWords(string text)
    {
        ValidateText(text, nameof(text));
        var bag = new TokenBag();
        _analyzer.Analyze(text, 1.0, bag);
        return bag.Surfaces().Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Search ranking value of a listing from its cosine: with a pivot slope s below 1, pivoted length normalisation
    /// (Singhal, Buckley and Mitra 1996): the listing's vector is divided by (1 - s) x average norm + s x its norm
    /// instead of its norm, so that long listings are not penalised for their length. 1 = the plain cosine.
    /// </summary>
    private static double SearchScore(KindIndex index, int slot, double cosine, double slope)
    {
        if (slope >= 1 || !(index.AverageNorm > 0))
        {
            return Math.Min(1.0, cosine);
        }

        var relative = index.Norms[slot] / index.AverageNorm;
        return Math.Min(1.0, cosine * relative / ((1 - slope) + (slope * relative)));
    }

    /// <summary>Rocchio feedback: query + weight x centroid of the first-pass top documents (its strongest terms), re-normalised.</summary>
    private static SparseVector Expand(IndexState st, SparseVector q, List<DocEntry> top, TextPipelineOptions o)
    {
        if (top.Count == 0)
        {
            return q;
        }

        var centroid = new Dictionary<int, double>();
        foreach (var e in top)
        {
            var v = st.Weighting.DocumentVector(e, st.Dict.Prefix, out _);
            for (var i = 0; i < v.Terms.Length; i++)
            {
                centroid[v.Terms[i]] = centroid.GetValueOrDefault(v.Terms[i]) + (v.Weights[i] / top.Count);
            }
        }

        var merged = new Dictionary<int, double>();
        for (var i = 0; i < q.Terms.Length; i++) merged[q.Terms[i]] = q.Weights[i];
        foreach (var (t, w) in centroid.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(o.FeedbackTerms))
        {
            merged[t] = merged.GetValueOrDefault(t) + (o.FeedbackWeight * w);
        }

        return UnitVector(merged);
    }

    /// <summary>The terms in id order with their weights divided by the L2 norm.</summary>
    private static SparseVector UnitVector(Dictionary<int, double> merged)
    {
        var terms = merged.Keys.Order().ToArray();
        var weights = new float[terms.Length];
        double sum = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var w = merged[terms[i]];
            sum += w * w;
            weights[i] = (float)w;
        }

        var inv = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < weights.Length; i++) weights[i] *= inv;
        return new SparseVector(terms, weights);
    }
}

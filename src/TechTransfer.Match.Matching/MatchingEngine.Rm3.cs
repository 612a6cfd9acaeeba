namespace TechTransfer.Match.Matching;

// RM3 feedback for Search (an option beside the Rocchio step; see docs/matching.md, Things tried).
public sealed partial class MatchingEngine
{
    /// <summary>
    /// RM3 (Lavrenko and Croft's relevance model, interpolated with the query as in Anserini): P(t|R) = Σ_d P(d|q) x
    /// tf(t,d)/|d| over the feedback documents, P(d|q) their first-pass scores normalised to sum 1; its strongest
    /// terms are weighted like query terms (family weight x IDF^a, the probability as the term frequency), the
    /// resulting unit vector is mixed with the unit query at <see cref="TextPipelineOptions.Rm3Weight"/> and the sum
    /// re-normalised.
    /// </summary>
    private static SparseVector ExpandRm3(IndexState st, SparseVector q, List<(DocEntry Entry, double Score)> top, TextPipelineOptions o)
    {
        var total = top.Sum(t => t.Score);
        if (top.Count == 0 || !(total > 0))
        {
            return q;
        }

        var model = new Dictionary<int, double>();
        foreach (var (e, score) in top)
        {
            var (terms, counts) = e.Unpack();
            double length = 0;
            foreach (var c in counts) length += c;
            if (!(length > 0)) continue;
            var docWeight = score / total / length;
            for (var i = 0; i < terms.Length; i++)
            {
                if (o.Rm3Families.Length > 0 && !o.Rm3Families.Contains(st.Dict.Prefix(terms[i]), StringComparison.Ordinal)) continue;
                model[terms[i]] = model.GetValueOrDefault(terms[i]) + (docWeight * counts[i]);
            }
        }

        var kept = model.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(o.Rm3Terms > 0 ? o.Rm3Terms : o.FeedbackTerms).OrderBy(kv => kv.Key).ToArray();
        var rm = st.Weighting.QueryVector(kept.Select(kv => kv.Key).ToArray(), kept.Select(kv => (float)kv.Value).ToArray(), st.Dict.Prefix);
        var merged = new Dictionary<int, double>();
        for (var i = 0; i < q.Terms.Length; i++) merged[q.Terms[i]] = (1 - o.Rm3Weight) * q.Weights[i];
        for (var i = 0; i < rm.Terms.Length; i++) merged[rm.Terms[i]] = merged.GetValueOrDefault(rm.Terms[i]) + (o.Rm3Weight * rm.Weights[i]);
        return UnitVector(merged);
    }
}

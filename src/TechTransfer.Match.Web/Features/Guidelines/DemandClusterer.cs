namespace TechTransfer.Match.Web.Features.Guidelines;

/// <summary>One need to cluster: its field and its words as the matching engine's analyser reads them.</summary>
public sealed record DemandText(int Field, IReadOnlyList<string> Terms);

/// <summary>
/// Groups needs of one field by text similarity: TF-IDF vectors over the engine's words (a need keeps its
/// <see cref="TermsPerNeed"/> heaviest), then one pass that puts each need into the most similar cluster (cosine to
/// the cluster's centroid at least <c>threshold</c>) or opens a new one. Candidate clusters come from an inverted
/// index of centroid terms, so a need is compared only with clusters sharing a word: near-linear in the number of
/// needs (docs/performance.md measures 100,000). The input order decides ties, so callers pass a stable order.
/// </summary>
public static class DemandClusterer
{
    public const int TermsPerNeed = 24;

    /// <summary>The clusters as lists of input positions, each in input order; singletons included.</summary>
    public static List<List<int>> Cluster(IReadOnlyList<DemandText> needs, double threshold)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = new List<(int Term, int Count)[]>(needs.Count);
        var df = new List<int>();
        foreach (var need in needs)
        {
            var counts = new Dictionary<int, int>();
            foreach (var term in need.Terms)
            {
                if (!ids.TryGetValue(term, out var id))
                {
                    id = ids.Count;
                    ids[term] = id;
                    df.Add(0);
                }

                counts[id] = counts.GetValueOrDefault(id) + 1;
            }

            foreach (var id in counts.Keys)
            {
                df[id]++;
            }

            documents.Add([.. counts.Select(c => (c.Key, c.Value))]);
        }

        var n = needs.Count;
        var clusters = new List<Centroid>();
        var postings = new Dictionary<(int Field, int Term), List<int>>();
        var scores = new Dictionary<int, double>();
        for (var i = 0; i < n; i++)
        {
            var vector = Weigh(documents[i], df, n);
            var field = needs[i].Field;
            scores.Clear();
            foreach (var (term, weight) in vector)
            {
                if (postings.TryGetValue((field, term), out var list))
                {
                    foreach (var c in list)
                    {
                        scores[c] = scores.GetValueOrDefault(c) + (weight * clusters[c].Weights[term]);
                    }
                }
            }

            var best = -1;
            var bestScore = threshold;
            foreach (var (c, dot) in scores)
            {
                var cosine = dot / Math.Sqrt(clusters[c].SquaredNorm);
                if (cosine >= bestScore && (cosine > bestScore || best < 0 || c < best))
                {
                    (best, bestScore) = (c, cosine);
                }
            }

            if (best < 0)
            {
                best = clusters.Count;
                clusters.Add(new Centroid());
            }

            var centroid = clusters[best];
            centroid.Members.Add(i);
            foreach (var (term, weight) in vector)
            {
                var old = centroid.Weights.GetValueOrDefault(term);
                if (old == 0)
                {
                    if (!postings.TryGetValue((field, term), out var list))
                    {
                        postings[(field, term)] = list = [];
                    }

                    list.Add(best);
                }

                centroid.Weights[term] = old + weight;
                centroid.SquaredNorm += ((old + weight) * (old + weight)) - (old * old);
            }
        }

        return [.. clusters.Select(c => c.Members)];
    }

    /// <summary>Unit-length TF-IDF weights of the need's heaviest terms.</summary>
    private static (int Term, double Weight)[] Weigh((int Term, int Count)[] counts, List<int> df, int n)
    {
        var weighted = counts.Select(c => (c.Term, Weight: (1 + Math.Log(c.Count)) * Math.Log((1.0 + n) / (1 + df[c.Term])))).Where(w => w.Weight > 0)
            .OrderByDescending(w => w.Weight).ThenBy(w => w.Term).Take(TermsPerNeed).ToArray();
        var norm = Math.Sqrt(weighted.Sum(w => w.Weight * w.Weight));
        return norm == 0 ? [] : [.. weighted.Select(w => (w.Term, w.Weight / norm))];
    }

    private sealed class Centroid
    {
        public List<int> Members { get; } = [];
        public Dictionary<int, double> Weights { get; } = [];
        public double SquaredNorm { get; set; }
    }
}

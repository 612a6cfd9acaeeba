using Microsoft.ML;
using Microsoft.ML.Data;

namespace TechTransfer.Match.Matching;

/// <summary>
/// A latent Dirichlet allocation topic model fitted by ML.NET (<c>LatentDirichletAllocation</c>) on the listings'
/// word terms: every text gets a distribution over topics, so two texts on one subject without a shared word still
/// look alike. Used as re-ranking features (topic similarity to the query and to the first candidates); the terms
/// are given already analysed (stems or jieba words), so the model sees the engine's vocabulary.
/// </summary>
internal sealed class TopicModel
{
    private readonly PredictionEngine<TopicInput, TopicOutput> _predict;
    private readonly object _gate = new();

    private TopicModel(PredictionEngine<TopicInput, TopicOutput> predict, int topics)
    {
        _predict = predict;
        TopicCount = topics;
    }

    public int TopicCount { get; }

    /// <summary>
    /// Fits the model on documents given as term lists (a term repeated once per occurrence). Terms in fewer than
    /// two documents or in more than <paramref name="maxDocumentShare"/> of them carry no topic and are left out.
    /// </summary>
    public static TopicModel Fit(IReadOnlyList<IReadOnlyList<string>> documents, int topics, double maxDocumentShare = 0.3, int iterations = 200)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            foreach (var t in d.Distinct(StringComparer.Ordinal)) df[t] = df.GetValueOrDefault(t) + 1;
        }

        var max = Math.Max(2, maxDocumentShare * documents.Count);
        var keep = df.Where(kv => kv.Value >= 2 && kv.Value <= max).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var ml = new MLContext(seed: 1);
        var rows = documents.Select(d => new TopicInput { Terms = Join(d.Where(keep.Contains)) }).ToList();
        var pipeline = ml.Transforms.Text.TokenizeIntoWords("Tokens", nameof(TopicInput.Terms), [' '])
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("Bag", "Tokens", ngramLength: 1, useAllLengths: false))
            .Append(ml.Transforms.Text.LatentDirichletAllocation(nameof(TopicOutput.Topics), "Bag", numberOfTopics: topics,
                maximumNumberOfIterations: iterations, numberOfThreads: 1, maximumTokenCountPerDocument: 1024, resetRandomGenerator: true));
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
        return new TopicModel(ml.Model.CreatePredictionEngine<TopicInput, TopicOutput>(model), topics);
    }

    /// <summary>The topic distribution of a text given as terms; all zero when none of its terms is in the model.</summary>
    public float[] Topics(IEnumerable<string> terms)
    {
        var input = new TopicInput { Terms = Join(terms) };
        lock (_gate)
        {
            var t = _predict.Predict(input).Topics;
            return t.Length == TopicCount ? [.. t] : new float[TopicCount];
        }
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }

    // a term holding a space (an English phrase never does; kept safe) must stay one token
    private static string Join(IEnumerable<string> terms) => string.Join(' ', terms.Select(t => t.Replace(' ', '_')));

    private sealed class TopicInput
    {
        public string Terms { get; set; } = string.Empty;
    }

    private sealed class TopicOutput
    {
        public float[] Topics { get; set; } = [];
    }
}

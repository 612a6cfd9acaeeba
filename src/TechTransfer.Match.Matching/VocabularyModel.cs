using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace TechTransfer.Match.Matching;

/// <summary>
/// The ML.NET part of the pipeline: MapValueToKey over the feature tokens, ProduceNgrams (unigrams of the
/// already-built word/bigram/char features) with TF-IDF weighting, L2 normalisation. The fitted transformer is
/// the source of truth for the vocabulary (slot names) and the IDF values, and is what the snapshot stores.
/// Query-time featurisation applies that vocabulary and IDF directly (see <see cref="FeatureWeighting"/>); a test
/// checks the fast path against <see cref="TransformTfIdf"/>.
/// </summary>
internal sealed class VocabularyModel
{
    private const string TokensColumn = "Tokens";
    private const string KeysColumn = "Keys";
    private const string TfIdfColumn = "TfIdf";
    private const string FeaturesColumn = "Features";

    private readonly object _gate = new();
    private Fitted? _fitted;

    private VocabularyModel(Fitted? fitted, byte[] bytes)
    {
        _fitted = fitted;
        ModelBytes = bytes;
    }

    /// <summary>Serialized ML.NET model (zip), as saved in snapshots.</summary>
    public byte[] ModelBytes { get; }

    public string[] Vocabulary => Get().Vocabulary;

    /// <summary>IDF per vocabulary slot, read from the fitted model.</summary>
    public float[] Idf => Get().Idf;

    /// <summary>
    /// Drops the loaded ML.NET transformer and its vocabulary (hundreds of thousands of strings) once the engine has
    /// taken the IDF into its own arrays; they are loaded again from <see cref="ModelBytes"/> if asked for.
    /// </summary>
    public void Trim()
    {
        lock (_gate)
        {
            _fitted = null;
        }
    }

    private Fitted Get()
    {
        lock (_gate)
        {
            return _fitted ??= Fitted.FromBytes(ModelBytes);
        }
    }

    /// <summary>The loaded transformer with the vocabulary and IDF read from it.</summary>
    private sealed class Fitted
    {
        public Fitted(MLContext ml, ITransformer transformer, DataViewSchema inputSchema)
        {
            Ml = ml;
            Transformer = transformer;
            InputSchema = inputSchema;
            (Vocabulary, Idf) = ExtractVocabularyAndIdf();
        }

        public MLContext Ml { get; }

        public ITransformer Transformer { get; }

        public DataViewSchema InputSchema { get; }

        public string[] Vocabulary { get; }

        public float[] Idf { get; }

        public static Fitted FromBytes(byte[] bytes)
        {
            var ml = new MLContext(seed: 0);
            using var ms = new MemoryStream(bytes, writable: false);
            var model = ml.Model.Load(ms, out var schema);
            return new Fitted(ml, model, schema);
        }

        private (string[] Vocabulary, float[] Idf) ExtractVocabularyAndIdf()
        {
            var outSchema = Transformer.GetOutputSchema(InputSchema);
            VBuffer<ReadOnlyMemory<char>> names = default;
            outSchema[TfIdfColumn].GetSlotNames(ref names);
            var vocab = new string[names.Length];
            foreach (var (i, v) in names.Items(all: true))
            {
                vocab[i] = v.ToString();
            }

            // One row holding every vocabulary term once: tf = 1, so the TF-IDF column is the IDF itself.
            var idf = new float[vocab.Length];
            if (vocab.Length > 0)
            {
                var row = Ml.Data.LoadFromEnumerable(new[] { new TokenRow { Tokens = vocab } });
                var outData = Transformer.Transform(row);
                using var cursor = outData.GetRowCursor([outData.Schema[TfIdfColumn]]);
                var getter = cursor.GetGetter<VBuffer<float>>(outData.Schema[TfIdfColumn]);
                VBuffer<float> vec = default;
                if (cursor.MoveNext())
                {
                    getter(ref vec);
                    foreach (var (i, v) in vec.Items())
                    {
                        idf[i] = v;
                    }
                }
            }

            return (vocab, idf);
        }
    }

    private sealed class TokenRow
    {
        [VectorType]
        public string[] Tokens { get; set; } = [];
    }

    /// <summary>Fits on the documents' distinct feature tokens (document frequency is all IDF needs).</summary>
    public static VocabularyModel Fit(IEnumerable<string[]> documents)
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(documents.Select(d => new TokenRow { Tokens = d.Length == 0 ? [string.Empty] : d }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(KeysColumn, TokensColumn, maximumNumberOfKeys: 100_000_000)
            .Append(ml.Transforms.Text.ProduceNgrams(TfIdfColumn, KeysColumn, ngramLength: 1, useAllLengths: false,
                maximumNgramsCount: 100_000_000, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm(FeaturesColumn, TfIdfColumn));
        var model = pipeline.Fit(data);
        using var ms = new MemoryStream();
        ml.Model.Save(model, data.Schema, ms);
        return new VocabularyModel(new Fitted(ml, model, data.Schema), ms.ToArray());
    }

    public static VocabularyModel Load(byte[] bytes) => new(Fitted.FromBytes(bytes), bytes);

    /// <summary>A saved model that is loaded from its bytes when first used.</summary>
    public static VocabularyModel FromBytes(byte[] bytes) => new(null, bytes);

    /// <summary>The ML.NET model's own output (TF-IDF, L2-normalised) for token lists, keyed by vocabulary term.</summary>
    public List<Dictionary<string, float>> TransformTfIdf(IEnumerable<string[]> documents)
    {
        var fitted = Get();
        var data = fitted.Ml.Data.LoadFromEnumerable(documents.Select(d => new TokenRow { Tokens = d }));
        var outData = fitted.Transformer.Transform(data);
        var col = outData.Schema[FeaturesColumn];
        using var cursor = outData.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<float>>(col);
        var result = new List<Dictionary<string, float>>();
        VBuffer<float> vec = default;
        while (cursor.MoveNext())
        {
            getter(ref vec);
            var d = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (var (i, v) in vec.Items())
            {
                if (v != 0)
                {
                    d[fitted.Vocabulary[i]] = v;
                }
            }

            result.Add(d);
        }

        return result;
    }
}

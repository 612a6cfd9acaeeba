namespace TechTransfer.Match.Matching;

/// <summary>What the engine's own ranking said about a candidate: its score, its rank and the query's best score.</summary>
internal readonly record struct EngineSignal(double Score, int Rank, double TopScore);

/// <summary>The pseudo-relevance feedback centroid of a query's first candidates, with its norm per family.</summary>
internal sealed record RankFeedback(Dictionary<string, double> Centroid, double[] Norms, float[]? Topics = null);

/// <summary>A query analysed once for feature extraction: term counts per family and its rarest word terms.</summary>
internal sealed class RankQuery
{
    internal RankQuery(Dictionary<string, int> counts, string[] rarest, int words, string[] phrases, float[]? topics = null)
    {
        Counts = counts;
        Rarest = rarest;
        Words = words;
        Phrases = phrases;
        Topics = topics;
    }

    /// <summary>The query's topic distribution, when the index has a topic model.</summary>
    public float[]? Topics { get; }

    /// <summary>The query's space-separated parts, normalised (a keyword list's keywords).</summary>
    public string[] Phrases { get; }

    /// <summary>Family-prefixed term counts, in a fixed (ordinal) order so sums are computed the same way every time.</summary>
    public Dictionary<string, int> Counts { get; }

    public string[] Rarest { get; }

    public int Words { get; }
}

/// <summary>
/// Features of a (query, candidate) pair for a learned ranker, computed from the engine's text pipeline:
/// BM25 and TF-IDF cosine per term family (unstemmed words, stems/jieba words, word bigrams, Chinese character
/// bigrams and unigrams), BM25 per field, coverage of the query's rare terms, lengths and the engine's own score.
/// Holds its own small forward index (exact counts per field), so it serves re-ranking of a few hundred candidates
/// per query; it is not a replacement for the engine's index.
/// </summary>
internal sealed class RankFeatureIndex
{
    // raw word, stem (English) or jieba word, word bigram, character bigram, character unigram
    private static readonly char[] Families = ['r', FeaturePrefix.Word, FeaturePrefix.Bigram, FeaturePrefix.Char, FeaturePrefix.CharUnigram];
    private static readonly string[] FamilyNames = ["word", "stem", "wordpair", "charpair", "char"];
    private static readonly string[] FieldNames = ["title", "keywords", "body"];
    private const double K1 = 1.2, B = 0.75;

    public static readonly string[] Names = BuildNames();

    public static int Count => Names.Length;

    // (share feature, the feature it is a share of)
    private static readonly (int Share, int Of)[] Shares = Names.Select((n, i) => (n, i)).Where(x => x.n.EndsWith("_share", StringComparison.Ordinal) && (x.n.StartsWith("bm25_", StringComparison.Ordinal) || x.n.StartsWith("tfidf_", StringComparison.Ordinal)))
        .Select(x => (x.i, Array.IndexOf(Names, x.n[..^"_share".Length]))).ToArray();

    private readonly TextAnalyzer _analyzer;
    private readonly Dictionary<Guid, DocTerms> _docs = [];
    private readonly Dictionary<string, int> _df = new(StringComparer.Ordinal);
    private readonly TopicModel? _topics;

    // average length per (field, family); the last field slot is the whole document
    private readonly double[,] _avgLen = new double[FieldNames.Length + 1, Families.Length];

    /// <param name="topics">the number of LDA topics fitted on the documents' word terms (0: no topic features)</param>
    public RankFeatureIndex(TextPipelineOptions options, IEnumerable<ListingDocument> docs, int topics = 0)
    {
        // its own string-keyed feature maps need bigrams as text (this measured-only path is not the index)
        _analyzer = new TextAnalyzer(options.BigramHashBits == 0 ? options : options.WithStringBigrams());
        var sums = new double[FieldNames.Length + 1, Families.Length];
        foreach (var d in docs)
        {
            var t = new DocTerms([Analyze(d.Title), Analyze(d.Keywords), Analyze(d.Body)], CharPairs(d.Title + " " + d.Keywords + " " + d.Body));
            _docs[d.Id] = t;
            foreach (var term in t.All.Keys) _df[term] = _df.GetValueOrDefault(term) + 1;
            for (var f = 0; f <= FieldNames.Length; f++)
            {
                var fieldTerms = f < FieldNames.Length ? t.Fields[f] : t.All;
                foreach (var (term, c) in fieldTerms) sums[f, FamilyOf(term)] += c;
            }
        }

        for (var f = 0; f <= FieldNames.Length; f++)
        {
            for (var fam = 0; fam < Families.Length; fam++) _avgLen[f, fam] = _docs.Count > 0 ? sums[f, fam] / _docs.Count : 0;
        }

        foreach (var t in _docs.Values) t.Norms = TfIdfNorms(t.All);
        if (topics > 0 && _docs.Count > 0)
        {
            var ordered = _docs.OrderBy(kv => kv.Key).ToList();
            _topics = TopicModel.Fit(ordered.Select(kv => WordTerms(kv.Value.All)).ToList(), topics);
            foreach (var (_, d) in ordered) d.Topics = _topics.Topics(WordTerms(d.All));
        }
    }

    // the stem / jieba-word family, a term once per occurrence, in ordinal order
    private static IReadOnlyList<string> WordTerms(Dictionary<string, int> counts) =>
        counts.Where(kv => kv.Key[0] == FeaturePrefix.Word).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SelectMany(kv => Enumerable.Repeat(kv.Key[1..], kv.Value)).ToList();

    public int DocumentCount => _docs.Count;

    /// <summary>Analyses a query; its three rarest word terms (highest IDF, then ordinal) define rare-term coverage.</summary>
    public RankQuery Query(string text)
    {
        var counts = Analyze(text);
        var words = counts.Where(kv => kv.Key[0] == FeaturePrefix.Word).ToList();
        var rarest = words.OrderByDescending(kv => Idf(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(3).Select(kv => kv.Key).ToArray();
        var phrases = TextAnalyzer.Normalize(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new RankQuery(counts, rarest, words.Sum(kv => kv.Value), phrases, _topics?.Topics(WordTerms(counts)));
    }

    /// <summary>The feature vector of one pair, in the order of <see cref="Names"/>; a document not indexed gives null.</summary>
    public float[]? Features(RankQuery q, Guid doc, EngineSignal engine, RankFeedback? feedback = null)
    {
        if (!_docs.TryGetValue(doc, out var d)) return null;
        var v = new float[Count];
        var i = 0;
        for (var fam = 0; fam < Families.Length; fam++)
        {
            v[i++] = (float)Bm25(q, d.All, FieldNames.Length, fam);
            v[i++] = (float)Cosine(q, d, fam);
            for (var f = 0; f < FieldNames.Length; f++) v[i++] = (float)Bm25(q, d.Fields[f], f, fam);
        }

        for (var fam = 0; fam < Families.Length; fam++) v[i++] = (float)Coverage(q, d, fam);
        v[i++] = q.Rarest.Length > 0 ? q.Rarest.Count(d.All.ContainsKey) / (float)q.Rarest.Length : 0;
        var (whole, run) = PhraseMatch(q, d);
        v[i++] = whole;
        v[i++] = run;
        v[i++] = q.Words;
        v[i++] = (float)d.All.Where(kv => kv.Key[0] == FeaturePrefix.Word).Sum(kv => kv.Value);
        v[i++] = (float)engine.Score;
        v[i++] = engine.Rank;
        v[i++] = engine.TopScore > 0 ? (float)(engine.Score / engine.TopScore) : 0;
        for (var fam = 0; fam < Families.Length; fam++) v[i++] = feedback != null ? (float)FeedbackCosine(d, feedback, fam) : 0;
        i += Shares.Length;
        v[i++] = q.Topics != null && d.Topics != null ? (float)TopicModel.Cosine(q.Topics, d.Topics) : 0;
        v[i++] = feedback?.Topics != null && d.Topics != null ? (float)TopicModel.Cosine(feedback.Topics, d.Topics) : 0;

        // the per-query shares (…_share) are filled by Candidates, which sees the whole candidate list
        return v;
    }

    /// <summary>
    /// Features of a query's candidate list (the engine's ranking, best first): each pair's features, the
    /// similarity to the centroid of the first <paramref name="feedbackDocs"/> candidates (pseudo-relevance
    /// feedback) and each text score as a share of the best in the list (raw scores differ in scale per query).
    /// </summary>
    public float[][] Candidates(RankQuery q, IReadOnlyList<(Guid Id, double Score)> ranking, int feedbackDocs = 5)
    {
        var fb = Feedback(ranking.Take(feedbackDocs).Select(r => r.Id));
        var top = ranking.Count > 0 ? ranking[0].Score : 0;
        var rows = ranking.Select((r, i) => Features(q, r.Id, new EngineSignal(r.Score, i + 1, top), fb) ?? new float[Count]).ToArray();
        foreach (var (share, of) in Shares)
        {
            var max = rows.Length > 0 ? rows.Max(r => r[of]) : 0;
            foreach (var r in rows) r[share] = max > 0 ? r[of] / max : 0;
        }

        return rows;
    }

    /// <summary>The centroid of the listed documents' TF-IDF vectors, each unit length per family.</summary>
    public RankFeedback Feedback(IEnumerable<Guid> docs)
    {
        docs = docs.ToList();
        var centroid = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in docs)
        {
            if (!_docs.TryGetValue(id, out var d)) continue;
            foreach (var (term, tf) in d.All)
            {
                var norm = d.Norms[FamilyOf(term)];
                if (norm > 0) centroid[term] = centroid.GetValueOrDefault(term) + ((1 + Math.Log(tf)) * Idf(term) / norm);
            }
        }

        var norms = new double[Families.Length];
        foreach (var (term, w) in centroid) norms[FamilyOf(term)] += w * w;
        for (var f = 0; f < norms.Length; f++) norms[f] = Math.Sqrt(norms[f]);
        float[]? topics = null;
        if (_topics != null)
        {
            topics = new float[_topics.TopicCount];
            foreach (var id in docs)
            {
                if (!_docs.TryGetValue(id, out var d) || d.Topics == null) continue;
                for (var t = 0; t < topics.Length; t++) topics[t] += d.Topics[t];
            }
        }

        return new RankFeedback(centroid, norms, topics);
    }

    private double FeedbackCosine(DocTerms d, RankFeedback fb, int fam)
    {
        if (fb.Norms[fam] <= 0 || d.Norms[fam] <= 0) return 0;
        var dot = 0.0;
        foreach (var (term, tf) in d.All)
        {
            if (term[0] == Families[fam] && fb.Centroid.TryGetValue(term, out var c)) dot += (1 + Math.Log(tf)) * Idf(term) * c;
        }

        return dot / d.Norms[fam] / fb.Norms[fam];
    }

    private Dictionary<string, int> Analyze(string? text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) return counts;
        var bag = new TokenBag();
        _analyzer.Analyze(text, 1.0, bag);
        for (var i = 0; i < bag.Count; i++)
        {
            var term = bag.Feature(i);
            if (Array.IndexOf(Families, term[0]) >= 0) counts[term] = (int)Math.Round(bag.Weight(i));
        }

        // the surface form before stemming is its own family (equal to the stem family for Chinese words)
        foreach (var (_, surface) in _analyzer.Words(text))
        {
            var key = "r" + surface;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
    }

    private static int FamilyOf(string term) => Array.IndexOf(Families, term[0]);

    private double Idf(string term)
    {
        var df = _df.GetValueOrDefault(term);
        return Math.Log(1 + ((_docs.Count - df + 0.5) / (df + 0.5)));
    }

    /// <summary>The IDF-weighted share of the query's terms of one family that the document holds.</summary>
    private double Coverage(RankQuery q, DocTerms d, int fam)
    {
        double all = 0, hit = 0;
        foreach (var (term, _) in q.Counts)
        {
            if (term[0] != Families[fam]) continue;
            var idf = Idf(term);
            all += idf;
            if (d.All.ContainsKey(term)) hit += idf;
        }

        return all > 0 ? hit / all : 0;
    }

    private double Bm25(RankQuery q, Dictionary<string, int> field, int fieldIndex, int fam)
    {
        var avg = _avgLen[fieldIndex, fam];
        if (avg <= 0 || field.Count == 0) return 0;
        var len = 0.0;
        foreach (var (term, c) in field)
        {
            if (term[0] == Families[fam]) len += c;
        }

        var s = 0.0;
        foreach (var (term, qc) in q.Counts)
        {
            if (term[0] != Families[fam] || !field.TryGetValue(term, out var tf)) continue;
            s += qc * Idf(term) * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * len / avg))));
        }

        return s;
    }

    private double Cosine(RankQuery q, DocTerms d, int fam)
    {
        double dot = 0, qn = 0;
        foreach (var (term, qc) in q.Counts)
        {
            if (term[0] != Families[fam]) continue;
            var idf = Idf(term);
            var qw = (1 + Math.Log(qc)) * idf;
            qn += qw * qw;
            if (d.All.TryGetValue(term, out var tf)) dot += qw * (1 + Math.Log(tf)) * idf;
        }

        return dot > 0 ? dot / Math.Sqrt(qn) / d.Norms[fam] : 0;
    }

    private double[] TfIdfNorms(Dictionary<string, int> all)
    {
        var n = new double[Families.Length];
        foreach (var (term, tf) in all)
        {
            var w = (1 + Math.Log(tf)) * Idf(term);
            n[FamilyOf(term)] += w * w;
        }

        for (var i = 0; i < n.Length; i++) n[i] = Math.Sqrt(n[i]);
        return n;
    }

    private static string[] BuildNames()
    {
        var names = new List<string>();
        foreach (var fam in FamilyNames)
        {
            names.Add($"bm25_{fam}");
            names.Add($"tfidf_cosine_{fam}");
            names.AddRange(FieldNames.Select(f => $"bm25_{fam}_{f}"));
        }

        names.AddRange(FamilyNames.Select(f => $"idf_coverage_{f}"));
        names.AddRange(["rarest3_coverage", "phrase_whole_fraction", "phrase_longest_run", "query_words", "doc_words", "engine_score", "engine_rank", "engine_score_share"]);
        names.AddRange(FamilyNames.Select(f => $"prf_cosine_{f}"));
        foreach (var fam in FamilyNames) names.AddRange([$"bm25_{fam}_share", $"tfidf_cosine_{fam}_share"]);
        names.AddRange(["topic_cosine", "topic_prf_cosine"]);
        return [.. names];
    }

    /// <summary>
    /// Per query phrase: whether all its character pairs occur in the document, and the longest run of its
    /// consecutive pairs that do as a share of its pairs (a keyword half present as 平方和 of 平方和优化), averaged.
    /// </summary>
    private static (float Whole, float Run) PhraseMatch(RankQuery q, DocTerms d)
    {
        double whole = 0, run = 0;
        var n = 0;
        foreach (var p in q.Phrases)
        {
            if (p.Length < 2) continue;
            n++;
            int best = 0, cur = 0, pairs = p.Length - 1;
            for (var i = 0; i < pairs; i++)
            {
                cur = d.CharPairs.Contains(Pair(p[i], p[i + 1])) ? cur + 1 : 0;
                best = Math.Max(best, cur);
            }

            whole += best == pairs ? 1 : 0;
            run += best / (double)pairs;
        }

        return n > 0 ? ((float)(whole / n), (float)(run / n)) : (0, 0);
    }

    private static HashSet<int> CharPairs(string text)
    {
        var s = TextAnalyzer.Normalize(text);
        var set = new HashSet<int>();
        for (var i = 0; i + 1 < s.Length; i++) set.Add(Pair(s[i], s[i + 1]));
        return set;
    }

    private static int Pair(char a, char b) => (a << 16) | b;

    private sealed class DocTerms(Dictionary<string, int>[] fields, HashSet<int> charPairs)
    {
        public HashSet<int> CharPairs { get; } = charPairs;

        public Dictionary<string, int>[] Fields { get; } = fields;

        public Dictionary<string, int> All { get; } = Sum(fields);

        public double[] Norms { get; set; } = [];

        public float[]? Topics { get; set; }

        private static Dictionary<string, int> Sum(Dictionary<string, int>[] fields)
        {
            var all = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var f in fields)
            {
                foreach (var (t, c) in f) all[t] = all.GetValueOrDefault(t) + c;
            }

            return all;
        }
    }
}

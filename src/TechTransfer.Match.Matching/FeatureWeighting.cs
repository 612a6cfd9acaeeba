namespace TechTransfer.Match.Matching;

/// <summary>
/// Applies the fitted vocabulary/IDF (from <see cref="VocabularyModel"/>) to feature counts.
/// Document weights: family weight x IDF^a x BM25 saturation with length normalisation, then L2 norm.
/// Query weights (plain search): family weight x IDF^b x sublinear tf, then L2 norm.
/// With <see cref="PlainTfIdf"/> the result equals ML.NET's TF-IDF + L2 output (tested).
/// </summary>
internal sealed class FeatureWeighting
{
    private readonly float[] _idf;
    private readonly float _oovIdf;
    private readonly TextPipelineOptions _o;

    public FeatureWeighting(float[] idfByTermId, float oovIdf, double avgLength, TextPipelineOptions options, int fitDocuments = 0)
    {
        _idf = idfByTermId;
        _fitDocuments = fitDocuments;
        _oovIdf = oovIdf;
        AvgLength = avgLength <= 0 ? 1 : avgLength;
        _o = options;
        _docIdf = Powers(options.DocIdfExponent, out _oovDocIdf);
        _oovQueryIdf = Math.Pow(Smooth(_oovIdf), options.QueryIdfExponent);
    }

    private readonly int _fitDocuments;
    private readonly float[] _docIdf;
    private readonly double _oovDocIdf;
    private readonly double _oovQueryIdf;

    /// <summary>idf^exponent per term, computed once per fitted model (no Math.Pow at query time).</summary>
    private float[] Powers(double exponent, out double oov)
    {
        oov = Math.Pow(Smooth(_oovIdf), exponent);
        var p = new float[_idf.Length];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = _idf[i] < 0 ? (float)oov : (float)Math.Pow(Smooth(_idf[i]), exponent);
        }

        return p;
    }

    /// <summary>
    /// ML.NET's IDF is ln(N/df): zero for a term in every fitted document, which on a young platform
    /// with a handful of listings wipes out exactly the terms two matching listings share. Ranking uses
    /// the BM25 form ln(1 + (N - df + 0.5) / (df + 0.5)) instead: the same order, never zero, and
    /// indistinguishable from ln(N/df) for the rare terms that decide rankings in a large corpus.
    /// </summary>
    private double Smooth(double idf)
    {
        if (_fitDocuments <= 0)
        {
            return idf;
        }

        var n = (double)_fitDocuments;
        var df = n * Math.Exp(-idf);
        return Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
    }

    /// <summary>
    /// idf^b of a query term, computed per call: only plain searches weigh queries this way, and a table like the
    /// document one would cost 4 bytes for each of millions of terms.
    /// </summary>
    private double QueryIdf(int termId)
    {
        var raw = (uint)termId < (uint)_idf.Length ? _idf[termId] : -1f;
        return raw < 0 ? _oovQueryIdf : Math.Pow(Smooth(raw), _o.QueryIdfExponent);
    }

    private static double Lookup(float[] table, double oov, int termId) =>
        (uint)termId < (uint)table.Length ? table[termId] : oov;

    public double AvgLength { get; }

    public float[] IdfArray => _idf;

    public float OovIdf => _oovIdf;

    /// <summary>IDF of a term; terms first seen after the last fit get the IDF of a term seen once.</summary>
    public float Idf(int termId)
    {
        if ((uint)termId >= (uint)_idf.Length)
        {
            return _oovIdf;
        }

        var v = _idf[termId];
        return v < 0 ? _oovIdf : v;
    }

    private double Family(char prefix) => prefix switch
    {
        FeaturePrefix.Word => _o.WordFeatureWeight,
        FeaturePrefix.Bigram => _o.BigramFeatureWeight,
        FeaturePrefix.Char => _o.CharFeatureWeight,
        FeaturePrefix.CharUnigram => _o.CharUnigramFeatureWeight,
        FeaturePrefix.CharTrigram => _o.CharTrigramFeatureWeight,
        FeaturePrefix.EnglishChar => _o.EnglishCharGramWeight,
        _ => 1.0,
    };

    public SparseVector DocumentVector(int[] terms, float[] counts, float length, Func<int, char> prefixOf) =>
        DocumentVector(terms, counts, length, prefixOf, out _);

    /// <summary>The vector of an indexed listing, from its packed counts.</summary>
    public SparseVector DocumentVector(DocEntry e, Func<int, char> prefixOf, out double norm)
    {
        var (terms, counts) = e.Unpack();
        return DocumentVector(terms, counts, e.Length, prefixOf, out norm);
    }

    /// <summary>
    /// As <see cref="DocumentVector(DocEntry, Func{int, char}, out double)"/>, written into <paramref name="terms"/> and
    /// <paramref name="weights"/> (room for the entry's <see cref="DocEntry.TermCount"/>) without allocating: a bulk
    /// load computes a vector per listing, and those arrays were gigabytes of garbage at a million listings. Returns the
    /// number of terms written; same arithmetic, so the same weights.
    /// </summary>
    public int DocumentVector(DocEntry e, Func<int, char> prefixOf, Span<int> terms, Span<float> weights, out double norm)
    {
        if (_o.BlockNormalization)
        {
            var v = DocumentVector(e, prefixOf, out norm);
            v.Terms.CopyTo(terms);
            v.Weights.CopyTo(weights);
            return v.Count;
        }

        var lenNorm = LengthNorm(e.Length);
        double sum = 0;
        var n = 0;
        var r = e.Reader();
        while (r.Next(out var t, out var c))
        {
            var v = Raw(Family(prefixOf(t)), t, c, lenNorm);
            if (v <= 0) continue;
            sum += v * v;
            if ((float)v <= 0) continue; // as Normalize leaves it out
            terms[n] = t;
            weights[n++] = (float)v;
        }

        e.KeepAlive();
        norm = Math.Sqrt(sum);
        if (sum <= 0) return 0;
        var inv = 1.0 / norm;
        for (var i = 0; i < n; i++) weights[i] = (float)(weights[i] * inv);
        return n;
    }

    /// <param name="norm">The L2 norm the weights were divided by (see <see cref="RawDocumentWeight"/>).</param>
    public SparseVector DocumentVector(int[] terms, float[] counts, float length, Func<int, char> prefixOf, out double norm)
    {
        var w = new float[terms.Length];
        var lenNorm = LengthNorm(length);
        double sum = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var v = Raw(_o.BlockNormalization ? 1.0 : Family(prefixOf(terms[i])), terms[i], counts[i], lenNorm);
            if (v <= 0) continue;
            w[i] = (float)v;
            sum += v * v;
        }

        norm = Math.Sqrt(sum);
        return _o.BlockNormalization ? BlockNormalize(terms, w, prefixOf) : Normalize(terms, w, sum);
    }

    /// <summary>
    /// Whether a document weight is its raw weight divided by one norm per document (true unless block
    /// normalisation is on): then the cosine against a document needs only the weights of the shared terms.
    /// </summary>
    public bool SingleNorm => !_o.BlockNormalization;

    /// <summary>The BM25 length normalisation factor of a document (1 - b + b x length / average length).</summary>
    public double LengthNorm(float length) => 1 - _o.B + (_o.B * length / AvgLength);

    /// <summary>A document term's weight before L2 normalisation: family weight x IDF^a x saturated tf.</summary>
    public double RawDocumentWeight(int term, float count, double lengthNorm, char prefix) =>
        Raw(Family(prefix), term, count, lengthNorm);

    /// <summary>
    /// A term's family weight x document IDF, 0 when its IDF is not positive: <see cref="RawDocumentWeight"/> is this x
    /// <see cref="Saturation"/>, to the last bit.
    /// </summary>
    public double DocumentFamilyIdf(int term, char prefix)
    {
        var idf = Lookup(_docIdf, _oovDocIdf, term);
        return idf <= 0 ? 0 : Family(prefix) * idf;
    }

    /// <summary>The saturated term frequency of <see cref="RawDocumentWeight"/>.</summary>
    public double Saturation(float count, double lengthNorm)
    {
        double tf = count;
        var k1 = _o.K1;
        return k1 > 0 ? tf * (k1 + 1) / (tf + (k1 * lengthNorm)) : tf;
    }

    private double Raw(double family, int term, float count, double lengthNorm)
    {
        var idf = Lookup(_docIdf, _oovDocIdf, term);
        if (idf <= 0) return 0;
        double tf = count;
        var k1 = _o.K1;
        var sat = k1 > 0 ? tf * (k1 + 1) / (tf + (k1 * lengthNorm)) : tf;
        return family * idf * sat;
    }

    public SparseVector QueryVector(int[] terms, float[] counts, Func<int, char> prefixOf)
    {
        var w = new float[terms.Length];
        double sum = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var idf = QueryIdf(terms[i]);
            if (idf <= 0) continue;
            double tf = counts[i];
            var sub = tf <= 1 ? tf : 1 + Math.Log(tf);
            var v = (_o.BlockNormalization ? 1.0 : Family(prefixOf(terms[i]))) * idf * sub;
            w[i] = (float)v;
            sum += v * v;
        }

        return _o.BlockNormalization ? BlockNormalize(terms, w, prefixOf) : Normalize(terms, w, sum);
    }

    /// <summary>ML.NET-equivalent TF-IDF + L2 (raw counts, no family weights, no saturation).</summary>
    public SparseVector PlainTfIdf(int[] terms, float[] counts)
    {
        var w = new float[terms.Length];
        double sum = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            if ((uint)terms[i] >= (uint)_idf.Length || _idf[terms[i]] < 0) continue; // ML.NET ignores out-of-vocabulary tokens
            var v = (double)counts[i] * _idf[terms[i]];
            w[i] = (float)v;
            sum += v * v;
        }

        return Normalize(terms, w, sum);
    }

    private static int FamilyIndex(char prefix) => prefix switch
    {
        FeaturePrefix.Word => 0,
        FeaturePrefix.Bigram => 1,
        FeaturePrefix.Char => 2,
        FeaturePrefix.CharUnigram => 3,
        FeaturePrefix.CharTrigram => 4,
        _ => 5,
    };

    /// <summary>
    /// Block normalisation: every feature family present is scaled to unit length, then weighted by the square root
    /// of its share of the family weights, so the vector still has unit length and the dot product of two vectors
    /// is a weighted mean of per-family cosines (a long document's many rare words do not dilute its character match).
    /// </summary>
    private SparseVector BlockNormalize(int[] terms, float[] w, Func<int, char> prefixOf)
    {
        Span<double> sums = stackalloc double[6];
        Span<byte> fam = terms.Length <= 4096 ? stackalloc byte[terms.Length] : new byte[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            var f = FamilyIndex(prefixOf(terms[i]));
            fam[i] = (byte)f;
            sums[f] += (double)w[i] * w[i];
        }

        Span<double> mult = [_o.WordFeatureWeight, _o.BigramFeatureWeight, _o.CharFeatureWeight, _o.CharUnigramFeatureWeight, _o.CharTrigramFeatureWeight, _o.EnglishCharGramWeight];
        double total = 0;
        for (var f = 0; f < 6; f++)
        {
            if (sums[f] > 0) total += mult[f];
        }

        if (total <= 0)
        {
            return SparseVector.Empty;
        }

        Span<double> scale = stackalloc double[6];
        for (var f = 0; f < 6; f++)
        {
            scale[f] = sums[f] > 0 ? Math.Sqrt(mult[f] / total) / Math.Sqrt(sums[f]) : 0;
        }

        var n = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] > 0) n++;
        }

        var t = new int[n];
        var v = new float[n];
        var j = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] > 0)
            {
                t[j] = terms[i];
                v[j] = (float)(w[i] * scale[fam[i]]);
                j++;
            }
        }

        return new SparseVector(t, v);
    }

    private static SparseVector Normalize(int[] terms, float[] w, double sumSquares)
    {
        if (sumSquares <= 0)
        {
            return SparseVector.Empty;
        }

        var inv = 1.0 / Math.Sqrt(sumSquares);
        var n = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] > 0) n++;
        }

        var t = new int[n];
        var v = new float[n];
        var j = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] > 0)
            {
                t[j] = terms[i];
                v[j] = (float)(w[i] * inv);
                j++;
            }
        }

        return new SparseVector(t, v);
    }
}

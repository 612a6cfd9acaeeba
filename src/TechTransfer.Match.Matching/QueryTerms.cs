namespace TechTransfer.Match.Matching;

/// <summary>
/// A query vector prepared for the exact cosines of many listings (a FindMatches pool, a search's re-scoring): its
/// terms in an open-addressing table (term to position) sized to stay in the first-level cache, each with its family
/// weight x document IDF beside it. A listing's packed features are then read once, in order, each looked up in the
/// table, instead of merged with the query's sorted terms (a hard-to-predict branch per step of either list) and
/// weighted through the index-wide IDF and family arrays (a cache miss per shared term). The shared terms come in
/// increasing order, as in a merge, so the sums are the same to the last bit.
/// </summary>
internal sealed class QueryTerms
{
    [ThreadStatic]
    private static QueryTerms? _current;

    private int[] _keys = new int[1024]; // term + 1; 0 = empty
    private int[] _at = new int[1024];
    private double[] _familyIdf = [];
    private char[] _prefix = [];
    private int _shift;
    private SparseVector _q;
    private FeatureWeighting? _weighting;

    /// <summary>The calling thread's table, prepared for <paramref name="q"/> (valid until its next <see cref="For"/>).</summary>
    public static QueryTerms For(SparseVector q, IndexState st)
    {
        var t = _current ??= new QueryTerms();
        t.Prepare(q, st);
        return t;
    }

    private void Prepare(SparseVector q, IndexState st)
    {
        _q = q;
        _weighting = st.Weighting;
        var n = q.Terms.Length;
        var size = 1024;
        while (size < 4 * n) size <<= 1; // a quarter full at most: a miss ends on the first or second empty entry
        if (_keys.Length != size)
        {
            _keys = new int[size];
            _at = new int[size];
        }
        else
        {
            Array.Clear(_keys);
        }

        if (_familyIdf.Length < n)
        {
            _familyIdf = new double[Math.Max(n, _familyIdf.Length * 2)];
            _prefix = new char[_familyIdf.Length];
        }

        _shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
        var mask = size - 1;
        for (var i = 0; i < n; i++)
        {
            var term = q.Terms[i];
            if (term < 0) continue; // a draft's term the dictionary lacks: no listing holds it
            var prefix = st.Dict.Prefix(term);
            _prefix[i] = prefix;
            _familyIdf[i] = st.Weighting.DocumentFamilyIdf(term, prefix);
            var h = Slot(term);
            while (_keys[h] != 0) h = (h + 1) & mask;
            _keys[h] = term + 1;
            _at[h] = i;
        }
    }

    private int Slot(int term) => (int)(((uint)term * 0x9E3779B1u) >> _shift);

    /// <summary>
    /// Sum over shared terms of query weight x the listing's weight (raw weight / <paramref name="norm"/>), each shared
    /// term passed to <paramref name="acc"/> in increasing term order.
    /// </summary>
    public double Dot(DocEntry doc, double norm, double lengthNorm, ref PairAccumulator acc)
    {
        var keys = _keys;
        var mask = keys.Length - 1;
        var qw = _q.Weights;
        var w = _weighting!;
        double sum = 0;
        for (var r = doc.Reader(); r.Next(out var term, out var count);)
        {
            var h = Slot(term);
            int key;
            while ((key = keys[h]) != 0 && key != term + 1) h = (h + 1) & mask;
            if (key == 0) continue;
            var i = _at[h];
            var contribution = (double)qw[i] * (_familyIdf[i] * w.Saturation(count, lengthNorm)) / norm;
            sum += contribution;
            acc.Add(term, _prefix[i], contribution);
        }

        doc.KeepAlive();
        return sum;
    }
}

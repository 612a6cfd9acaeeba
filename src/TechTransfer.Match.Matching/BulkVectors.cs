namespace TechTransfer.Match.Matching;

/// <summary>
/// The weighted vectors of a bulk load as the postings store them: term ids and weights quantised to 16 bits
/// (<see cref="KindIndex.Quantise"/>), in one pair of large arrays per 4,096 listings. Two small arrays per listing
/// (and three more to compute them) were gigabytes of short-lived garbage at a million listings, and the collector
/// copied the survivors until the postings were laid out.
/// </summary>
internal sealed class BulkVectors
{
    private const int BatchBits = 12;

    private readonly int[][] _terms;
    private readonly ushort[][] _weights;
    private readonly int[] _start;
    private readonly int[] _count;

    /// <param name="room">the most terms vector i can hold</param>
    private BulkVectors(int length, Func<int, int> room)
    {
        Length = length;
        var batches = (length + (1 << BatchBits) - 1) >> BatchBits;
        _terms = new int[batches][];
        _weights = new ushort[batches][];
        _start = new int[length];
        _count = new int[length];
        for (var b = 0; b < batches; b++)
        {
            var size = 0;
            for (int i = b << BatchBits, end = Math.Min(length, (b + 1) << BatchBits); i < end; i++)
            {
                _start[i] = size;
                size += room(i);
            }

            _terms[b] = new int[size];
            _weights[b] = new ushort[size];
        }
    }

    /// <summary>Number of vectors (vector i belongs to slot i).</summary>
    public int Length { get; }

    /// <summary>Ascending term ids of vector <paramref name="slot"/>.</summary>
    public ReadOnlySpan<int> Terms(int slot) => _terms[slot >> BatchBits].AsSpan(_start[slot], _count[slot]);

    /// <summary>Quantised weights of vector <paramref name="slot"/>, aligned with <see cref="Terms"/>.</summary>
    public ReadOnlySpan<ushort> Weights(int slot) => _weights[slot >> BatchBits].AsSpan(_start[slot], _count[slot]);

    /// <summary>Vectors given as they are (tests: postings laid out from chosen weights).</summary>
    public static BulkVectors From(IReadOnlyList<SparseVector> vectors)
    {
        var v = new BulkVectors(vectors.Count, i => vectors[i].Count);
        for (var i = 0; i < vectors.Count; i++)
        {
            var b = i >> BatchBits;
            vectors[i].Terms.CopyTo(v._terms[b], v._start[i]);
            for (var k = 0; k < vectors[i].Count; k++) v._weights[b][v._start[i] + k] = KindIndex.Quantise(vectors[i].Weights[k]);
            v._count[i] = vectors[i].Count;
        }

        return v;
    }

    /// <summary>The unit vectors of <paramref name="entries"/> (all cores), their norms into <paramref name="norms"/>.</summary>
    public static BulkVectors Of(DocEntry[] entries, FeatureWeighting weighting, Func<int, char> prefixOf, double[] norms)
    {
        var v = new BulkVectors(entries.Length, i => entries[i].TermCount); // those weighing nothing are left out
        Parallel.For(
            0,
            entries.Length,
            () => new float[256],
            (i, _, scratch) =>
            {
                var e = entries[i];
                if (scratch.Length < e.TermCount) scratch = new float[Math.Max(e.TermCount, scratch.Length * 2)];
                var b = i >> BatchBits;
                var terms = v._terms[b].AsSpan(v._start[i], e.TermCount);
                var n = weighting.DocumentVector(e, prefixOf, terms, scratch, out norms[i]);
                var q = v._weights[b].AsSpan(v._start[i], n);
                for (var k = 0; k < n; k++) q[k] = KindIndex.Quantise(scratch[k]);
                v._count[i] = n;
                return scratch;
            },
            _ => { });
        return v;
    }
}

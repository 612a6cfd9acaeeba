namespace TechTransfer.Match.Matching;

/// <summary>Per-thread accumulator for term-at-a-time scoring.</summary>
internal sealed class Scratch
{
    [ThreadStatic]
    private static Scratch? _current;

    public float[] Acc = [];

    // Room for every slot and one more: an accumulation writes each posting's slot at the end and counts it only when new (no branch).
    private int[] _touched = [];

    /// <summary>Number of touched slots (the first entries of <see cref="Touched"/>).</summary>
    public int TouchedCount;

    /// <summary>The slots touched by the accumulations since the last <see cref="Reset"/>, in the order first touched.</summary>
    public ReadOnlySpan<int> Touched => _touched.AsSpan(0, TouchedCount);

    /// <summary>Reusable list of the pool's shared word terms (the explanations' matched terms).</summary>
    public List<(int Term, double Contribution)> SharedWords { get; } = new(4096);

    /// <summary>Reusable bounded heap for the candidate pool.</summary>
    public SlotHeap Heap { get; } = new();

    /// <summary>Postings read by the last accumulations (diagnostics for the benchmark).</summary>
    public long PostingsRead;

    public static Scratch Get(int size)
    {
        var s = _current ??= new Scratch();
        if (s.Acc.Length < size)
        {
            s.Acc = new float[Math.Max(size, s.Acc.Length * 2)];
        }

        if (s._touched.Length < size + 1)
        {
            s._touched = new int[s.Acc.Length + 1]; // only while nothing is touched: every query resets
        }

        return s;
    }

    /// <summary>Reusable table of key bounds for candidate ranking (see <see cref="Scoring.FillKeyBounds"/>).</summary>
    public double[] KeyBounds { get; } = new double[Scoring.KeyTableSize];

    private int[] _seedSlots = [];
    private float[] _seedText = [];
    private int[] _tailSlots = [];
    private float[] _tailText = [];

    /// <summary>Room for every touched slot and its text, twice: candidate ranking's two passes.</summary>
    public (int[] SeedSlots, float[] SeedText, int[] TailSlots, float[] TailText) PassBuffers()
    {
        if (_seedSlots.Length < TouchedCount)
        {
            var size = Math.Max(TouchedCount, _seedSlots.Length * 2);
            (_seedSlots, _seedText, _tailSlots, _tailText) = (new int[size], new float[size], new int[size], new float[size]);
        }

        return (_seedSlots, _seedText, _tailSlots, _tailText);
    }

    private float[] _values = [];

    /// <summary>The k-th largest accumulated value among the touched slots (1-based k, k &lt;= touched count).</summary>
    public float KthLargest(int k)
    {
        var n = TouchedCount;
        if (_values.Length < n) _values = new float[Math.Max(n, _values.Length * 2)];
        var v = _values;
        for (var i = 0; i < n; i++) v[i] = Acc[_touched[i]];

        // quickselect for index k - 1 in descending order
        int lo = 0, hi = n - 1, target = k - 1;
        while (lo < hi)
        {
            var pivot = v[lo + ((hi - lo) >> 1)];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (v[i] > pivot) i++;
                while (v[j] < pivot) j--;
                if (i <= j)
                {
                    (v[i], v[j]) = (v[j], v[i]);
                    i++;
                    j--;
                }
            }

            if (target <= j) hi = j;
            else if (target >= i) lo = i;
            else break;
        }

        return v[target];
    }

    private readonly float[] _sample = new float[SampleSize];
    private const int SampleSize = 512;

    /// <summary>
    /// An accumulated value that about <paramref name="count"/> of the touched slots reach, estimated from an evenly
    /// spaced sample of them; 0 when fewer than twice that many were touched.
    /// </summary>
    public float SeedText(int count)
    {
        var n = TouchedCount;
        if (n < 2 * count) return 0;
        var step = (double)n / SampleSize;
        var sample = _sample;
        for (var i = 0; i < SampleSize; i++) sample[i] = Acc[_touched[(int)(i * step)]];
        Array.Sort(sample);
        var rank = Math.Clamp((int)(SampleSize * (1 - ((double)count / n))), 0, SampleSize - 1);
        return sample[rank];
    }

    public void Reset()
    {
        var acc = Acc;
        foreach (var d in Touched)
        {
            acc[d] = 0;
        }

        TouchedCount = 0;
    }

    private PostingRun[] _runs = [];
    private (Postings Postings, float Weight)[] _appended = [];

    /// <summary>
    /// Adds q·d for every listing of <paramref name="index"/> sharing a query feature to <see cref="Acc"/> (term at a
    /// time over the packed and the appended postings; above <see cref="KindIndex.AccumulateBlockSlots"/> listings the
    /// packed ones a block of listings at a time), recording each newly touched slot in <see cref="Touched"/>. Features
    /// with more than <paramref name="maxPostings"/> postings are skipped, and so are pruned features (their bulk
    /// postings cut to the strongest) unless <paramref name="maxPostings"/> is int.MaxValue.
    /// </summary>
    public void Accumulate(KindIndex index, SparseVector q, int maxPostings = int.MaxValue)
    {
        var extra = index.PostingsByTerm;
        var hasExtra = extra.Count > 0;
        var n = q.Terms.Length;
        var blocks = index.Slots.Count > index.AccumulateBlockSlots;
        if (blocks && _runs.Length < n) (_runs, _appended) = (new PostingRun[Math.Max(n, _runs.Length * 2)], new (Postings, float)[Math.Max(n, _runs.Length * 2)]);
        int runs = 0, appended = 0;
        for (var i = 0; i < n; i++)
        {
            var t = q.Terms[i];
            if (t < 0) continue;
            var count = index.CsrCount(t, out var pos, out var pruned);
            Postings? p = null;
            if (hasExtra) extra.TryGetValue(t, out p);
            if (maxPostings != int.MaxValue && (pruned || count + (p?.Count ?? 0) > maxPostings)) continue;
            var qw = q.Weights[i];
            PostingsRead += count + (p?.Count ?? 0);
            if (!blocks)
            {
                var run = index.Run(count, pos, qw);
                index.AccumulateBulk(ref run, int.MaxValue, Acc, _touched, ref TouchedCount);
                if (p != null) Add(Acc, _touched, ref TouchedCount, p.Docs.AsSpan(0, p.Count), p.Weights.AsSpan(0, p.Count), qw);
                continue;
            }

            if (count > 0) _runs[runs++] = index.Run(count, pos, qw);
            if (p != null) _appended[appended++] = (p, qw);
        }

        if (!blocks) return;
        index.AccumulateBulk(_runs.AsSpan(0, runs), Acc, _touched, ref TouchedCount);

        // Upserted listings' slots come after the bulk-loaded ones (a slot holds bulk or appended postings, not both).
        for (var i = 0; i < appended; i++)
        {
            var (p, qw) = _appended[i];
            Add(Acc, _touched, ref TouchedCount, p.Docs.AsSpan(0, p.Count), p.Weights.AsSpan(0, p.Count), qw);
        }
    }

    private static void Add(float[] acc, int[] touched, ref int touchedCount, ReadOnlySpan<int> docs, ReadOnlySpan<float> ws, float qw)
    {
        var n = touchedCount;
        for (var k = 0; k < docs.Length; k++)
        {
            var doc = docs[k];
            var before = acc[doc];
            touched[n] = doc;
            n += before == 0 ? 1 : 0;
            acc[doc] = before + (qw * ws[k]);
        }

        touchedCount = n;
    }
}

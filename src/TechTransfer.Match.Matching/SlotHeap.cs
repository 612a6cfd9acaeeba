namespace TechTransfer.Match.Matching;

/// <summary>
/// Allocation-free bounded min-heap of (score, slot) keeping the best k by score descending, then listing id
/// ascending (the ids come from the slots' scoring profiles). Same order as <see cref="TopK"/>.
/// </summary>
internal sealed class SlotHeap
{
    private double[] _scores = new double[64];
    private int[] _slots = new int[64];
    private ScoringProfile[] _profiles = [];
    private int _k;

    public int Count { get; private set; }

    public void Reset(int k, ScoringProfile[] profiles)
    {
        _k = Math.Max(1, k);
        if (_scores.Length < _k)
        {
            _scores = new double[_k];
            _slots = new int[_k];
        }

        _profiles = profiles;
        Count = 0;
    }

    /// <summary>The k-th best score so far, or negative infinity while the heap is not full.</summary>
    public double Threshold => Count < _k ? double.NegativeInfinity : _scores[0];

    // true when a is worse than b: lower score, or equal score and larger id
    private bool Worse(double sa, int a, double sb, int b) =>
        sa < sb || (sa == sb && _profiles[a].Id.CompareTo(_profiles[b].Id) > 0);

    public void Offer(int slot, double score)
    {
        if (Count < _k)
        {
            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!Worse(score, slot, _scores[parent], _slots[parent])) break;
                _scores[i] = _scores[parent];
                _slots[i] = _slots[parent];
                i = parent;
            }

            _scores[i] = score;
            _slots[i] = slot;
            return;
        }

        if (!Worse(_scores[0], _slots[0], score, slot))
        {
            return; // not better than the worst kept
        }

        SiftDown(0, score, slot, Count);
    }

    private void SiftDown(int i, double score, int slot, int n)
    {
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= n) break;
            if (child + 1 < n && Worse(_scores[child + 1], _slots[child + 1], _scores[child], _slots[child])) child++;
            if (!Worse(_scores[child], _slots[child], score, slot)) break;
            _scores[i] = _scores[child];
            _slots[i] = _slots[child];
            i = child;
        }

        _scores[i] = score;
        _slots[i] = slot;
    }

    /// <summary>Best first; empties the heap.</summary>
    public List<(int Slot, double Score)> Sorted()
    {
        var list = new List<(int Slot, double Score)>(Count);
        while (Count > 0)
        {
            list.Add((_slots[0], _scores[0]));
            var n = --Count;
            if (n > 0) SiftDown(0, _scores[n], _slots[n], n);
        }

        list.Reverse();
        return list;
    }
}

namespace TechTransfer.Match.Matching;

/// <summary>Bounded min-heap keeping the best k (score desc, id asc).</summary>
internal sealed class TopK
{
    private readonly int _k;
    private readonly PriorityQueue<(int Slot, double Score, Guid Id), (double Score, Guid Id)> _heap;

    public TopK(int k)
    {
        _k = Math.Max(1, k);
        _heap = new PriorityQueue<(int, double, Guid), (double, Guid)>(_k + 1, Comparer<(double Score, Guid Id)>.Create(Worse));
    }

    // "smaller" = worse: lower score, or equal score and larger id
    private static int Worse((double Score, Guid Id) a, (double Score, Guid Id) b)
    {
        var c = a.Score.CompareTo(b.Score);
        return c != 0 ? c : b.Id.CompareTo(a.Id);
    }

    /// <summary>Returns true when the candidate is (for now) among the best k.</summary>
    public bool Offer(int slot, double score, Guid id)
    {
        if (_heap.Count < _k)
        {
            _heap.Enqueue((slot, score, id), (score, id));
            return true;
        }

        _heap.TryPeek(out _, out var worst);
        if (Worse((score, id), worst) <= 0)
        {
            return false;
        }

        _heap.DequeueEnqueue((slot, score, id), (score, id));
        return true;
    }

    public List<(int Slot, double Score)> Sorted()
    {
        var list = new List<(int Slot, double Score, Guid Id)>(_heap.Count);
        while (_heap.TryDequeue(out var item, out _))
        {
            list.Add(item);
        }

        list.Reverse();
        return list.ConvertAll(x => (x.Slot, x.Score));
    }
}

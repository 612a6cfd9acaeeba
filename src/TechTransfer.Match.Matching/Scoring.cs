namespace TechTransfer.Match.Matching;

/// <summary>The five score components of one pair.</summary>
internal readonly record struct Components(double Text, double Locality, double Field, double Maturity, double Budget, double Score)
{
    public IReadOnlyList<ScoreComponent> ToList(MatchingOptions o) =>
    [
        new("text", Text, o.TextWeight, Text * o.TextWeight),
        new("locality", Locality, o.LocalityWeight, Locality * o.LocalityWeight),
        new("field", Field, o.FieldWeight, Field * o.FieldWeight),
        new("maturity", Maturity, o.MaturityWeight, Maturity * o.MaturityWeight),
        new("budget", Budget, o.BudgetWeight, Budget * o.BudgetWeight),
    ];
}

/// <summary>
/// The non-text facts of one listing in the form the scoring formulas use (no strings, no decimals), kept per
/// index slot so that ranking thousands of candidates touches one compact struct array. Every formula below runs
/// on these values, for candidates and for the final explained score alike, so both give bit-identical results.
/// </summary>
internal readonly struct ScoringProfile
{
    public ScoringProfile(ListingDocument d)
    {
        Id = d.Id;
        Region4 = RegionKey(d.RegionCode, 4);
        Region2 = RegionKey(d.RegionCode, 2);
        Field = d.Field;
        Trl = d.Trl is { } t && t > 0 ? t : 0;
        HasPrice = d.PriceMin is not null || d.PriceMax is not null;
        PriceLow = HasPrice ? (double)(d.PriceMin ?? d.PriceMax)!.Value : 0;
        PriceHigh = HasPrice ? (double)(d.PriceMax ?? d.PriceMin)!.Value : 0;
        BudgetLow = (double)(d.PriceMin ?? 0m);
        BudgetHigh = d.PriceMax is null ? double.PositiveInfinity : (double)d.PriceMax.Value;
        Live = true;
    }

    public Guid Id { get; }

    /// <summary>First 4 / first 2 characters of the region code packed into a number; -1 when the code is shorter than 4.</summary>
    public long Region4 { get; }

    public long Region2 { get; }

    public int Field { get; }

    /// <summary>TRL (achievement) or required TRL (need); 0 when unknown.</summary>
    public int Trl { get; }

    /// <summary>Price-side view (an achievement's asking price): known when either bound is; low/high as Scoring.Budget reads them.</summary>
    public bool HasPrice { get; }

    public double PriceLow { get; }

    public double PriceHigh { get; }

    /// <summary>Budget-side view (a need's budget): missing minimum 0, missing maximum unbounded.</summary>
    public double BudgetLow { get; }

    public double BudgetHigh { get; }

    /// <summary>False for a tombstoned slot (default value).</summary>
    public bool Live { get; }

    public static long RegionKey(string? code, int chars)
    {
        if (string.IsNullOrEmpty(code) || code.Length < 4)
        {
            return -1;
        }

        long k = 0;
        for (var i = 0; i < chars; i++) k = (k << 16) | code[i];
        return k;
    }
}

/// <summary>Final score = sum of weight x value over text, locality, field, maturity and budget.</summary>
internal static class Scoring
{
    public static Components Compute(MatchingOptions o, ListingDocument source, ListingDocument candidate, double text) =>
        Compute(o, new ScoringProfile(source), source.Kind == ListingKind.Need, new ScoringProfile(candidate), HomeKeys(o), text);

    public static (long Home4, long Home2) HomeKeys(MatchingOptions o) =>
        (ScoringProfile.RegionKey(o.HomeRegionCode, 4), ScoringProfile.RegionKey(o.HomeRegionCode, 2));

    public static Components Compute(MatchingOptions o, in ScoringProfile source, bool sourceIsNeed, in ScoringProfile candidate, (long Home4, long Home2) home, double text)
    {
        var locality = Locality(candidate.Region4, candidate.Region2, home.Home4, home.Home2);
        var field = Field(source.Field, candidate.Field);
        double maturity, budget;
        if (sourceIsNeed)
        {
            maturity = MaturityCore(source.Trl, candidate.Trl);
            budget = BudgetCore(candidate, source);
        }
        else
        {
            maturity = MaturityCore(candidate.Trl, source.Trl);
            budget = BudgetCore(source, candidate);
        }

        // Summed in the same order as the explanation lists them, so the contributions add up exactly.
        var score = text * o.TextWeight;
        score += locality * o.LocalityWeight;
        score += field * o.FieldWeight;
        score += maturity * o.MaturityWeight;
        score += budget * o.BudgetWeight;
        return new Components(text, locality, field, maturity, budget, score);
    }

    /// <summary>Same city (first 4 digits) 1, same province (first 2) 0.5, else 0.</summary>
    public static double Locality(string? region, string? home) =>
        Locality(ScoringProfile.RegionKey(region, 4), ScoringProfile.RegionKey(region, 2), ScoringProfile.RegionKey(home, 4), ScoringProfile.RegionKey(home, 2));

    private static double Locality(long r4, long r2, long h4, long h2)
    {
        if (r4 < 0 || h4 < 0)
        {
            return 0;
        }

        if (r4 == h4) return 1.0;
        if (r2 == h2) return 0.5;
        return 0;
    }

    public static double Field(int a, int b) => a == 0 || b == 0 ? 0.5 : a == b ? 1.0 : 0.0;

    /// <summary>1 when the achievement's TRL reaches the need's required TRL, minus 1/4 per missing level.</summary>
    public static double Maturity(int? requiredTrl, int? trl) =>
        MaturityCore(requiredTrl is { } r && r > 0 ? r : 0, trl is { } t && t > 0 ? t : 0);

    private static double MaturityCore(int requiredTrl, int trl)
    {
        if (requiredTrl <= 0 || trl <= 0)
        {
            return 0.5;
        }

        var gap = requiredTrl - trl;
        return gap <= 0 ? 1.0 : Math.Max(0, 1 - (gap / 4.0));
    }

    /// <summary>1 when the asking-price range overlaps the budget range, else 1 - gap / larger bound.</summary>
    public static double Budget(decimal? priceMin, decimal? priceMax, decimal? budgetMin, decimal? budgetMax)
    {
        var price = new ScoringProfile(new ListingDocument(Guid.Empty, ListingKind.Achievement, "", "", "", 0, null, priceMin, priceMax, "", Guid.Empty));
        var need = new ScoringProfile(new ListingDocument(Guid.Empty, ListingKind.Need, "", "", "", 0, null, budgetMin, budgetMax, "", Guid.Empty));
        return BudgetCore(price, need);
    }

    private static double BudgetCore(in ScoringProfile achievement, in ScoringProfile need)
    {
        if (!achievement.HasPrice || !need.HasPrice)
        {
            return 0.5;
        }

        var pLow = achievement.PriceLow;
        var pHigh = achievement.PriceHigh;
        var bLow = need.BudgetLow;
        var bHigh = need.BudgetHigh;
        if (pHigh < pLow) (pLow, pHigh) = (pHigh, pLow);
        if (bHigh < bLow) (bLow, bHigh) = (bHigh, bLow);
        if (pLow <= bHigh && bLow <= pHigh)
        {
            return 1.0;
        }

        // price above budget, or budget above price: relative gap against the larger of the two facing bounds
        var (lo, hi) = pLow > bHigh ? (bHigh, pLow) : (pHigh, bLow);
        return hi <= 0 ? 0 : Math.Clamp(1 - ((hi - lo) / hi), 0, 1);
    }
}

/// <summary>Per-thread accumulator for term-at-a-time scoring.</summary>
internal sealed class Scratch
{
    [ThreadStatic]
    private static Scratch? _current;

    public float[] Acc = [];

    public List<int> Touched { get; } = new(1024);

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

        return s;
    }

    private float[] _values = [];

    /// <summary>The k-th largest accumulated value among the touched slots (1-based k, k &lt;= touched count).</summary>
    public float KthLargest(int k)
    {
        var n = Touched.Count;
        if (_values.Length < n) _values = new float[Math.Max(n, _values.Length * 2)];
        var v = _values;
        for (var i = 0; i < n; i++) v[i] = Acc[Touched[i]];

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

    public void Reset()
    {
        var acc = Acc;
        foreach (var d in Touched)
        {
            acc[d] = 0;
        }

        Touched.Clear();
    }
}

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

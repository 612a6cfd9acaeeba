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

/// <summary>Final score = sum of weight x value over text, locality, field, maturity and budget.</summary>
internal static class Scoring
{
    public static Components Compute(MatchingOptions o, ListingDocument source, ListingDocument candidate, double text)
    {
        var need = source.Kind == ListingKind.Need ? source : candidate;
        var achievement = source.Kind == ListingKind.Need ? candidate : source;
        var locality = Locality(candidate.RegionCode, o.HomeRegionCode);
        var field = Field(source.Field, candidate.Field);
        var maturity = Maturity(need.Trl, achievement.Trl);
        var budget = Budget(achievement.PriceMin, achievement.PriceMax, need.PriceMin, need.PriceMax);

        // Summed in the same order as the explanation lists them, so the contributions add up exactly.
        var score = text * o.TextWeight;
        score += locality * o.LocalityWeight;
        score += field * o.FieldWeight;
        score += maturity * o.MaturityWeight;
        score += budget * o.BudgetWeight;
        return new Components(text, locality, field, maturity, budget, score);
    }

    /// <summary>Same city (first 4 digits) 1, same province (first 2) 0.5, else 0.</summary>
    public static double Locality(string? region, string? home)
    {
        if (string.IsNullOrEmpty(region) || string.IsNullOrEmpty(home) || region.Length < 4 || home.Length < 4)
        {
            return 0;
        }

        if (string.CompareOrdinal(region, 0, home, 0, 4) == 0) return 1.0;
        if (string.CompareOrdinal(region, 0, home, 0, 2) == 0) return 0.5;
        return 0;
    }

    public static double Field(int a, int b) => a == 0 || b == 0 ? 0.5 : a == b ? 1.0 : 0.0;

    /// <summary>1 when the achievement's TRL reaches the need's required TRL, minus 1/4 per missing level.</summary>
    public static double Maturity(int? requiredTrl, int? trl)
    {
        if (requiredTrl is null || trl is null || requiredTrl <= 0 || trl <= 0)
        {
            return 0.5;
        }

        var gap = requiredTrl.Value - trl.Value;
        return gap <= 0 ? 1.0 : Math.Max(0, 1 - (gap / 4.0));
    }

    /// <summary>1 when the asking-price range overlaps the budget range, else 1 - gap / larger bound.</summary>
    public static double Budget(decimal? priceMin, decimal? priceMax, decimal? budgetMin, decimal? budgetMax)
    {
        if ((priceMin is null && priceMax is null) || (budgetMin is null && budgetMax is null))
        {
            return 0.5;
        }

        var pLow = (double)(priceMin ?? priceMax)!.Value;
        var pHigh = (double)(priceMax ?? priceMin)!.Value;
        var bLow = (double)(budgetMin ?? 0m);
        var bHigh = budgetMax is null ? double.PositiveInfinity : (double)budgetMax.Value;
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

    public static Scratch Get(int size)
    {
        var s = _current ??= new Scratch();
        if (s.Acc.Length < size)
        {
            s.Acc = new float[Math.Max(size, s.Acc.Length * 2)];
        }

        return s;
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

namespace TechTransfer.Match.Matching;

/// <summary>
/// A token bag for one document: weighted counts per feature in the order first met, with the surface of word
/// features. A feature handed out by a bulk build's cache (<see cref="TermSlot.Shared"/>) finds its place in the bag
/// through the slot itself, without hashing its text (that lookup, per feature occurrence, was the largest single cost
/// of filling bags); other features go through a table keyed by their text.
/// </summary>
internal sealed class TokenBag
{
    private static long _fills;

    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private string[] _features;
    private double[] _weights;
    private TermSlot?[] _slots;
    private string?[] _surfaces;
    private long _fill = Interlocked.Increment(ref _fills);

    public TokenBag()
        : this(0)
    {
    }

    /// <summary>A bag sized for about <paramref name="capacity"/> features (growing a large one step by step cost a
    /// tenth of the feature work).</summary>
    public TokenBag(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        _features = new string[capacity];
        _weights = new double[capacity];
        _slots = new TermSlot?[capacity];
        _surfaces = new string?[capacity];
    }

    /// <summary>Distinct text features (<see cref="Hashed"/> holds the others).</summary>
    public int Count { get; private set; }

    /// <summary>Weighted number of word tokens (the document length used for length normalisation).</summary>
    public double Length { get; set; }

    /// <summary>Word bigrams as hash buckets (<see cref="TextPipelineOptions.BigramHashBits"/>), no strings; null until one is added.</summary>
    public Dictionary<int, double>? Hashed { get; private set; }

    /// <summary>Distinct features, text and hashed.</summary>
    public int FeatureCount => Count + (Hashed?.Count ?? 0);

    public string Feature(int i) => _features[i];

    public double Weight(int i) => _weights[i];

    /// <summary>The cache's slot of feature <paramref name="i"/> (it remembers the term id during a bulk build); null
    /// for a feature built anew.</summary>
    public TermSlot? Slot(int i) => _slots[i];

    /// <summary>The text a word feature was first met as (before stemming); null for other features.</summary>
    public string? Surface(int i) => _surfaces[i];

    /// <summary>Distinct text features to expect from a text: Chinese characters give about two (a character and a
    /// character bigram, few repeats), other text one per word or so.</summary>
    public static int EstimateFeatures(string? text)
    {
        if (text == null) return 0;
        var cjk = 0;
        foreach (var c in text)
        {
            if (TextAnalyzer.IsCjk(c)) cjk++;
        }

        return (2 * cjk) + ((text.Length - cjk) / 5);
    }

    /// <summary>The text features and their weights (tests and tools; the build reads the bag by position).</summary>
    public Dictionary<string, double> CountsByFeature()
    {
        var counts = new Dictionary<string, double>(Count, StringComparer.Ordinal);
        for (var i = 0; i < Count; i++) counts.Add(_features[i], _weights[i]);
        return counts;
    }

    /// <summary>The surfaces of the word features, in the order first met.</summary>
    public IEnumerable<string> Surfaces()
    {
        for (var i = 0; i < Count; i++)
        {
            if (_surfaces[i] is { } s) yield return s;
        }
    }

    public void Add(string feature, double weight, string? surface = null) => AddByText(feature, null, weight, surface);

    public void Add(TermSlot slot, double weight, string? surface = null)
    {
        if (!slot.Shared)
        {
            AddByText(slot.Text, slot, weight, surface);
            return;
        }

        // A shared slot is the only way its text reaches a bag during a build (the cache hands out one slot per text),
        // so the slot's own record of where it sits in this fill is enough.
        if (slot.Fill == _fill)
        {
            Bump(slot.Position, weight, surface);
            return;
        }

        slot.Fill = _fill;
        slot.Position = Count;
        Append(slot.Text, slot, weight, surface);
    }

    public void AddHashed(int bucket, double weight)
    {
        Hashed ??= new Dictionary<int, double>(Math.Max(4, Count / 2));
        ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Hashed, bucket, out _);
        c += weight;
    }

    /// <summary>Empties the bag for the next listing, keeping its tables' capacity (a bulk build reuses its bags).</summary>
    public void Clear()
    {
        Array.Clear(_features, 0, Count);
        Array.Clear(_slots, 0, Count);
        Array.Clear(_surfaces, 0, Count);
        Count = 0;
        _positions.Clear();
        Hashed?.Clear();
        Length = 0;
        _fill = Interlocked.Increment(ref _fills); // every slot's record of an earlier fill is now stale
    }

    private void AddByText(string feature, TermSlot? slot, double weight, string? surface)
    {
        ref var at = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_positions, feature, out var exists);
        if (exists)
        {
            Bump(at, weight, surface);
        }
        else
        {
            at = Count;
            Append(feature, slot, weight, surface);
        }
    }

    private void Bump(int at, double weight, string? surface)
    {
        _weights[at] += weight;
        if (surface != null) _surfaces[at] ??= surface;
    }

    private void Append(string feature, TermSlot? slot, double weight, string? surface)
    {
        if (Count == _features.Length)
        {
            var n = Count * 2;
            Array.Resize(ref _features, n);
            Array.Resize(ref _weights, n);
            Array.Resize(ref _slots, n);
            Array.Resize(ref _surfaces, n);
        }

        _features[Count] = feature;
        _weights[Count] = weight;
        _slots[Count] = slot;
        _surfaces[Count] = surface;
        Count++;
    }
}

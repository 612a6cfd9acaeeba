namespace TechTransfer.Match.Matching;

/// <summary>
/// Grow-only map feature string &lt;-&gt; integer id, with the first surface form seen for word features.
/// Adds are serialised; reading a published id's term is lock-free.
/// </summary>
internal sealed class TermDictionary
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private string[][] _terms = [new string[ChunkSize]];
    private string?[][] _surfaces = [new string?[ChunkSize]];

    // The family prefix of every term in a dense array: weighting a vector reads it for each of its terms, and a
    // read here is much cheaper than dereferencing the term string (millions of objects spread over the heap).
    private char[][] _prefixes = [new char[ChunkSize]];
    private volatile int _count;

    public int Count => _count;

    /// <summary>Adds under an internal lock; id lookups by readers of published ids need no lock.</summary>
    public int GetOrAdd(string term, string? surface)
    {
        lock (_gate)
        {
            if (_ids.TryGetValue(term, out var id))
            {
                return id;
            }

            surface = SurfaceToStore(term, surface);
            id = _count;
            var chunk = id >> ChunkBits;
            if (chunk >= _terms.Length)
            {
                var t = new string[chunk + 1][];
                var s = new string?[chunk + 1][];
                var p = new char[chunk + 1][];
                Array.Copy(_terms, t, _terms.Length);
                Array.Copy(_surfaces, s, _surfaces.Length);
                Array.Copy(_prefixes, p, _prefixes.Length);
                t[chunk] = new string[ChunkSize];
                s[chunk] = new string?[ChunkSize];
                p[chunk] = new char[ChunkSize];
                _terms = t;
                _surfaces = s;
                _prefixes = p;
            }

            _terms[chunk][id & (ChunkSize - 1)] = term;
            _surfaces[chunk][id & (ChunkSize - 1)] = surface;
            _prefixes[chunk][id & (ChunkSize - 1)] = term[0];
            _ids.Add(term, id);
            _count = id + 1; // publish
            return id;
        }
    }

    /// <summary>A surface equal to the feature without its family prefix is not stored (<see cref="Surface"/> derives it).</summary>
    private static string? SurfaceToStore(string term, string? surface) =>
        surface != null && term.Length == surface.Length + 1 && term.AsSpan(1).SequenceEqual(surface) ? null : surface;

    public bool TryGetId(string term, out int id)
    {
        lock (_gate)
        {
            return _ids.TryGetValue(term, out id);
        }
    }

    public string Term(int id) => _terms[id >> ChunkBits][id & (ChunkSize - 1)];

    public char Prefix(int id) => _prefixes[id >> ChunkBits][id & (ChunkSize - 1)];

    public string Surface(int id) => _surfaces[id >> ChunkBits][id & (ChunkSize - 1)] ?? TextAnalyzer.FeatureSurfaceFallback(Term(id));

    public void Write(BinaryWriter w)
    {
        var n = _count;
        w.Write(n);
        for (var i = 0; i < n; i++)
        {
            w.Write(Term(i));
            var s = _surfaces[i >> ChunkBits][i & (ChunkSize - 1)];
            w.Write(s != null);
            if (s != null) w.Write(s);
        }
    }

    public TermDictionary()
    {
    }

    private TermDictionary(int capacity)
    {
        _ids = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        var chunks = Math.Max(1, (capacity + ChunkSize - 1) >> ChunkBits);
        _terms = new string[chunks][];
        _surfaces = new string?[chunks][];
        _prefixes = new char[chunks][];
        for (var c = 0; c < chunks; c++)
        {
            _terms[c] = new string[ChunkSize];
            _surfaces[c] = new string?[ChunkSize];
            _prefixes[c] = new char[ChunkSize];
        }
    }

    /// <summary>Bulk load of a written dictionary into a new, not yet shared instance (pre-sized, no lock per term).</summary>
    public static TermDictionary Read(BinaryReader r)
    {
        var n = r.ReadInt32();
        var d = new TermDictionary(n);
        for (var i = 0; i < n; i++)
        {
            var t = r.ReadString();
            string? s = r.ReadBoolean() ? r.ReadString() : null;
            d._terms[i >> ChunkBits][i & (ChunkSize - 1)] = t;
            d._surfaces[i >> ChunkBits][i & (ChunkSize - 1)] = SurfaceToStore(t, s);
            d._prefixes[i >> ChunkBits][i & (ChunkSize - 1)] = t[0];
            d._ids.Add(t, i);
        }

        d._count = n;
        return d;
    }
}

/// <summary>One indexed listing: metadata (text dropped) and its sparse bag of weighted feature counts.</summary>
internal sealed class DocEntry
{
    public DocEntry(ListingDocument meta, int[] terms, float[] counts, float length)
    {
        Meta = meta;
        Terms = terms;
        Counts = counts;
        Length = length;
    }

    public ListingDocument Meta { get; }

    /// <summary>Ascending term ids.</summary>
    public int[] Terms { get; }

    /// <summary>Field-weighted counts, parallel to <see cref="Terms"/>.</summary>
    public float[] Counts { get; }

    /// <summary>Field-weighted number of word tokens.</summary>
    public float Length { get; }
}

/// <summary>A sparse vector: ascending term ids and weights.</summary>
internal readonly record struct SparseVector(int[] Terms, float[] Weights)
{
    public static readonly SparseVector Empty = new([], []);

    public int Count => Terms.Length;
}

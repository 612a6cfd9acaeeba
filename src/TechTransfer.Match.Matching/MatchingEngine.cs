using System.Diagnostics.CodeAnalysis;

namespace TechTransfer.Match.Matching;

/// <summary>
/// In-memory matching engine: text pipeline + ML.NET-fitted vocabulary/IDF + inverted index + explained scores.
/// Thread-safe: queries run concurrently (read lock), writes are serialised (write lock) and take effect at once,
/// and a background refit builds a whole new state that is swapped in with one reference assignment.
/// </summary>
/// <remarks>
/// One class in six files, one per concern: this file (the facade: construction, writes, the state swap, validation),
/// <c>MatchingEngine.IndexBuild.cs</c> (Rebuild and the fit of a new state), <c>MatchingEngine.Refit.cs</c> (background
/// refit), <c>MatchingEngine.PairMatching.cs</c> (FindMatches/Preview), <c>MatchingEngine.Search.cs</c> (plain text
/// search) and <c>MatchingEngine.Snapshot.cs</c> (the snapshot format).
/// </remarks>
public sealed partial class MatchingEngine : IDisposable
{
    private readonly MatchingOptions _options;
    private readonly TextAnalyzer _analyzer;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private IndexState _state;
    private long _generation;
    private Task? _refitTask;
    private List<(DocEntry? Upsert, Guid Id)>? _pendingOps;
    private int _refitCount;
    private bool _disposed;

    public MatchingEngine(MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _analyzer = new TextAnalyzer(options.Text, options.UserDictionaryPath);
        _state = EmptyState(new TermDictionary(options.Text.BigramHashBits), options);
    }

    public MatchingEngine(MatchingOptions options, string userDictionaryPath)
        : this(WithUserDictionary(options, userDictionaryPath))
    {
    }

    private static MatchingOptions WithUserDictionary(MatchingOptions o, string path)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.UserDictionaryPath = path;
        return o;
    }

    public MatchingOptions Options => _options;

    /// <summary>Number of indexed listings (both kinds).</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _state.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>How many background refits have been swapped in.</summary>
    public int RefitCount => Volatile.Read(ref _refitCount);

    /// <summary>Number of documents the current vocabulary/IDF was fitted on.</summary>
    public int FittedDocumentCount => Volatile.Read(ref _state).FitDocCount;

    /// <summary>Phase timings of the last Rebuild (diagnostics).</summary>
    public string LastRebuildTimings { get; private set; } = string.Empty;

    internal IndexState State => Volatile.Read(ref _state);

    internal TextAnalyzer Analyzer => _analyzer;

    /// <summary>Adds technical terms to the Chinese segmenter's dictionary (process-wide).</summary>
    public static void AddUserTerms(IEnumerable<string> terms) => TextAnalyzer.AddUserTerms(terms);

    /// <summary>Detects Chinese, English or mixed text (after normalisation).</summary>
    public static TextLanguage DetectLanguage(string text) => TextAnalyzer.Detect(text ?? string.Empty);

    /// <summary>Word-level tokens of a text as the pipeline sees them (Chinese words, English stems, numbers).</summary>
    public IReadOnlyList<string> Tokenize(string text) =>
        string.IsNullOrEmpty(text) ? [] : _analyzer.Words(text).Select(t => t.Term).ToList();

    /// <summary>Swaps in a complete new state; a background refit still running is discarded.</summary>
    private void ReplaceState(IndexState st)
    {
        _lock.EnterWriteLock();
        try
        {
            _generation++;
            _pendingOps = null;
            _state = st;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds or replaces one listing; visible to the next query.</summary>
    public void Upsert(ListingDocument doc)
    {
        ValidateDocument(doc);
        var bag = Analyze(doc);
        _lock.EnterWriteLock();
        try
        {
            var st = _state;
            var e = ToEntry(doc, bag, null, st.Dict);
            st.Add(e);
            st.ChangesSinceFit++;
            _pendingOps?.Add((e, doc.Id));
            MaybeScheduleRefit(st);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(Guid id)
    {
        _lock.EnterWriteLock();
        try
        {
            var st = _state;
            if (!st.Remove(id))
            {
                return false;
            }

            st.ChangesSinceFit++;
            _pendingOps?.Add((null, id));
            MaybeScheduleRefit(st);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Ids of every indexed listing (a copy).</summary>
    public IReadOnlyCollection<Guid> ListingIds()
    {
        _lock.EnterReadLock();
        try
        {
            var st = _state;
            var ids = new List<Guid>(st.Count);
            ids.AddRange(st.Kinds[0].SlotOf.Keys);
            ids.AddRange(st.Kinds[1].SlotOf.Keys);
            return ids;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <param name="reuse">a used bag to empty and fill instead of a new one (a bulk build's pool)</param>
    internal TokenBag Analyze(ListingDocument d, TokeniserCache? cache = null, TokenBag? reuse = null)
    {
        reuse?.Clear();
        var bag = reuse ?? new TokenBag(TokenBag.EstimateFeatures(d.Title) + TokenBag.EstimateFeatures(d.Keywords) + TokenBag.EstimateFeatures(d.Body));
        var o = _options.Text;
        _analyzer.Analyze(d.Title, o.TitleWeight, bag, cache);
        _analyzer.Analyze(d.Keywords, o.KeywordsWeight, bag, cache);
        _analyzer.Analyze(d.Body, o.BodyWeight, bag, cache);
        return bag;
    }

    /// <summary>Maps a query bag to term ids without growing the dictionary (unknown terms get negative ids).</summary>
    /// <summary>The bag's term ids; a term the dictionary lacks gets a negative id, its text kept in <c>Unknown</c>.</summary>
    private static (int[] Terms, float[] Counts, Dictionary<int, string> Unknown) Lookup(TokenBag bag, TermDictionary dict)
    {
        var n = bag.FeatureCount;
        var terms = new int[n];
        var counts = new float[n];
        var unknownTerms = new Dictionary<int, string>();
        var i = 0;
        var unknown = -1;
        for (; i < bag.Count; i++)
        {
            var f = bag.Feature(i);
            if (!dict.TryGetId(f, out var id))
            {
                id = unknown--;
                unknownTerms[id] = f;
            }

            terms[i] = id;
            counts[i] = (float)bag.Weight(i);
        }

        if (bag.Hashed != null)
        {
            foreach (var (b, c) in bag.Hashed)
            {
                var id = dict.TryGetHashedId(b);
                if (id < 0)
                {
                    id = unknown--;
                    unknownTerms[id] = TermDictionary.HashedTerm(b); // its family prefix and a stable order (TermOrder)
                }

                terms[i] = id;
                counts[i] = (float)c;
                i++;
            }
        }

        Array.Sort(terms, counts);
        return (terms, counts, unknownTerms);
    }

    private static Func<int, char> PrefixFunc(TermDictionary dict, Dictionary<int, string> unknown) =>
        id => id >= 0 ? dict.Prefix(id) : unknown[id][0];

    /// <summary>
    /// Orders term ids by their text (UTF-8 bytes), so that an order built on it does not depend on the ids; a draft's terms
    /// the dictionary lacks (negative ids) are compared by their text too.
    /// </summary>
    private static Comparison<int> TermOrder(TermDictionary dict, Dictionary<int, string>? unknown) => (a, b) =>
        a >= 0 && b >= 0 ? dict.CompareTerms(a, b) : Utf8(dict, unknown, a).AsSpan().SequenceCompareTo(Utf8(dict, unknown, b));

    private static byte[] Utf8(TermDictionary dict, Dictionary<int, string>? unknown, int id) =>
        System.Text.Encoding.UTF8.GetBytes(id >= 0 ? dict.Term(id) : unknown![id]);

    private void ValidateTop(int top)
    {
        if (top < 1 || top > _options.MaxTop)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, $"top must be between 1 and {_options.MaxTop}.");
        }
    }

    private void ValidateText([NotNull] string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("Text must not be empty.", name);
        }

        if (text.Length > _options.MaxTextLength)
        {
            throw new ArgumentException($"Text is longer than {_options.MaxTextLength} characters.", name);
        }
    }

    private static void ValidateDocument(ListingDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Id == Guid.Empty)
        {
            throw new ArgumentException("Listing id must not be empty.", nameof(d));
        }
    }

    public void Dispose()
    {
        Task? t;
        _lock.EnterWriteLock();
        try
        {
            _disposed = true;
            t = _refitTask;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        try
        {
            t?.Wait();
        }
        catch (AggregateException)
        {
            // a failed background refit leaves the previous state in place
        }

        _lock.Dispose();
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace TechTransfer.Match.Matching;

/// <summary>
/// In-memory matching engine: text pipeline + ML.NET-fitted vocabulary/IDF + inverted index + explained scores.
/// Thread-safe: queries run concurrently (read lock), writes are serialised (write lock) and take effect at once,
/// and a background refit builds a whole new state that is swapped in with one reference assignment.
/// </summary>
public sealed class MatchingEngine : IDisposable
{
    private const int SnapshotMagic = 0x584D5454; // "TTMX"
    // 2 adds the fitted IDF per term id, so that loading needs no ML.NET model load (version 1 is still read)
    private const int SnapshotVersion = 2;

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
        _state = EmptyState(new TermDictionary(), options.Text);
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

    // ------------------------------------------------------------------ writes

    /// <summary>Bulk (re)build: tokenises every listing, fits the ML.NET vocabulary/IDF model and indexes.</summary>
    public void Rebuild(IEnumerable<ListingDocument> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var byId = new Dictionary<Guid, ListingDocument>();
        foreach (var d in all)
        {
            ValidateDocument(d);
            byId[d.Id] = d;
        }

        var docs = byId.Values.ToArray();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var dict = new TermDictionary();
        var entryArray = new DocEntry[docs.Length];

        // Streamed in batches: tokenising batch k+1 (all cores) overlaps mapping batch k to term ids,
        // and the token bags of a batch are dropped as soon as it is mapped (bounded peak memory).
        const int BatchSize = 2048;
        var mapTask = Task.CompletedTask;
        var tokeniseTicks = 0L;
        for (var start = 0; start < docs.Length; start += BatchSize)
        {
            var n = Math.Min(BatchSize, docs.Length - start);
            var bags = new TokenBag[n];
            var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            var s0 = start;
            Parallel.For(0, n, i => bags[i] = Analyze(docs[s0 + i]));
            tokeniseTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
            mapTask.Wait();
            mapTask = Task.Run(() =>
            {
                for (var i = 0; i < bags.Length; i++)
                {
                    entryArray[s0 + i] = ToEntry(docs[s0 + i], bags[i], dict);
                    bags[i] = null!;
                }
            });
        }

        mapTask.Wait();
        var entries = entryArray.ToList();
        var tokenise = System.Diagnostics.Stopwatch.GetElapsedTime(0, tokeniseTicks);
        var mapped = sw.Elapsed;
        var st = BuildState(entries, dict, _options.Text);
        LastRebuildTimings = $"tokenise {tokenise.TotalSeconds:0.0}s, tokenise+map {mapped.TotalSeconds:0.0}s, fit {LastFitSeconds:0.0}s, index {(sw.Elapsed - mapped).TotalSeconds - LastFitSeconds:0.0}s, terms {dict.Count}";
        ReplaceState(st);
    }

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
            var e = ToEntry(doc, bag, st.Dict);
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

    /// <summary>Starts a background refit now (if none is running) and returns its task.</summary>
    public Task RefitInBackground()
    {
        _lock.EnterWriteLock();
        try
        {
            StartRefit(_state);
            return _refitTask ?? Task.CompletedTask;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Completes when the running background refit (if any) has been swapped in.</summary>
    public Task WaitForRefitAsync() => Volatile.Read(ref _refitTask) ?? Task.CompletedTask;

    private void MaybeScheduleRefit(IndexState st)
    {
        var ratio = _options.RefitGrowthRatio;
        if (ratio <= 0)
        {
            return;
        }

        var threshold = Math.Max(1.0, ratio * Math.Max(st.FitDocCount, 1));
        if (st.ChangesSinceFit >= threshold)
        {
            StartRefit(st);
        }
    }

    // called under the write lock
    private void StartRefit(IndexState st)
    {
        if (_refitTask is { IsCompleted: false })
        {
            return;
        }

        var entries = st.LiveEntries().ToList();
        var gen = _generation;
        var dict = st.Dict;
        _pendingOps = [];
        _refitTask = Task.Run(() => RefitWorker(entries, dict, gen));
    }

    private void RefitWorker(List<DocEntry> entries, TermDictionary dict, long gen)
    {
        var fresh = BuildState(entries, dict, _options.Text);
        _lock.EnterWriteLock();
        try
        {
            if (gen != _generation || _pendingOps == null || _disposed)
            {
                return; // a Rebuild replaced everything meanwhile
            }

            foreach (var (upsert, id) in _pendingOps)
            {
                if (upsert != null) fresh.Add(upsert);
                else fresh.Remove(id);
            }

            fresh.ChangesSinceFit = _pendingOps.Count;
            _pendingOps = null;
            Volatile.Write(ref _state, fresh);
            Interlocked.Increment(ref _refitCount);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    // ------------------------------------------------------------------ reads

    /// <summary>Listings of the opposite kind for an indexed listing.</summary>
    public IReadOnlyList<MatchResult> FindMatches(Guid id, MatchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ValidateTop(query.Top);
        _lock.EnterReadLock();
        try
        {
            var st = _state;
            var e = st.Get(id) ?? throw new KeyNotFoundException($"Listing {id} is not indexed.");
            var q = st.Weighting.DocumentVector(e, st.Dict.Prefix, out _);
            return Match(st, e.Meta, q, query);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Scores a draft (not indexed) against listings of the opposite kind.</summary>
    public IReadOnlyList<MatchResult> Preview(ListingDocument draft, MatchQuery query)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(query);
        ValidateTop(query.Top);
        var text = string.Concat(draft.Title, " ", draft.Keywords, " ", draft.Body);
        ValidateText(text, nameof(draft));
        var bag = Analyze(draft);
        _lock.EnterReadLock();
        try
        {
            var st = _state;
            var (terms, counts, prefixes) = Lookup(bag, st.Dict);
            var q = st.Weighting.DocumentVector(terms, counts, (float)bag.Length, PrefixFunc(st.Dict, prefixes));
            return Match(st, draft, q, query);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Plain text search over one kind (text similarity only).</summary>
    public IReadOnlyList<SearchHit> Search(string text, ListingKind kind, int top)
    {
        ValidateText(text, nameof(text));
        ValidateTop(top);
        var bag = new TokenBag();
        _analyzer.Analyze(text, 1.0, bag);
        _lock.EnterReadLock();
        try
        {
            var st = _state;
            var (terms, counts, prefixes) = Lookup(bag, st.Dict);
            var q = st.Weighting.QueryVector(terms, counts, PrefixFunc(st.Dict, prefixes));
            var index = st.Of(kind);
            var scratch = Scratch.Get(index.Slots.Count);
            try
            {
                var fb = _options.Text;
                if (fb.FeedbackDocuments > 0 && fb.FeedbackWeight > 0 && q.Count > 0)
                {
                    Accumulate(index, q, scratch);
                    var first = new TopK(fb.FeedbackDocuments);
                    foreach (var slot in scratch.Touched)
                    {
                        var e = index.Slots[slot];
                        if (e != null) first.Offer(slot, SearchScore(index, slot, scratch.Acc[slot], fb.SearchPivotSlope), e.Meta.Id);
                    }

                    scratch.Reset();
                    q = Expand(st, q, first.Sorted().Select(h => index.Slots[h.Slot]!).ToList(), fb);
                }

                Accumulate(index, q, scratch);
                var heap = new TopK(top);
                foreach (var slot in scratch.Touched)
                {
                    var e = index.Slots[slot];
                    if (e == null) continue;
                    heap.Offer(slot, SearchScore(index, slot, scratch.Acc[slot], fb.SearchPivotSlope), e.Meta.Id);
                }

                return heap.Sorted().Select(h => new SearchHit(index.Slots[h.Slot]!.Meta.Id, h.Score)).ToList();
            }
            finally
            {
                scratch.Reset();
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Search ranking value of a listing from its cosine: with a pivot slope s below 1, pivoted length normalisation
    /// (Singhal, Buckley and Mitra 1996): the listing's vector is divided by (1 - s) x average norm + s x its norm
    /// instead of its norm, so that long listings are not penalised for their length. 1 = the plain cosine.
    /// </summary>
    private static double SearchScore(KindIndex index, int slot, float cosine, double slope)
    {
        if (slope >= 1 || !(index.AverageNorm > 0))
        {
            return Math.Min(1.0, cosine);
        }

        var relative = index.Norms[slot] / index.AverageNorm;
        return Math.Min(1.0, cosine * relative / ((1 - slope) + (slope * relative)));
    }

    /// <summary>Rocchio feedback: query + weight x centroid of the first-pass top documents (its strongest terms), re-normalised.</summary>
    private static SparseVector Expand(IndexState st, SparseVector q, List<DocEntry> top, TextPipelineOptions o)
    {
        if (top.Count == 0)
        {
            return q;
        }

        var centroid = new Dictionary<int, double>();
        foreach (var e in top)
        {
            var v = st.Weighting.DocumentVector(e, st.Dict.Prefix, out _);
            for (var i = 0; i < v.Terms.Length; i++)
            {
                centroid[v.Terms[i]] = centroid.GetValueOrDefault(v.Terms[i]) + (v.Weights[i] / top.Count);
            }
        }

        var merged = new Dictionary<int, double>();
        for (var i = 0; i < q.Terms.Length; i++) merged[q.Terms[i]] = q.Weights[i];
        foreach (var (t, w) in centroid.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(o.FeedbackTerms))
        {
            merged[t] = merged.GetValueOrDefault(t) + (o.FeedbackWeight * w);
        }

        var terms = merged.Keys.Order().ToArray();
        var weights = new float[terms.Length];
        double sum = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var w = merged[terms[i]];
            sum += w * w;
            weights[i] = (float)w;
        }

        var inv = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < weights.Length; i++) weights[i] *= inv;
        return new SparseVector(terms, weights);
    }

    private IReadOnlyList<MatchResult> Match(IndexState st, ListingDocument source, SparseVector q, MatchQuery mq)
    {
        var targetKind = source.Kind == ListingKind.Achievement ? ListingKind.Need : ListingKind.Achievement;
        var index = st.Of(targetKind);
        var scratch = Scratch.Get(index.Slots.Count);
        var pool = (mq.Top * 2) + 20; // candidates re-scored exactly
        List<(int Slot, double Score)> candidates;
        try
        {
            // Candidates from the query's discriminative features: features whose postings cover more than
            // MatchCandidateMaxDf of the listings add little to any cosine and are left to the exact re-scoring.
            var cap = Math.Max(_options.MatchCandidateMinPostings, (int)(index.Slots.Count * _options.MatchCandidateMaxDf));
            Accumulate(index, q, scratch, cap);
            if (scratch.Touched.Count < pool && cap < index.Slots.Count)
            {
                scratch.Reset();
                Accumulate(index, q, scratch, int.MaxValue);
            }

            // Every touched listing is ranked by its full score (partial text + the other components) from the
            // compact per-slot profiles; a listing whose best possible score cannot enter the pool is skipped.
            var o = _options;
            var profiles = index.Profiles;
            var src = new ScoringProfile(source);
            var sourceIsNeed = source.Kind == ListingKind.Need;
            var home = Scoring.HomeKeys(o);
            var otherMax = Math.Max(0, o.LocalityWeight) + Math.Max(0, o.FieldWeight) + Math.Max(0, o.MaturityWeight) + Math.Max(0, o.BudgetWeight) + 1e-9;
            var heap = scratch.Heap;
            heap.Reset(pool, profiles);
            var acc = scratch.Acc;

            // Only the listings with the best partial text scores go on to the full score.
            var limit = Math.Max(_options.MatchCandidateLimit, pool);
            var floor = _options.MatchCandidateLimit > 0 && !mq.LocalOnly && scratch.Touched.Count > limit
                ? scratch.KthLargest(limit) : float.NegativeInfinity;
            foreach (var slot in scratch.Touched)
            {
                ref readonly var p = ref profiles[slot];
                if (!p.Live || acc[slot] < floor) continue;
                var text = Math.Min(1.0, acc[slot]);
                if ((text * o.TextWeight) + otherMax < heap.Threshold) continue;
                var c = Scoring.Compute(o, src, sourceIsNeed, p, home, text);
                if (mq.LocalOnly && c.Locality < 1.0) continue;
                heap.Offer(slot, c.Score);
            }

            candidates = heap.Sorted();
        }
        finally
        {
            scratch.Reset();
        }

        // exact cosine on the candidates
        var ranked = new List<(int Slot, double Score, Components C)>(candidates.Count);
        var profilesNow = index.Profiles;
        var srcProfile = new ScoringProfile(source);
        var homeKeys = Scoring.HomeKeys(_options);
        foreach (var (slot, _) in candidates)
        {
            var text = Math.Min(1.0, Cosine(st, q, index, slot, null));
            var c = Scoring.Compute(_options, srcProfile, source.Kind == ListingKind.Need, profilesNow[slot], homeKeys, text);
            if (c.Score < mq.MinScore) continue;
            ranked.Add((slot, c.Score, c));
        }

        ranked.Sort((a, b) =>
        {
            var cmp = b.Score.CompareTo(a.Score);
            return cmp != 0 ? cmp : profilesNow[a.Slot].Id.CompareTo(profilesNow[b.Slot].Id);
        });

        if (targetKind == ListingKind.Need)
        {
            LocalFirstAmongNearEqual(ranked);
        }

        var results = new List<MatchResult>(Math.Min(mq.Top, ranked.Count));
        var shared = new List<(int Term, double Contribution)>();
        for (var r = 0; r < ranked.Count && r < mq.Top; r++)
        {
            var (slot, _, c) = ranked[r];
            var e = index.Slots[slot]!;
            shared.Clear();
            Cosine(st, q, index, slot, shared);
            results.Add(new MatchResult(e.Meta.Id, e.Meta.Kind, c.Score, new MatchExplanation(c.ToList(_options), MatchedTerms(st, shared))));
        }

        return results;
    }

    /// <summary>
    /// Cosine of a unit query vector and an indexed listing. With one norm per listing only the shared terms'
    /// weights are computed (a merge of two sorted term lists); otherwise the listing's whole vector is built.
    /// <paramref name="shared"/>, when given, receives each shared term's contribution.
    /// </summary>
    private static double Cosine(IndexState st, SparseVector q, KindIndex index, int slot, List<(int Term, double Contribution)>? shared)
    {
        var e = index.Slots[slot]!;
        var w = st.Weighting;
        if (!w.SingleNorm)
        {
            var d = w.DocumentVector(e, st.Dict.Prefix, out _);
            return DotShared(q.Terms, q.Weights, d.Terms, d.Weights, shared);
        }

        var norm = index.Norms[slot];
        if (norm <= 0)
        {
            return 0;
        }

        return DotShared(q.Terms, q.Weights, e, norm, shared, st, w.LengthNorm(e.Length));
    }

    /// <summary>Sum over shared terms of query weight x document weight (final weights on both sides).</summary>
    private static double DotShared(int[] qt, float[] qw, int[] dt, float[] dv, List<(int Term, double Contribution)>? shared)
    {
        double sum = 0;
        int i = 0, j = 0;
        while (i < qt.Length && j < dt.Length)
        {
            var x = qt[i];
            var y = dt[j];
            if (x < y) i++;
            else if (x > y) j++;
            else
            {
                var contribution = (double)qw[i] * dv[j];
                sum += contribution;
                shared?.Add((x, contribution));
                i++;
                j++;
            }
        }

        return sum;
    }

    /// <summary>
    /// Sum over shared terms of query weight x document weight, the document's weights computed from its packed
    /// counts (<see cref="FeatureWeighting.RawDocumentWeight"/> / norm) while merging the two sorted term lists.
    /// </summary>
    private static double DotShared(int[] qt, float[] qw, DocEntry doc, double norm, List<(int Term, double Contribution)>? shared, IndexState st, double lengthNorm)
    {
        double sum = 0;
        var i = 0;
        var r = doc.Reader();
        var more = r.Next(out var y, out var count);
        while (i < qt.Length && more)
        {
            var x = qt[i];
            if (x < y) i++;
            else if (x > y) more = r.Next(out y, out count);
            else
            {
                var contribution = (double)qw[i] * st.Weighting.RawDocumentWeight(x, count, lengthNorm, st.Dict.Prefix(x)) / norm;
                sum += contribution;
                shared?.Add((x, contribution));
                i++;
                more = r.Next(out y, out count);
            }
        }

        return sum;
    }

    /// <summary>Among scores within NearEqualScoreDelta of each other, same-city listings move first (stable).</summary>
    private void LocalFirstAmongNearEqual(List<(int Slot, double Score, Components C)> ranked)
    {
        var delta = _options.NearEqualScoreDelta;
        var changed = true;
        for (var pass = 0; changed && pass < ranked.Count; pass++)
        {
            changed = false;
            for (var i = 0; i + 1 < ranked.Count; i++)
            {
                var a = ranked[i];
                var b = ranked[i + 1];
                if (a.C.Locality < 1.0 && b.C.Locality >= 1.0 && a.Score - b.Score <= delta)
                {
                    ranked[i] = b;
                    ranked[i + 1] = a;
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// A term a person would recognise as a reason: not a lone digit or Latin letter, nor a bare number
    /// (those still count in the score, they just explain nothing).
    /// </summary>
    private static bool IsExplanatory(string surface) =>
        surface.Length > 0 && !surface.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '%') &&
        !(surface.Length == 1 && char.IsAsciiLetter(surface[0]));

    private static IReadOnlyList<string> MatchedTerms(IndexState st, List<(int Term, double Contribution)> contributions)
    {
        var shared = new List<(string Surface, double C)>();
        foreach (var (t, c) in contributions)
        {
            if (st.Dict.Prefix(t) == FeaturePrefix.Word && IsExplanatory(st.Dict.Surface(t)))
            {
                shared.Add((st.Dict.Surface(t), c));
            }
        }

        return shared.OrderByDescending(s => s.C).ThenBy(s => s.Surface, StringComparer.Ordinal)
            .Select(s => s.Surface).Distinct(StringComparer.Ordinal).Take(10).ToList();
    }

    private static void Accumulate(KindIndex index, SparseVector q, Scratch scratch, int maxPostings = int.MaxValue)
    {
        var acc = scratch.Acc;
        var touched = scratch.Touched;
        var extra = index.PostingsByTerm;
        var hasExtra = extra.Count > 0;
        for (var i = 0; i < q.Terms.Length; i++)
        {
            var t = q.Terms[i];
            if (t < 0) continue;
            var count = index.CsrCount(t, out var pos);
            Postings? p = null;
            if (hasExtra) extra.TryGetValue(t, out p);
            if (maxPostings != int.MaxValue && count + (p?.Count ?? 0) > maxPostings) continue;
            var qw = q.Weights[i];
            if (count > 0)
            {
                scratch.PostingsRead += count;
                index.AccumulateBulk(count, pos, qw, acc, touched);
            }

            if (p != null)
            {
                scratch.PostingsRead += p.Count;
                Add(acc, touched, p.Docs.AsSpan(0, p.Count), p.Weights.AsSpan(0, p.Count), qw);
            }
        }
    }

    private static void Add(float[] acc, List<int> touched, ReadOnlySpan<int> docs, ReadOnlySpan<float> ws, float qw)
    {
        for (var k = 0; k < docs.Length; k++)
        {
            var doc = docs[k];
            var before = acc[doc];
            if (before == 0) touched.Add(doc);
            acc[doc] = before + (qw * ws[k]);
        }
    }

    // ------------------------------------------------------------------ helpers

    private TokenBag Analyze(ListingDocument d)
    {
        var bag = new TokenBag();
        var o = _options.Text;
        _analyzer.Analyze(d.Title, o.TitleWeight, bag);
        _analyzer.Analyze(d.Keywords, o.KeywordsWeight, bag);
        _analyzer.Analyze(d.Body, o.BodyWeight, bag);
        return bag;
    }

    private static DocEntry ToEntry(ListingDocument d, TokenBag bag, TermDictionary dict)
    {
        var n = bag.Counts.Count;
        var terms = new int[n];
        var counts = new float[n];
        var i = 0;
        foreach (var (f, c) in bag.Counts)
        {
            terms[i] = dict.GetOrAdd(f, bag.Surfaces.GetValueOrDefault(f));
            counts[i] = (float)c;
            i++;
        }

        Array.Sort(terms, counts);
        var meta = d with { Title = string.Empty, Keywords = string.Empty, Body = string.Empty, RegionCode = string.Intern(d.RegionCode ?? string.Empty) };
        return new DocEntry(meta, terms, counts, (float)bag.Length);
    }

    /// <summary>Maps a query bag to term ids without growing the dictionary (unknown terms get negative ids).</summary>
    private static (int[] Terms, float[] Counts, Dictionary<int, char> Prefixes) Lookup(TokenBag bag, TermDictionary dict)
    {
        var n = bag.Counts.Count;
        var terms = new int[n];
        var counts = new float[n];
        var prefixes = new Dictionary<int, char>();
        var i = 0;
        var unknown = -1;
        foreach (var (f, c) in bag.Counts)
        {
            if (!dict.TryGetId(f, out var id))
            {
                id = unknown--;
                prefixes[id] = f[0];
            }

            terms[i] = id;
            counts[i] = (float)c;
            i++;
        }

        Array.Sort(terms, counts);
        return (terms, counts, prefixes);
    }

    private static Func<int, char> PrefixFunc(TermDictionary dict, Dictionary<int, char> unknown) =>
        id => id >= 0 ? dict.Prefix(id) : unknown[id];

    private static IndexState EmptyState(TermDictionary dict, TextPipelineOptions o) =>
        new(dict, null, new FeatureWeighting([], 1f, 1, o), 0);

    [ThreadStatic]
    internal static double LastFitSeconds;

    internal static IndexState BuildState(List<DocEntry> entries, TermDictionary dict, TextPipelineOptions o)
    {
        if (entries.Count == 0)
        {
            return EmptyState(dict, o);
        }

        var sw = System.Diagnostics.Stopwatch.StartNew();
        // Document frequencies from a deterministic, evenly spaced sample keep the fit bounded at large sizes;
        // terms outside the sample are rare and get the highest IDF (see CreateWeighting).
        var sample = o.FitSampleSize > 0 && entries.Count > o.FitSampleSize
            ? Enumerable.Range(0, o.FitSampleSize).Select(i => entries[(int)((long)i * entries.Count / o.FitSampleSize)])
            : entries;
        var model = VocabularyModel.Fit(sample.Select(e => Array.ConvertAll(e.Unpack().Terms, dict.Term)));
        LastFitSeconds = sw.Elapsed.TotalSeconds;
        var avg = entries.Average(e => (double)e.Length);
        var weighting = CreateWeighting(model, dict, avg, o, o.FitSampleSize > 0 ? Math.Min(o.FitSampleSize, entries.Count) : entries.Count);
        model.Trim();
        var st = new IndexState(dict, model, weighting, entries.Count);
        st.AddAll(entries);
        return st;
    }

    private static FeatureWeighting CreateWeighting(VocabularyModel model, TermDictionary dict, double avgLength, TextPipelineOptions o, int fitDocuments)
    {
        var idf = new float[dict.Count];
        Array.Fill(idf, -1f);
        float max = 0;
        var vocabulary = model.Vocabulary;
        var fittedIdf = model.Idf;
        for (var i = 0; i < vocabulary.Length; i++)
        {
            if (dict.TryGetId(vocabulary[i], out var id) && id < idf.Length)
            {
                idf[id] = fittedIdf[i];
                max = Math.Max(max, fittedIdf[i]);
            }
        }

        // A term first seen after the fit is treated like the rarest fitted term.
        return new FeatureWeighting(idf, max > 0 ? max : 1f, avgLength, o, fitDocuments);
    }

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

    // ------------------------------------------------------------------ snapshot

    /// <summary>
    /// Writes the fitted ML.NET model, the term dictionary and the indexed listings (metadata and feature counts:
    /// loading needs no tokenising and no refit). The state is captured under the read lock and written outside
    /// it, so writers wait only for the capture.
    /// </summary>
    public void SaveSnapshot(Stream s)
    {
        ArgumentNullException.ThrowIfNull(s);
        IndexState st;
        List<DocEntry> entries;
        int changes;
        _lock.EnterReadLock();
        try
        {
            st = _state;
            entries = st.LiveEntries().ToList();
            changes = st.ChangesSinceFit;
        }
        finally
        {
            _lock.ExitReadLock();
        }

        // Entries are immutable and the dictionary is grow-only (every id an entry holds is published).
        using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(SnapshotMagic);
        w.Write(SnapshotVersion);
        st.Dict.Write(w);
        var bytes = st.Model?.ModelBytes ?? [];
        w.Write(bytes.Length);
        w.Write(bytes);
        w.Write(st.FitDocCount);
        w.Write(changes);
        w.Write(st.Weighting.AvgLength);
        var idf = st.Weighting.IdfArray;
        w.Write(idf.Length);
        w.Write(MemoryMarshal.AsBytes(idf.AsSpan()));
        w.Write(st.Weighting.OovIdf);
        w.Write(entries.Count);
        foreach (var e in entries)
        {
            var m = e.Meta;
            w.Write(m.Id.ToByteArray());
            w.Write((byte)m.Kind);
            w.Write(m.Field);
            WriteNullable(w, m.Trl);
            WriteNullable(w, m.PriceMin);
            WriteNullable(w, m.PriceMax);
            w.Write(m.RegionCode ?? string.Empty);
            w.Write(m.OrganisationId.ToByteArray());
            w.Write(e.Length);
            var (terms, counts) = e.Unpack();
            w.Write(terms.Length);
            w.Write(MemoryMarshal.AsBytes(terms.AsSpan())); // little-endian, as BinaryWriter writes an int
            w.Write(MemoryMarshal.AsBytes(counts.AsSpan()));
        }
    }

    /// <summary>A new engine holding a saved snapshot (see <see cref="Restore"/>).</summary>
    public static MatchingEngine LoadSnapshot(Stream s, MatchingOptions o)
    {
        ArgumentNullException.ThrowIfNull(s);
        var engine = new MatchingEngine(o);
        engine.Restore(s);
        return engine;
    }

    /// <summary>
    /// Replaces this engine's content with a saved snapshot (like <see cref="Rebuild"/>, without tokenising or
    /// refitting). Queries keep running against the previous content until the new one is swapped in.
    /// </summary>
    public void Restore(Stream s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using var r = new BinaryReader(s, System.Text.Encoding.UTF8, leaveOpen: true);
        var version = r.ReadInt32() == SnapshotMagic ? r.ReadInt32() : -1;
        if (version is not (1 or SnapshotVersion))
        {
            throw new InvalidDataException("Not a matching engine snapshot.");
        }

        var dict = TermDictionary.Read(r);
        var dictSeconds = sw.Elapsed.TotalSeconds;
        var bytes = r.ReadBytes(r.ReadInt32());
        var fitCount = r.ReadInt32();
        var changes = r.ReadInt32();
        var avg = r.ReadDouble();
        float[]? savedIdf = null;
        var oovIdf = 0f;
        if (version >= 2)
        {
            savedIdf = new float[r.ReadInt32()];
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(savedIdf.AsSpan()));
            oovIdf = r.ReadSingle();
        }
        var n = r.ReadInt32();
        var entries = new List<DocEntry>(n);
        Span<byte> guid = stackalloc byte[16];
        for (var i = 0; i < n; i++)
        {
            r.BaseStream.ReadExactly(guid);
            var id = new Guid(guid);
            var kind = (ListingKind)r.ReadByte();
            var field = r.ReadInt32();
            int? trl = r.ReadBoolean() ? r.ReadInt32() : null;
            decimal? pmin = r.ReadBoolean() ? r.ReadDecimal() : null;
            decimal? pmax = r.ReadBoolean() ? r.ReadDecimal() : null;
            var region = string.Intern(r.ReadString());
            r.BaseStream.ReadExactly(guid);
            var org = new Guid(guid);
            var len = r.ReadSingle();
            var m = r.ReadInt32();
            var terms = new int[m];
            var counts = new float[m];
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(terms.AsSpan()));
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(counts.AsSpan()));
            var meta = new ListingDocument(id, kind, string.Empty, string.Empty, string.Empty, field, trl, pmin, pmax, region, org);
            entries.Add(new DocEntry(meta, terms, counts, len));
        }

        var readSeconds = sw.Elapsed.TotalSeconds;
        IndexState st;
        if (bytes.Length == 0)
        {
            st = EmptyState(dict, _options.Text);
        }
        else
        {
            var fitted = _options.Text.FitSampleSize > 0 ? Math.Min(_options.Text.FitSampleSize, fitCount) : fitCount;
            if (savedIdf != null)
            {
                // the ML.NET model is loaded from its bytes only if something asks for it
                st = new IndexState(dict, VocabularyModel.FromBytes(bytes), new FeatureWeighting(savedIdf, oovIdf, avg, _options.Text, fitted), fitCount);
            }
            else
            {
                var model = VocabularyModel.Load(bytes);
                st = new IndexState(dict, model, CreateWeighting(model, dict, avg, _options.Text, fitted), fitCount);
                model.Trim();
            }
        }

        var modelSeconds = sw.Elapsed.TotalSeconds;
        st.AddAll(entries);
        st.ChangesSinceFit = changes;
        LastRebuildTimings = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"snapshot: terms {dictSeconds:0.0}s, listings {readSeconds - dictSeconds:0.0}s, model {modelSeconds - readSeconds:0.0}s, index {sw.Elapsed.TotalSeconds - modelSeconds:0.0}s, terms {dict.Count}");
        ReplaceState(st);
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

    private static void WriteNullable(BinaryWriter w, int? v)
    {
        w.Write(v.HasValue);
        if (v.HasValue) w.Write(v.Value);
    }

    private static void WriteNullable(BinaryWriter w, decimal? v)
    {
        w.Write(v.HasValue);
        if (v.HasValue) w.Write(v.Value);
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

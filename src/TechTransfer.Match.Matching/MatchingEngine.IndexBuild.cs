namespace TechTransfer.Match.Matching;

// Index build: Rebuild (tokenise, map to term ids), the ML.NET fit and the new state it yields.
public sealed partial class MatchingEngine
{
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
        var dict = new TermDictionary(_options.Text.BigramHashBits);
        var entryArray = new DocEntry[docs.Length];

        // Streamed in batches: tokenising batch k+1 (all cores) overlaps mapping batch k to term ids,
        // and the token bags of a batch are dropped as soon as it is mapped (bounded peak memory).
        // The tokenising threads also look up the ids of features already in the dictionary (lock-free), so the
        // single mapping thread only adds the new ones, in listing order: the ids do not depend on the threads.
        const int BatchSize = 512;
        var mapTask = Task.CompletedTask;
        var mapTicks = 0L;
        var gc0 = GC.GetTotalPauseDuration();
        var tokeniseTicks = 0L;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.BuildParallelism };
        var caches = new System.Collections.Concurrent.ConcurrentBag<TokeniserCache>(); // one per thread at a time, dropped with the build

        // Bags go back to a pool once mapped: a new bag per listing (its tables, a feature id array) was most of the
        // garbage a build made, and the collections it caused paused the build for seconds per 100,000 listings.
        var bagPool = new System.Collections.Concurrent.ConcurrentBag<TokenBag>();
        for (var start = 0; start < docs.Length; start += BatchSize)
        {
            var n = Math.Min(BatchSize, docs.Length - start);
            var bags = new TokenBag[n];
            var known = new int[n][];
            var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            var s0 = start;
            Parallel.For(
                0,
                n,
                parallel,
                () => caches.TryTake(out var c) ? c : new TokeniserCache(TokeniserCache.BuildEntries),
                (i, _, cache) =>
                {
                    bags[i] = Analyze(docs[s0 + i], cache, bagPool.TryTake(out var pooled) ? pooled : null);
                    known[i] = KnownIds(bags[i], dict);
                    return cache;
                },
                caches.Add);
            tokeniseTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
            mapTask.Wait();
            mapTask = Task.Run(() =>
            {
                var m0 = System.Diagnostics.Stopwatch.GetTimestamp();
                for (var i = 0; i < bags.Length; i++)
                {
                    entryArray[s0 + i] = ToEntry(docs[s0 + i], bags[i], known[i], dict);
                    bagPool.Add(bags[i]);
                    System.Buffers.ArrayPool<int>.Shared.Return(known[i]);
                    bags[i] = null!;
                    known[i] = null!;
                }

                mapTicks += System.Diagnostics.Stopwatch.GetTimestamp() - m0;
            });
        }

        mapTask.Wait();
        var entries = entryArray.ToList();
        var tokenise = System.Diagnostics.Stopwatch.GetElapsedTime(0, tokeniseTicks);
        var mapped = sw.Elapsed;
        var st = BuildState(entries, dict, _options, Pruning);
        var map = System.Diagnostics.Stopwatch.GetElapsedTime(0, mapTicks);
        LastRebuildTimings = $"tokenise {tokenise.TotalSeconds:0.0}s, map {map.TotalSeconds:0.0}s, tokenise+map {mapped.TotalSeconds:0.0}s, GC pauses {(GC.GetTotalPauseDuration() - gc0).TotalSeconds:0.0}s, fit {LastFitSeconds:0.0}s, index {(sw.Elapsed - mapped).TotalSeconds - LastFitSeconds:0.0}s, terms {dict.Count}";
        ReplaceState(st);
    }

    /// <summary>The ids of the bag's features already in the dictionary (-1 for the others), in the bag's order;
    /// the array is rented (it may be longer than the bag) and goes back to the pool once the bag is mapped.</summary>
    private static int[] KnownIds(TokenBag bag, TermDictionary dict)
    {
        var ids = System.Buffers.ArrayPool<int>.Shared.Rent(bag.FeatureCount);
        Span<byte> scratch = stackalloc byte[512];
        var i = 0;
        for (; i < bag.Count; i++)
        {
            var slot = bag.Slot(i);
            var id = slot?.Id ?? -1;
            if (id < 0)
            {
                var f = bag.Feature(i);
                id = System.Text.Encoding.UTF8.GetMaxByteCount(f.Length) <= scratch.Length ? dict.TryGetIdLockFree(f, scratch) : -1;
                if (slot != null) slot.Id = id;
            }

            ids[i] = id;
        }

        if (bag.Hashed != null)
        {
            foreach (var b in bag.Hashed.Keys)
            {
                ids[i++] = dict.TryGetHashedId(b);
            }
        }

        return ids;
    }

    private static DocEntry ToEntry(ListingDocument d, TokenBag bag, int[]? known, TermDictionary dict)
    {
        // Term id and count packed in one long (id high, count's bits low) and sorted by id (distinct, not negative).
        var n = bag.FeatureCount;
        var packed = System.Buffers.ArrayPool<long>.Shared.Rent(2 * n);
        var i = 0;
        var maxId = 0;
        for (; i < bag.Count; i++)
        {
            var id = known != null && known[i] >= 0 ? known[i] : dict.GetOrAdd(bag.Feature(i), bag.Surface(i));
            maxId = Math.Max(maxId, id);
            packed[i] = Pack(id, bag.Weight(i));
        }

        if (bag.Hashed != null)
        {
            foreach (var (b, c) in bag.Hashed)
            {
                var id = known != null && known[i] >= 0 ? known[i] : dict.GetOrAddHashed(b);
                maxId = Math.Max(maxId, id);
                packed[i] = Pack(id, c);
                i++;
            }
        }

        var sorted = packed.AsSpan(0, n);
        RadixSort.ByUpperInt(sorted, packed.AsSpan(n, n), maxId);
        var terms = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        var counts = System.Buffers.ArrayPool<float>.Shared.Rent(n);
        for (i = 0; i < n; i++)
        {
            terms[i] = (int)(sorted[i] >> 32);
            counts[i] = BitConverter.UInt32BitsToSingle((uint)sorted[i]);
        }

        var meta = d with { Title = string.Empty, Keywords = string.Empty, Body = string.Empty, RegionCode = string.Intern(d.RegionCode ?? string.Empty) };
        var entry = new DocEntry(meta, terms.AsSpan(0, n), counts.AsSpan(0, n), (float)bag.Length);
        System.Buffers.ArrayPool<long>.Shared.Return(packed);
        System.Buffers.ArrayPool<int>.Shared.Return(terms);
        System.Buffers.ArrayPool<float>.Shared.Return(counts);
        return entry;

        static long Pack(int id, double count) => ((long)id << 32) | BitConverter.SingleToUInt32Bits((float)count);
    }

    private static IndexState EmptyState(TermDictionary dict, MatchingOptions options) =>
        new(dict, null, new FeatureWeighting([], 1f, 1, options.Text), 0, Scoring.HomeKeys(options));

    [ThreadStatic]
    internal static double LastFitSeconds;

    internal static IndexState BuildState(List<DocEntry> entries, TermDictionary dict, MatchingOptions options, PostingsPruning pruning)
    {
        if (entries.Count == 0)
        {
            return EmptyState(dict, options);
        }

        var o = options.Text;
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
        var st = new IndexState(dict, model, weighting, entries.Count, Scoring.HomeKeys(options));
        st.AddAll(entries, pruning);
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
}

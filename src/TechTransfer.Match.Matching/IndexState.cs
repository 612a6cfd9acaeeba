namespace TechTransfer.Match.Matching;

/// <summary>Postings of one feature: doc slots and (L2-normalised) weights, append-only.</summary>
internal sealed class Postings
{
    public int[] Docs;
    public float[] Weights;
    public int Count;

    public Postings(int capacity = 2)
    {
        Docs = new int[capacity];
        Weights = new float[capacity];
    }

    public void Add(int doc, float w)
    {
        if (Count == Docs.Length)
        {
            var n = Math.Max(4, Count * 2);
            Array.Resize(ref Docs, n);
            Array.Resize(ref Weights, n);
        }

        Docs[Count] = doc;
        Weights[Count] = w;
        Count++;
    }
}

/// <summary>A term's bulk postings being read for a query: the next posting (slot and weight, decoded), where the one
/// after it starts, how many are left counting the next, the query weight's scale.</summary>
internal struct PostingRun
{
    public int Remaining;
    public int Pos;
    public int Slot;
    public int Weight;
    public float Scale;
}

/// <summary>The inverted index of one listing kind. Removed/replaced docs are tombstoned and skipped.</summary>
internal sealed class KindIndex((long Home4, long Home2)? home = null)
{
    public List<DocEntry?> Slots { get; } = [];

    /// <summary>Scoring facts per slot, parallel to <see cref="Slots"/>; a tombstoned slot holds the default (not live).</summary>
    public ScoringProfile[] Profiles = [];

    /// <summary>Per slot, the scoring facts candidate ranking reads (see <see cref="SlotScreen"/>); a tombstoned slot holds the default (not live).</summary>
    public SlotScreen[] Screens = [];

    /// <summary>
    /// Per slot, its screen as a <see cref="Scoring.Key"/> against <see cref="Home"/> (0 for a tombstoned slot): what
    /// candidate ranking reads first for every touched listing.
    /// </summary>
    public int[] Keys = [];

    /// <summary>The home region the <see cref="Keys"/> hold their locality against; null when they are not kept.</summary>
    public (long Home4, long Home2)? Home { get; } = home;

    /// <summary>Per slot, the L2 norm of the listing's raw document weights (see FeatureWeighting.RawDocumentWeight).</summary>
    public double[] Norms = [];

    private double _normSum;

    /// <summary>Mean norm of the live listings.</summary>
    public double AverageNorm => Live > 0 ? _normSum / Live : 0;

    /// <summary>Appends a slot for a listing (bulk load and upserts).</summary>
    public int AppendSlot(DocEntry e, double norm)
    {
        var slot = NewSlot(e);
        SlotOf[e.Meta.Id] = slot;
        Profiles[slot] = new ScoringProfile(e.Meta);
        Screens[slot] = new SlotScreen(Profiles[slot], e.Meta.Kind);
        Keys[slot] = Home is { } h ? Scoring.Key(Screens[slot], h) : 0;
        Norms[slot] = norm;
        _normSum += norm;
        return slot;
    }

    public Dictionary<Guid, int> SlotOf { get; } = [];

    /// <summary>Appends a removed or replaced listing's slot (snapshot load keeps the slot numbers the postings hold).</summary>
    public void AppendTombstone()
    {
        NewSlot(null);
        Dead++;
    }

    /// <summary>Appends a slot, growing the per-slot arrays to hold it.</summary>
    private int NewSlot(DocEntry? e)
    {
        var slot = Slots.Count;
        Slots.Add(e);
        if (slot >= Profiles.Length)
        {
            var size = Math.Max(1024, Math.Max(slot + 1, Profiles.Length * 2));
            Array.Resize(ref Profiles, size);
            Array.Resize(ref Screens, size);
            Array.Resize(ref Keys, size);
            Array.Resize(ref Norms, size);
        }

        return slot;
    }

    /// <summary>
    /// Everything a snapshot needs to rebuild this index slot for slot, captured under the engine's read lock: the
    /// slot list, the norms array (a writer replaces it when it grows and never changes a written slot's norm), the
    /// bulk postings (replaced, never changed) and the incremental postings with their counts at capture time (a
    /// writer only appends past the count, or moves to a new array).
    /// </summary>
    public KindCapture Capture() => new(
        Slots.ToArray(),
        Norms,
        CsrStarts,
        _csr,
        PrunedTerms,
        PostingsByTerm.Select(p => (p.Key, p.Value.Docs, p.Value.Weights, p.Value.Count)).OrderBy(p => p.Key).ToArray());

    /// <summary>Installs saved bulk and incremental postings (snapshot load, after the slots).</summary>
    public void SetSavedPostings(int[] starts, ByteRegion data, int prunedTerms, Dictionary<int, Postings> incremental)
    {
        CsrStarts = starts;
        _csr = data;
        PrunedTerms = prunedTerms;
        PostingsByTerm = incremental;
    }

    /// <summary>
    /// Postings appended after the bulk load (incremental upserts), by term. A map rather than an array per term:
    /// only the terms of listings upserted since the last bulk load have any, and an array would cost 8 bytes for
    /// each of millions of terms.
    /// </summary>
    public Dictionary<int, Postings> PostingsByTerm { get; private set; } = [];

    /// <summary>
    /// Bulk-loaded postings, packed per term: term t's run is CsrData[CsrStarts[t]..CsrStarts[t + 1]): its posting
    /// count x 2 + 1 if the term is pruned, then per posting the gap to the previous slot (7-bit encoded) and the
    /// weight quantised to 16 bits (weight x 65535, at least 1). About 3.5 bytes per posting instead of 8; the
    /// quantisation (1.5e-5 absolute) only touches candidate generation, the exact cosine reads the listing's own
    /// counts. A pruned term (held by more listings than <see cref="PostingsPruning.Cap"/>) keeps only its
    /// <see cref="PostingsPruning.Keep"/> postings of highest weight: candidate generation skips such terms anyway,
    /// and the listings it leaves out are still scored exactly from their own counts once they are candidates.
    /// </summary>
    public int[] CsrStarts = [0];

    private ByteRegion _csr = new([]);

    /// <summary>The packed bulk postings, on the heap or in a mapped snapshot (see <see cref="KeepCsrAlive"/>).</summary>
    public ReadOnlySpan<byte> CsrData => _csr.Span;

    /// <summary>Whether the bulk postings are read from a mapped snapshot file.</summary>
    public bool CsrMapped => _csr.IsMapped;

    /// <summary>Call after the last read of a span from <see cref="CsrData"/>: keeps a mapped file alive.</summary>
    public void KeepCsrAlive() => _csr.KeepAlive();

    public const float WeightScale = 65535f;

    public int CsrTermCount => CsrStarts.Length - 1;

    /// <summary>Number of bulk-loaded postings of a term; <paramref name="pos"/> is left at its first posting.</summary>
    public int CsrCount(int t, out int pos) => CsrCount(t, out pos, out _);

    /// <summary>As <see cref="CsrCount(int, out int)"/>; <paramref name="pruned"/>: only the strongest postings are kept.</summary>
    public int CsrCount(int t, out int pos, out bool pruned)
    {
        pos = 0;
        pruned = false;
        if ((uint)t >= (uint)CsrTermCount) return 0;
        pos = CsrStarts[t];
        if (pos == CsrStarts[t + 1]) return 0;
        var header = Varint.Read(CsrData, ref pos);
        KeepCsrAlive();
        pruned = (header & 1) != 0;
        return (int)(header >> 1);
    }

    /// <summary>
    /// Lays out the postings of bulk-loaded vectors (vector i belongs to slot i): sized first, then written. Both
    /// passes run in parallel over ranges of term ids (disjoint per-term state and output), balanced by a sample of
    /// the postings; the per-term state is one struct so that a posting costs one cache miss, not three: at a
    /// million listings these passes touch 22 million terms at random and were most of a snapshot load. Terms held
    /// by more than <paramref name="pruning"/>'s cap keep their strongest postings only (see <see cref="CsrData"/>).
    /// </summary>
    public void SetBulkPostings(BulkVectors vectors, int termCount, PostingsPruning pruning)
    {
        var bounds = TermRanges(vectors, termCount, Math.Max(1, Environment.ProcessorCount));
        var state = new TermLayout[termCount];
        Parallel.For(0, bounds.Length - 1, p =>
        {
            int lo = bounds[p], hi = bounds[p + 1];
            for (var t = lo; t < hi; t++) state[t].Last = -1;
            for (var slot = 0; slot < vectors.Length; slot++)
            {
                var terms = vectors.Terms(slot);
                for (var k = LowerBound(terms, lo); k < terms.Length && terms[k] < hi; k++)
                {
                    ref var st = ref state[terms[k]];
                    st.Count++;
                    st.Bytes += Varint.Size((uint)(slot - st.Last)) + 2;
                    st.Last = slot;
                }
            }
        });

        var cut = PruneCut.Of(state, vectors, bounds, pruning.Cap(vectors.Length), pruning.Keep(vectors.Length));
        if (cut.Any)
        {
            // pruned terms sized again from the postings they keep
            Parallel.For(0, bounds.Length - 1, p =>
            {
                int lo = bounds[p], hi = bounds[p + 1];
                for (var t = lo; t < hi; t++)
                {
                    if (state[t].Cut < 0) continue;
                    state[t] = state[t] with { Count = 0, Bytes = 0, Last = -1 };
                }

                for (var slot = 0; slot < vectors.Length; slot++)
                {
                    var terms = vectors.Terms(slot);
                    var weights = vectors.Weights(slot);
                    for (var k = LowerBound(terms, lo); k < terms.Length && terms[k] < hi; k++)
                    {
                        ref var st = ref state[terms[k]];
                        if (st.Cut < 0 || !cut.Keeps(st.Cut, weights[k])) continue;
                        st.Count++;
                        st.Bytes += Varint.Size((uint)(slot - st.Last)) + 2;
                        st.Last = slot;
                    }
                }
            });
        }

        var starts = new int[termCount + 1];
        long total = 0;
        for (var t = 0; t < termCount; t++)
        {
            ref var st = ref state[t];
            total += st.Bytes + (st.Count > 0 ? Varint.Size(Header(st)) : 0);
            if (total > Array.MaxLength) throw new InvalidOperationException("Postings exceed the largest array.");
            starts[t + 1] = (int)total;
        }

        cut.Rewind();
        var data = new byte[total];
        Parallel.For(0, bounds.Length - 1, p =>
        {
            int lo = bounds[p], hi = bounds[p + 1];
            for (var t = lo; t < hi; t++)
            {
                ref var st = ref state[t];
                st.Bytes = starts[t]; // from here on: the write cursor
                if (st.Count > 0)
                {
                    var pos = starts[t];
                    Varint.Write(data, ref pos, Header(st));
                    st.Bytes = pos;
                }

                st.Last = -1;
            }

            for (var slot = 0; slot < vectors.Length; slot++)
            {
                var terms = vectors.Terms(slot);
                var weights = vectors.Weights(slot);
                for (var k = LowerBound(terms, lo); k < terms.Length && terms[k] < hi; k++)
                {
                    ref var st = ref state[terms[k]];
                    var q = weights[k];
                    if (st.Cut >= 0 && !cut.Keeps(st.Cut, q)) continue;
                    var pos = (int)st.Bytes;
                    Varint.Write(data, ref pos, (uint)(slot - st.Last));
                    st.Last = slot;
                    data[pos++] = (byte)q;
                    data[pos++] = (byte)(q >> 8);
                    st.Bytes = pos;
                }
            }
        });

        CsrStarts = starts;
        _csr = new ByteRegion(data);
        PostingsByTerm = [];
        PrunedTerms = cut.Terms;
    }

    /// <summary>Terms whose bulk postings were cut to the strongest (diagnostics, and kept by snapshots).</summary>
    public int PrunedTerms { get; private set; }

    private static uint Header(in TermLayout st) => ((uint)st.Count << 1) | (st.Cut >= 0 ? 1u : 0u);

    internal static ushort Quantise(float w) => (ushort)Math.Clamp(MathF.Round(w * WeightScale), 1f, WeightScale);

    private struct TermLayout
    {
        public int Count;
        public int Last;
        public long Bytes;

        /// <summary>Index of the term in <see cref="PruneCut"/>, -1 when all its postings are kept.</summary>
        public int Cut;
    }

    /// <summary>
    /// Which postings the pruned terms keep: a histogram of the quantised weights (4,096 bins) gives each term the
    /// bin at which its <c>keep</c> strongest postings end; everything above that bin is kept, and of that bin the
    /// first postings in slot order up to the count (a bin spans 2.4e-4 of weight, so that is the top keep up to
    /// that). Deterministic: the same vectors give the same postings whatever the threads do.
    /// </summary>
    private sealed class PruneCut
    {
        private const int Shift = 4;
        private const int Bins = 65536 >> Shift;
        private int[] _bin = [];
        private int[] _quota = [];
        private int[] _left = [];

        public int Terms => _bin.Length;

        public bool Any => _bin.Length > 0;

        public static PruneCut Of(TermLayout[] state, BulkVectors vectors, int[] bounds, int cap, int keep)
        {
            var cut = new PruneCut();
            var terms = new List<int>();
            for (var t = 0; t < state.Length; t++)
            {
                state[t].Cut = -1;
                if (state[t].Count > cap && keep < state[t].Count)
                {
                    state[t].Cut = terms.Count;
                    terms.Add(t);
                }
            }

            if (terms.Count == 0) return cut;
            var hist = new int[terms.Count * Bins];
            Parallel.For(0, bounds.Length - 1, p =>
            {
                int lo = bounds[p], hi = bounds[p + 1];
                for (var slot = 0; slot < vectors.Length; slot++)
                {
                    var terms = vectors.Terms(slot);
                    var weights = vectors.Weights(slot);
                    for (var k = LowerBound(terms, lo); k < terms.Length && terms[k] < hi; k++)
                    {
                        var c = state[terms[k]].Cut;
                        if (c >= 0) hist[(c * Bins) + (weights[k] >> Shift)]++;
                    }
                }
            });

            cut._bin = new int[terms.Count];
            cut._quota = new int[terms.Count];
            for (var c = 0; c < terms.Count; c++)
            {
                var need = keep;
                var b = Bins - 1;
                for (; b > 0 && hist[(c * Bins) + b] < need; b--) need -= hist[(c * Bins) + b];
                cut._bin[c] = b;
                cut._quota[c] = need;
            }

            cut.Rewind();
            return cut;
        }

        /// <summary>Starts a pass over the postings in slot order (each pass keeps the same postings).</summary>
        public void Rewind() => _left = (int[])_quota.Clone();

        /// <summary>Whether the next posting (in slot order) of pruned term <paramref name="c"/> is kept.</summary>
        public bool Keeps(int c, ushort q)
        {
            var b = q >> Shift;
            if (b != _bin[c]) return b > _bin[c];
            if (_left[c] == 0) return false;
            _left[c]--;
            return true;
        }
    }

    /// <summary>Term-id bounds of <paramref name="parts"/> ranges holding about as many postings each (from a sample).</summary>
    private static int[] TermRanges(BulkVectors vectors, int termCount, int parts)
    {
        if (parts == 1 || vectors.Length == 0 || termCount == 0)
        {
            return [0, termCount];
        }

        var step = Math.Max(1, vectors.Length / 2048);
        var sample = new List<int>();
        for (var i = 0; i < vectors.Length; i += step) sample.AddRange(vectors.Terms(i));
        if (sample.Count == 0)
        {
            return [0, termCount];
        }

        sample.Sort();
        var bounds = new int[parts + 1];
        bounds[parts] = termCount;
        for (var p = 1; p < parts; p++) bounds[p] = Math.Max(bounds[p - 1], sample[(int)((long)sample.Count * p / parts)]);
        return bounds;
    }

    /// <summary>First index in ascending, distinct <paramref name="terms"/> whose value is at least <paramref name="value"/>.</summary>
    private static int LowerBound(ReadOnlySpan<int> terms, int value)
    {
        if (value == 0) return 0;
        var i = terms.BinarySearch(value);
        return i < 0 ? ~i : i;
    }

    /// <summary>Listings per block of <see cref="AccumulateBulk(Span{PostingRun}, float[], int[], ref int)"/>: 256 KB of accumulators, half of a core's L2 cache on this machine (512 KB a core, AMD EPYC Zen 3); 512 KB and 1 MB blocks were 3 % slower at 1,000,000 listings. Tests set fewer.</summary>
    internal int AccumulateBlockSlots { get; init; } = 1 << 16;

    /// <summary>A term's bulk postings to read for a query, its first posting decoded (see <see cref="AccumulateBulk"/>).</summary>
    public PostingRun Run(int count, int pos, float qw)
    {
        var run = new PostingRun { Remaining = count, Pos = pos, Scale = qw / WeightScale };
        if (count > 0)
        {
            var data = CsrData;
            run.Slot = (int)Varint.Read(data, ref run.Pos) - 1;
            run.Weight = data[run.Pos] | (data[run.Pos + 1] << 8);
            run.Pos += 2;
            KeepCsrAlive();
        }

        return run;
    }

    /// <summary>
    /// Adds the runs' postings, each x its term's query weight, into the accumulator, a block of
    /// <see cref="AccumulateBlockSlots"/> listings at a time: every run's postings for the first block, then for the next,
    /// so that the accumulators being added to stay in the cache at a million listings (each run resumes where it
    /// stopped). A listing lies in one block and gets its terms' contributions in the runs' order, as term by term.
    /// </summary>
    public void AccumulateBulk(Span<PostingRun> runs, float[] acc, int[] touched, ref int touchedCount)
    {
        for (long end = AccumulateBlockSlots; ; end += AccumulateBlockSlots)
        {
            var last = end >= Slots.Count;
            var blockEnd = last ? int.MaxValue : (int)end;
            for (var i = 0; i < runs.Length; i++) AccumulateBulk(ref runs[i], blockEnd, acc, touched, ref touchedCount);
            if (last) break;
        }
    }

    /// <summary>Adds a run's postings for the listings below <paramref name="blockEnd"/>; the run stops at the first beyond.</summary>
    /// <remarks>Each posting's slot is written at <paramref name="touched"/>[<paramref name="touchedCount"/>] and counted only when
    /// its value was 0 (first touched): no branch to mispredict, so <paramref name="touched"/> has room for every slot and one more.</remarks>
    public void AccumulateBulk(ref PostingRun run, int blockEnd, float[] acc, int[] touched, ref int touchedCount)
    {
        if (run.Remaining == 0 || run.Slot >= blockEnd) return;
        var data = CsrData;
        var n = touchedCount;
        int slot = run.Slot, w = run.Weight, pos = run.Pos, remaining = run.Remaining;
        var scale = run.Scale;
        while (true)
        {
            var before = acc[slot];
            touched[n] = slot;
            n += before == 0 ? 1 : 0;
            acc[slot] = before + (scale * w);
            if (--remaining == 0) break;
            slot += (int)Varint.Read(data, ref pos);
            w = data[pos] | (data[pos + 1] << 8);
            pos += 2;
            if (slot >= blockEnd) break;
        }

        (run.Slot, run.Weight, run.Pos, run.Remaining) = (slot, w, pos, remaining);
        touchedCount = n;
        KeepCsrAlive();
    }

    public int Live => SlotOf.Count;

    public int Dead { get; set; }

    public void Add(DocEntry e, SparseVector v, double norm)
    {
        if (SlotOf.TryGetValue(e.Meta.Id, out var old))
        {
            Slots[old] = null;
            Profiles[old] = default;
            Screens[old] = default;
            Keys[old] = 0;
            _normSum -= Norms[old];
            Dead++;
        }

        var slot = AppendSlot(e, norm);
        for (var i = 0; i < v.Terms.Length; i++)
        {
            ref var p = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(PostingsByTerm, v.Terms[i], out _);
            (p ??= new Postings()).Add(slot, v.Weights[i]);
        }
    }

    public bool Remove(Guid id)
    {
        if (!SlotOf.Remove(id, out var slot))
        {
            return false;
        }

        Slots[slot] = null;
        Profiles[slot] = default;
        Screens[slot] = default;
        Keys[slot] = 0;
        _normSum -= Norms[slot];
        Dead++;
        return true;
    }

    public DocEntry? Get(Guid id) => SlotOf.TryGetValue(id, out var s) ? Slots[s] : null;
}

/// <summary>A kind index as <see cref="KindIndex.Capture"/> took it for a snapshot.</summary>
internal sealed record KindCapture(
    DocEntry?[] Slots, double[] Norms, int[] CsrStarts, ByteRegion CsrData, int PrunedTerms, (int Term, int[] Docs, float[] Weights, int Count)[] Incremental);

/// <summary>
/// Static pruning of the bulk postings: a term held by more than <paramref name="MaxDf"/> of a kind's listings (and
/// more than <paramref name="MinPostings"/>) keeps its postings of highest weight, <paramref name="KeepShare"/> of the
/// kind's listings and at least <paramref name="MinKeep"/>.
/// </summary>
internal readonly record struct PostingsPruning(double MaxDf, int MinPostings, double KeepShare, int MinKeep)
{
    public static PostingsPruning None => new(1.0, int.MaxValue, 1.0, int.MaxValue);

    /// <summary>Postings above which a term of a kind with <paramref name="listings"/> listings is pruned.</summary>
    public int Cap(int listings) => Math.Max(MinPostings, (int)(listings * MaxDf));

    /// <summary>Postings a pruned term keeps (at least one).</summary>
    public int Keep(int listings) => Math.Max(Math.Max(1, MinKeep), (int)(listings * KeepShare));
}

/// <summary>
/// One immutable-model engine state: the fitted vocabulary/IDF plus both kind indexes. Writers mutate the
/// indexes under the engine's write lock; a refit builds a whole new state off-thread and swaps it in.
/// </summary>
internal sealed class IndexState
{
    public IndexState(TermDictionary dict, VocabularyModel? model, FeatureWeighting weighting, int fitDocCount, (long Home4, long Home2)? home = null)
    {
        Kinds = [new KindIndex(home), new KindIndex(home)];
        Dict = dict;
        Model = model;
        Weighting = weighting;
        FitDocCount = fitDocCount;
    }

    public TermDictionary Dict { get; }

    public VocabularyModel? Model { get; }

    public FeatureWeighting Weighting { get; }

    public int FitDocCount { get; }

    /// <summary>Upserts and removals since the model was fitted (drives the background refit).</summary>
    public int ChangesSinceFit { get; set; }

    public KindIndex[] Kinds { get; }

    public KindIndex Of(ListingKind k) => Kinds[(int)k];

    public int Count => Kinds[0].Live + Kinds[1].Live;

    public void Add(DocEntry e)
    {
        var other = Kinds[1 - (int)e.Meta.Kind];
        other.Remove(e.Meta.Id); // a listing that changed kind
        var v = Weighting.DocumentVector(e, Dict.Prefix, out var norm);
        Of(e.Meta.Kind).Add(e, v, norm);
    }

    /// <summary>Bulk load of distinct listings into an empty state: exact-size postings, vectors computed in parallel.</summary>
    public void AddAll(IReadOnlyList<DocEntry> entries, PostingsPruning pruning)
    {
        var termCount = Dict.Count;
        foreach (var kind in new[] { ListingKind.Achievement, ListingKind.Need })
        {
            var index = Of(kind);
            var mine = entries.Where(e => e.Meta.Kind == kind).ToArray();
            if (index.Slots.Count != 0) throw new InvalidOperationException("Bulk load needs an empty index.");

            // vectors computed on all cores, then laid out as packed postings (slot i = vector i)
            var norms = new double[mine.Length];
            var vectors = BulkVectors.Of(mine, Weighting, Dict.Prefix, norms);
            for (var i = 0; i < mine.Length; i++)
            {
                index.AppendSlot(mine[i], norms[i]);
            }

            index.SetBulkPostings(vectors, termCount, pruning);
        }
    }

    public bool Remove(Guid id) => Kinds[0].Remove(id) | Kinds[1].Remove(id);

    public DocEntry? Get(Guid id) => Kinds[0].Get(id) ?? Kinds[1].Get(id);

    public IEnumerable<DocEntry> LiveEntries()
    {
        foreach (var k in Kinds)
        {
            foreach (var s in k.Slots.ToArray())
            {
                if (s != null) yield return s;
            }
        }
    }
}

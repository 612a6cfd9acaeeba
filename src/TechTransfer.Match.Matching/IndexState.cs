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

/// <summary>The inverted index of one listing kind. Removed/replaced docs are tombstoned and skipped.</summary>
internal sealed class KindIndex
{
    public List<DocEntry?> Slots { get; } = [];

    /// <summary>Scoring facts per slot, parallel to <see cref="Slots"/>; a tombstoned slot holds the default (not live).</summary>
    public ScoringProfile[] Profiles = [];

    /// <summary>Per slot, the L2 norm of the listing's raw document weights (see FeatureWeighting.RawDocumentWeight).</summary>
    public double[] Norms = [];

    private double _normSum;

    /// <summary>Mean norm of the live listings.</summary>
    public double AverageNorm => Live > 0 ? _normSum / Live : 0;

    /// <summary>Appends a slot for a listing (bulk load and upserts).</summary>
    public int AppendSlot(DocEntry e, double norm)
    {
        var slot = Slots.Count;
        Slots.Add(e);
        SlotOf[e.Meta.Id] = slot;
        if (slot >= Profiles.Length)
        {
            var size = Math.Max(1024, Math.Max(slot + 1, Profiles.Length * 2));
            Array.Resize(ref Profiles, size);
            Array.Resize(ref Norms, size);
        }

        Profiles[slot] = new ScoringProfile(e.Meta);
        Norms[slot] = norm;
        _normSum += norm;
        return slot;
    }

    public Dictionary<Guid, int> SlotOf { get; } = [];

    /// <summary>
    /// Postings appended after the bulk load (incremental upserts), by term. A map rather than an array per term:
    /// only the terms of listings upserted since the last bulk load have any, and an array would cost 8 bytes for
    /// each of millions of terms.
    /// </summary>
    public Dictionary<int, Postings> PostingsByTerm { get; private set; } = [];

    /// <summary>
    /// Bulk-loaded postings, packed per term: term t's run is CsrData[CsrStarts[t]..CsrStarts[t + 1]): its posting
    /// count, then per posting the gap to the previous slot (7-bit encoded) and the weight quantised to 16 bits
    /// (weight x 65535, at least 1). About 3.5 bytes per posting instead of 8; the quantisation (1.5e-5 absolute)
    /// only touches candidate generation and plain search, the exact cosine reads the listing's own counts.
    /// </summary>
    public int[] CsrStarts = [0];
    public byte[] CsrData = [];

    public const float WeightScale = 65535f;

    public int CsrTermCount => CsrStarts.Length - 1;

    /// <summary>Number of bulk-loaded postings of a term; <paramref name="pos"/> is left at its first posting.</summary>
    public int CsrCount(int t, out int pos)
    {
        pos = 0;
        if ((uint)t >= (uint)CsrTermCount) return 0;
        pos = CsrStarts[t];
        return pos == CsrStarts[t + 1] ? 0 : (int)Varint.Read(CsrData, ref pos);
    }

    /// <summary>Number of postings of a term (bulk + incremental).</summary>
    public int PostingCount(int t)
    {
        var n = CsrCount(t, out _);
        if (PostingsByTerm.TryGetValue(t, out var p)) n += p.Count;
        return n;
    }

    /// <summary>Lays out the postings of bulk-loaded vectors (vector i belongs to slot i): sized first, then written.</summary>
    public void SetBulkPostings(SparseVector[] vectors, int termCount)
    {
        var counts = new int[termCount];
        var last = new int[termCount];
        var bytes = new long[termCount + 1];
        Array.Fill(last, -1);
        for (var slot = 0; slot < vectors.Length; slot++)
        {
            foreach (var t in vectors[slot].Terms)
            {
                counts[t]++;
                bytes[t + 1] += Varint.Size((uint)(slot - last[t])) + 2;
                last[t] = slot;
            }
        }

        var starts = new int[termCount + 1];
        for (var t = 0; t < termCount; t++)
        {
            var total = bytes[t] + bytes[t + 1] + (counts[t] > 0 ? Varint.Size((uint)counts[t]) : 0);
            if (total > Array.MaxLength) throw new InvalidOperationException("Postings exceed the largest array.");
            bytes[t + 1] = total;
            starts[t + 1] = (int)total;
        }

        var data = new byte[starts[termCount]];
        var cursor = new int[termCount];
        for (var t = 0; t < termCount; t++)
        {
            cursor[t] = starts[t];
            if (counts[t] > 0) Varint.Write(data, ref cursor[t], (uint)counts[t]);
        }

        Array.Fill(last, -1);
        for (var slot = 0; slot < vectors.Length; slot++)
        {
            var v = vectors[slot];
            for (var k = 0; k < v.Terms.Length; k++)
            {
                var t = v.Terms[k];
                ref var pos = ref cursor[t];
                Varint.Write(data, ref pos, (uint)(slot - last[t]));
                last[t] = slot;
                var q = (ushort)Math.Clamp(MathF.Round(v.Weights[k] * WeightScale), 1f, WeightScale);
                data[pos++] = (byte)q;
                data[pos++] = (byte)(q >> 8);
            }
        }

        CsrStarts = starts;
        CsrData = data;
        PostingsByTerm = [];
    }

    /// <summary>Adds the bulk-loaded postings of a term, each x <paramref name="qw"/>, into the accumulator.</summary>
    public void AccumulateBulk(int count, int pos, float qw, float[] acc, List<int> touched)
    {
        var data = CsrData;
        var scale = qw / WeightScale;
        var doc = -1;
        for (var k = 0; k < count; k++)
        {
            doc += (int)Varint.Read(data, ref pos);
            var w = data[pos] | (data[pos + 1] << 8);
            pos += 2;
            var before = acc[doc];
            if (before == 0) touched.Add(doc);
            acc[doc] = before + (scale * w);
        }
    }

    public int Live => SlotOf.Count;

    public int Dead { get; set; }

    public void Add(DocEntry e, SparseVector v, double norm)
    {
        if (SlotOf.TryGetValue(e.Meta.Id, out var old))
        {
            Slots[old] = null;
            Profiles[old] = default;
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
        _normSum -= Norms[slot];
        Dead++;
        return true;
    }

    public DocEntry? Get(Guid id) => SlotOf.TryGetValue(id, out var s) ? Slots[s] : null;
}

/// <summary>
/// One immutable-model engine state: the fitted vocabulary/IDF plus both kind indexes. Writers mutate the
/// indexes under the engine's write lock; a refit builds a whole new state off-thread and swaps it in.
/// </summary>
internal sealed class IndexState
{
    public IndexState(TermDictionary dict, VocabularyModel? model, FeatureWeighting weighting, int fitDocCount)
    {
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

    public KindIndex[] Kinds { get; } = [new KindIndex(), new KindIndex()];

    public KindIndex Of(ListingKind k) => Kinds[(int)k];

    public int Count => Kinds[0].Live + Kinds[1].Live;

    public void Add(DocEntry e)
    {
        var other = Kinds[1 - (int)e.Meta.Kind];
        other.Remove(e.Meta.Id); // a listing that changed kind
        var (terms, counts) = e.Unpack();
        var v = Weighting.DocumentVector(terms, counts, e.Length, Dict.Prefix, out var norm);
        Of(e.Meta.Kind).Add(e, v, norm);
    }

    /// <summary>Bulk load of distinct listings into an empty state: exact-size postings, vectors computed in parallel.</summary>
    public void AddAll(IReadOnlyList<DocEntry> entries)
    {
        var termCount = Dict.Count;
        foreach (var kind in new[] { ListingKind.Achievement, ListingKind.Need })
        {
            var index = Of(kind);
            var mine = entries.Where(e => e.Meta.Kind == kind).ToArray();
            if (index.Slots.Count != 0) throw new InvalidOperationException("Bulk load needs an empty index.");

            // vectors computed in parallel batches, then laid out as packed postings (slot i = vector i)
            const int BatchSize = 4096;
            var vectors = new SparseVector[mine.Length];
            var norms = new double[mine.Length];
            for (var start = 0; start < mine.Length; start += BatchSize)
            {
                var n = Math.Min(BatchSize, mine.Length - start);
                var s0 = start;
                Parallel.For(0, n, i =>
                {
                    var (terms, counts) = mine[s0 + i].Unpack();
                    vectors[s0 + i] = Weighting.DocumentVector(terms, counts, mine[s0 + i].Length, Dict.Prefix, out norms[s0 + i]);
                });
            }

            for (var i = 0; i < mine.Length; i++)
            {
                index.AppendSlot(mine[i], norms[i]);
            }

            index.SetBulkPostings(vectors, termCount);
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

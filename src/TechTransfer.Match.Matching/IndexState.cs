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

    /// <summary>Postings appended after the bulk load (incremental upserts), per term.</summary>
    public Postings?[] PostingsByTerm = new Postings?[1024];

    /// <summary>Bulk-loaded postings in compressed-sparse-row form: term t owns [CsrOffsets[t], CsrOffsets[t + 1]).</summary>
    public int[] CsrOffsets = [0];
    public int[] CsrDocs = [];
    public float[] CsrWeights = [];

    public int CsrTermCount => CsrOffsets.Length - 1;

    /// <summary>Number of postings of a term (bulk + incremental).</summary>
    public int PostingCount(int t)
    {
        var n = 0;
        if ((uint)t < (uint)CsrTermCount) n = CsrOffsets[t + 1] - CsrOffsets[t];
        if ((uint)t < (uint)PostingsByTerm.Length && PostingsByTerm[t] is { } p) n += p.Count;
        return n;
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
            var t = v.Terms[i];
            if (t >= PostingsByTerm.Length)
            {
                Array.Resize(ref PostingsByTerm, Math.Max(t + 1, PostingsByTerm.Length * 2));
            }

            (PostingsByTerm[t] ??= new Postings()).Add(slot, v.Weights[i]);
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
        var v = Weighting.DocumentVector(e.Terms, e.Counts, e.Length, Dict.Prefix, out var norm);
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

            // vectors computed in parallel batches; postings counted, then laid out in CSR order
            const int BatchSize = 4096;
            var counts = new int[termCount + 1];
            var vectors = new SparseVector[mine.Length];
            var norms = new double[mine.Length];
            for (var start = 0; start < mine.Length; start += BatchSize)
            {
                var n = Math.Min(BatchSize, mine.Length - start);
                var s0 = start;
                Parallel.For(0, n, i => vectors[s0 + i] = Weighting.DocumentVector(mine[s0 + i].Terms, mine[s0 + i].Counts, mine[s0 + i].Length, Dict.Prefix, out norms[s0 + i]));
                for (var i = 0; i < n; i++)
                {
                    foreach (var t in vectors[s0 + i].Terms) counts[t + 1]++;
                }
            }

            for (var t = 0; t < termCount; t++) counts[t + 1] += counts[t];
            var docs = new int[counts[termCount]];
            var weights = new float[counts[termCount]];
            var cursor = (int[])counts.Clone();
            for (var i = 0; i < mine.Length; i++)
            {
                var e = mine[i];
                var slot = index.AppendSlot(e, norms[i]);
                var v = vectors[i];
                vectors[i] = default;
                for (var k = 0; k < v.Terms.Length; k++)
                {
                    var pos = cursor[v.Terms[k]]++;
                    docs[pos] = slot;
                    weights[pos] = v.Weights[k];
                }
            }

            index.CsrOffsets = counts;
            index.CsrDocs = docs;
            index.CsrWeights = weights;
            index.PostingsByTerm = new Postings?[Math.Max(1024, termCount)];
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

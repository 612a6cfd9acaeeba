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

    public Dictionary<Guid, int> SlotOf { get; } = [];

    public Postings?[] PostingsByTerm = new Postings?[1024];

    public int Live => SlotOf.Count;

    public int Dead { get; set; }

    public void Add(DocEntry e, SparseVector v)
    {
        if (SlotOf.TryGetValue(e.Meta.Id, out var old))
        {
            Slots[old] = null;
            Dead++;
        }

        var slot = Slots.Count;
        Slots.Add(e);
        SlotOf[e.Meta.Id] = slot;
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
        var v = Weighting.DocumentVector(e.Terms, e.Counts, e.Length, Dict.Prefix);
        Of(e.Meta.Kind).Add(e, v);
    }

    /// <summary>Bulk load of distinct listings into an empty state: exact-size postings, vectors computed in parallel.</summary>
    public void AddAll(IReadOnlyList<DocEntry> entries)
    {
        var termCount = Dict.Count;
        foreach (var kind in new[] { ListingKind.Achievement, ListingKind.Need })
        {
            var index = Of(kind);
            var mine = entries.Where(e => e.Meta.Kind == kind).ToArray();
            var counts = new int[termCount];
            foreach (var e in mine)
            {
                foreach (var t in e.Terms) counts[t]++;
            }

            index.PostingsByTerm = new Postings?[termCount];
            for (var t = 0; t < termCount; t++)
            {
                if (counts[t] > 0) index.PostingsByTerm[t] = new Postings(counts[t]);
            }

            // vectors computed in parallel batches, postings filled in order
            const int BatchSize = 4096;
            var vectors = new SparseVector[Math.Min(BatchSize, Math.Max(1, mine.Length))];
            for (var start = 0; start < mine.Length; start += BatchSize)
            {
                var n = Math.Min(BatchSize, mine.Length - start);
                var s0 = start;
                Parallel.For(0, n, i => vectors[i] = Weighting.DocumentVector(mine[s0 + i].Terms, mine[s0 + i].Counts, mine[s0 + i].Length, Dict.Prefix));
                for (var i = 0; i < n; i++)
                {
                    var e = mine[s0 + i];
                    var slot = index.Slots.Count;
                    index.Slots.Add(e);
                    index.SlotOf[e.Meta.Id] = slot;
                    var v = vectors[i];
                    for (var k = 0; k < v.Terms.Length; k++)
                    {
                        index.PostingsByTerm[v.Terms[k]]!.Add(slot, v.Weights[k]);
                    }
                }
            }
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

using System.Runtime.InteropServices;

namespace TechTransfer.Match.Matching;

// Snapshot format: save, load and restore of the fitted model, the term table and the indexed listings.
public sealed partial class MatchingEngine
{
    private const int SnapshotMagic = 0x584D5454; // "TTMX"
    // 2 adds the fitted IDF per term id, so that loading needs no ML.NET model load; 3 adds the serving ranker when
    // it is a trained one; 4 stores word bigrams as hash buckets (the term table starts with the bucket bits); 5 stores
    // each kind's index as laid out (slots with their tombstones, norms, packed features, bulk and incremental
    // postings), so that a load reads it back instead of computing every listing's vector and laying out the postings
    // again (47 of the 65 s a restart took at a million listings). Older versions are refused, and the platform
    // rebuilds from the database as for any unreadable snapshot.
    private const int SnapshotVersion = 5;

    /// <summary>
    /// Writes the fitted ML.NET model, the term dictionary, each kind's index as it is laid out (loading needs no
    /// tokenising, no refit and no layout) and a trained serving ranker. The state is captured under the read lock
    /// and written outside it, so writers wait only for the capture.
    /// </summary>
    public SnapshotCapture SaveSnapshot(Stream s)
    {
        ArgumentNullException.ThrowIfNull(s);
        IndexState st;
        KindCapture[] kinds;
        int changes;
        _lock.EnterReadLock();
        try
        {
            st = _state;
            kinds = [st.Kinds[0].Capture(), st.Kinds[1].Capture()];
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
        var pruning = Pruning;
        w.Write(pruning.MaxDf);
        w.Write(pruning.MinPostings);
        w.Write(pruning.KeepShare);
        w.Write(pruning.MinKeep);
        foreach (var k in kinds)
        {
            WriteKind(w, k);
        }

        var ranker = Volatile.Read(ref _ranker)?.ToBytes() ?? [];
        w.Write(ranker.Length);
        w.Write(ranker);
        return new SnapshotCapture(st, [kinds[0].Slots.Length, kinds[1].Slots.Length]);
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
        Restore(s, null);
    }

    /// <summary>
    /// As <see cref="Restore(Stream)"/> from a snapshot file starting at <paramref name="offset"/>, with the
    /// listings' features and the bulk postings left in the file, mapped read-only (<see cref="MappedFile"/>): the
    /// managed heap holds the rest (term table, IDF, slot metadata, norms, offsets). The file may be replaced or
    /// deleted afterwards; the mapping keeps the content it had until the index no longer uses it.
    /// </summary>
    public void RestoreMapped(string path, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new MappedFile(path);
        using var s = file.OpenStream();
        s.Position = offset;
        Restore(s, file);
    }

    private void Restore(Stream s, MappedFile? mapped)
    {
        var st = ReadState(s, mapped, out var ranker, out var timings);
        LastRebuildTimings = timings;
        ReplaceState(st);
        UseRanker(ranker.Length > 0 ? AdditiveRanker.FromBytes(ranker) : null);
    }

    /// <summary>Whether the index is read from a mapped snapshot file (<see cref="RestoreMapped"/>, <see cref="ServeMapped"/>).</summary>
    public bool ServesMappedSnapshot => Volatile.Read(ref _state).Kinds.Any(k => k.CsrMapped);

    /// <summary>
    /// Serves the snapshot this engine has just saved to <paramref name="path"/>, mapped (as <see cref="RestoreMapped"/>),
    /// in place of the heap index it was saved from, so that a node that built its index from text holds no more heap
    /// than one that restarted. The writes made since <paramref name="capture"/> are replayed onto the mapped index
    /// under the write lock. False, with nothing changed, when a rebuild, restore or refit replaced the state meanwhile.
    /// </summary>
    public bool ServeMapped(string path, long offset, SnapshotCapture capture)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(capture);
        if (!ReferenceEquals(Volatile.Read(ref _state), capture.State))
        {
            return false;
        }

        var file = new MappedFile(path);
        IndexState mapped;
        using (var s = file.OpenStream())
        {
            s.Position = offset;
            mapped = ReadState(s, file, out _, out _);
        }

        if (mapped.Kinds[0].Slots.Count != capture.SlotCounts[0] || mapped.Kinds[1].Slots.Count != capture.SlotCounts[1])
        {
            return false; // not the snapshot of this capture
        }

        _lock.EnterWriteLock();
        try
        {
            var st = _state;
            if (!ReferenceEquals(st, capture.State) || _disposed)
            {
                return false;
            }

            // the saved slots are the capture's, in order: removals first (a listing removed, replaced or moved to
            // the other kind since), then the listings added since, in the order they came
            for (var k = 0; k < 2; k++)
            {
                for (var slot = 0; slot < capture.SlotCounts[k]; slot++)
                {
                    if (st.Kinds[k].Slots[slot] == null && mapped.Kinds[k].Slots[slot] is { } gone)
                    {
                        mapped.Remove(gone.Meta.Id);
                    }
                }
            }

            for (var k = 0; k < 2; k++)
            {
                var slots = st.Kinds[k].Slots;
                for (var slot = capture.SlotCounts[k]; slot < slots.Count; slot++)
                {
                    if (slots[slot] is { } added) mapped.Add(added);
                }
            }

            mapped.ChangesSinceFit = st.ChangesSinceFit;
            Volatile.Write(ref _state, mapped);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private IndexState ReadState(Stream s, MappedFile? mapped, out byte[] ranker, out string timings)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using var r = new BinaryReader(s, System.Text.Encoding.UTF8, leaveOpen: true);
        var version = r.ReadInt32() == SnapshotMagic ? r.ReadInt32() : -1;
        if (version != SnapshotVersion)
        {
            throw new InvalidDataException(version is >= 1 and < SnapshotVersion
                ? $"Matching engine snapshot format {version} is older than {SnapshotVersion}; rebuild the index."
                : "Not a matching engine snapshot.");
        }

        var dict = TermDictionary.Read(r);
        if (dict.HashBits != _options.Text.BigramHashBits)
        {
            throw new InvalidDataException($"The snapshot hashes bigrams into 2^{dict.HashBits} buckets, the engine into 2^{_options.Text.BigramHashBits}; rebuild the index.");
        }

        var dictSeconds = sw.Elapsed.TotalSeconds;
        var bytes = r.ReadBytes(r.ReadInt32());
        var fitCount = r.ReadInt32();
        var changes = r.ReadInt32();
        var avg = r.ReadDouble();
        var savedIdf = new float[r.ReadInt32()];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(savedIdf.AsSpan()));
        var oovIdf = r.ReadSingle();
        var saved = new PostingsPruning(r.ReadDouble(), r.ReadInt32(), r.ReadDouble(), r.ReadInt32());
        IndexState NewState()
        {
            if (bytes.Length == 0) return EmptyState(dict, _options);
            var fitted = _options.Text.FitSampleSize > 0 ? Math.Min(_options.Text.FitSampleSize, fitCount) : fitCount;
            // the ML.NET model is loaded from its bytes only if something asks for it
            return new IndexState(dict, VocabularyModel.FromBytes(bytes), new FeatureWeighting(savedIdf, oovIdf, avg, _options.Text, fitted), fitCount, Scoring.HomeKeys(_options));
        }

        var st = NewState();
        foreach (var kind in new[] { ListingKind.Achievement, ListingKind.Need })
        {
            ReadKind(r, st.Of(kind), kind, mapped);
        }

        ranker = r.ReadBytes(r.ReadInt32());
        var readSeconds = sw.Elapsed.TotalSeconds;
        if (saved != Pruning)
        {
            // laid out under other pruning settings: lay the live listings out again under this engine's
            var relaid = NewState();
            relaid.AddAll(st.LiveEntries().ToList(), Pruning);
            st = relaid;
        }

        st.ChangesSinceFit = changes;
        timings = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"snapshot: terms {dictSeconds:0.0}s, index {readSeconds - dictSeconds:0.0}s, layout {sw.Elapsed.TotalSeconds - readSeconds:0.0}s, terms {dict.Count}");
        return st;
    }

    private static void WriteKind(BinaryWriter w, KindCapture k)
    {
        // slot metadata first, then the packed features of every live slot in one run: a mapped load reads the
        // metadata pages only, and a query pages in the features it reads
        w.Write(k.Slots.Length);
        w.Write(MemoryMarshal.AsBytes(k.Norms.AsSpan(0, k.Slots.Length)));
        long packedBytes = 0;
        foreach (var e in k.Slots)
        {
            w.Write(e != null);
            if (e == null) continue;
            var m = e.Meta;
            w.Write(m.Id.ToByteArray());
            w.Write(m.Field);
            WriteNullable(w, m.Trl);
            WriteNullable(w, m.PriceMin);
            WriteNullable(w, m.PriceMax);
            w.Write(m.RegionCode ?? string.Empty);
            w.Write(m.OrganisationId.ToByteArray());
            w.Write(e.Length);
            w.Write(e.TermCount);
            w.Write(e.PackedBytes);
            packedBytes += e.PackedBytes;
        }

        if (packedBytes > Array.MaxLength) throw new InvalidOperationException("Forward entries exceed the largest array.");
        w.Write((int)packedBytes);
        foreach (var e in k.Slots)
        {
            if (e == null) continue;
            w.Write(e.Packed);
            e.KeepAlive();
        }

        w.Write(k.CsrStarts.Length);
        w.Write(MemoryMarshal.AsBytes(k.CsrStarts.AsSpan())); // little-endian, as BinaryWriter writes an int
        w.Write(k.CsrData.Length);
        w.Write(k.CsrData.Span);
        k.CsrData.KeepAlive();
        w.Write(k.PrunedTerms);
        w.Write(k.Incremental.Length);
        foreach (var (term, docs, weights, count) in k.Incremental)
        {
            w.Write(term);
            w.Write(count);
            w.Write(MemoryMarshal.AsBytes(docs.AsSpan(0, count)));
            w.Write(MemoryMarshal.AsBytes(weights.AsSpan(0, count)));
        }
    }

    /// <summary>Reads one kind's index as <see cref="WriteKind"/> wrote it, slot for slot, into an empty index.</summary>
    private static void ReadKind(BinaryReader r, KindIndex index, ListingKind kind, MappedFile? mapped)
    {
        var slots = r.ReadInt32();
        var norms = new double[slots];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(norms.AsSpan()));
        var metas = new (ListingDocument Meta, float Length, int TermCount, int Bytes)?[slots];
        Span<byte> guid = stackalloc byte[16];
        for (var i = 0; i < slots; i++)
        {
            if (!r.ReadBoolean()) continue;
            r.BaseStream.ReadExactly(guid);
            var id = new Guid(guid);
            var field = r.ReadInt32();
            int? trl = r.ReadBoolean() ? r.ReadInt32() : null;
            decimal? pmin = r.ReadBoolean() ? r.ReadDecimal() : null;
            decimal? pmax = r.ReadBoolean() ? r.ReadDecimal() : null;
            var region = string.Intern(r.ReadString());
            r.BaseStream.ReadExactly(guid);
            var org = new Guid(guid);
            var meta = new ListingDocument(id, kind, string.Empty, string.Empty, string.Empty, field, trl, pmin, pmax, region, org);
            metas[i] = (meta, r.ReadSingle(), r.ReadInt32(), r.ReadInt32());
        }

        var packed = ReadRegion(r, r.ReadInt32(), mapped);
        var offset = 0;
        for (var i = 0; i < slots; i++)
        {
            if (metas[i] is not { } m)
            {
                index.AppendTombstone();
                continue;
            }

            index.AppendSlot(new DocEntry(m.Meta, packed.Slice(offset, m.Bytes), m.TermCount, m.Length), norms[i]);
            offset += m.Bytes;
        }

        var starts = new int[r.ReadInt32()];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(starts.AsSpan()));
        var data = ReadRegion(r, r.ReadInt32(), mapped);
        var pruned = r.ReadInt32();
        var terms = r.ReadInt32();
        var incremental = new Dictionary<int, Postings>(terms);
        for (var i = 0; i < terms; i++)
        {
            var term = r.ReadInt32();
            var count = r.ReadInt32();
            var p = new Postings(Math.Max(2, count)) { Count = count };
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(p.Docs.AsSpan(0, count)));
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(p.Weights.AsSpan(0, count)));
            incremental[term] = p;
        }

        index.SetSavedPostings(starts, data, pruned, incremental);
    }

    /// <summary>The next <paramref name="length"/> bytes: copied to the heap, or referenced in the mapped file.</summary>
    private static ByteRegion ReadRegion(BinaryReader r, int length, MappedFile? mapped)
    {
        if (mapped == null)
        {
            var bytes = new byte[length];
            r.BaseStream.ReadExactly(bytes);
            return new ByteRegion(bytes);
        }

        var region = new ByteRegion(mapped, r.BaseStream.Position, length);
        r.BaseStream.Seek(length, SeekOrigin.Current);
        return region;
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
}

/// <summary>What <see cref="MatchingEngine.SaveSnapshot"/> captured: the state and each kind's slot count (see <see cref="MatchingEngine.ServeMapped"/>).</summary>
public sealed class SnapshotCapture
{
    internal SnapshotCapture(IndexState state, int[] slotCounts)
    {
        State = state;
        SlotCounts = slotCounts;
    }

    internal IndexState State { get; }

    internal int[] SlotCounts { get; }
}

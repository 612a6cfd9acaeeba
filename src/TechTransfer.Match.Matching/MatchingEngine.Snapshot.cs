using System.Runtime.InteropServices;

namespace TechTransfer.Match.Matching;

// Snapshot format: save, load and restore of the fitted model, the term table and the indexed listings.
public sealed partial class MatchingEngine
{
    private const int SnapshotMagic = 0x584D5454; // "TTMX"
    // 2 adds the fitted IDF per term id, so that loading needs no ML.NET model load; 3 adds the serving ranker when
    // it is a trained one; 4 stores word bigrams as hash buckets (the term table starts with the bucket bits). Older
    // versions hold bigrams as text, which a hashing engine's queries would never meet: they are refused, and the
    // platform rebuilds from the database as for any unreadable snapshot.
    private const int SnapshotVersion = 4;

    /// <summary>
    /// Writes the fitted ML.NET model, the term dictionary, the indexed listings (metadata and feature counts:
    /// loading needs no tokenising and no refit) and a trained serving ranker. The state is captured under the read lock and written outside
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

        var ranker = Volatile.Read(ref _ranker)?.ToBytes() ?? [];
        w.Write(ranker.Length);
        w.Write(ranker);
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

        var ranker = r.ReadBytes(r.ReadInt32());
        var readSeconds = sw.Elapsed.TotalSeconds;
        IndexState st;
        if (bytes.Length == 0)
        {
            st = EmptyState(dict, _options.Text);
        }
        else
        {
            var fitted = _options.Text.FitSampleSize > 0 ? Math.Min(_options.Text.FitSampleSize, fitCount) : fitCount;
            // the ML.NET model is loaded from its bytes only if something asks for it
            st = new IndexState(dict, VocabularyModel.FromBytes(bytes), new FeatureWeighting(savedIdf, oovIdf, avg, _options.Text, fitted), fitCount);
        }

        var modelSeconds = sw.Elapsed.TotalSeconds;
        st.AddAll(entries, Pruning);
        st.ChangesSinceFit = changes;
        LastRebuildTimings = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"snapshot: terms {dictSeconds:0.0}s, listings {readSeconds - dictSeconds:0.0}s, model {modelSeconds - readSeconds:0.0}s, index {sw.Elapsed.TotalSeconds - modelSeconds:0.0}s, terms {dict.Count}");
        ReplaceState(st);
        UseRanker(ranker.Length > 0 ? AdditiveRanker.FromBytes(ranker) : null);
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

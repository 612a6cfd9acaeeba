using System.Buffers;
using System.Text;

namespace TechTransfer.Match.Matching;

/// <summary>
/// Grow-only map feature string &lt;-&gt; integer id, with the first surface form seen for word features.
/// Adds are serialised; id lookups (<see cref="TryGetIdLockFree"/>) and reading a published id's term, prefix or
/// surface need no lock.
/// </summary>
/// <remarks>
/// Millions of features (word bigrams and character n-grams) make the term table a large part of the index, so the
/// features are not kept as strings: their UTF-8 bytes sit in a few large byte arenas (each prefixed with its 7-bit
/// encoded length, the layout <see cref="BinaryWriter.Write(string)"/> uses, so snapshots copy them as they are),
/// ids are found through an open-addressing table of (hash, id), and only surfaces that differ from the feature are
/// stored. About 41 bytes per feature (measured) instead of about 110 with strings in a Dictionary.
/// Word bigrams, the most numerous family, are not stored as text at all when <see cref="HashBits"/> is above 0: a
/// bigram is a bucket of a bounded hash space (<see cref="BigramHash"/>), the bucket gets an id on first use through
/// a dense bucket-to-id array, and the id's offset holds the complemented bucket instead of an arena position.
/// </remarks>
internal sealed class TermDictionary
{
    private const int HashedChunkBits = 8; // bucket-to-id chunks of 1 KB, allocated on first use (small engines stay small)
    private const int HashedChunkSize = 1 << HashedChunkBits;

    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ArenaBits = 24; // arena chunks of 16 MB; an offset is (chunk << ArenaBits) | position
    private const int ArenaChunkSize = 1 << ArenaBits;
    private const int FirstArenaSize = 4096;

    private readonly object _gate = new();

    // Published ids are read lock-free: arrays are only replaced by larger copies holding the same published content.
    private byte[][] _arena = [new byte[FirstArenaSize]];
    private int _arenaUsed;
    private int[][] _offsets = [new int[ChunkSize]];

    // The family prefix of every term in a dense array: weighting a vector reads it for each of its terms.
    private byte[][] _prefixes = [new byte[ChunkSize]];
    private readonly Dictionary<int, string> _surfaces = [];

    // open addressing, linear probing; a slot holds the term's hash (high half) and id + 1 (low half, 0 = empty) in
    // one long, so a lock-free reader sees both together; a rehash publishes a new array
    private long[] _slots = new long[1024];
    private volatile int _count;

    // hashed bigrams: bucket -> id + 1 (0 = unused), chunked and published like the other arrays
    private readonly int[]?[] _hashed;
    private int _hashedCount;

    public TermDictionary(int hashBits = 0)
    {
        if (hashBits != 0 && hashBits is < HashedChunkBits or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(hashBits), hashBits, $"Bigram hash bits must be 0 or {HashedChunkBits}-30.");
        }

        HashBits = hashBits;
        _hashed = hashBits > 0 ? new int[]?[1 << (hashBits - HashedChunkBits)] : [];
    }

    public int Count => _count;

    /// <summary>log2 of the bigram bucket count; 0 when bigrams are strings.</summary>
    public int HashBits { get; }

    /// <summary>Bytes held by the table's arrays (diagnostics).</summary>
    public long AllocatedBytes
    {
        get
        {
            lock (_gate)
            {
                long n = 0;
                foreach (var a in _arena) n += a.Length;
                n += (long)_offsets.Length * ChunkSize * 4 + ((long)_prefixes.Length * ChunkSize);
                n += (long)_slots.Length * 8;
                foreach (var v in _surfaces.Values) n += 40 + (2 * v.Length);
                n += _hashed.Length * 8L;
                foreach (var c in _hashed) n += c == null ? 0 : c.Length * 4L;
                return n;
            }
        }
    }

    /// <summary>Adds under an internal lock; id lookups by readers of published ids need no lock.</summary>
    public int GetOrAdd(string term, string? surface)
    {
        var buffer = Utf8(term, out var length);
        try
        {
            var bytes = buffer.AsSpan(0, length);
            var hash = Hash(bytes);
            lock (_gate)
            {
                var slot = Find(_slots, bytes, hash);
                if (_slots[slot] != 0)
                {
                    return IdOf(_slots[slot]);
                }

                var id = _count;
                var at = Reserve(bytes.Length, out var chunk, out var pos);
                bytes.CopyTo(chunk.AsSpan(pos));
                Place(id, at, bytes[0], slot, hash);
                surface = SurfaceToStore(term, surface);
                if (surface != null) _surfaces[id] = surface;
                _count = id + 1; // publish
                if ((long)(_count - _hashedCount) * 4 > (long)_slots.Length * 3) Rehash(_slots.Length * 2); // hashed bigrams take no slot
                return id;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The id of a hashed bigram's bucket, added on first use (under the lock, like <see cref="GetOrAdd"/>).</summary>
    public int GetOrAddHashed(int bucket)
    {
        lock (_gate)
        {
            var c = bucket >> HashedChunkBits;
            var chunk = _hashed[c];
            if (chunk == null)
            {
                chunk = new int[HashedChunkSize];
                Volatile.Write(ref _hashed[c], chunk);
            }

            var v = chunk[bucket & (HashedChunkSize - 1)];
            if (v != 0) return v - 1;
            var id = _count;
            EnsureIdCapacity(id);
            _offsets[id >> ChunkBits][id & (ChunkSize - 1)] = ~bucket;
            _prefixes[id >> ChunkBits][id & (ChunkSize - 1)] = (byte)FeaturePrefix.Bigram;
            Volatile.Write(ref chunk[bucket & (HashedChunkSize - 1)], id + 1); // after the offset and prefix it points readers to
            _hashedCount++;
            _count = id + 1; // publish
            return id;
        }
    }

    /// <summary>Hashed bigrams among the ids.</summary>
    public int HashedCount => _hashedCount;

    /// <summary>The id of a hashed bigram's bucket, or -1 if no listing has used it (no lock, like <see cref="TryGetIdLockFree"/>).</summary>
    public int TryGetHashedId(int bucket)
    {
        var chunk = Volatile.Read(ref _hashed[bucket >> HashedChunkBits]);
        return chunk == null ? -1 : Volatile.Read(ref chunk[bucket & (HashedChunkSize - 1)]) - 1;
    }

    /// <summary>Whether the id is a hashed bigram (no text stored).</summary>
    public bool IsHashed(int id) => _offsets[id >> ChunkBits][id & (ChunkSize - 1)] < 0;

    /// <summary>The text standing for a hashed bigram's bucket where a string is needed (ML.NET's vocabulary,
    /// diagnostics): a '#' never occurs in a word, so it cannot equal a bigram written as text.</summary>
    public static string HashedTerm(int bucket) =>
        string.Concat("b#", bucket.ToString("x", System.Globalization.CultureInfo.InvariantCulture));

    private bool TryParseHashed(string term, out int bucket)
    {
        bucket = 0;
        return HashBits > 0 && term.StartsWith("b#", StringComparison.Ordinal)
            && int.TryParse(term.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out bucket)
            && (uint)bucket < 1u << HashBits;
    }

    public bool TryGetId(string term, out int id)
    {
        if (TryParseHashed(term, out var bucket))
        {
            id = TryGetHashedId(bucket);
            return id >= 0;
        }

        var buffer = Utf8(term, out var length);
        try
        {
            var bytes = buffer.AsSpan(0, length);
            var hash = Hash(bytes);
            lock (_gate)
            {
                var slots = _slots;
                id = IdOf(slots[Find(slots, bytes, hash)]);
                return id >= 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The id of a published term without taking the lock (tokenising threads of a build look up most features
    /// themselves and leave only the new ones to the single thread that adds them). A term added while this runs
    /// may be missed; it is never wrong.
    /// </summary>
    public int TryGetIdLockFree(ReadOnlySpan<char> term, Span<byte> scratch)
    {
        var length = Encoding.UTF8.GetBytes(term, scratch);
        var bytes = scratch[..length];
        var hash = Hash(bytes);
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var v = Volatile.Read(ref slots[slot]);
            if (v == 0) return -1;
            if ((int)(v >> 32) == hash && Bytes(IdOf(v)).SequenceEqual(bytes)) return IdOf(v);
        }
    }

    private static int IdOf(long slot) => (int)(uint)slot - 1;

    private static long SlotValue(int hash, int id) => ((long)hash << 32) | (uint)(id + 1);

    private static byte[] Utf8(string term, out int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(term.Length));
        length = Encoding.UTF8.GetBytes(term, buffer);
        return buffer;
    }

    public string Term(int id)
    {
        var at = _offsets[id >> ChunkBits][id & (ChunkSize - 1)];
        return at < 0 ? HashedTerm(~at) : Encoding.UTF8.GetString(Bytes(id));
    }

    public char Prefix(int id) => (char)_prefixes[id >> ChunkBits][id & (ChunkSize - 1)];

    /// <summary>Orders two published terms by their UTF-8 bytes (their text's code point order) without making strings.</summary>
    public int CompareTerms(int a, int b)
    {
        Span<byte> ha = stackalloc byte[HashedTermMaxBytes];
        Span<byte> hb = stackalloc byte[HashedTermMaxBytes];
        return TermBytes(a, ha).SequenceCompareTo(TermBytes(b, hb));
    }

    private const int HashedTermMaxBytes = 10; // "b#" and at most 8 hex digits

    /// <summary>A term's UTF-8 bytes; a hashed bigram's text (<see cref="HashedTerm"/>) is written into <paramref name="hashed"/>.</summary>
    private ReadOnlySpan<byte> TermBytes(int id, Span<byte> hashed)
    {
        var at = _offsets[id >> ChunkBits][id & (ChunkSize - 1)];
        if (at >= 0) return Bytes(id);
        hashed[0] = (byte)'b';
        hashed[1] = (byte)'#';
        (~at).TryFormat(hashed[2..], out var written, "x", System.Globalization.CultureInfo.InvariantCulture);
        return hashed[..(2 + written)];
    }

    public string Surface(int id)
    {
        if (IsHashed(id)) return Term(id); // bigrams are not listed to users (only word features are)
        lock (_gate)
        {
            if (_surfaces.TryGetValue(id, out var s)) return s;
        }

        return TextAnalyzer.FeatureSurfaceFallback(Term(id));
    }

    /// <summary>The UTF-8 bytes of a published term (without the length prefix).</summary>
    private ReadOnlySpan<byte> Bytes(int id)
    {
        var at = _offsets[id >> ChunkBits][id & (ChunkSize - 1)];
        var chunk = _arena[at >> ArenaBits];
        var pos = at & (ArenaChunkSize - 1);
        var length = (int)Varint.Read(chunk, ref pos);
        return chunk.AsSpan(pos, length);
    }

    /// <summary>A surface equal to the feature without its family prefix is not stored (<see cref="Surface"/> derives it).</summary>
    private static string? SurfaceToStore(string term, string? surface) =>
        surface != null && term.Length == surface.Length + 1 && term.AsSpan(1).SequenceEqual(surface) ? null : surface;

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = default(HashCode);
        h.AddBytes(bytes);
        return h.ToHashCode();
    }

    // called under the lock: the slot holding the term, or the empty slot where it would go
    private int Find(long[] slots, ReadOnlySpan<byte> bytes, int hash)
    {
        var mask = slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var v = slots[slot];
            if (v == 0 || ((int)(v >> 32) == hash && Bytes(IdOf(v)).SequenceEqual(bytes)))
            {
                return slot;
            }
        }
    }

    private void Rehash(int capacity)
    {
        var slots = new long[capacity];
        var mask = capacity - 1;
        foreach (var v in _slots)
        {
            if (v == 0) continue;
            var slot = (int)(v >> 32) & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = v;
        }

        Volatile.Write(ref _slots, slots); // complete before lock-free readers can see it
    }

    /// <summary>Records a term stored at <paramref name="at"/> under <paramref name="id"/> (not yet published).</summary>
    private void Place(int id, int at, byte prefix, int slot, int hash)
    {
        EnsureIdCapacity(id);
        _offsets[id >> ChunkBits][id & (ChunkSize - 1)] = at;
        _prefixes[id >> ChunkBits][id & (ChunkSize - 1)] = prefix;
        Volatile.Write(ref _slots[slot], SlotValue(hash, id)); // after the offset and prefix it points readers to
    }

    private void EnsureIdCapacity(int id)
    {
        var chunk = id >> ChunkBits;
        if (chunk < _offsets.Length)
        {
            return;
        }

        var o = new int[chunk + 1][];
        var p = new byte[chunk + 1][];
        Array.Copy(_offsets, o, _offsets.Length);
        Array.Copy(_prefixes, p, _prefixes.Length);
        o[chunk] = new int[ChunkSize];
        p[chunk] = new byte[ChunkSize];
        _offsets = o;
        _prefixes = p;
    }

    /// <summary>Reserves room for a length prefix and <paramref name="length"/> bytes; returns the offset.</summary>
    private int Reserve(int length, out byte[] chunk, out int pos)
    {
        var need = length + 5;
        if (need > ArenaChunkSize)
        {
            throw new ArgumentException("Feature too long.", nameof(length));
        }

        var last = _arena.Length - 1;
        chunk = _arena[last];
        if (_arenaUsed + need > chunk.Length)
        {
            if (chunk.Length < ArenaChunkSize)
            {
                // the first chunk grows (small engines stay small); readers still holding the old copy see the same bytes
                var grown = new byte[Math.Min(ArenaChunkSize, Math.Max(chunk.Length * 2, _arenaUsed + need))];
                chunk.AsSpan(0, _arenaUsed).CopyTo(grown);
                var a = (byte[][])_arena.Clone();
                a[last] = grown;
                _arena = a;
                chunk = grown;
            }

            if (_arenaUsed + need > chunk.Length)
            {
                if (_arena.Length >= 1 << (31 - ArenaBits))
                {
                    throw new InvalidOperationException("The term table is full (2 GB of feature text).");
                }

                var a = new byte[_arena.Length + 1][];
                Array.Copy(_arena, a, _arena.Length);
                a[^1] = chunk = new byte[ArenaChunkSize];
                _arena = a;
                last++;
                _arenaUsed = 0;
            }
        }

        var at = (last << ArenaBits) | _arenaUsed;
        pos = _arenaUsed;
        Varint.Write(chunk, ref pos, (uint)length);
        _arenaUsed = pos + length;
        return at;
    }

    public void Write(BinaryWriter w)
    {
        var n = _count;
        Dictionary<int, string> surfaces;
        lock (_gate)
        {
            surfaces = new Dictionary<int, string>(_surfaces); // few; copied once rather than a lock per term
        }

        var hashed = 0;
        for (var i = 0; i < n; i++)
        {
            if (IsHashed(i)) hashed++;
        }

        w.Write(HashBits);
        w.Write(n);
        w.Write(n - hashed); // the text terms: the loader sizes its hash table for them only
        for (var i = 0; i < n; i++)
        {
            var at = _offsets[i >> ChunkBits][i & (ChunkSize - 1)];
            if (at < 0)
            {
                w.Write7BitEncodedInt(0); // a hashed bigram: no text, its bucket (terms are never empty)
                w.Write(~at);
                continue;
            }

            var bytes = Bytes(i);
            w.Write7BitEncodedInt(bytes.Length); // the layout of BinaryWriter.Write(string)
            w.Write(bytes);
            var s = surfaces.GetValueOrDefault(i);
            w.Write(s != null);
            if (s != null) w.Write(s);
        }
    }

    /// <summary>Bulk load of a written dictionary into a new, not yet shared instance (pre-sized, no string per term).</summary>
    public static TermDictionary Read(BinaryReader r)
    {
        var d = new TermDictionary(r.ReadInt32());
        var n = r.ReadInt32();
        var text = r.ReadInt32();
        var capacity = 1024;
        while ((long)capacity * 3 < (long)text * 4) capacity *= 2;
        d._slots = new long[capacity];
        for (var id = 0; id < n; id++)
        {
            var length = r.Read7BitEncodedInt();
            if (length == 0)
            {
                var bucket = r.ReadInt32();
                if (d.HashBits == 0 || (uint)bucket >= 1u << d.HashBits || d.TryGetHashedId(bucket) >= 0)
                {
                    throw new InvalidDataException("Bad hashed bigram in the snapshot's term table.");
                }

                d._count = id;
                if (d.GetOrAddHashed(bucket) != id) throw new InvalidDataException("Bad hashed bigram in the snapshot's term table.");
                continue;
            }

            var at = d.Reserve(length, out var chunk, out var pos);
            var bytes = chunk.AsSpan(pos, length);
            r.BaseStream.ReadExactly(bytes);
            var hash = Hash(bytes);
            var slot = d.Find(d._slots, bytes, hash);
            if (d._slots[slot] != 0)
            {
                throw new InvalidDataException("Duplicate feature in the snapshot's term table.");
            }

            d.Place(id, at, bytes[0], slot, hash);
            if (r.ReadBoolean())
            {
                var s = r.ReadString();
                var term = Encoding.UTF8.GetString(bytes);
                if (SurfaceToStore(term, s) is { } keep) d._surfaces[id] = keep;
            }
        }

        d._count = n;
        return d;
    }
}


/// <summary>
/// Stable hashes for word bigram features: the same in every process and on every platform (unlike
/// <see cref="string.GetHashCode()"/>), because bucket numbers are stored in snapshots. A word's hash is computed
/// once and serves both bigrams it is part of.
/// </summary>
internal static class BigramHash
{
    /// <summary>64-bit FNV-1a over the UTF-16 code units.</summary>
    public static ulong Word(ReadOnlySpan<char> word)
    {
        var h = 14695981039346656037UL;
        foreach (var c in word)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }

    /// <summary>The feature text standing for the bigram (first, second): its bucket's, or the bigram itself when
    /// <paramref name="bits"/> is 0 (tests and diagnostics; the analyzer builds no string per bigram).</summary>
    public static string Feature(string first, string second, int bits) =>
        bits > 0 ? TermDictionary.HashedTerm(Bucket(Word(first), Word(second), bits)) : string.Concat("b", first, "_", second);

    /// <summary>The bucket of the bigram (first, second) among 2^<paramref name="bits"/>; order matters.</summary>
    public static int Bucket(ulong first, ulong second, int bits)
    {
        var h = (first * 0x9E3779B97F4A7C15UL) ^ second;
        h ^= h >> 30; // splitmix64's finaliser spreads the high bits the bucket is taken from
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (int)(h >> (64 - bits));
    }
}

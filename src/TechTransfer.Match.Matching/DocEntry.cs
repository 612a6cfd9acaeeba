namespace TechTransfer.Match.Matching;

/// <summary>
/// One indexed listing: metadata (text dropped) and its sparse bag of weighted feature counts, packed: per feature in
/// ascending term order, the gap to the previous term id (7-bit encoded) and the count in one byte when it is a
/// multiple of 0.5 below 127.5 (field-weighted counts almost always are), else an escape byte and a 16-bit float.
/// About 3 bytes per feature instead of 8: forward entries and postings are most of the index at a million listings.
/// </summary>
internal sealed class DocEntry
{
    private const byte HalfEscape = 0xFF;
    private readonly ByteRegion _packed;

    public DocEntry(ListingDocument meta, ReadOnlySpan<int> terms, ReadOnlySpan<float> counts, float length)
    {
        Meta = meta;
        Length = length;
        TermCount = terms.Length;
        var size = 0;
        var prev = -1;
        for (var i = 0; i < terms.Length; i++)
        {
            size += Varint.Size((uint)(terms[i] - prev)) + (CountCode(counts[i]) == HalfEscape ? 3 : 1);
            prev = terms[i];
        }

        var packed = new byte[size];
        var pos = 0;
        prev = -1;
        for (var i = 0; i < terms.Length; i++)
        {
            Varint.Write(packed, ref pos, (uint)(terms[i] - prev));
            prev = terms[i];
            var code = CountCode(counts[i]);
            packed[pos++] = code;
            if (code == HalfEscape)
            {
                var h = BitConverter.HalfToUInt16Bits((Half)Math.Min(counts[i], 65504f));
                packed[pos++] = (byte)h;
                packed[pos++] = (byte)(h >> 8);
            }
        }

        _packed = new ByteRegion(packed);
    }

    /// <summary>An entry from its packed features as <see cref="Packed"/> gives them (snapshot load: no re-packing).</summary>
    public DocEntry(ListingDocument meta, ByteRegion packed, int termCount, float length)
    {
        Meta = meta;
        Length = length;
        TermCount = termCount;
        _packed = packed;
    }

    /// <summary>2 x count when that is a whole number in 1..254, else the escape.</summary>
    private static byte CountCode(float count)
    {
        var twice = count * 2;
        return twice is >= 1 and <= 254 && twice == MathF.Floor(twice) ? (byte)twice : HalfEscape;
    }

    public ListingDocument Meta { get; }

    /// <summary>Number of distinct features.</summary>
    public int TermCount { get; }

    /// <summary>Field-weighted number of word tokens.</summary>
    public float Length { get; }

    /// <summary>Packed size in bytes (diagnostics).</summary>
    public int PackedBytes => _packed.Length;

    /// <summary>The packed features, as the snapshot stores them (see <see cref="KeepAlive"/>).</summary>
    public ReadOnlySpan<byte> Packed => _packed.Span;

    /// <summary>Whether the features are read from a mapped snapshot file.</summary>
    public bool IsMapped => _packed.IsMapped;

    /// <summary>Call after the last read of a span from <see cref="Packed"/> or <see cref="Reader"/>: keeps a mapped file alive.</summary>
    public void KeepAlive() => _packed.KeepAlive();

    /// <summary>Ascending term ids and their field-weighted counts (new arrays).</summary>
    public (int[] Terms, float[] Counts) Unpack()
    {
        var terms = new int[TermCount];
        var counts = new float[TermCount];
        var r = Reader();
        for (var i = 0; r.Next(out var t, out var c); i++)
        {
            terms[i] = t;
            counts[i] = c;
        }

        KeepAlive();
        return (terms, counts);
    }

    /// <summary>Reads the features in ascending term order without allocating (see <see cref="KeepAlive"/>).</summary>
    public TermReader Reader() => new(_packed.Span, TermCount);

    internal ref struct TermReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly int _count;
        private int _index;
        private int _pos;
        private int _term;

        public TermReader(ReadOnlySpan<byte> data, int count)
        {
            _data = data;
            _count = count;
            _term = -1;
        }

        public bool Next(out int term, out float count)
        {
            if (_index == _count)
            {
                term = 0;
                count = 0;
                return false;
            }

            _term += (int)Varint.Read(_data, ref _pos);
            term = _term;
            var code = _data[_pos++];
            if (code != HalfEscape)
            {
                count = code * 0.5f;
            }
            else
            {
                count = (float)BitConverter.UInt16BitsToHalf((ushort)(_data[_pos] | (_data[_pos + 1] << 8)));
                _pos += 2;
            }

            _index++;
            return true;
        }
    }
}

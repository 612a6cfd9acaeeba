namespace TechTransfer.Match.Matching;

/// <summary>Unsigned LEB128 (7 bits per byte, low bits first), the packing of postings and forward entries.</summary>
internal static class Varint
{
    public static int Size(uint v) => v < 1u << 7 ? 1 : v < 1u << 14 ? 2 : v < 1u << 21 ? 3 : v < 1u << 28 ? 4 : 5;

    public static void Write(byte[] data, ref int pos, uint v)
    {
        while (v >= 0x80)
        {
            data[pos++] = (byte)(v | 0x80);
            v >>= 7;
        }

        data[pos++] = (byte)v;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static uint Read(ReadOnlySpan<byte> data, ref int pos)
    {
        uint b = data[pos++];
        if (b < 0x80) return b;
        var v = b & 0x7F;
        var shift = 7;
        do
        {
            b = data[pos++];
            v |= (b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return v;
    }
}

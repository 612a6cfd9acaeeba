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

    /// <summary>Whether <see cref="Read(ulong, out int)"/> runs on this processor (it needs BMI2's bit extract).</summary>
    public static bool CanReadWord => System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported;

    /// <summary>
    /// The value at the start of <paramref name="x"/> (8 bytes read at once, little-endian) when it takes at most 4
    /// bytes: the length from the continuation bits, the value by a parallel bit extract, no branch on the length
    /// (which a byte-at-a-time read mispredicts when lengths vary). Only where <see cref="CanReadWord"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static uint Read(ulong x, out int length)
    {
        length = (int)((ulong)System.Numerics.BitOperations.TrailingZeroCount(~x & 0x80808080UL) + 1) >> 3;
        return (uint)(System.Runtime.Intrinsics.X86.Bmi2.X64.ParallelBitExtract(x, 0x7F7F7F7FUL) & ((1UL << (7 * length)) - 1));
    }

    /// <summary>The 8 bytes at <paramref name="pos"/>, little-endian (the caller checks that 8 remain).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Word(ReadOnlySpan<byte> data, int pos) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(data[pos..]);

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

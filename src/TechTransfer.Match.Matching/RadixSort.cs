namespace TechTransfer.Match.Matching;

/// <summary>
/// Sorts longs by their upper 32 bits (a non-negative key, such as a term id packed above its count), eight bits a
/// pass, least significant first. A bulk build sorts every listing's term ids once; a comparison sort of about a
/// thousand values mispredicted a branch at every other step and was a twentieth of the build.
/// </summary>
internal static class RadixSort
{
    private const int Bits = 8;
    private const int Buckets = 1 << Bits;

    /// <param name="values">values whose keys (upper 32 bits) are distinct, at most <paramref name="maxKey"/></param>
    /// <param name="scratch">room for as many values</param>
    public static void ByUpperInt(Span<long> values, Span<long> scratch, int maxKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxKey);
        if (values.Length < 64)
        {
            values.Sort(); // distinct keys: the upper bits decide
            return;
        }

        Span<int> counts = stackalloc int[Buckets];
        var src = values;
        var dst = scratch[..values.Length];
        var inScratch = false;
        for (var shift = 32; shift < 64 && (maxKey >> (shift - 32)) != 0; shift += Bits)
        {
            counts.Clear();
            foreach (var v in src) counts[(int)((ulong)v >> shift) & (Buckets - 1)]++;
            if (counts[(int)((ulong)src[0] >> shift) & (Buckets - 1)] == src.Length) continue; // one bucket: in order already

            var sum = 0;
            for (var b = 0; b < Buckets; b++)
            {
                var c = counts[b];
                counts[b] = sum;
                sum += c;
            }

            foreach (var v in src) dst[counts[(int)((ulong)v >> shift) & (Buckets - 1)]++] = v;
            var t = src;
            src = dst;
            dst = t;
            inScratch = !inScratch;
        }

        if (inScratch) src.CopyTo(values);
    }
}

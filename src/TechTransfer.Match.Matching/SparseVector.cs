namespace TechTransfer.Match.Matching;

/// <summary>A sparse vector: ascending term ids and weights.</summary>
internal readonly record struct SparseVector(int[] Terms, float[] Weights)
{
    public static readonly SparseVector Empty = new([], []);

    public int Count => Terms.Length;
}

namespace TechTransfer.Match.Benchmarks;

internal static class SpeedBench
{
    public static int Run(string[] args)
    {
        _ = args;
        return 0;
    }
}

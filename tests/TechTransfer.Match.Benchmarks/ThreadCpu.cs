using System.Runtime.InteropServices;

namespace TechTransfer.Match.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on a shared machine the
/// wall-clock latency includes time spent waiting for a core, the thread's CPU time is what one core spends.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec value);

    public static bool Available { get; } = OperatingSystem.IsLinux() && Probe();

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Milliseconds of CPU used by this thread so far (NaN when not available).</summary>
    public static double NowMs()
    {
        if (!Available || ClockGetTime(ClockThreadCpuTimeId, out var t) != 0)
        {
            return double.NaN;
        }

        return (t.Seconds * 1000.0) + (t.Nanoseconds / 1e6);
    }
}

namespace TechTransfer.Match.Tests.Infrastructure;

/// <summary>A clock stopped at one moment, for sweeps and digests run "as if" at another time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

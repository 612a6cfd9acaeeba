namespace TechTransfer.Match.PlatformBenchmarks;

/// <summary>One measurement of the platform, selected by its verb on the command line.</summary>
public interface IPlatformBenchmark
{
    string Verb { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args);
}

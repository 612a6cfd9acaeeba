namespace TechTransfer.Match.Web.Features.Contracts.Import;

public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Files with more data rows than this run as background jobs (202 + job address).</summary>
    public int BackgroundThresholdRows { get; set; } = 5000;

    /// <summary>Largest accepted upload.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>A job interrupted this many times (restarts during the run) is marked failed instead of run again.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>A preview neither committed nor cancelled within this time is cancelled and its upload deleted.</summary>
    public TimeSpan PreviewLifetime { get; set; } = TimeSpan.FromHours(24);
}

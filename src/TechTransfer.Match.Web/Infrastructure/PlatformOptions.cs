namespace TechTransfer.Match.Web.Infrastructure;

/// <summary>Configuration section "Platform": the home region the platform favours.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>GB/T 2260 code of the home city (Dalian).</summary>
    public string HomeRegionCode { get; set; } = "210200";
    public string HomeRegionName { get; set; } = "大连市";
    /// <summary>GB/T 2260 code of the home province (Liaoning).</summary>
    public string HomeProvinceCode { get; set; } = "210000";

    /// <summary>A region lies in the home city when it shares the city's first four digits (codes nest).</summary>
    public bool IsInHomeCity(string? regionCode) =>
        regionCode is { Length: 6 } && regionCode.AsSpan(0, 4).SequenceEqual(HomeRegionCode.AsSpan(0, 4));

    public bool IsInHomeProvince(string? regionCode) =>
        regionCode is { Length: 6 } && regionCode.AsSpan(0, 2).SequenceEqual(HomeProvinceCode.AsSpan(0, 2));
}

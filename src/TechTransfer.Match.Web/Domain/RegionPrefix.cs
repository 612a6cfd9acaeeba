namespace TechTransfer.Match.Web.Domain;

public static class RegionPrefix
{
    /// <summary>GB/T 2260 codes nest: 210000 (province) -> "21", 210200 (city) -> "2102", 210211 -> "210211".</summary>
    public static string Of(string code)
    {
        var trimmed = code;
        while (trimmed.Length > 2 && trimmed.EndsWith("00", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^2];
        }

        return trimmed;
    }
}

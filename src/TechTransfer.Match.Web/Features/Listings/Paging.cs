using Microsoft.EntityFrameworkCore;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>The body of lifecycle commands: the version the client last read.</summary>
public sealed record VersionBody(long Version);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class PagingExtensions
{
    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<T>(items, page, pageSize, total);
    }
}

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

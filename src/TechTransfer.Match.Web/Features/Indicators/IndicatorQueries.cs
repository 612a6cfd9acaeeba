using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>One institution's projects and amounts for one year, aggregated in the database.</summary>
public sealed record InstitutionYear(Guid InstitutionId, int Year, int Projects, int LocalProjects, decimal Amount, decimal LocalAmount);

public sealed record InstitutionRef(Guid Id, string NameZh, string NameEn);

public static class IndicatorQueries
{
    /// <summary>
    /// Contracts sold by institutions (universities and research institutes) in the years, grouped by seller
    /// and year in SQL: count, local count, amount (合同成交额) and local amount. The institutions are joined
    /// first and each one's range of the (seller, year) covering index is read. One or two years (turnover,
    /// localization, contract amounts) run one statement per year: with <c>Year = @y</c> PostgreSQL knows the
    /// year is fixed and aggregates the ranges in the order they come instead of sorting them (about a fifth
    /// less time); longer ranges (series) run one statement.
    /// </summary>
    public static async Task<List<InstitutionYear>> InstitutionYearsAsync(
        AppDbContext db, int fromYear, int toYear, CategoryFilter categories, Guid? institution, CancellationToken ct)
    {
        IQueryable<TechnologyContract> Sold(int from, int to)
        {
            var contracts = categories.Apply(db.CountedContracts).Where(c => c.SellerOrganisation!.Kind == OrganisationKind.Institution);
            contracts = from == to ? contracts.Where(c => c.Year == from) : contracts.Where(c => c.Year >= from && c.Year <= to);
            return institution is { } id ? contracts.Where(c => c.SellerOrganisationId == id) : contracts;
        }

        if (toYear - fromYear > 1)
        {
            return await SellerYearsAsync(db, Sold(fromYear, toYear), ct);
        }

        var years = new List<InstitutionYear>();
        for (var year = fromYear; year <= toYear; year++)
        {
            years.AddRange(await SellerYearsAsync(db, Sold(year, year), ct));
        }

        return years;
    }

    private static async Task<List<InstitutionYear>> SellerYearsAsync(AppDbContext db, IQueryable<TechnologyContract> contracts, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // SQLite has no decimal type: EF sums decimals with a managed function called per row.
            // Whole cents as integers sum natively and exactly (see docs/indicators.md).
            var cents = await contracts
                .GroupBy(c => new { c.SellerOrganisationId, c.Year })
                .Select(g => new
                {
                    g.Key.SellerOrganisationId,
                    g.Key.Year,
                    Projects = g.Count(),
                    Local = g.Count(c => c.IsLocal),
                    Cents = g.Sum(c => (long)((double)c.TotalAmount * 100 + 0.5)),
                    LocalCents = g.Sum(c => c.IsLocal ? (long)((double)c.TotalAmount * 100 + 0.5) : 0L),
                })
                .ToListAsync(ct);
            return cents.Select(x => new InstitutionYear(x.SellerOrganisationId, x.Year, x.Projects, x.Local, x.Cents / 100m, x.LocalCents / 100m)).ToList();
        }

        return await contracts
            .GroupBy(c => new { c.SellerOrganisationId, c.Year })
            .Select(g => new InstitutionYear(
                g.Key.SellerOrganisationId,
                g.Key.Year,
                g.Count(),
                g.Count(c => c.IsLocal),
                g.Sum(c => c.TotalAmount),
                g.Sum(c => c.IsLocal ? c.TotalAmount : 0m)))
            .ToListAsync(ct);
    }

    /// <summary>Contracts and amount per key, summed in the database (whole cents on SQLite, decimals elsewhere).</summary>
    public static async Task<Dictionary<TKey, (int Count, decimal Amount)>> CountAndSumAsync<TKey>(
        AppDbContext db, IQueryable<TechnologyContract> contracts, System.Linq.Expressions.Expression<Func<TechnologyContract, TKey>> key, CancellationToken ct)
        where TKey : notnull
    {
        if (db.Database.IsSqlite())
        {
            var cents = await contracts.GroupBy(key)
                .Select(g => new { g.Key, Count = g.Count(), Cents = g.Sum(c => (long)((double)c.TotalAmount * 100 + 0.5)) })
                .ToListAsync(ct);
            return cents.ToDictionary(x => x.Key, x => (x.Count, x.Cents / 100m));
        }

        var sums = await contracts.GroupBy(key)
            .Select(g => new { g.Key, Count = g.Count(), Amount = g.Sum(c => c.TotalAmount) })
            .ToListAsync(ct);
        return sums.ToDictionary(x => x.Key, x => (x.Count, x.Amount));
    }

    public static async Task<Dictionary<Guid, InstitutionRef>> NamesAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organisations.AsNoTracking()
            .Where(o => list.Contains(o.Id))
            .Select(o => new InstitutionRef(o.Id, o.NameZh, o.NameEn))
            .ToDictionaryAsync(o => o.Id, ct);
    }
}

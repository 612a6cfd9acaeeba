using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data;

/// <summary>
/// Writes and reads <see cref="ContractYearStamp"/>s. Tracked changes bump through <see cref="AppDbContext"/>'s save;
/// writes past the change tracker (bulk import, <c>ExecuteUpdate</c>s, merges) call <see cref="BumpAsync"/> themselves,
/// always inside the transaction of their write, so the stamp and the contracts commit together.
/// </summary>
public static class ContractYearStamps
{
    /// <summary>The stamp of changes that can touch every year (organisations merged, a kind or region corrected).</summary>
    public const int AllYears = 0;

    /// <summary>The years a save changes: contracts added, removed or edited (both years when the year moves), organisations re-classified.</summary>
    public static SortedSet<int> Touched(ChangeTracker tracker)
    {
        var years = new SortedSet<int>();
        foreach (var entry in tracker.Entries<TechnologyContract>())
        {
            if (entry.State is EntityState.Added or EntityState.Deleted or EntityState.Modified)
            {
                years.Add(entry.Entity.Year);
            }

            if (entry.State == EntityState.Modified)
            {
                years.Add(entry.Property(c => c.Year).OriginalValue);
            }
        }

        foreach (var entry in tracker.Entries<Organisation>())
        {
            if (entry.State == EntityState.Deleted || (entry.State == EntityState.Modified
                && (entry.Property(o => o.Kind).IsModified || entry.Property(o => o.RegionCode).IsModified)))
            {
                years.Add(AllYears);
            }
        }

        return years;
    }

    /// <summary>Bumps the years' stamps, in ascending order so that two writers never wait on each other crosswise.</summary>
    public static async Task BumpAsync(AppDbContext db, IEnumerable<int> years, CancellationToken ct)
    {
        foreach (var year in years.Distinct().Order())
        {
            await db.Database.ExecuteSqlRawAsync(UpsertSql(db), [year], ct);
        }
    }

    public static void Bump(AppDbContext db, IEnumerable<int> years)
    {
        foreach (var year in years.Distinct().Order())
        {
            db.Database.ExecuteSqlRaw(UpsertSql(db), [year]);
        }
    }

    /// <summary>The year's stamp and the all-years stamp in one statement (0 for a year never written).</summary>
    public static async Task<(long Year, long All)> ReadAsync(AppDbContext db, int year, CancellationToken ct)
    {
        var rows = await db.ContractYearStamps.AsNoTracking().Where(s => s.Year == year || s.Year == AllYears)
            .Select(s => new { s.Year, s.Version }).ToListAsync(ct);
        return (rows.FirstOrDefault(r => r.Year == year)?.Version ?? 0, rows.FirstOrDefault(r => r.Year == AllYears)?.Version ?? 0);
    }

    private static string UpsertSql(AppDbContext db) => db.Database.IsSqlServer()
        ? "MERGE [ContractYearStamps] WITH (HOLDLOCK) AS t USING (SELECT {0} AS [Year]) AS s ON t.[Year] = s.[Year] "
          + "WHEN MATCHED THEN UPDATE SET [Version] = t.[Version] + 1 WHEN NOT MATCHED THEN INSERT ([Year], [Version]) VALUES (s.[Year], 1);"
        : "INSERT INTO \"ContractYearStamps\" (\"Year\", \"Version\") VALUES ({0}, 1) "
          + "ON CONFLICT (\"Year\") DO UPDATE SET \"Version\" = \"ContractYearStamps\".\"Version\" + 1";
}

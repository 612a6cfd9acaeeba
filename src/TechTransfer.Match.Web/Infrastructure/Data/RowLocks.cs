using Microsoft.EntityFrameworkCore;

namespace TechTransfer.Match.Web.Infrastructure.Data;

/// <summary>
/// Row locks held to the end of the current transaction, for a check-then-write no unique index can guard (an import
/// that drafts the organisations it does not find by name). A second transaction locking the same rows waits for the
/// first to commit and then reads what it wrote. Rows are locked in key order so two lockers cannot deadlock. SQLite
/// has no row locks and needs none: it admits one writer at a time.
/// </summary>
public static class RowLocks
{
    public static async Task LockOrganisationsAsync(this AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var keys = ids.Distinct().Order().ToArray();
        if (keys.Length == 0 || db.Database.CurrentTransaction is null)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Organisations" WHERE "Id" = ANY({keys}) ORDER BY "Id" FOR UPDATE""", ct);
        }
        else if (db.Database.IsSqlServer())
        {
            foreach (var key in keys)
            {
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM [Organisations] WITH (UPDLOCK, ROWLOCK, HOLDLOCK) WHERE [Id] = {key}", ct);
            }
        }
    }
}

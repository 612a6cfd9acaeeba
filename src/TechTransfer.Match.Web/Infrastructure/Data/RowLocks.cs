using Microsoft.EntityFrameworkCore;

namespace TechTransfer.Match.Web.Infrastructure.Data;

/// <summary>
/// Locks held to the end of the current transaction, for a check-then-write no unique index can guard: an import
/// drafts the organisations it does not find by name, and no index can say "one organisation per name" (names are
/// matched through aliases and normalisation too). A second transaction taking the lock waits for the first to commit
/// and then reads what it wrote (read committed). SQLite needs none: it admits one writer at a time.
/// </summary>
public static class RowLocks
{
    /// <summary>The one application lock for drafting organisations (an arbitrary constant key).</summary>
    private const long OrganisationDrafting = 0x7474_6D5F_6F72_6764; // "ttm_orgd"

    public static async Task LockOrganisationDraftingAsync(this AppDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({OrganisationDrafting})", ct);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlAsync(
                $"EXEC sp_getapplock @Resource = {"ttm:organisation-drafting"}, @LockMode = {"Exclusive"}, @LockOwner = {"Transaction"}", ct);
        }
    }
}

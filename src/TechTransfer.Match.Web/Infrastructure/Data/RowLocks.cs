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

    /// <summary>
    /// Locks an incentive scheme's row to the end of the transaction, before it is read: one computation of its
    /// entitlements at a time. Two at once inserted the same beneficiaries' rows in orders that followed the database's
    /// scan order, so each could wait on the other's unique keys (a deadlock, seen on PostgreSQL); the second now waits,
    /// then reads the first's result.
    /// </summary>
    public static async Task LockIncentiveSchemeAsync(this AppDbContext db, Guid id, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"IncentiveSchemes\" WHERE \"Id\" = {id} FOR UPDATE", ct);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM [IncentiveSchemes] WITH (UPDLOCK, ROWLOCK) WHERE [Id] = {id}", ct);
        }
    }
}

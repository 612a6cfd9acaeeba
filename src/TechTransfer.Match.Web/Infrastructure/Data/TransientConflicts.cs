using System.Data.Common;

namespace TechTransfer.Match.Web.Infrastructure.Data;

/// <summary>
/// Recognises a request that lost to another one at the same moment in the database itself: a deadlock or a
/// serialization failure (PostgreSQL 40P01 / 40001, SQL Server error 1205) or a SQLite database still locked when
/// its busy timeout ran out. The transaction was rolled back whole, so the client may simply send the request again:
/// a 409 saying so, not a 500.
/// </summary>
public static class TransientConflicts
{
    public const string Code = "try_again";

    public const string Message = "The request clashed with another change made at the same moment and was not applied. Send it again.";

    /// <summary>True when the exception, or one it wraps, is such a conflict.</summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException db && IsConflict(db))
            {
                return true;
            }
        }

        return false;
    }

    // By type name, as UniqueConflicts: the SQL Server provider is referenced only by its migrations assembly.
    private static bool IsConflict(DbException db) => db.GetType().Name switch
    {
        "PostgresException" => db.SqlState is "40P01" or "40001",
        "SqlException" => db.GetType().GetProperty("Number")?.GetValue(db) is 1205,
        "SqliteException" => db.GetType().GetProperty("SqliteErrorCode")?.GetValue(db) is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        _ => false,
    };
}

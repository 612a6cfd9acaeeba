using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data;

public static class DbContextExtensions
{
    /// <summary>
    /// Checks the client's version and makes the save conditional on it, so a change that lands
    /// between this read and the save still fails (409) instead of being overwritten.
    /// </summary>
    public static bool MatchesVersion<T>(this AppDbContext db, T entity, long clientVersion)
        where T : MutableEntity
    {
        db.Entry(entity).Property(e => e.Version).OriginalValue = clientVersion;
        return entity.Version == clientVersion;
    }
}

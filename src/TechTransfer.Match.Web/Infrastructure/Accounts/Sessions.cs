using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Accounts;

public static class Sessions
{
    /// <summary>Ends every open session of the person: their tokens and cookies stop working on the next request.</summary>
    public static Task<int> RevokeAllAsync(AppDbContext db, Guid userId, string reason, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
    }
}

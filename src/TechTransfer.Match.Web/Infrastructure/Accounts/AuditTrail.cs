using System.Text.Json;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Accounts;

/// <summary>Writes audit lines in the transaction of the change they describe.</summary>
public sealed class AuditTrail(AppDbContext db, CurrentUser current, IHttpContextAccessor http, TimeProvider clock)
{
    public void Record(string action, string targetType, Guid? targetId, object? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorUserId = current.Id,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details is null ? "{}" : JsonSerializer.Serialize(details, JsonSerializerOptions.Web),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
}

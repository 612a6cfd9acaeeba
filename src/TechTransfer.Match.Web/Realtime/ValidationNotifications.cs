using Mediator;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>Tells the firms that dismissed an achievement as too early that its validation completed, and the maturity it reached.</summary>
public sealed class ValidationNotifications(NotificationDispatcher dispatcher) : INotificationHandler<ValidationCompleted>
{
    public async ValueTask Handle(ValidationCompleted e, CancellationToken ct) =>
        await dispatcher.ToOrganisationMembersAsync(e.FirmIds, NotificationKind.ValidationCompleted,
            new { e.AchievementId, e.Title, e.TrlBefore, e.TrlAfter }, $"/achievements/{e.AchievementId}", null, ct);
}

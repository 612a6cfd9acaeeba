using Mediator;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>Tells the owning organisation's members that an administrator unpublished one of their records, and why.</summary>
public sealed class ModerationNotifications(NotificationDispatcher dispatcher) : INotificationHandler<ListingUnpublished>
{
    public async ValueTask Handle(ListingUnpublished e, CancellationToken ct)
    {
        var kind = e.IsAchievement ? "achievements" : "needs";
        await dispatcher.ToOrganisationMembersAsync([e.OrganisationId], NotificationKind.ListingUnpublished,
            new { e.ListingId, e.Title, e.Reason }, $"/workspace/{kind}/{e.ListingId}/edit", null, ct);
    }
}

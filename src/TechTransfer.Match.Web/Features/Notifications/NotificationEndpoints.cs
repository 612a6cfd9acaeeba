using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Notifications;

public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        notifications.MapGet("/", ListNotificationsHandler.Endpoint).WithName("ListNotifications");
        notifications.MapGet("/groups", ListNotificationGroupsHandler.Endpoint).WithName("ListNotificationGroups");
        notifications.MapGet("/{id:guid}/group", ListNotificationGroupItemsHandler.Endpoint).WithName("ListNotificationGroupItems");
        notifications.MapPost("/{id:guid}/read-group", MarkNotificationsReadHandler.Group).WithName("MarkNotificationGroupRead");
        notifications.MapGet("/unread-count", GetUnreadCountHandler.Endpoint).WithName("GetUnreadCount");
        notifications.MapPost("/{id:guid}/read", MarkNotificationsReadHandler.One).WithName("MarkNotificationRead");
        notifications.MapPost("/read-all", MarkNotificationsReadHandler.All).WithName("MarkAllNotificationsRead");
        notifications.MapGet("/preferences", GetNotificationPreferencesHandler.Endpoint).WithName("GetNotificationPreferences");
        notifications.MapPut("/preferences", SetNotificationPreferencesHandler.Endpoint).WithName("SetNotificationPreferences");
        // A mail's unsubscribe link: the signed token is the authority, not a session.
        notifications.MapPost("/unsubscribe", UnsubscribeByMailHandler.Endpoint).WithName("UnsubscribeByMail").AllowAnonymous();

        var searches = app.MapGroup("/api/saved-searches").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        searches.MapGet("/", ListSavedSearchesHandler.Endpoint).WithName("ListSavedSearches");
        searches.MapPost("/", SaveSearchHandler.Endpoint).WithName("SaveSearch");
        searches.MapDelete("/{id:guid}", DeleteSavedSearchHandler.Endpoint).WithName("DeleteSavedSearch");
        return app;
    }
}

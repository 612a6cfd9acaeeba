using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>What the server pushes to a connected browser or API client.</summary>
public interface INotificationsClient
{
    /// <summary>A stored notification for this person.</summary>
    Task Notification(NotificationMessage message);

    /// <summary>Progress of an import this person started (not stored).</summary>
    Task ImportProgress(ImportProgressMessage progress);

    /// <summary>The bureau's live counters changed.</summary>
    Task IndicatorsChanged(IndicatorCounters counters);

    /// <summary>Once a day, for people who chose digest delivery: their unread notifications of the last day, counted by kind.</summary>
    Task Digest(DigestMessage digest);
}

public sealed record NotificationMessage(Guid Id, NotificationKind Kind, string Data, string? Link, DateTime CreatedAt);

public sealed record ImportProgressMessage(Guid ImportJobId, int RowsRead, int RowsValid, int RowsRejected);

public sealed record IndicatorCounters(int Year, int Contracts, int LocalContracts, decimal Amount, decimal LocalAmount, double LocalRateByCount, double LocalRateByAmount);

/// <summary>
/// The notifications hub at <c>/hubs/notifications</c>. Authenticated with the API's cookie or bearer
/// token (browsers pass the token as <c>access_token</c>). Each connection joins its person's,
/// organisation's and role's groups; nothing is ever sent to all connections.
/// </summary>
[Authorize]
public sealed class NotificationsHub(CurrentUser current, HubSessions sessions) : Hub<INotificationsClient>
{
    public const string Path = "/hubs/notifications";

    public static string OrganisationGroup(Guid organisationId) => $"org:{organisationId}";

    public static string RoleGroup(string role) => $"role:{role}";

    public override async Task OnConnectedAsync()
    {
        // The connection's own principal: the request that opened it, as SessionPrincipal rebuilt it.
        if (Guid.TryParse(Context.User?.FindFirst(Infrastructure.Accounts.AccountClaims.Session)?.Value, out var session))
        {
            sessions.Add(Context, session);
        }

        if (await current.OrganisationIdAsync(Context.ConnectionAborted) is { } organisationId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, OrganisationGroup(organisationId));
        }

        foreach (var role in new[] { Roles.BureauAnalyst, Roles.Administrator, Roles.TechnologyManager })
        {
            if (current.IsInRole(role))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, RoleGroup(role));
            }
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

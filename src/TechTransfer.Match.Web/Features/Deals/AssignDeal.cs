using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Deals;

public sealed record AssignDealBody(Guid ManagerUserId, long Version);

/// <summary>
/// Assigns a deal to a technology manager: administrators assign anyone, a manager takes an unassigned
/// deal for themselves, and the current manager hands the deal over.
/// </summary>
public sealed record AssignDeal(Guid Id, Guid ManagerUserId, long Version) : ICommand<Result<DealView>>;

public sealed class AssignDealHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<AssignDeal, Result<DealView>>
{
    public async ValueTask<Result<DealView>> Handle(AssignDeal command, CancellationToken cancellationToken)
    {
        var isAdmin = current.IsInRole(Roles.Administrator);
        var isManager = current.IsInRole(Roles.TechnologyManager);
        var deal = await db.Deals.FindAsync([command.Id], cancellationToken);
        if (deal is null || !(isManager || await DealAccess.MaySeeAsync(deal, current, cancellationToken)))
        {
            return Error.NotFound("Deal");
        }

        var userId = current.Id!.Value;
        var allowed = isAdmin
            || (isManager && deal.ManagerUserId is null && command.ManagerUserId == userId)
            || (deal.ManagerUserId == userId);
        if (!allowed)
        {
            return Error.Forbidden("Administrators assign deals; a manager takes an unassigned deal or hands over their own.");
        }

        if (!db.MatchesVersion(deal, command.Version))
        {
            return Error.StaleVersion();
        }

        if (deal.ManagerUserId == command.ManagerUserId)
        {
            return Error.Conflict("already_assigned", "The deal is already assigned to this manager.");
        }

        if (!await DealAccess.IsTechnologyManagerAsync(db, command.ManagerUserId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken))
        {
            return Error.Invalid("managerUserId", "The manager must be a technology manager.");
        }

        var previous = deal.ManagerUserId;
        deal.ManagerUserId = command.ManagerUserId;
        db.DealEvents.Add(new DealEvent
        {
            DealId = deal.Id, Kind = DealEventKind.Assigned, Note = command.ManagerUserId.ToString(), ByUserId = userId, At = clock.GetUtcNow().UtcDateTime,
        });
        deal.Raise(new DealAssigned(deal.Id, command.ManagerUserId, previous));
        await db.SaveChangesAsync(cancellationToken);
        return await DealAccess.ViewAsync(db, deal, cancellationToken);
    }

    public static async Task<Results<Ok<DealView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, AssignDealBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new AssignDeal(id, body.ManagerUserId, body.Version), ct)).ToOk();
}

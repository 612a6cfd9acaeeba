using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Features.Organisations;

public sealed record MembershipRequestView(Guid Id, Guid OrganisationId, Guid UserId, string UserEmail, string UserDisplayName, string? Message,
    MembershipStatus Status, DateTime CreatedAt, DateTime? DecidedAt);

public sealed record RequestMembershipBody(string? Message);

/// <summary>A person asks to join an organisation; its verified members or an administrator decide.</summary>
public sealed record RequestMembership(Guid OrganisationId, string? Message) : ICommand<Result<MembershipRequestView>>;

public sealed class RequestMembershipValidator : AbstractValidator<RequestMembership>
{
    public RequestMembershipValidator() => RuleFor(x => x.Message).MaximumLength(1000);
}

public sealed class RequestMembershipHandler(AppDbContext db, CurrentUser current) : ICommandHandler<RequestMembership, Result<MembershipRequestView>>
{
    public async ValueTask<Result<MembershipRequestView>> Handle(RequestMembership command, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId || await db.Users.FindAsync([userId], cancellationToken) is not { } user)
        {
            return Error.Unauthorized();
        }

        if (await db.Organisations.FindAsync([command.OrganisationId], cancellationToken) is not { } organisation)
        {
            return Error.NotFound("Organisation");
        }

        if (user.OrganisationId is not null)
        {
            return Error.Conflict("already_member", "You already belong to an organisation; a person belongs to at most one.");
        }

        if (!OrganisationRules.RoleFits(current, organisation.Kind))
        {
            return Error.Forbidden(ValidationText.Format("Your role cannot join an organisation of kind {0}.", organisation.Kind));
        }

        if (await db.MembershipRequests.AnyAsync(r => r.UserId == userId && r.Status == MembershipStatus.Pending, cancellationToken))
        {
            return Error.Conflict("request_pending", "You already have a pending membership request.");
        }

        var request = new MembershipRequest { UserId = userId, OrganisationId = organisation.Id, Message = command.Message?.Trim() };
        db.MembershipRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return new MembershipRequestView(request.Id, organisation.Id, userId, user.Email ?? "", user.DisplayName, request.Message,
            request.Status, request.CreatedAt, null);
    }

    public static async Task<Results<Created<MembershipRequestView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, RequestMembershipBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RequestMembership(id, body.Message), ct)).ToCreated(r => $"/api/organisations/{id}/membership-requests/{r.Id}");
}

public sealed record DecideMembership(Guid OrganisationId, Guid RequestId, bool Approve) : ICommand<Result<MembershipRequestView>>;

public sealed class DecideMembershipHandler(AppDbContext db, CurrentUser current, Infrastructure.Accounts.AuditTrail audit, TimeProvider clock) : ICommandHandler<DecideMembership, Result<MembershipRequestView>>
{
    public async ValueTask<Result<MembershipRequestView>> Handle(DecideMembership command, CancellationToken cancellationToken)
    {
        var request = await db.MembershipRequests.Include(r => r.Organisation)
            .FirstOrDefaultAsync(r => r.Id == command.RequestId && r.OrganisationId == command.OrganisationId, cancellationToken);
        if (request is null)
        {
            return Error.NotFound("Membership request");
        }

        if (!await MembershipAccess.MayDecideAsync(current, request.Organisation!, cancellationToken))
        {
            return Error.Forbidden("Only verified members of the organisation or an administrator decide on membership requests.");
        }

        if (request.Status != MembershipStatus.Pending)
        {
            return Error.Conflict("already_decided", "This request has already been decided.");
        }

        var user = await db.Users.FirstAsync(u => u.Id == request.UserId, cancellationToken);
        if (command.Approve && user.OrganisationId is not null)
        {
            return Error.Conflict("already_member", "The person already belongs to an organisation.");
        }

        request.Status = command.Approve ? MembershipStatus.Approved : MembershipStatus.Rejected;
        request.DecidedBy = current.Id;
        request.DecidedAt = clock.GetUtcNow().UtcDateTime;
        if (command.Approve)
        {
            user.OrganisationId = request.OrganisationId;
        }

        audit.Record(command.Approve ? "membership.approved" : "membership.rejected", "user", user.Id, new { organisation = request.OrganisationId });

        return new MembershipRequestView(request.Id, request.OrganisationId, user.Id, user.Email ?? "", user.DisplayName, request.Message,
            request.Status, request.CreatedAt, request.DecidedAt);
    }

    public static async Task<Results<Ok<MembershipRequestView>, ValidationProblem, ProblemHttpResult>> Approve(
        Guid id, Guid requestId, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideMembership(id, requestId, true), ct)).ToOk();

    public static async Task<Results<Ok<MembershipRequestView>, ValidationProblem, ProblemHttpResult>> Reject(
        Guid id, Guid requestId, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideMembership(id, requestId, false), ct)).ToOk();
}

public sealed record ListMembershipRequests(Guid OrganisationId, MembershipStatus? Status) : IQuery<Result<IReadOnlyList<MembershipRequestView>>>;

public sealed class ListMembershipRequestsHandler(AppDbContext db, CurrentUser current)
    : IQueryHandler<ListMembershipRequests, Result<IReadOnlyList<MembershipRequestView>>>
{
    public async ValueTask<Result<IReadOnlyList<MembershipRequestView>>> Handle(ListMembershipRequests query, CancellationToken cancellationToken)
    {
        if (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.OrganisationId, cancellationToken) is not { } organisation)
        {
            return Error.NotFound("Organisation");
        }

        if (!await MembershipAccess.MayDecideAsync(current, organisation, cancellationToken))
        {
            return Error.Forbidden("Only verified members of the organisation or an administrator see its membership requests.");
        }

        var rows = await db.MembershipRequests.AsNoTracking()
            .Where(r => r.OrganisationId == query.OrganisationId && (query.Status == null || r.Status == query.Status))
            .OrderByDescending(r => r.CreatedAt)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new MembershipRequestView(
                r.Id, r.OrganisationId, u.Id, u.Email ?? "", u.DisplayName, r.Message, r.Status, r.CreatedAt, r.DecidedAt))
            .ToListAsync(cancellationToken);
        return rows;
    }

    public static async Task<Results<Ok<IReadOnlyList<MembershipRequestView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, MembershipStatus? status, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListMembershipRequests(id, status), ct)).ToOk();
}

internal static class MembershipAccess
{
    public static async ValueTask<bool> MayDecideAsync(CurrentUser current, Organisation organisation, CancellationToken ct)
    {
        if (current.IsInRole(Roles.Administrator))
        {
            return true;
        }

        var (orgId, _, verified) = await current.OrganisationAsync(ct);
        return orgId == organisation.Id && verified;
    }
}

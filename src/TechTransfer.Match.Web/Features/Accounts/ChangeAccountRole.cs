using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Accounts;

public sealed record RoleBody(string Role);

/// <summary>
/// An administrator grants or revokes a role (Administrator, BureauAnalyst, Reviewer). It takes effect on the
/// person's next request, on every node (roles are read per request). The last active administrator keeps the role.
/// </summary>
public sealed record ChangeAccountRole(Guid Id, string Role, bool Grant) : ICommand<Result<AccountSummary>>;

public sealed class ChangeAccountRoleValidator : AbstractValidator<ChangeAccountRole>
{
    public ChangeAccountRoleValidator() =>
        RuleFor(x => x.Role).Must(r => Roles.Granted.Contains(r))
            .WithMessage("Administrators grant Administrator, BureauAnalyst and Reviewer; members choose their role at registration and managers are verified.");
}

public sealed class ChangeAccountRoleHandler(AppDbContext db, UserManager<AppUser> users, AuditTrail audit) : ICommandHandler<ChangeAccountRole, Result<AccountSummary>>
{
    public async ValueTask<Result<AccountSummary>> Handle(ChangeAccountRole command, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(command.Id.ToString()) is not { } user || user.ErasedAt is not null)
        {
            return Error.NotFound("Account");
        }

        var holds = await users.IsInRoleAsync(user, command.Role);
        if (holds == command.Grant)
        {
            return Error.Conflict(command.Grant ? "role_held" : "role_not_held", command.Grant ? "The account already has this role." : "The account does not have this role.");
        }

        if (!command.Grant && command.Role == Roles.Administrator && await AccountRules.ActiveAdministratorsAsync(db, users, cancellationToken) <= 1)
        {
            return Error.Conflict("last_administrator", "This is the last active administrator; grant the role to someone else first.");
        }

        var result = command.Grant ? await users.AddToRoleAsync(user, command.Role) : await users.RemoveFromRoleAsync(user, command.Role);
        if (!result.Succeeded)
        {
            return Error.Conflict("role_change_failed", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        audit.Record(command.Grant ? "role.granted" : "role.revoked", "user", user.Id, new { role = command.Role });
        await db.SaveChangesAsync(cancellationToken);
        return await AccountViews.Summaries(db, db.Users.AsNoTracking().Where(u => u.Id == user.Id)).FirstAsync(cancellationToken);
    }

    public static async Task<Results<Ok<AccountSummary>, ValidationProblem, ProblemHttpResult>> Grant(Guid id, RoleBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ChangeAccountRole(id, body.Role, true), ct)).ToOk();

    public static async Task<Results<Ok<AccountSummary>, ValidationProblem, ProblemHttpResult>> Revoke(Guid id, string role, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ChangeAccountRole(id, role, false), ct)).ToOk();
}

public sealed record DeactivationBody(string Reason);

/// <summary>
/// An administrator deactivates an account (it cannot sign in; every session ends at once) or reactivates it.
/// Nobody deactivates their own account or the last active administrator.
/// </summary>
public sealed record SetAccountActive(Guid Id, bool Active, string? Reason) : ICommand<Result<AccountSummary>>;

public sealed class SetAccountActiveValidator : AbstractValidator<SetAccountActive>
{
    public SetAccountActiveValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().When(x => !x.Active).WithMessage("Say why the account is deactivated.");
        RuleFor(x => x.Reason).MaximumLength(1000);
    }
}

public sealed class SetAccountActiveHandler(AppDbContext db, UserManager<AppUser> users, CurrentUser current, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<SetAccountActive, Result<AccountSummary>>
{
    public async ValueTask<Result<AccountSummary>> Handle(SetAccountActive command, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(command.Id.ToString()) is not { } user || user.ErasedAt is not null)
        {
            return Error.NotFound("Account");
        }

        if (command.Active == (user.DeactivatedAt is null))
        {
            return Error.Conflict(command.Active ? "already_active" : "already_deactivated", command.Active ? "The account is active." : "The account is already deactivated.");
        }

        if (!command.Active)
        {
            if (user.Id == current.Id)
            {
                return Error.Conflict("own_account", "You cannot deactivate your own account.");
            }

            if (await users.IsInRoleAsync(user, Roles.Administrator) && await AccountRules.ActiveAdministratorsAsync(db, users, cancellationToken) <= 1)
            {
                return Error.Conflict("last_administrator", "This is the last active administrator.");
            }
        }

        user.DeactivatedAt = command.Active ? null : clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        if (!command.Active)
        {
            await Sessions.RevokeAllAsync(db, user.Id, "deactivated", clock, cancellationToken);
        }

        audit.Record(command.Active ? "account.reactivated" : "account.deactivated", "user", user.Id, new { reason = command.Reason });
        await db.SaveChangesAsync(cancellationToken);
        return await AccountViews.Summaries(db, db.Users.AsNoTracking().Where(u => u.Id == user.Id)).FirstAsync(cancellationToken);
    }

    public static async Task<Results<Ok<AccountSummary>, ValidationProblem, ProblemHttpResult>> Deactivate(Guid id, DeactivationBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetAccountActive(id, false, body.Reason), ct)).ToOk();

    public static async Task<Results<Ok<AccountSummary>, ValidationProblem, ProblemHttpResult>> Reactivate(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetAccountActive(id, true, null), ct)).ToOk();
}

internal static class AccountRules
{
    public static async Task<int> ActiveAdministratorsAsync(AppDbContext db, UserManager<AppUser> users, CancellationToken ct) =>
        (await users.GetUsersInRoleAsync(Roles.Administrator)).Count(u => u.DeactivatedAt is null && u.ErasedAt is null);
}

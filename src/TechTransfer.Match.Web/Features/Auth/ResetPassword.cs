using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Auth;

/// <summary>"Forgot password": mails a reset link to the address if it has an account; answers the same either way.</summary>
public sealed record RequestPasswordReset(string Email) : ICommand<Result<Done>>;

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordReset>
{
    public RequestPasswordResetValidator() => RuleFor(x => x.Email).NotEmpty().MaximumLength(256).EmailAddress();
}

public sealed class RequestPasswordResetHandler(UserManager<AppUser> users, AppDbContext db, SignInThrottle throttle) : ICommandHandler<RequestPasswordReset, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(RequestPasswordReset command, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(command.Email.Trim()) is { DeactivatedAt: null, ErasedAt: null } user && throttle.MayMail("reset", command.Email))
        {
            db.Raise(new AccountMailRequested(user.Id, AccountMailKind.ResetPassword));
        }

        return Done.Value;
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> Endpoint(RequestPasswordReset command, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(command, ct)).ToAccepted();
}

/// <summary>The link in the reset mail: sets a new password and signs every session out.</summary>
public sealed record ResetPassword(string Email, string Token, string NewPassword) : ICommand<Result<Done>>;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPassword>
{
    public ResetPasswordValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(256);
        RuleFor(x => x.Token).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.NewPassword).NotEmpty().MaximumLength(128);
    }
}

public sealed class ResetPasswordHandler(UserManager<AppUser> users, AppDbContext db, TimeProvider clock) : ICommandHandler<ResetPassword, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(ResetPassword command, CancellationToken cancellationToken)
    {
        var invalid = new Error(ErrorKind.Invalid, "invalid_token", "The reset link is invalid or has expired. Ask for a new one.");
        if (await users.FindByEmailAsync(command.Email.Trim()) is not { DeactivatedAt: null, ErasedAt: null } user)
        {
            return invalid;
        }

        var result = await users.ResetPasswordAsync(user, command.Token, command.NewPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == "InvalidToken") ? invalid : RegisterUserHandler.IdentityErrors(result, "newPassword");
        }

        // Whoever had the old password is signed out everywhere (the stamp changed; the sessions end).
        await Sessions.RevokeAllAsync(db, user.Id, "password_changed", clock, cancellationToken);
        if (!user.EmailConfirmed)
        {
            // The mail reached its owner: the address is confirmed.
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        db.Raise(new AccountMailRequested(user.Id, AccountMailKind.PasswordChanged));
        return Done.Value;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(ResetPassword command, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(command, ct)).ToNoContent();
}

/// <summary>A signed-in person changes their password; every session ends, this one too (sign in again).</summary>
public sealed record ChangePassword(string CurrentPassword, string NewPassword) : ICommand<Result<Done>>;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().MaximumLength(128);
        RuleFor(x => x.NewPassword).NotEmpty().MaximumLength(128);
    }
}

public sealed class ChangePasswordHandler(UserManager<AppUser> users, AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<ChangePassword, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(ChangePassword command, CancellationToken cancellationToken)
    {
        if (current.Id is not { } id || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return Error.Unauthorized();
        }

        var result = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == "PasswordMismatch")
                ? Error.Invalid("currentPassword", "The current password is incorrect.")
                : RegisterUserHandler.IdentityErrors(result, "newPassword");
        }

        await Sessions.RevokeAllAsync(db, user.Id, "password_changed", clock, cancellationToken);
        db.Raise(new AccountMailRequested(user.Id, AccountMailKind.PasswordChanged));
        return Done.Value;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(ChangePassword command, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(command, ct)).ToNoContent();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Auth;

/// <summary>The link in the confirmation mail: confirms the address so the account can sign in.</summary>
public sealed record ConfirmEmail(Guid UserId, string Token) : ICommand<Result<Done>>;

public sealed class ConfirmEmailValidator : AbstractValidator<ConfirmEmail>
{
    public ConfirmEmailValidator() => RuleFor(x => x.Token).NotEmpty().MaximumLength(2000);
}

public sealed class ConfirmEmailHandler(UserManager<AppUser> users) : ICommandHandler<ConfirmEmail, Result<Done>>
{
    private static readonly Error Invalid = new(ErrorKind.Invalid, "invalid_token", "The confirmation link is invalid or has expired. Ask for a new one.");

    public async ValueTask<Result<Done>> Handle(ConfirmEmail command, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(command.UserId.ToString()) is not { ErasedAt: null } user)
        {
            return Invalid;
        }

        if (user.EmailConfirmed)
        {
            return Done.Value;
        }

        var result = await users.ConfirmEmailAsync(user, command.Token);
        return result.Succeeded ? Done.Value : Invalid;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Endpoint(ConfirmEmail command, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(command, ct)).ToNoContent();
}

/// <summary>Sends the confirmation mail again; answers the same whatever the address.</summary>
public sealed record ResendConfirmation(string Email) : ICommand<Result<Done>>;

public sealed class ResendConfirmationValidator : AbstractValidator<ResendConfirmation>
{
    public ResendConfirmationValidator() => RuleFor(x => x.Email).NotEmpty().MaximumLength(256).EmailAddress();
}

public sealed class ResendConfirmationHandler(UserManager<AppUser> users, AppDbContext db, SignInThrottle throttle) : ICommandHandler<ResendConfirmation, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(ResendConfirmation command, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(command.Email.Trim()) is { EmailConfirmed: false, ErasedAt: null } user && throttle.MayMail("confirm", command.Email))
        {
            db.Raise(new AccountMailRequested(user.Id, AccountMailKind.ConfirmEmail));
        }

        return Done.Value;
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> Endpoint(ResendConfirmation command, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(command, ct)).ToAccepted();
}

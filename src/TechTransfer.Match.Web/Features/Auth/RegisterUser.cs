using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Auth;

/// <summary>
/// A person opens an account as an institution or enterprise member, or applies to be a technology manager
/// (<c>role: TechnologyManager</c>): the applicant gets no broker powers until an administrator or the
/// bureau verifies the application. The answer is the same whether or not the address already has an
/// account (a mail tells its owner), so registration cannot be used to find out who is registered.
/// </summary>
public sealed record RegisterUser(string Email, string Password, string DisplayName, string Role, string? PreferredLanguage = null)
    : ICommand<Result<RegistrationAccepted>>;

/// <summary>"confirmation_sent": a mail with a confirmation link is on its way to the address.</summary>
public sealed record RegistrationAccepted(string Status, string Email);

public sealed class RegisterUserValidator : AbstractValidator<RegisterUser>
{
    public static readonly string[] Choices = [.. Roles.SelfService, Roles.TechnologyManager];

    public RegisterUserValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(256).EmailAddress();
        RuleFor(x => x.Password).NotEmpty().MaximumLength(128);
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Role).Must(r => Choices.Contains(r))
            .WithMessage("Role must be InstitutionMember or EnterpriseMember, or TechnologyManager to apply as a technology manager. Other roles are granted by an administrator.");
        RuleFor(x => x.PreferredLanguage).Must(l => l is null or "zh-CN" or "en").WithMessage("Language must be zh-CN or en.");
    }
}

public sealed class RegisterUserHandler(UserManager<AppUser> users, AppDbContext db, SignInThrottle throttle, TimeProvider clock)
    : ICommandHandler<RegisterUser, Result<RegistrationAccepted>>
{
    public async ValueTask<Result<RegistrationAccepted>> Handle(RegisterUser command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = command.DisplayName.Trim(),
            PreferredLanguage = command.PreferredLanguage ?? "zh-CN",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };

        // The password rules first: a weak password is refused the same way for a taken address.
        var problems = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, command.Password);
            problems.AddRange(checkedPassword.Errors);
        }

        if (problems.Count > 0)
        {
            return IdentityErrors(IdentityResult.Failed([.. problems]));
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // The work a new account costs (hashing its password), then the same answer; the owner hears of it.
            users.PasswordHasher.HashPassword(user, command.Password);
            if (existing.ErasedAt is null && throttle.MayMail("already-registered", email))
            {
                db.Raise(new AccountMailRequested(existing.Id, AccountMailKind.AlreadyRegistered));
            }

            return new RegistrationAccepted("confirmation_sent", email);
        }

        var created = await users.CreateAsync(user, command.Password);
        if (created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
        {
            // Registered a moment ago by a request racing this one: the same answer as for any taken address.
            return new RegistrationAccepted("confirmation_sent", email);
        }

        if (!created.Succeeded)
        {
            return IdentityErrors(created);
        }

        if (command.Role == Roles.TechnologyManager)
        {
            // An application, not a role: verification grants the powers (VerifyTechnologyManager).
            db.TechnologyManagerProfiles.Add(new TechnologyManagerProfile { UserId = user.Id, Verification = VerificationStatus.Pending });
        }
        else
        {
            var role = await users.AddToRoleAsync(user, command.Role);
            if (!role.Succeeded)
            {
                return IdentityErrors(role);
            }
        }

        throttle.MayMail("confirm", email);
        db.Raise(new AccountMailRequested(user.Id, AccountMailKind.ConfirmEmail));
        return new RegistrationAccepted("confirmation_sent", email);
    }

    internal static Error IdentityErrors(IdentityResult result, string passwordField = "password")
    {
        var fields = result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : "email")
            .ToDictionary(g => g.Key, g => g.Select(e => Infrastructure.Behaviours.ValidationText.Localise(e.Description)).ToArray());
        return new Error(ErrorKind.Invalid, "validation", "One or more fields are invalid.", fields);
    }

    public static async Task<Results<Accepted<RegistrationAccepted>, ValidationProblem, ProblemHttpResult>> Endpoint(
        RegisterUser command, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(command, ct);
        if (result.IsSuccess)
        {
            return TypedResults.Accepted((string?)null, result.Value!);
        }

        return result.Error!.Fields is not null ? result.Error.ToValidationProblem() : result.Error.ToProblem();
    }
}

using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Auth;

public sealed record RegisterUser(string Email, string Password, string DisplayName, string Role, string? PreferredLanguage)
    : ICommand<Result<RegisteredUser>>;

public sealed record RegisteredUser(Guid Id, string Email, string DisplayName, string Role);

public sealed class RegisterUserValidator : AbstractValidator<RegisterUser>
{
    public RegisterUserValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(256).EmailAddress();
        RuleFor(x => x.Password).NotEmpty().MaximumLength(128);
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Role).Must(r => Roles.SelfService.Contains(r))
            .WithMessage($"Role must be one of: {string.Join(", ", Roles.SelfService)}. Other roles are granted by an administrator.");
        RuleFor(x => x.PreferredLanguage).Must(l => l is null or "zh-CN" or "en").WithMessage("Language must be zh-CN or en.");
    }
}

public sealed class RegisterUserHandler(UserManager<AppUser> users, TimeProvider clock) : ICommandHandler<RegisterUser, Result<RegisteredUser>>
{
    public async ValueTask<Result<RegisteredUser>> Handle(RegisterUser command, CancellationToken cancellationToken)
    {
        var user = new AppUser
        {
            UserName = command.Email.Trim(),
            Email = command.Email.Trim(),
            DisplayName = command.DisplayName.Trim(),
            PreferredLanguage = command.PreferredLanguage ?? "zh-CN",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, command.Password);
        if (!created.Succeeded)
        {
            return IdentityErrors(created);
        }

        var role = await users.AddToRoleAsync(user, command.Role);
        if (!role.Succeeded)
        {
            return IdentityErrors(role);
        }

        return new RegisteredUser(user.Id, user.Email, user.DisplayName, command.Role);
    }

    internal static Error IdentityErrors(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
        {
            return Error.Conflict("duplicate_email", "An account with this email already exists.");
        }

        var fields = result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        return new Error(ErrorKind.Invalid, "validation", "One or more fields are invalid.", fields);
    }

    public static async Task<Results<Created<RegisteredUser>, ValidationProblem, ProblemHttpResult>> Endpoint(
        RegisterUser command, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(command, ct)).ToCreated(u => $"/api/auth/me");
}

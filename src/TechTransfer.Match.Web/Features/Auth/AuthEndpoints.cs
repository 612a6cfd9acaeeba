using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Auth;

public sealed record LoginRequest([property: Required] string Email, [property: Required] string Password);

public sealed record RefreshRequest([property: Required] string RefreshToken);

/// <summary>
/// Sign-in plumbing: cookie for the browser (<c>?useCookies=true</c>), bearer token for API clients.
/// This is Identity's own flow, not a business use case, so it stays at the edge.
/// </summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/register", RegisterUserHandler.Endpoint).AllowAnonymous().WithName("Register");
        group.MapPost("/login", Login).AllowAnonymous().WithName("Login");
        group.MapPost("/refresh", Refresh).AllowAnonymous().WithName("RefreshToken");
        group.MapPost("/logout", Logout).RequireAuthorization().WithName("Logout");
        group.MapGet("/me", GetMeHandler.Endpoint).RequireAuthorization().WithName("GetMe");
        return group;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(
        LoginRequest login, bool? useCookies, SignInManager<AppUser> signIn)
    {
        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(login.Email ?? "", login.Password ?? "", isPersistent: useCookies == true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // The sign-in has written the cookie or the token response.
            return TypedResults.Empty;
        }

        return result.IsLockedOut
            ? new Error(ErrorKind.Unauthorized, "locked_out", "Too many failed attempts. The account is locked for a while; try again later.").ToProblem()
            : new Error(ErrorKind.Unauthorized, "invalid_credentials", "Email or password is incorrect.").ToProblem();
    }

    public static async Task<Results<SignInHttpResult, ChallengeHttpResult>> Refresh(
        RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires ||
            await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Challenge();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    public static async Task<NoContent> Logout(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}

public sealed record GetMe : IQuery<Result<Me>>;

public sealed record Me(Guid Id, string Email, string DisplayName, string PreferredLanguage, IReadOnlyList<string> Roles, MyOrganisation? Organisation);

public sealed record MyOrganisation(Guid Id, string NameZh, string NameEn, OrganisationKind Kind, VerificationStatus Verification);

public sealed class GetMeHandler(Infrastructure.Data.AppDbContext db, CurrentUser current, UserManager<AppUser> users) : IQueryHandler<GetMe, Result<Me>>
{
    public async ValueTask<Result<Me>> Handle(GetMe query, CancellationToken cancellationToken)
    {
        if (current.Id is not { } id || await db.Users.FindAsync([id], cancellationToken) is not { } user)
        {
            return Error.Unauthorized();
        }

        MyOrganisation? organisation = null;
        if (user.OrganisationId is { } orgId && await db.Organisations.FindAsync([orgId], cancellationToken) is { } org)
        {
            organisation = new MyOrganisation(org.Id, org.NameZh, org.NameEn, org.Kind, org.Verification);
        }

        var roles = await users.GetRolesAsync(user);
        return new Me(user.Id, user.Email ?? "", user.DisplayName, user.PreferredLanguage, roles.Order(StringComparer.Ordinal).ToList(), organisation);
    }

    public static async Task<Results<Ok<Me>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetMe(), ct)).ToOk();
}

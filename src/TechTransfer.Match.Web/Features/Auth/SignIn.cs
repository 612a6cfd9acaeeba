using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Security.Claims;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Auth;

public sealed record LoginRequest(string Email, string Password);

public sealed record RefreshRequest(string RefreshToken);

/// <summary>
/// Sign-in plumbing at the edge: cookie for the browser (<c>?useCookies=true</c>), bearer and refresh
/// tokens for API clients. Every sign-in opens a <see cref="UserSession"/> whose id every token and cookie
/// carries; logout revokes it, and refresh tokens rotate (a reused one revokes the session).
/// </summary>
public static class SignIn
{
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(
        LoginRequest login, bool? useCookies, HttpContext http, SignInManager<AppUser> signIn, UserManager<AppUser> users,
        SignInThrottle throttle, AppDbContext db, TimeProvider clock)
    {
        var address = ClientAddress(http);
        if (throttle.IsBlocked(login.Email, address))
        {
            return TooManyAttempts();
        }

        var user = await users.FindByEmailAsync(login.Email.Trim());
        bool valid;
        if (user is null || user.PasswordHash is null)
        {
            // As much work as a real check: the answer and its timing are those of a wrong password.
            throttle.SpendPasswordCheck(login.Password);
            valid = false;
        }
        else
        {
            valid = await users.CheckPasswordAsync(user, login.Password);
        }

        if (!valid || user is null)
        {
            throttle.Failed(login.Email, address);
            return new Error(ErrorKind.Unauthorized, "invalid_credentials", "Email or password is incorrect.").ToProblem();
        }

        throttle.Succeeded(login.Email, address);
        if (user.DeactivatedAt is not null || user.ErasedAt is not null)
        {
            return new Error(ErrorKind.Unauthorized, "account_deactivated", "This account is deactivated. Ask an administrator to reactivate it.").ToProblem();
        }

        if (!user.EmailConfirmed)
        {
            return new Error(ErrorKind.Unauthorized, "email_not_confirmed", "Confirm your email first: open the link in the mail we sent you, or ask for a new one.").ToProblem();
        }

        var cookie = useCookies == true;
        var session = new UserSession
        {
            UserId = user.Id,
            Kind = cookie ? "cookie" : "token",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            IpAddress = address,
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 300),
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(http.RequestAborted);

        signIn.AuthenticationScheme = cookie ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: cookie, SessionClaims(session));
        return TypedResults.Empty;
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest request, HttpContext http, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, AppDbContext db, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires ||
            !Guid.TryParse(ticket.Principal.FindFirstValue(AccountClaims.Session), out var sessionId) ||
            !int.TryParse(ticket.Principal.FindFirstValue(AccountClaims.RefreshGeneration), out var generation))
        {
            return Expired();
        }

        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId, http.RequestAborted);
        if (session is null || session.RevokedAt is not null)
        {
            return Expired();
        }

        if (generation != session.RefreshGeneration)
        {
            // An exchanged token came back: it was copied. End the session for everyone holding it.
            session.RevokedAt = now.UtcDateTime;
            session.RevokedReason = "refresh_reuse";
            await db.SaveChangesAsync(http.RequestAborted);
            return Expired();
        }

        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { DeactivatedAt: null, ErasedAt: null } user)
        {
            return Expired();
        }

        session.RefreshGeneration++;
        session.RefreshedAt = now.UtcDateTime;
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two exchanges of one token at once: only one may win, and the token was used twice.
            db.ChangeTracker.Clear();
            await db.UserSessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now.UtcDateTime).SetProperty(x => x.RevokedReason, "refresh_reuse"), http.RequestAborted);
            return Expired();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims(SessionClaims(session));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    public static async Task<NoContent> Logout(HttpContext http, SignInManager<AppUser> signIn, CurrentUser current, AppDbContext db, TimeProvider clock)
    {
        if (current.SessionId is { } sessionId)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, "logout"), http.RequestAborted);
        }

        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static Claim[] SessionClaims(UserSession session) =>
        [new(AccountClaims.Session, session.Id.ToString()), new(AccountClaims.RefreshGeneration, session.RefreshGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static ProblemHttpResult Expired() =>
        new Error(ErrorKind.Unauthorized, "session_ended", "The session has ended. Sign in again.").ToProblem();

    internal static ProblemHttpResult TooManyAttempts() =>
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
            title: Infrastructure.Behaviours.ValidationText.Localise("Too Many Requests"),
            detail: Infrastructure.Behaviours.ValidationText.Localise("Too many failed sign-ins from this address for this account. Wait a few minutes, or reset the password."),
            extensions: new Dictionary<string, object?> { ["code"] = "too_many_attempts" });

    internal static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static string? Truncate(string text, int length) => text.Length == 0 ? null : text.Length > length ? text[..length] : text;
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace TechTransfer.Match.Web.Infrastructure.Accounts;

/// <summary>
/// A cookie or token whose session ended (SessionPrincipal turned it anonymous) is answered 401, as a missing
/// one is, so clients sign in again instead of reading it as "not allowed" (403).
/// </summary>
public sealed class ChallengeSignedOut : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true)
        {
            return context.ChallengeAsync();
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

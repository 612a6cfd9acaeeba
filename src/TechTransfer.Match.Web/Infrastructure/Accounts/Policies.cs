using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Infrastructure.Accounts;

/// <summary>
/// The role gates, by name, put on endpoint groups and endpoints. Who may act on which record (owner,
/// party, assigned manager) is decided by the access class of each area (ListingAccess, DealAccess,
/// InterestAccess, ContractAccess, CollaborationAccess, IndicatorAccess); docs/security.md lists both.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in account, including a freshly registered one without an organisation.</summary>
    public const string SignedIn = nameof(SignedIn);
    public const string Administrator = nameof(Administrator);
    /// <summary>The bureau and administrators: imports, the audit log.</summary>
    public const string Oversight = nameof(Oversight);
    /// <summary>A verified technology manager with an unexpired certification.</summary>
    public const string TechnologyManager = nameof(TechnologyManager);
    /// <summary>Verifies technology managers: administrators and the bureau.</summary>
    public const string ManagerVerifier = nameof(ManagerVerifier);

    /// <summary>The rate-limiter policy of sign-in, registration, refresh and the password and email flows.</summary>
    public const string AuthRateLimit = "auth";

    public static IServiceCollection AddPlatformPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Oversight, p => p.RequireRole(Roles.Administrator, Roles.BureauAnalyst))
            .AddPolicy(TechnologyManager, p => p.RequireRole(Roles.TechnologyManager))
            .AddPolicy(ManagerVerifier, p => p.RequireRole(Roles.Administrator, Roles.BureauAnalyst));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ChallengeSignedOut>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthRateLimit, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<SignInLimitOptions>>().Value.AuthRequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = ValidationText.Localise("Too Many Requests"),
                        Detail = ValidationText.Localise("Too many requests from this address. Wait a minute and try again."),
                        Extensions = { ["code"] = "rate_limited" },
                    },
                });
            };
        });
        return services;
    }
}

using Microsoft.AspNetCore.Mvc;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Infrastructure.Http;

/// <summary>Configuration section "Http" (besides the body limit).</summary>
public sealed class EdgeOptions
{
    /// <summary>Serve the OpenAPI document and the Scalar reference (set false to hide them in Production).</summary>
    public bool ApiReference { get; set; } = true;

    /// <summary>
    /// Behind a load balancer or reverse proxy: take the client address and scheme from X-Forwarded-For and
    /// X-Forwarded-Proto, so rate limits and sign-in throttling count clients, not the proxy. Only from the
    /// addresses in <see cref="KnownProxies"/> (none listed: from any sender; use that only when the node is
    /// reachable through the proxy alone).
    /// </summary>
    public bool ForwardedHeaders { get; set; }

    public List<string> KnownProxies { get; set; } = [];
}

/// <summary>
/// Headers that make the browser refuse what the platform never does: scripts from elsewhere, framing,
/// sniffed content types, referrers carrying the tokens of reset links. The Content-Security-Policy fits the
/// built web app (its own module scripts, inline styles from React's style attributes, ECharts' data URLs,
/// the SignalR socket); the API reference at /scalar gets the inline scripts it needs.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ReferencePolicy : AppPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}

/// <summary>
/// Cross-site request forgery guard for cookie sessions. A write to the API that rides on the browser's
/// session cookie (no bearer token) must carry the header <c>X-TTM-Client</c>, which a page on another site
/// cannot set without a CORS preflight this API never grants, and, when the browser names an Origin, come
/// from this site. A cookie sign-in is held to the same rule (no login CSRF). Bearer-token clients are not
/// affected: a token is never sent by the browser on its own.
/// </summary>
public sealed class CookieWriteGuardMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public const string HeaderName = "X-TTM-Client";
    public const string CookieName = "ttm.auth";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && request.Path.StartsWithSegments("/api")
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && (request.Cookies.ContainsKey(CookieName) || request.Query["useCookies"] == "true")
            && !(request.Headers.ContainsKey(HeaderName) && SameOrigin(request)))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 403,
                    Title = ValidationText.Localise("Forbidden"),
                    Detail = ValidationText.Localise("This request was not sent by the platform's own pages."),
                    Extensions = { ["code"] = "cross_site_request" },
                },
            });
            return;
        }

        await next(context);
    }

    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        // The authority only: behind a TLS-terminating proxy the scheme differs, the host does not.
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}

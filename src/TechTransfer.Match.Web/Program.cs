using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;
using Serilog;
using TechTransfer.Match.Web.Features.Accounts;
using TechTransfer.Match.Web.Features.Auth;
using TechTransfer.Match.Web.Features.Calls;
using TechTransfer.Match.Web.Features.Collaboration;
using TechTransfer.Match.Web.Features.Contracts;
using TechTransfer.Match.Web.Features.Portal;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Features.Interests;
using TechTransfer.Match.Web.Features.Intermediaries;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Features.Incentives;
using TechTransfer.Match.Web.Features.Targets;
using TechTransfer.Match.Web.Features.Matching;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Features.Notifications;
using TechTransfer.Match.Web.Realtime;
using TechTransfer.Match.Web.Features.Organisations;
using TechTransfer.Match.Web.Features.Trials;
using TechTransfer.Match.Web.Features.RiskPool;
using TechTransfer.Match.Web.Features.Validation;
using TechTransfer.Match.Web.Features.Guidelines;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Http;

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseSerilog((context, services, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}"));
// Every registered service must be constructible at start-up, not at its first request.
builder.Host.UseDefaultServiceProvider(o =>
{
    o.ValidateOnBuild = true;
    o.ValidateScopes = true;
});
builder.AddPlatform();
builder.AddRealtime();
builder.Services.AddTrials();
builder.Services.AddIntermediaries();
builder.Services.AddIncentives();

var app = builder.Build();
var edge = app.Configuration.GetSection("Http").Get<EdgeOptions>() ?? new EdgeOptions();

if (edge.ForwardedHeaders)
{
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
    forwarded.KnownIPNetworks.Clear();
    forwarded.KnownProxies.Clear();
    foreach (var proxy in edge.KnownProxies)
    {
        forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }

    app.UseForwardedHeaders(forwarded);
}

// Outermost, so each request is logged once with the status the client got (a refused body is a 400, not a 500).
app.UseSerilogRequestLogging(o => o.GetLevel = (http, _, exception) =>
    exception is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
    : http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs") ? Serilog.Events.LogEventLevel.Information
    : Serilog.Events.LogEventLevel.Debug);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<SecurityHeadersMiddleware>();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

// The built front end (web/, copied to wwwroot by web.targets), when present.
var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
var webFiles = Directory.Exists(webRoot) ? new PhysicalFileProvider(webRoot) : null;
if (webFiles is not null)
{
    app.Lifetime.ApplicationStopping.Register(webFiles.Dispose);
    app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = webFiles });
    app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = webFiles,
        OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl =
            ctx.Context.Request.Path.StartsWithSegments("/assets") ? "public,max-age=31536000,immutable" : "no-cache",
    });
}

// Validation messages follow Accept-Language: the web client sends its language (zh-CN or en);
// API clients that send none get English.
app.UseRequestLocalization(o => o.SetDefaultCulture("en").AddSupportedCultures("en", "zh-CN").AddSupportedUICultures("en", "zh-CN"));
app.UseMiddleware<RequestSizeLimitMiddleware>();
app.UseMiddleware<RequestTextGuardMiddleware>();
app.UseMiddleware<CookieWriteGuardMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

if (edge.ApiReference)
{
    app.MapOpenApi();
    app.MapScalarApiReference();
}

app.MapHealthChecks("/health");
app.MapAuth();
app.MapAccounts();
app.MapOrganisations();
app.MapListings();
app.MapInterests();
app.MapDeals();
app.MapContracts();
app.MapPortal();
app.MapCollaboration();
app.MapIntermediaries();
app.MapIndicators();
app.MapIncentives();
app.MapTargets();
app.MapMatching();
app.MapNotifications();
app.MapCalls();
app.MapTrials();
app.MapRiskPool();
app.MapValidation();
app.MapGuidelines();
app.MapHub<NotificationsHub>(NotificationsHub.Path);

// Client-side routes get index.html; API, hub and documentation paths keep their 404s.
if (webFiles is not null)
{
    app.MapFallbackToFile("{*path:nonfile:regex(^(?!(api|hubs|openapi|scalar|health)(/|$)).*$)}", "index.html",
        new StaticFileOptions { FileProvider = webFiles, OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache" });
}

app.Run();

/// <summary>Entry point; partial so WebApplicationFactory can reference it.</summary>
public partial class Program;

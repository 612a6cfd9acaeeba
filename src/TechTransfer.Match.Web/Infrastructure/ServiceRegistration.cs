using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authentication;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Infrastructure;

public static class ServiceRegistration
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.Configure<PlatformOptions>(configuration.GetSection(PlatformOptions.Section));
        services.Configure<Features.Portal.PortalOptions>(configuration.GetSection(Features.Portal.PortalOptions.Section));
        services.Configure<Features.Indicators.IndicatorOptions>(configuration.GetSection(Features.Indicators.IndicatorOptions.Section));

        // Data: one DbContext, provider by configuration, migrations from the provider's own assembly.
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(database);
        var connectionString = database.ResolveConnectionString(builder.Environment.ContentRootPath);
        MigrationsAssemblyLoader.Register();
        services.AddDbContext<AppDbContext>(o => o.UseConfiguredProvider(database.Provider, connectionString));

        // Identity on the same DbContext: cookie for the browser, bearer token for API clients.
        // No Identity lockout: a lockout anyone can trigger is a weapon; SignInThrottle slows guessing per
        // account and address instead (docs/security.md).
        services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddPasswordValidator<PasswordRules>();
        services.Configure<SignInLimitOptions>(configuration.GetSection(SignInLimitOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<IClaimsTransformation, SessionPrincipal>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<Features.Listings.ListingAccess>();
        services.Configure<Mail.MailOptions>(configuration.GetSection(Mail.MailOptions.Section));
        services.Configure<SweepOptions>(configuration.GetSection(SweepOptions.Section));
        services.AddSingleton<Mail.MailSender>();
        // The session id rides along when the cookie's principal is refreshed from the store.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            var identity = (System.Security.Claims.ClaimsIdentity)ctx.NewPrincipal!.Identity!;
            foreach (var claim in ctx.CurrentPrincipal!.Claims.Where(c => c.Type is AccountClaims.Session or AccountClaims.RefreshGeneration))
            {
                identity.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
            }

            return Task.CompletedTask;
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ttm.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            // An API answers 401/403, it does not redirect to a login page.
            o.Events.OnRedirectToLogin = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddPlatformPolicies();

        // Domain events: stored with the change (outbox), delivered after the commit by every node's worker.
        services.Configure<Outbox.OutboxOptions>(configuration.GetSection(Outbox.OutboxOptions.Section));
        services.AddSingleton<Outbox.OutboxSignal>();
        services.AddSingleton<Outbox.OutboxDispatcher>();
        services.AddScoped<Outbox.AfterCommit>();

        // CQRS: Mediator (source-generated), scoped so handlers take the DbContext.
        services.AddMediator((MediatorOptions o) =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(TransactionBehaviour<,>),
            ];
        });
        services.AddValidatorsFromAssemblyContaining<AppDbContext>(ServiceLifetime.Scoped, includeInternalTypes: true);

        // HTTP edge: ProblemDetails everywhere, enums by name, bounded bodies.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
            StrictJson.Apply(o.SerializerOptions);
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = configuration.GetValue<long?>("Http:MaxRequestBodyBytes") ?? 1_048_576);

        services.AddOpenApi(o => o.AddSchemaTransformer<StrictJsonSchemas>().AddOperationTransformer<ProblemResponses>());
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        services.AddSingleton<Data.Seed.DemoSeedSignal>();
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<Data.Seed.DemoNotificationHistory>();
        // After the initializer: hosted services start in order, and the worker needs the migrated schema.
        services.AddHostedService<Outbox.OutboxWorker>();

        // Registered-contract imports: small files at once, large ones as background jobs (Features/Contracts/Import).
        Features.Contracts.Import.ContractImportRegistration.AddContractImports(services, configuration);

        // Matching: one engine per node, rebuilt from the database after migrations ran.
        var matching = configuration.GetSection(TechTransfer.Match.Matching.MatchingOptions.SectionName).Get<TechTransfer.Match.Matching.MatchingOptions>()
            ?? new TechTransfer.Match.Matching.MatchingOptions();
        matching.HomeRegionCode = configuration[$"{PlatformOptions.Section}:HomeRegionCode"] ?? matching.HomeRegionCode;
        services.AddSingleton(matching);
        services.Configure<Matching.ProposalOptions>(configuration.GetSection(TechTransfer.Match.Matching.MatchingOptions.SectionName));
        services.AddSingleton<Matching.MatchingIndex>();
        services.AddSingleton<Features.Listings.CatalogueRanking>();
        services.AddHostedService<Matching.MatchingIndexStartup>();
        services.AddHostedService<Matching.ProposalBackfill>();
        services.AddScoped<Features.Matching.ProposeMatches>();
        // The learned ranker: every node serves the promoted model; the hourly sweep retrains when outcomes accumulate.
        services.AddSingleton<Matching.ServingRanker>();
        services.AddHostedService(sp => sp.GetRequiredService<Matching.ServingRanker>());
        services.AddScoped<Features.Matching.RankerRetrainSweep>();
        services.AddHostedService<HourlySweep<Features.Matching.RankerRetrainSweep>>();
        return builder;
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Tests.Infrastructure;

/// <summary>
/// The real application over a real database, with helpers that create people and organisations
/// through the API the way users do (register, sign in with a bearer token, verify as administrator).
/// </summary>
public class TestApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@tests.local";
    public const string Password = "Test#Pass1";
    private HttpClient? _admin;

    public TestApp(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Listen on a real local port (Kestrel) instead of the in-memory server, for a browser.</summary>
    protected virtual bool RealServer => false;

    /// <summary>The address of the real server (only with <see cref="RealServer"/>).</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", Password);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Tests create hundreds of accounts from one address; the rate limits have tests of their own (AccountSecurityTests).
        builder.UseSetting("SignIn:AuthRequestsPerMinute", "1000000");
        // Clients name their address in X-Forwarded-For (ClientFrom), as behind the platform's load balancer.
        builder.UseSetting("Http:ForwardedHeaders", "true");
        builder.UseSetting("Realtime:SessionSweepSeconds", "1");
        // The hourly sweeps do not run on their own in tests (they would send reminders under the tests that count them);
        // tests call them, and HourlySweepTests turns the first run on.
        builder.UseSetting("Sweeps:FirstRunAfter", "01:00:00");
        // Account mail goes to the real SMTP server the test script starts (MailServer).
        builder.UseSetting("Mail:SmtpHost", MailServer.Host);
        builder.UseSetting("Mail:SmtpPort", MailServer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Security", "None");
        // No matching snapshot unless a test asks for one: the default file is under the project's App_Data, shared by
        // every test app of the run and by local runs of the application.
        builder.UseSetting("Matching:SnapshotPath", "");
        // Tests create thousands of accounts and sign-ins: 1,000 PBKDF2 rounds instead of Identity's 100,000 keep each
        // hash in microseconds. Only the cost changes (the rounds are stored in each hash); sign-in timing has its benchmark.
        builder.ConfigureServices(services => services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000));
        var settings = Settings;
        builder.UseSetting("Seed:Demo", settings.TryGetValue("Seed:Demo", out var seed) ? seed : "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public virtual async Task InitializeAsync()
    {
        // Starting the host applies the migrations and creates the roles and the administrator.
        await Database.PrepareAsync(FromSeededTemplate ? SeededTemplate() : null);
        if (RealServer)
        {
            UseKestrel(0);
        }

        StartServer();
        _admin = await SignInAsync(AdminEmail);
        await WaitForProposalBackfillAsync();
        await WaitForDemoNotificationsAsync();
    }

    /// <summary>
    /// A start that seeded the demo then spreads its match alerts over the week (and marks the older read) once they
    /// are delivered; tests start after that, so what they read and mark is not rewritten under them.
    /// </summary>
    private async Task WaitForDemoNotificationsAsync()
    {
        foreach (var service in Services.GetServices<IHostedService>())
        {
            if (service is TechTransfer.Match.Web.Infrastructure.Data.Seed.DemoNotificationHistory { ExecuteTask: { } history })
            {
                await history.WaitAsync(TimeSpan.FromMinutes(5));
            }
        }
    }

    /// <summary>
    /// Start from a copy of a database an application with the same settings has already started on (the demo seeded,
    /// matched, its alerts delivered), built once per test run: seeding the demo is most of a demo application's start.
    /// </summary>
    protected virtual bool FromSeededTemplate => false;

    private SeededTemplate SeededTemplate()
    {
        // Settings that do not change what a first start writes (where snapshots go) do not make another template.
        var settings = Settings.Where(kv => !kv.Key.StartsWith("Matching:Snapshot", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var key = string.Join('\n', settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        return new SeededTemplate(key, database => TemplateBuilder.BuildAsync(database, settings));
    }

    /// <summary>Seeded listings are matched in the background after start-up; tests start once that is done.</summary>
    private Task WaitForProposalBackfillAsync() =>
        WaitWhileAsync(db => db.AnyAwaitingMatchAsync(CancellationToken.None), "The proposal backfill did not finish within 3 minutes.");

    /// <summary>Polls the database until <paramref name="busy"/> is false, for at most 3 minutes.</summary>
    protected async Task WaitWhileAsync(Func<AppDbContext, Task<bool>> busy, string timeoutMessage)
    {
        var until = DateTime.UtcNow.AddMinutes(3);
        while (await WithDbAsync(busy))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException(timeoutMessage);
            }

            await Task.Delay(200);
        }
    }

    private int _disposed;

    Task IAsyncLifetime.DisposeAsync() => DisposeOnceAsync();

    /// <summary>`await using` ends a life as xunit does: the database goes with it unless the test keeps it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2215", Justification = "DisposeAppAsync calls base.DisposeAsync, after what subclasses close first.")]
    public override async ValueTask DisposeAsync() => await DisposeOnceAsync();

    private Task DisposeOnceAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? DisposeAppAsync() : Task.CompletedTask;

    /// <summary>False for one life of a node whose database outlives it (restart tests).</summary>
    protected virtual bool OwnsDatabase => true;

    protected virtual async Task DisposeAppAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    public HttpClient Admin => _admin ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>A bearer token for the person, as an API client or the hub client would hold it.</summary>
    public async Task<string> TokenAsync(string email, string password = Password)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    /// <summary>A SignalR client of the notifications hub through the in-memory server (long polling).</summary>
    public Microsoft.AspNetCore.SignalR.Client.HubConnection HubConnection(string? token) =>
        new Microsoft.AspNetCore.SignalR.Client.HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "hubs/notifications"), o =>
            {
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();

    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>A client whose requests come from the given address (through the trusted proxy header).</summary>
    public HttpClient ClientFrom(string address)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    /// <summary>A browser: keeps the session cookie and sends what the web app's pages send with every write.</summary>
    public HttpClient BrowserClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-TTM-Client", "web");
        return client;
    }

    /// <summary>Registers a person with a role, signs them in and, when asked, gives them a verified organisation.</summary>
    public async Task<TestUser> CreateUserAsync(string role, OrganisationKind? organisation = null, string regionCode = "210211", string? email = null, bool verifyManager = true)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@tests.local";
        if (Roles.SelfService.Contains(role) || role == Roles.TechnologyManager)
        {
            await RegisterAsync(email, role);
        }
        else
        {
            await GrantRoleDirectlyAsync(email, role);
        }

        var client = await SignInAsync(email);
        if (role == Roles.TechnologyManager && verifyManager)
        {
            await VerifyManagerAsync(client);
        }

        Guid? organisationId = null;
        if (organisation is { } kind)
        {
            organisationId = await CreateVerifiedOrganisationAsync(client, kind, regionCode);
        }

        return new TestUser(email, role, client, organisationId);
    }

    public async Task<Guid> CreateVerifiedOrganisationAsync(HttpClient member, OrganisationKind kind, string regionCode = "210211")
    {
        var response = await member.PostAsJsonAsync("/api/organisations", new
        {
            kind = kind.ToString(),
            institutionType = kind == OrganisationKind.Institution ? "University" : null,
            nameZh = $"测试单位{Guid.NewGuid():N}"[..12],
            nameEn = "Test organisation",
            regionCode,
            regionName = regionCode.StartsWith("2102", StringComparison.Ordinal) ? "辽宁省大连市" : "其他地区",
        });
        await response.ShouldBeAsync(System.Net.HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<IdVersion>(Json.Options);
        var verified = await Admin.PostAsJsonAsync($"/api/organisations/{created!.Id}/verification", new { status = "Verified", version = created.Version });
        await verified.ShouldBeAsync(System.Net.HttpStatusCode.OK);
        return created.Id;
    }

    /// <summary>Registers through the API and confirms the address with the token the confirmation mail carries.</summary>
    public async Task<Guid> RegisterAsync(string email, string role, string password = Password)
    {
        var registered = await CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password, displayName = "Test " + role, role });
        await registered.ShouldBeAsync(System.Net.HttpStatusCode.Accepted);
        var (userId, token) = await ConfirmationTokenAsync(email);
        var confirmed = await CreateClient().PostAsJsonAsync("/api/auth/confirm-email", new { userId, token });
        await confirmed.ShouldBeAsync(System.Net.HttpStatusCode.NoContent);
        return userId;
    }

    /// <summary>The token of a confirmation mail, made the way the mail makes it (tests of the mail itself read it from the SMTP server).</summary>
    public async Task<(Guid UserId, string Token)> ConfirmationTokenAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        return (user.Id, await users.GenerateEmailConfirmationTokenAsync(user));
    }

    /// <summary>A manager applicant states a certification and an administrator verifies it: the broker powers start.</summary>
    public async Task VerifyManagerAsync(HttpClient manager)
    {
        var me = await (await manager.GetAsync("/api/auth/me")).JsonAsync();
        var userId = me.GetProperty("id").GetGuid();
        var profile = await (await manager.PutAsJsonAsync("/api/technology-managers/me", new
        {
            bio = "Test manager", certificationNumber = "JSJLR-TEST-" + userId.ToString("N")[..6], certificationLevel = "Intermediate",
            issuingBody = "大连市科学技术局", certificationExpiresOn = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd"), version = 0,
        })).JsonAsync();
        var verified = await Admin.PostAsJsonAsync($"/api/technology-managers/{userId}/verification",
            new { status = "Verified", version = profile.GetProperty("version").GetInt64() });
        await verified.ShouldBeAsync(System.Net.HttpStatusCode.OK);
    }

    /// <summary>Roles only an administrator grants (bureau, administrator) are given through Identity directly.</summary>
    private async Task GrantRoleDirectlyAsync(string email, string role)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role, CreatedAt = DateTime.UtcNow };
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
    }

    /// <summary>Sends a message through the mediator as the given user, as a slice test does.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IMessage message, Guid? userId = null, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        if (userId is { } id)
        {
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id.ToString()) };
            claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        }

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        return (TResponse)(await mediator.Send((object)message))!;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private sealed record TokenResponse(string AccessToken, string RefreshToken, long ExpiresIn);
}

public sealed record TestUser(string Email, string Role, HttpClient Client, Guid? OrganisationId);

public sealed record IdVersion(Guid Id, long Version);

/// <summary>The first start of an application with given settings, on a database that then becomes a template.</summary>
internal sealed class TemplateBuilder(TestDatabase database, IDictionary<string, string?> settings) : TestApp(database)
{
    protected override IDictionary<string, string?> Settings => settings;

    protected override bool OwnsDatabase => false;

    public static async Task BuildAsync(TestDatabase database, IDictionary<string, string?> settings)
    {
        var app = new TemplateBuilder(database, settings);
        await app.InitializeAsync();
        try
        {
            // Every copy starts after the outbox has handed out everything the first start wrote (a failed message is
            // retried by each copy, as now).
            await app.WaitWhileAsync(db => db.OutboxMessages.AnyAsync(m => m.ProcessedAt == null && m.LastError == null),
                "The outbox of the template's first start did not empty within 3 minutes.");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}

public sealed class SqliteApp() : TestApp(new SqliteTestDatabase());

public sealed class PostgresApp() : TestApp(new PostgresTestDatabase());

/// <summary>
/// With the demo catalogue (about 250 listings) as a background corpus, so text weights are those of
/// a real platform rather than of the two or three listings a test writes.
/// </summary>
public abstract class DemoCorpusApp(TestDatabase database) : TestApp(database)
{
    // One per run: the demo users' hashes are in the seeded template every demo application copies.
    private static readonly string DemoPassword = "Demo#" + Guid.NewGuid().ToString("N")[..8];

    protected override bool FromSeededTemplate => true;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:Demo"] = "true",
        ["Seed:DemoPassword"] = DemoPassword,
    };
}

public sealed class SqliteDemoApp() : DemoCorpusApp(new SqliteTestDatabase());

public sealed class PostgresDemoApp() : DemoCorpusApp(new PostgresTestDatabase());

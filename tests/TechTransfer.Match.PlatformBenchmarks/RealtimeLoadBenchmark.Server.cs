using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.PlatformBenchmarks;

/// <summary>The server side of the realtime load benchmark: the process that holds the hub, the people it signs in and the bursts it sends.</summary>
public partial class RealtimeLoadBenchmark
{
    private static async Task<int> ServeAsync(Options options)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(options.Sqlite + suffix);
        }

        // The web project's content root is not beside the benchmark's output; the binaries are.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TECHTRANSFER_MATCH_WEB", AppContext.BaseDirectory);
        await using var factory = new WebApplicationFactory<AppDbContext>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Benchmark");
            b.UseUrls("http://127.0.0.1:0");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={options.Sqlite}");
            b.UseSetting("Seed:Demo", "false");
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var watch = Stopwatch.StartNew();
        var people = await CreatePeopleAsync(factory.Services, options.Connections + 1);
        var tokens = Path.ChangeExtension(options.Sqlite, ".tokens");
        await File.WriteAllLinesAsync(tokens, people.Select(p => $"{p.UserId} {p.Token}"));
        Console.WriteLine($"ready {address}/ {tokens} people and tokens made in {watch.Elapsed.TotalSeconds:F1} s, server GC {System.Runtime.GCSettings.IsServerGC}");

        var hub = factory.Services.GetRequiredService<IHubContext<NotificationsHub, INotificationsClient>>();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "memory":
                    Memory.Settle();
                    using (var self = Process.GetCurrentProcess())
                    {
                        Console.WriteLine($"memory {GC.GetTotalMemory(true)} {self.WorkingSet64} {self.PrivateMemorySize64} {self.PeakWorkingSet64}");
                    }

                    break;
                case "burst":
                    var events = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    var first = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    var count = int.Parse(parts[3], CultureInfo.InvariantCulture);
                    var elapsed = await BurstAsync(hub, people.Skip(first).Take(count).Select(p => p.UserId).ToArray(), events);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {(long)count * events} {elapsed.TotalMilliseconds:F1}"));
                    break;
                case "quit":
                    return 0;
            }
        }

        return 0;
    }

    /// <summary>
    /// E rounds; each round sends one event to every person at once, as a handler notifying many
    /// people does. The timestamp is taken just before each send.
    /// </summary>
    private static async Task<TimeSpan> BurstAsync(IHubContext<NotificationsHub, INotificationsClient> hub, string[] userIds, int events)
    {
        var watch = Stopwatch.StartNew();
        var tasks = new Task[userIds.Length];
        var achievementId = Guid.NewGuid();
        for (var seq = 0; seq < events; seq++)
        {
            for (var u = 0; u < userIds.Length; u++)
            {
                var sent = Stopwatch.GetTimestamp();
                // The shape and size of a real MatchProposed notification's data (~250 bytes).
                var data = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"seq\":{seq},\"sent\":{sent},\"proposalId\":\"{Guid.CreateVersion7()}\",\"achievementId\":\"{achievementId}\",\"score\":0.82,\"achievementTitle\":\"焊缝视觉跟踪焊接机器人\",\"needTitle\":\"船体焊缝自动焊接\"}}");
                tasks[u] = hub.Clients.User(userIds[u]).Notification(
                    new NotificationMessage(Guid.CreateVersion7(), NotificationKind.MatchProposed, data, $"/achievements/{achievementId}/matches", DateTime.UtcNow));
            }

            await Task.WhenAll(tasks);
        }

        return watch.Elapsed;
    }

    /// <summary>
    /// People in the database (10 to an organisation, as members), each with a bearer token made by the
    /// app's own protector: what <c>POST /api/auth/login</c> returns, without hashing N passwords.
    /// </summary>
    private static async Task<List<(string UserId, string Token)>> CreatePeopleAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var organisations = Enumerable.Range(0, (count + 9) / 10).Select(i => new Organisation
        {
            Kind = i % 2 == 0 ? OrganisationKind.Institution : OrganisationKind.Enterprise,
            InstitutionType = i % 2 == 0 ? InstitutionType.University : null,
            NameZh = $"实时基准单位{i:D4}",
            NameEn = $"Realtime benchmark organisation {i:D4}",
            RegionCode = "210211",
            RegionName = "大连市甘井子区",
            Verification = VerificationStatus.Verified,
        }).ToList();
        db.Organisations.AddRange(organisations);
        var users = Enumerable.Range(0, count).Select(i =>
        {
            var email = $"realtime-{i:D5}@benchmark.local";
            return new AppUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = $"Realtime {i:D5}",
                OrganisationId = organisations[i / 10].Id,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now,
            };
        }).ToList();
        db.Users.AddRange(users);
        // Every token names a live session (SessionPrincipal refuses one that does not).
        var sessions = users.Select(u => new UserSession { UserId = u.Id, Kind = "token", CreatedAt = now }).ToList();
        db.UserSessions.AddRange(sessions);
        await db.SaveChangesAsync();

        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        var bearer = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var people = new List<(string, string)>(count);
        foreach (var (user, session) in users.Zip(sessions))
        {
            var principal = await principals.CreateAsync(user);
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(
                TechTransfer.Match.Web.Infrastructure.Accounts.AccountClaims.Session, session.Id.ToString()));
            var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(6) }, IdentityConstants.BearerScheme);
            people.Add((user.Id.ToString(), bearer.BearerTokenProtector.Protect(ticket)));
        }

        return people;
    }
}


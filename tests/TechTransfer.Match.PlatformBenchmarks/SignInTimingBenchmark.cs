using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.PlatformBenchmarks;

/// <summary>
/// Whether the time of a failed sign-in tells an unknown account from a real one: N failed logins of each
/// kind, interleaved, through the in-process server on a SQLite file, each from its own client address so
/// the throttle never answers instead. Prints the median and p95 of each and their ratio.
/// Usage: signin-timing [rounds=300]
/// </summary>
public sealed class SignInTimingBenchmark : IPlatformBenchmark
{
    public string Verb => "signin-timing";

    public string Description => "failed sign-in time for unknown vs real accounts (enumeration by timing)";

    public async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var file = Path.Combine(Path.GetTempPath(), $"ttm-signin-{Guid.NewGuid():N}.db");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TECHTRANSFER_MATCH_WEB", AppContext.BaseDirectory);
        await using var factory = new WebApplicationFactory<AppDbContext>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Benchmark");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={file}");
            b.UseSetting("Seed:Demo", "false");
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            b.UseSetting("SignIn:AuthRequestsPerMinute", "1000000");
            b.UseSetting("Http:ForwardedHeaders", "true");
        });
        const string email = "timing@benchmark.local";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Timing", CreatedAt = DateTime.UtcNow };
            (await users.CreateAsync(user, "Zq7#rvB2kLm")).Succeeded.ShouldHold();
        }

        var client = factory.CreateClient();
        async Task<double> LoginAsync(string who, int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = who, password = "Wrong#Pass1" }) };
            request.Headers.Add("X-Forwarded-For", $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}");
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            watch.Stop();
            return ((int)response.StatusCode == 401) ? watch.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"{(int)response.StatusCode}");
        }

        for (var i = 0; i < 20; i++)
        {
            await LoginAsync(email, 1_000_000 + i);
            await LoginAsync($"nobody{i}@benchmark.local", 2_000_000 + i);
        }

        var known = new List<double>(rounds);
        var unknown = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            known.Add(await LoginAsync(email, 2 * i));
            unknown.Add(await LoginAsync($"ghost{i}@benchmark.local", 2 * i + 1));
        }

        static double Q(List<double> v, double q) => v.Order().ElementAt((int)Math.Min(v.Count - 1, Math.Round(q * (v.Count - 1))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rounds} failed logins each: real account median {Q(known, 0.5):F1} ms p95 {Q(known, 0.95):F1} ms; unknown account median {Q(unknown, 0.5):F1} ms p95 {Q(unknown, 0.95):F1} ms; median ratio {Q(unknown, 0.5) / Q(known, 0.5):F2}"));
        File.Delete(file);
        return 0;
    }
}

internal static class Check
{
    public static void ShouldHold(this bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Set-up failed.");
        }
    }
}

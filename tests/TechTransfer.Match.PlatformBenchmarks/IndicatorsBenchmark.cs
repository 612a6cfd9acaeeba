using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.PlatformBenchmarks;

/// <summary>
/// Generates contracts over organisations and years into a fresh PostgreSQL and/or SQLite database
/// (binary COPY for PostgreSQL, batched prepared inserts in one transaction for SQLite), then times
/// every indicator for one year through the mediator, as the endpoints run them.
/// <code>
/// dotnet run -c Release --project tests/TechTransfer.Match.PlatformBenchmarks -- indicators
///     [--contracts 1000000] [--organisations 10000] [--years 5] [--runs 5] [--provider both|postgres|sqlite]
///     [--postgres "Host=127.0.0.1;Username=postgres;Password=postgres"] [--sqlite /tmp/ttm-indicators.db] [--reuse]
/// </code>
/// <c>--reuse</c> keeps the database of an earlier run when it holds the requested number of contracts
/// (the migrations still run, so new indexes are added to it); otherwise it is created afresh.

/// </summary>
public sealed partial class IndicatorsBenchmark : IPlatformBenchmark
{
    public string Verb => "indicators";

    public string Description => "bulk-load N contracts (default 1,000,000) and time every indicator for one year on PostgreSQL and SQLite";

    public async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var providers = options.Provider switch
        {
            "postgres" => new[] { DatabaseProvider.PostgreSql },
            "sqlite" => [DatabaseProvider.Sqlite],
            _ => [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite],
        };
        Console.WriteLine($"indicators benchmark: {options.Contracts:N0} contracts, {options.Organisations:N0} organisations, " +
            $"years {options.LastYear - options.Years + 1}-{options.LastYear}, {options.Runs} timed runs per indicator, {Environment.ProcessorCount} cores");
        var ok = true;
        foreach (var provider in providers)
        {
            ok &= await RunProviderAsync(provider, options);
        }

        return ok ? 0 : 1;
    }

    private static async Task<bool> RunProviderAsync(DatabaseProvider provider, Options options)
    {
        string connectionString;
        var reuse = options.Reuse && await HoldsContractsAsync(provider, options);
        if (reuse)
        {
            connectionString = provider == DatabaseProvider.PostgreSql
                ? new NpgsqlConnectionStringBuilder(options.Postgres) { Database = "ttm_bench_indicators" }.ConnectionString
                : $"Data Source={options.Sqlite}";
        }
        else if (provider == DatabaseProvider.PostgreSql)
        {
            var server = new NpgsqlConnectionStringBuilder(options.Postgres);
            connectionString = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = "ttm_bench_indicators" }.ConnectionString;
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS ttm_bench_indicators WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(options.Sqlite + suffix);
            }

            connectionString = $"Data Source={options.Sqlite}";
        }

        // The web project's content root is not beside the benchmark's output; the binaries are.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TECHTRANSFER_MATCH_WEB", AppContext.BaseDirectory);
        await using var factory = new WebApplicationFactory<AppDbContext>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Benchmark");
            b.UseSetting("Database:Provider", provider.ToString());
            b.UseSetting("Database:ConnectionString", connectionString);
            b.UseSetting("Seed:Demo", "false");
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        _ = factory.Server; // migrations run on start

        Console.WriteLine();
        Console.WriteLine($"== {provider}");
        var load = Stopwatch.StartNew();
        int institutions;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            if (reuse)
            {
                institutions = await db.Organisations.CountAsync(o => o.Kind == OrganisationKind.Institution);
            }
            else
            {
                var (organisations, contracts) = Generate(options);
                institutions = organisations.Count(o => o.Kind == OrganisationKind.Institution);
                await BulkInsertAsync(db, provider, organisations);
                await BulkInsertAsync(db, provider, contracts);
            }

            // Statistics for the planners; on PostgreSQL also the visibility map that index-only scans need,
            // which autovacuum would set on a database that has been running a while.
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql ? "VACUUM ANALYZE" : "ANALYZE");
        }

        Console.WriteLine(reuse
            ? $"reused the database of an earlier run ({institutions:N0} institutions, {options.Contracts:N0} contracts); analyzed in {load.Elapsed.TotalSeconds:F1} s"
            : $"load: {options.Organisations:N0} organisations ({institutions:N0} institutions) and {options.Contracts:N0} contracts in {load.Elapsed.TotalSeconds:F1} s");

        var year = options.LastYear;
        Guid someInstitution;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            someInstitution = await db.Organisations.Where(o => o.Kind == OrganisationKind.Institution).OrderBy(o => o.NameEn).Select(o => o.Id).FirstAsync();
        }

        var indicators = new (string Name, Func<IMessage> Query)[]
        {
            ("turnover", () => new GetTurnover(year)),
            ("fields", () => new GetFieldComposition(year)),
            ("localization", () => new GetLocalization(year)),
            ("contract-amounts", () => new GetContractAmounts(year)),
            ("collaboration", () => new GetCollaboration(year)),
            ("funnel", () => new GetFunnel(year)),
            ("unmet-demand", () => new GetUnmetDemand(year)),
            ("leakage", () => new GetLeakage(year)),
            ("series (1 institution, 5 years)", () => new GetInstitutionSeries(someInstitution, year - 4, year)),
        };

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Role, Roles.BureauAnalyst)], "benchmark"));
        var medians = new List<double>();
        var cpuMedians = new List<double>();
        // CPU time, a reading that heavy load on the machine disturbs much less than the wall time: this
        // process's (SQLite runs in it) plus, on PostgreSQL, the server backend's that serves the request's
        // connection (read from /proc when the server runs on this machine; parallel workers not counted).
        Console.WriteLine($"{"indicator",-34} {"median ms",10} {"max ms",10} {"cpu ms",10}");
        foreach (var (name, query) in indicators)
        {
            var times = new List<double>();
            var cpu = new List<double>();
            for (var run = 0; run <= options.Runs; run++)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var backend = await BackendAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), provider);
                var backendBefore = BackendCpuMs(backend);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var result = await mediator.Send((object)query());
                watch.Stop();
                var cpuUsed = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds + (BackendCpuMs(backend) - backendBefore);
                if (result!.GetType().GetProperty("IsSuccess")?.GetValue(result) is false)
                {
                    throw new InvalidOperationException($"{name} failed");
                }

                if (run > 0)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds); // run 0 warms up
                    cpu.Add(cpuUsed);
                }
            }

            times.Sort();
            cpu.Sort();
            var median = times[times.Count / 2];
            medians.Add(median);
            cpuMedians.Add(cpu[cpu.Count / 2]);
            Console.WriteLine($"{name,-34} {median,10:F1} {times[^1],10:F1} {cpu[cpu.Count / 2],10:F1}");
        }

        var target = provider == DatabaseProvider.PostgreSql ? 1000 : 3000;
        var sum = medians.Sum();
        Console.WriteLine($"{"all indicators for " + year + " (sum of medians)",-34} {sum,10:F1}   target < {target} ms: {(sum < target ? "met" : "MISSED")}" +
            $"; cpu {cpuMedians.Sum():F1} ms");
        return sum < target;
    }

    /// <summary>
    /// Opens the scope's connection (EF then keeps it for the request) and returns the PostgreSQL backend's
    /// process id when its /proc entry is readable here; null for SQLite or a remote server.
    /// </summary>
    private static async Task<int?> BackendAsync(AppDbContext db, DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.PostgreSql)
        {
            return null;
        }

        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT pg_backend_pid()";
        var pid = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return File.Exists($"/proc/{pid}/stat") ? pid : null;
    }

    /// <summary>User and system CPU time of a process from /proc (clock ticks of 10 ms); 0 without one.</summary>
    private static double BackendCpuMs(int? pid)
    {
        if (pid is not { } id)
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    /// <summary>Whether the benchmark database of an earlier run exists and holds exactly the requested number of contracts.</summary>
    private static async Task<bool> HoldsContractsAsync(DatabaseProvider provider, Options options)
    {
        try
        {
            await using DbConnection connection = provider == DatabaseProvider.PostgreSql
                ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.Postgres) { Database = "ttm_bench_indicators", Pooling = false }.ConnectionString)
                : File.Exists(options.Sqlite) ? new SqliteConnection($"Data Source={options.Sqlite};Mode=ReadOnly;Pooling=False") : throw new FileNotFoundException();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"Contracts\"";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == options.Contracts;
        }
        catch (Exception e) when (e is DbException or FileNotFoundException)
        {
            return false;
        }
    }

    private sealed record Options(int Contracts, int Organisations, int Years, int LastYear, int Runs, string Provider, string Postgres, string Sqlite, bool Reuse)
    {
        public static Options Parse(string[] args)
        {
            string Get(string name, string fallback)
            {
                var i = Array.IndexOf(args, "--" + name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }

            return new Options(
                int.Parse(Get("contracts", "1000000"), CultureInfo.InvariantCulture),
                int.Parse(Get("organisations", "10000"), CultureInfo.InvariantCulture),
                int.Parse(Get("years", "5"), CultureInfo.InvariantCulture),
                int.Parse(Get("year", "2023"), CultureInfo.InvariantCulture),
                int.Parse(Get("runs", "5"), CultureInfo.InvariantCulture),
                Get("provider", "both"),
                Get("postgres", Environment.GetEnvironmentVariable("TTM_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres"),
                Get("sqlite", Path.Combine(Path.GetTempPath(), "ttm-indicators-benchmark.db")),
                args.Contains("--reuse"));
        }
    }
}

using System.Diagnostics;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Incentives;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.PlatformBenchmarks;

public sealed partial class IndicatorsBenchmark
{
    /// <summary>
    /// Simulation of incentive schemes on one year holding all the generated contracts (the indicator benchmark's data, in its
    /// own database), through the mediator as the endpoint runs it; five warm-ups, then the median and maximum of the runs,
    /// cold (the year's stamp bumped before each, as a write would) and cached.
    /// <code>
    /// dotnet run -c Release --project tests/TechTransfer.Match.PlatformBenchmarks -- incentives
    ///     [--contracts 1000000] [--organisations 10000] [--runs 3] [--provider both|postgres|sqlite] [--sqlite /tmp/ttm-incentives-benchmark.db] [--reuse]
    /// </code>
    /// </summary>
    public sealed class IncentivesBenchmark : IPlatformBenchmark
    {
        private const string Database = "ttm_bench_incentives";

        public string Verb => "incentives";

        public string Description => "bulk-load N contracts (default 1,000,000) in one year and time incentive scheme simulations on PostgreSQL and SQLite";

        public async Task<int> RunAsync(string[] args)
        {
            var sqlite = Array.IndexOf(args, "--sqlite") >= 0 ? args : [.. args, "--sqlite", Path.Combine(Path.GetTempPath(), "ttm-incentives-benchmark.db")];
            // Every contract in one year: the simulation of that year reads them all.
            var options = Options.Parse([.. sqlite, "--years", "1"]);
            Console.WriteLine($"incentives benchmark: {options.Contracts:N0} contracts in {options.LastYear}, {options.Organisations:N0} organisations, {options.Runs} timed runs, {Environment.ProcessorCount} cores");
            foreach (var provider in options.Provider switch { "postgres" => new[] { DatabaseProvider.PostgreSql }, "sqlite" => [DatabaseProvider.Sqlite], _ => [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite] })
            {
                await RunProviderAsync(provider, options);
            }

            return 0;
        }

        private const int WarmUps = 5;

        private static async Task RunProviderAsync(DatabaseProvider provider, Options options)
        {
            var connectionString = provider == DatabaseProvider.PostgreSql
                ? new NpgsqlConnectionStringBuilder(options.Postgres) { Database = Database }.ConnectionString
                : $"Data Source={options.Sqlite}";
            var reuse = options.Reuse && await CountAsync(provider, connectionString) == options.Contracts;
            if (!reuse && provider == DatabaseProvider.PostgreSql)
            {
                await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            else if (!reuse)
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(options.Sqlite + suffix);
                }
            }

            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TECHTRANSFER_MATCH_WEB", AppContext.BaseDirectory);
            await using var factory = new WebApplicationFactory<AppDbContext>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Benchmark");
                b.UseSetting("Database:Provider", provider.ToString());
                b.UseSetting("Database:ConnectionString", connectionString);
                b.UseSetting("Seed:Demo", "false");
                b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            });
            _ = factory.Server;
            Console.WriteLine();
            Console.WriteLine($"== {provider}");
            var load = Stopwatch.StartNew();
            var schemes = new List<(string Name, Guid Id)>();
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                if (!reuse)
                {
                    var (organisations, contracts) = Generate(options);
                    await BulkInsertAsync(db, provider, organisations);
                    await BulkInsertAsync(db, provider, contracts);
                }

                await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql ? "VACUUM ANALYZE" : "ANALYZE");
                foreach (var (name, rules) in Schemes())
                {
                    var scheme = new IncentiveScheme { Name = name };
                    db.IncentiveSchemes.Add(scheme);
                    IncentiveViews.AddRevision(db, scheme, rules);
                    schemes.Add((name, scheme.Id));
                }

                await db.SaveChangesAsync();
            }

            Console.WriteLine(reuse ? $"reused the database of an earlier run; analyzed in {load.Elapsed.TotalSeconds:F1} s" : $"loaded in {load.Elapsed.TotalSeconds:F1} s");
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Role, Roles.BureauAnalyst)], "benchmark"));
            Console.WriteLine($"{"simulation",-52} {"cold median",12} {"cold max",10} {"cached median",14} {"cached max",11} {"paid to",8}");
            foreach (var (name, id) in schemes)
            {
                var beneficiaries = 0;
                async Task<double> TimeAsync(bool cold)
                {
                    await using var scope = factory.Services.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
                    if (cold)
                    {
                        // A write's stamp, as any contract change of the year would bump it: the next request misses the cache.
                        await ContractYearStamps.BumpAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), [options.LastYear], default);
                    }

                    var watch = Stopwatch.StartNew();
                    var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SimulateIncentiveScheme(id, options.LastYear));
                    watch.Stop();
                    beneficiaries = result.IsSuccess ? result.Value!.Beneficiaries : throw new InvalidOperationException($"{name}: {result.Error}");
                    return watch.Elapsed.TotalMilliseconds;
                }

                // Warm-ups: a server that has answered a few requests runs the optimised code; with one warm-up the first
                // scheme's timings were the JIT's (tier-0 code until the loops are recompiled), 1.4 s against 0.87 s.
                for (var warm = 0; warm < WarmUps; warm++)
                {
                    await TimeAsync(cold: true);
                }

                var cold = new List<double>();
                var cached = new List<double>();
                for (var run = 0; run < options.Runs; run++)
                {
                    cold.Add(await TimeAsync(cold: true));
                    cached.Add(await TimeAsync(cold: false));
                }

                cold.Sort();
                cached.Sort();
                Console.WriteLine($"{name,-52} {cold[cold.Count / 2],12:F1} {cold[^1],10:F1} {cached[cached.Count / 2],14:F1} {cached[^1],11:F1} {beneficiaries,8}");
            }
        }

        /// <summary>The demo's two schemes and a heavier one: every buyer a beneficiary, first-time buyers only (a lookup per contract).</summary>
        private static IEnumerable<(string, IncentiveRules)> Schemes() =>
        [
            ("10% of local technical income, capped, scenario 10%", new IncentiveRules(IncentiveBeneficiary.Institution, IncentiveAmountMode.Percentage, IncentiveBasis.TechnologyIncome,
                true, false, RatePct: 10m, CapPerBeneficiary: 1_000_000m, TotalCap: 50_000_000m, AssumedSwitchSharePct: 10m)),
            ("three tiers per contract, scenario 15%", new IncentiveRules(IncentiveBeneficiary.InventorTeam, IncentiveAmountMode.Tiered, IncentiveBasis.TechnologyIncome,
                true, false, Tiers: [new(0m, 1_000_000m, 5m), new(1_000_000m, 5_000_000m, 3m), new(5_000_000m, null, 1m)], AssumedSwitchSharePct: 15m)),
            ("fixed per contract to first-time local buyers", new IncentiveRules(IncentiveBeneficiary.LocalBuyer, IncentiveAmountMode.FixedPerContract, IncentiveBasis.TotalAmount,
                true, true, FixedAmount: 5_000m)),
        ];

        private static async Task<long> CountAsync(DatabaseProvider provider, string connectionString)
        {
            try
            {
                await using System.Data.Common.DbConnection connection = provider == DatabaseProvider.PostgreSql
                    ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString)
                    : new Microsoft.Data.Sqlite.SqliteConnection(connectionString + ";Mode=ReadOnly;Pooling=False");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM \"Contracts\"";
                return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is System.Data.Common.DbException)
            {
                return -1;
            }
        }
    }
}

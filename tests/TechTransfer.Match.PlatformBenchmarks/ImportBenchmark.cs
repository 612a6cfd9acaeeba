using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.PlatformBenchmarks;

/// <summary>
/// Writes a registered-contract CSV of N rows (default 100,000; 2,000 organisations, a fifth of them with credit
/// codes), then imports it into a fresh PostgreSQL and/or SQLite database through the same command the upload
/// and the background job run (one transaction, batches of 1,000), after a preview of it (the same command, rolled
/// back), and imports it a second time (every row unchanged). Prints the time, rows per second and the process's peak working set. <c>--shape registry</c> writes
/// the file as the registry exports it instead (GB18030, no 转化方式, amounts in 万元, region names, nature labels,
/// two extra columns), so encoding detection, units and name resolution are measured too.
/// <code>
/// dotnet run -c Release --project tests/TechTransfer.Match.PlatformBenchmarks -- imports
///     [--rows 100000] [--provider both|postgres|sqlite] [--postgres "Host=127.0.0.1;Username=postgres;Password=postgres"]
///     [--sqlite /tmp/ttm-imports.db] [--file /tmp/ttm-imports.csv] [--shape platform|registry]
/// </code>
/// </summary>
public sealed class ImportBenchmark : IPlatformBenchmark
{
    public string Verb => "imports";

    public string Description => "import a registered-contract CSV of N rows (default 100,000) twice on PostgreSQL and SQLite";

    public async Task<int> RunAsync(string[] args)
    {
        var rows = 100_000;
        var provider = "both";
        var postgres = "Host=127.0.0.1;Username=postgres;Password=postgres";
        var sqlite = Path.Combine(Path.GetTempPath(), "ttm-imports.db");
        var file = Path.Combine(Path.GetTempPath(), "ttm-imports.csv");
        var registry = false;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--provider": provider = args[i + 1]; break;
                case "--postgres": postgres = args[i + 1]; break;
                case "--sqlite": sqlite = args[i + 1]; break;
                case "--file": file = args[i + 1]; break;
                case "--shape": registry = args[i + 1] == "registry"; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var watch = Stopwatch.StartNew();
        if (registry)
        {
            GenerateRegistry(file, rows);
        }
        else
        {
            Generate(file, rows);
        }

        Console.WriteLine($"imports benchmark: {rows:N0} rows, {(registry ? "registry-shaped GB18030" : "UTF-8")} " +
            $"{new FileInfo(file).Length / 1024.0 / 1024.0:F1} MB CSV written in {watch.Elapsed.TotalSeconds:F1} s, " +
            $"{Environment.ProcessorCount} cores");
        var providers = provider switch
        {
            "postgres" => new[] { DatabaseProvider.PostgreSql },
            "sqlite" => [DatabaseProvider.Sqlite],
            _ => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql],
        };
        var ok = true;
        foreach (var p in providers)
        {
            ok &= await RunProviderAsync(p, file, rows, postgres, sqlite);
        }

        return ok ? 0 : 1;
    }

    private static async Task<bool> RunProviderAsync(DatabaseProvider provider, string file, int rows, string postgres, string sqlite)
    {
        string connectionString;
        if (provider == DatabaseProvider.PostgreSql)
        {
            connectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = "ttm_bench_imports" }.ConnectionString;
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS ttm_bench_imports WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(sqlite + suffix);
            }

            connectionString = $"Data Source={sqlite}";
        }

        await using var factory = new WebApplicationFactory<AppDbContext>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Benchmark");
            b.UseSolutionRelativeContentRoot("src/TechTransfer.Match.Web");
            b.UseSetting("Database:Provider", provider.ToString());
            b.UseSetting("Database:ConnectionString", connectionString);
            b.UseSetting("Seed:Demo", "false");
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        _ = factory.Server;
        Console.WriteLine();
        Console.WriteLine($"== {provider}");
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Role, Roles.BureauAnalyst)], "benchmark"));
        var ok = true;
        foreach (var (pass, preview) in new[]
                 { ("preview (nothing written)", true), ("first import (all rows new)", false), ("second import (all rows unchanged)", false) })
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: false);
            await using var scope = factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var watch = Stopwatch.StartNew();
            var outcome = await mediator.Send(new ImportContracts(file, "csv", false, null, Path.GetFileName(file), Preview: preview));
            watch.Stop();
            if (!outcome.IsSuccess && !outcome.Preview)
            {
                Console.WriteLine($"{pass}: FAILED {outcome.Error!.Message}");
                return false;
            }

            var r = outcome.Report!;
            Console.WriteLine($"{pass}: {watch.Elapsed.TotalSeconds:F1} s, {rows / watch.Elapsed.TotalSeconds:N0} rows/s; encoding {r.Encoding}, inserted {r.Inserted:N0}, " +
                $"updated {r.Updated:N0}, unchanged {r.Unchanged:N0}, organisations created {r.OrganisationsCreated:N0}; " +
                $"allocated {(GC.GetTotalAllocatedBytes(false) - before) / 1024.0 / 1024.0:N0} MB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:N0} MB");
            ok &= watch.Elapsed < TimeSpan.FromMinutes(1);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Console.WriteLine($"contracts in the database: {await db.Contracts.CountAsync():N0}; organisations: {await db.Organisations.CountAsync():N0}");
        }

        return ok;
    }

    private static readonly string[] Categories = ["技术开发(委托)", "技术开发(合作)", "技术转让", "技术许可", "技术咨询", "技术服务"];
    private static readonly string[] Modes = ["转让", "许可", "作价投资", "合作开发", "技术服务"];
    private static readonly string[] Fields = ["电子信息", "航空航天", "先进制造", "生物、医药和医疗器械", "新材料及其应用", "新能源与高效节能",
        "环境保护与资源综合利用", "核应用", "农业", "现代交通", "城市建设与社会发展"];
    private static readonly string[] Regions = ["210202", "210203", "210204", "210211", "210212", "210213", "210281", "210102", "310115", "110108"];

    private static readonly string[] RegionNames =
        ["辽宁省大连市中山区", "大连市西岗区", "沙河口区", "辽宁省大连市甘井子区", "旅顺口区", "大连金州", "瓦房店市", "上海市浦东新区", "北京市海淀区", "210283"];

    private static readonly string[] Natures = ["高等院校", "科研院所", "0221", "211"];

    /// <summary>One generated contract's random parts: seller and buyer numbers, amounts in yuan, dates.</summary>
    private readonly record struct Drawn(int Seller, int Buyer, int Total, int Income, DateOnly Signed, DateOnly Registered)
    {
        public static Drawn From(Random random)
        {
            var (seller, buyer, total) = (random.Next(200), random.Next(1800), random.Next(10_000, 5_000_000));
            var income = total - random.Next(0, total / 4);
            var signed = new DateOnly(2024, 1, 1).AddDays(random.Next(330));
            return new Drawn(seller, buyer, total, income, signed, signed.AddDays(random.Next(1, 30)));
        }
    }

    /// <summary>The same contracts as a registry export writes them: GB18030, amounts in 万元, names instead of codes.</summary>
    private static void GenerateRegistry(string path, int rows)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var random = new Random(20240315);
        using var writer = new StreamWriter(path, false, Encoding.GetEncoding("GB18030"));
        writer.WriteLine("合同登记号,项目名称,合同类别,卖方名称,卖方统一社会信用代码,卖方性质,卖方所在地区,买方名称,买方统一社会信用代码,买方性质,买方所在地区,技术领域,合同成交额(万元),技术交易额(万元),合同签订日期,合同登记日期,备注,登记机构");
        for (var i = 0; i < rows; i++)
        {
            var d = Drawn.From(random);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"2102{i:D12},焊接机器人与智能制造关键技术项目{i},{Categories[i % 6]},大连基准大学{d.Seller},{(d.Seller % 5 == 0 ? CreditCodes.Complete($"12210200{d.Seller:D9}") : "")}," +
                $"{Natures[d.Seller % 4]},{RegionNames[d.Seller % 7]},基准企业{d.Buyer},{(d.Buyer % 5 == 0 ? CreditCodes.Complete($"91210200{d.Buyer:D9}") : "")},企业,{RegionNames[d.Buyer % 10]}," +
                $"{Fields[i % 11]},{d.Total / 10_000m},{d.Income / 10_000m},{d.Signed:yyyy-MM-dd},{d.Registered:yyyy-MM-dd},{(i % 9 == 0 ? "分期付款" : "")},大连市技术市场管理办公室"));
        }
    }

    private static void Generate(string path, int rows)
    {
        var random = new Random(20240315);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        writer.WriteLine("登记号,项目名称,合同类别,转化方式,卖方名称,卖方统一社会信用代码,卖方性质代码,卖方所在地区代码,买方名称,买方统一社会信用代码,买方性质代码,买方所在地区代码,技术领域,合同成交额(元),技术交易额(元),签订日期,登记日期,有效期起,有效期止,试用期(月)");
        for (var i = 0; i < rows; i++)
        {
            var (seller, buyer, total, income, signed, registered) = Drawn.From(random);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"2102{i:D12},焊接机器人与智能制造关键技术项目{i},{Categories[i % 6]},{Modes[i % 5]},大连基准大学{seller},"));
            writer.Write(seller % 5 == 0 ? CreditCodes.Complete($"12210200{seller:D9}") : "");
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $",{(seller % 2 == 0 ? "0221" : "0211")},{Regions[seller % 7]},基准企业{buyer},"));
            writer.Write(buyer % 5 == 0 ? CreditCodes.Complete($"91210200{buyer:D9}") : "");
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $",0310,{Regions[buyer % 10]},{Fields[i % 11]},{total}.00,{income}.00,{signed:yyyy-MM-dd},{registered:yyyy-MM-dd},{signed:yyyy-MM-dd},{signed.AddYears(2):yyyy-MM-dd},{(i % 20 == 0 ? "6" : "")}"));
        }
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using TechTransfer.Match.Tests.Contracts;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>Finding 8 of the trust review and the bad-input cases of finding 3 that the corpus does not reach: the edge.</summary>
public abstract class EdgeTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_hsts_goes_out_over_https()
    {
        foreach (var path in new[] { "/api/achievements", "/health", "/api/auth/me" })
        {
            var response = await app.CreateClient().GetAsync(path);
            var headers = response.Headers;
            headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
            headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self';");
            headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
            headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        }

        var secure = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://ttm.example") });
        (await secure.GetAsync("/health")).Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [Fact]
    public async Task A_cookie_session_writes_only_from_the_platforms_own_pages()
    {
        var user = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var browser = app.BrowserClient();
        await (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = user.Email, password = TestApp.Password })).ShouldBeAsync(HttpStatusCode.OK);

        // A page elsewhere can make the browser send the cookie, but not the header, and its Origin is its own.
        var forged = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        await (await forged.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = user.Email, password = TestApp.Password }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/needs") { Content = JsonContent.Create(Listings.Need("跨站伪造")) })
        {
            request.Headers.Add("Origin", "https://evil.example");
            (await (await browser.SendAsync(request)).ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("cross_site_request");
        }

        var withoutHeader = app.CreateClient();
        var setCookie = (await app.BrowserClient().PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = user.Email, password = TestApp.Password }))
            .Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ttm.auth=", StringComparison.Ordinal)).Split(';')[0];
        withoutHeader.DefaultRequestHeaders.Add("Cookie", setCookie);
        await (await withoutHeader.PostAsJsonAsync("/api/needs", Listings.Need("无标头"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await withoutHeader.GetAsync("/api/needs/mine")).ShouldBeAsync(HttpStatusCode.OK);

        // The platform's pages (header, same origin) write; a bearer client never needs the header.
        await (await browser.PostAsJsonAsync("/api/needs", Listings.Need("本站页面"))).ShouldBeAsync(HttpStatusCode.Created);
        await (await user.Client.PostAsJsonAsync("/api/needs", Listings.Need("令牌客户端"))).ShouldBeAsync(HttpStatusCode.Created);
        (await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Needs, n => n.Title == "跨站伪造" || n.Title == "无标头"))).ShouldBe(0);
    }

    [Fact]
    public async Task Exported_cells_that_a_spreadsheet_would_run_stay_text_and_a_reimport_restores_them()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var tag = ContractFiles.NewTag();
        var rows = ContractFiles.Rows(tag, 3);
        rows[0]["projectName"] = $"=HYPERLINK(\"http://evil.example\",\"{tag}\")";
        rows[1]["projectName"] = $"@SUM(A1){tag}";
        rows[2]["projectName"] = $"-2+3 {tag}";
        await (await bureau.UploadAsync(ContractFiles.Csv(rows))).ImportedAsync();

        var csv = await bureau.GetAsync("/api/contracts/export?format=csv&headers=zh&year=2024");
        await csv.ShouldBeAsync(HttpStatusCode.OK);
        csv.Headers.GetValues("X-Spreadsheet-Formulas").Single().ShouldStartWith("neutralised");
        var text = await csv.Content.ReadAsStringAsync();
        text.ShouldContain($"\"'=HYPERLINK(");
        text.ShouldContain($"\"'@SUM(A1){tag}\"");
        text.ShouldContain($"\"'-2+3 {tag}\"");
        text.ShouldNotContain($",\"=HYPERLINK(");

        // The export imports back to the same records: the apostrophes come off again.
        var again = await (await bureau.UploadAsync(await csv.Content.ReadAsByteArrayAsync())).ImportedAsync();
        again.GetProperty("updated").GetInt32().ShouldBe(0);
        var names = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Contracts.Where(c => c.RegistrationNumber!.StartsWith(tag)).Select(c => c.ProjectName)));
        names.ShouldContain($"@SUM(A1){tag}");
    }

    [Fact]
    public async Task Files_that_are_not_what_they_claim_are_refused_with_the_reason()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var notZip = await bureau.UploadAsync(Encoding.UTF8.GetBytes("登记号,项目名称\n1,2\n"), "renamed.xlsx");
        (await notZip.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("zip");

        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            await using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                await sheet.WriteAsync(zeros);
            }
        }

        var refused = await bureau.UploadAsync(bomb.ToArray(), "bomb.xlsx");
        (await refused.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("bomb");

        // Invalid UTF-8 is an error naming its row, never a silent U+FFFD; a control character names its cell.
        var tag = ContractFiles.NewTag();
        var good = ContractFiles.Csv(ContractFiles.Rows(tag, 3));
        var broken = good.ToArray();
        var secondRow = Array.LastIndexOf(broken, (byte)'\n', Array.LastIndexOf(broken, (byte)'\n', broken.Length - 2) - 1) + 5;
        broken[secondRow] = 0xFF;
        var invalid = await (await bureau.UploadAsync(broken)).ProblemAsync(HttpStatusCode.BadRequest);
        invalid.GetRawText().ShouldContain("UTF-8");
        invalid.GetProperty("problems").EnumerateArray().Single().GetProperty("row").GetInt32().ShouldBe(3);

        var rows = ContractFiles.Rows(ContractFiles.NewTag(), 2);
        rows[1]["projectName"] = "带\u0000空字符";
        var nul = await (await bureau.UploadAsync(ContractFiles.Csv(rows))).ProblemAsync(HttpStatusCode.BadRequest);
        nul.GetProperty("problems").EnumerateArray().ShouldContain(p => p.GetProperty("row").GetInt32() == 3 && p.GetProperty("column").GetString() == "projectName");
        (await bureau.CountAsync(tag)).ShouldBe(0);
    }

    [Fact]
    public async Task The_bad_inputs_that_answered_500_now_answer_400()
    {
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var nullIndicator = await enterprise.Client.PostAsJsonAsync("/api/needs", Listings.Need("空指标", b => b["indicators"] = new object?[] { null }));
        (await nullIndicator.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("indicators[0]", out _).ShouldBeTrue();

        var longKeyword = await enterprise.Client.PostAsJsonAsync("/api/matches/preview", new { kind = "Need", title = "预览", keywords = new[] { new string('焊', 100_000) } });
        await longKeyword.ProblemAsync(HttpStatusCode.BadRequest);

        var nulLogin = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "a\u0000@tests.local", password = "x" });
        (await nulLogin.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
        var nulSearch = await app.CreateClient().GetAsync("/api/achievements?q=%00");
        (await nulSearch.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("q", out _).ShouldBeTrue();

        var missing = await enterprise.Client.PostAsJsonAsync("/api/needs", Listings.Need("缺可见性", b => b.Remove("visibility")));
        (await missing.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("visibility")[0].GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void A_postgresql_node_holds_at_most_25_connections_unless_told_otherwise()
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=db;Username=u;Password=p;Database=ttm" };
        new Npgsql.NpgsqlConnectionStringBuilder(options.ResolveConnectionString("/")).MaxPoolSize.ShouldBe(25);
        options.ConnectionString += ";Maximum Pool Size=40";
        new Npgsql.NpgsqlConnectionStringBuilder(options.ResolveConnectionString("/")).MaxPoolSize.ShouldBe(40);
    }
}

public sealed class SqliteEdgeTests(SqliteApp app) : EdgeTests<SqliteApp>(app);

public sealed class PostgresEdgeTests(PostgresApp app) : EdgeTests<PostgresApp>(app);

/// <summary>
/// Edge settings that need a node of their own: request logs, the API reference switch, the secret file. The
/// request log goes to a file named in the environment (how an operator adds a sink), so these run alone.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class EdgeSettingsTests
{
    private sealed class LoggingApp() : TestApp(new SqliteTestDatabase())
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information",
            ["Http:ApiReference"] = "false",
        };
    }

    [Fact]
    public async Task A_refused_body_is_logged_with_the_status_the_client_got_and_the_api_reference_can_be_switched_off()
    {
        var log = Path.Combine(Path.GetTempPath(), "ttm-tests", $"requests-{Guid.NewGuid():N}.log");
        Environment.SetEnvironmentVariable("Serilog__WriteTo__TestFile__Name", "File");
        Environment.SetEnvironmentVariable("Serilog__WriteTo__TestFile__Args__path", log);
        await using (var app = new LoggingApp())
        {
            try
            {
                await app.InitializeAsync();
            }
            finally
            {
                Environment.SetEnvironmentVariable("Serilog__WriteTo__TestFile__Name", null);
                Environment.SetEnvironmentVariable("Serilog__WriteTo__TestFile__Args__path", null);
            }

            var user = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
            await (await user.Client.PostAsync("/api/needs", new StringContent("{\"title\": 12", Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
            await (await user.Client.PostAsJsonAsync("/api/needs", new { title = "a\u0000b" })).ProblemAsync(HttpStatusCode.BadRequest);
            await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBeAsync(HttpStatusCode.NotFound);
            await (await app.CreateClient().GetAsync("/scalar")).ShouldBeAsync(HttpStatusCode.NotFound);
        }

        Serilog.Log.CloseAndFlush();
        var lines = await File.ReadAllLinesAsync(log);
        lines.Count(l => l.Contains("POST /api/needs responded 400", StringComparison.Ordinal)).ShouldBe(2, string.Join('\n', lines.TakeLast(20)));
        lines.ShouldNotContain(l => l.Contains("responded 500", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("[Error]", StringComparison.Ordinal));
    }

    private sealed class LimitedApp() : TestApp(new SqliteTestDatabase())
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SignIn:AuthRequestsPerMinute"] = "10" };
    }

    [Fact]
    public async Task Sign_in_requests_beyond_the_limit_of_one_address_answer_429_and_other_addresses_go_on()
    {
        await using var app = new LimitedApp();
        await app.InitializeAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            var response = await app.ClientFrom("203.0.113.99").PostAsJsonAsync("/api/auth/login", new { email = $"flood{i}@tests.local", password = "Wrong#Pass1" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);
                problem.GetProperty("code").GetString().ShouldBe("rate_limited");
                response.Headers.RetryAfter.ShouldNotBeNull();
            }
        }

        statuses.Count(s => s == HttpStatusCode.Unauthorized).ShouldBe(10);
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(5);
        await (await app.ClientFrom("198.51.100.77").PostAsJsonAsync("/api/auth/register",
            new { email = "other@tests.local", password = TestApp.Password, displayName = "他人", role = "EnterpriseMember" })).ShouldBeAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_generated_administrator_password_file_is_readable_by_its_owner_only()
    {
        var file = Path.Combine(Path.GetTempPath(), "ttm-tests", $"admin-{Guid.NewGuid():N}.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "old");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await TechTransfer.Match.Web.Infrastructure.DatabaseInitializer.WriteOwnerOnlyAsync(file, "admin@x\nSecret#1\n");
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await File.ReadAllTextAsync(file)).ShouldBe("admin@x\nSecret#1\n");
        File.Delete(file);
    }
}

[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>Registration imports and exports through HTTP; the background threshold is lowered to 40 rows.</summary>
public abstract class ContractImportTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync() => (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_and_creates_organisations_unverified()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var file = ContractFiles.Csv(ContractFiles.Rows(tag, 12));

        var first = await (await bureau.UploadAsync(file)).ImportedAsync();
        first.GetProperty("inserted").GetInt32().ShouldBe(12);
        first.GetProperty("organisationsCreated").GetInt32().ShouldBe(5);
        (await bureau.CountAsync(tag)).ShouldBe(12);

        var second = await (await bureau.UploadAsync(file)).ImportedAsync();
        second.GetProperty("inserted").GetInt32().ShouldBe(0);
        second.GetProperty("updated").GetInt32().ShouldBe(0);
        second.GetProperty("unchanged").GetInt32().ShouldBe(12);
        second.GetProperty("organisationsCreated").GetInt32().ShouldBe(0);
        (await bureau.CountAsync(tag)).ShouldBe(12);

        var organisations = await app.WithDbAsync(db => db.Organisations.AsNoTracking().Where(o => o.NameZh.Contains(tag)).ToListAsync());
        organisations.Count.ShouldBe(5);
        organisations.ShouldAllBe(o => o.Verification == VerificationStatus.Draft); // unmatched parties wait as drafts for an administrator
        organisations.Single(o => o.NameZh.StartsWith("大连测试大学")).InstitutionType.ShouldBe(InstitutionType.University);

        // Locality is derived from the buyer's region: 210211 (Dalian's Ganjingzi district) is local, 310115 is not.
        var contracts = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.ProjectName.Contains(tag)).ToListAsync());
        contracts.Where(c => c.BuyerRegionCode == "210211").ShouldAllBe(c => c.IsLocal);
        contracts.Where(c => c.BuyerRegionCode == "310115").ShouldAllBe(c => !c.IsLocal);
        contracts.ShouldAllBe(c => c.Year == 2024 && c.Source == ContractSource.Import);
    }

    [Fact]
    public async Task A_changed_row_updates_the_contract_and_is_audited()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = ContractFiles.Rows(tag, 3);
        await (await bureau.UploadAsync(ContractFiles.Csv(rows))).ImportedAsync();

        rows[1]["totalAmount"] = "250000.00";
        rows[1]["technologyIncome"] = "200000.00";
        var again = await (await bureau.UploadAsync(ContractFiles.Csv(rows, chineseHeaders: false))).ImportedAsync();
        again.GetProperty("updated").GetInt32().ShouldBe(1);
        again.GetProperty("unchanged").GetInt32().ShouldBe(2);

        var number = tag + "000001";
        var (contract, audits) = await app.WithDbAsync(async db =>
        {
            var c = await db.Contracts.AsNoTracking().SingleAsync(x => x.RegistrationNumber == number);
            return (c, await db.ContractAudits.AsNoTracking().Where(a => a.ContractId == c.Id).ToListAsync());
        });
        contract.TotalAmount.ShouldBe(250000m);
        var audit = audits.ShouldHaveSingleItem();
        audit.Change.ShouldBe(ContractChange.ImportUpdated);
        audit.Changes.ShouldContain("totalAmount");
        audit.CreatedBy.ShouldNotBeNull();
    }

    [Fact]
    public async Task One_bad_row_rejects_the_file_with_its_row_and_column_and_writes_nothing_unless_valid_only()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = ContractFiles.Rows(tag, 6);
        rows[2]["technologyIncome"] = "999999999.00";
        var file = ContractFiles.Csv(rows);
        var organisationsBefore = await app.WithDbAsync(db => db.Organisations.CountAsync());

        var rejected = await (await bureau.UploadAsync(file)).ProblemAsync(HttpStatusCode.BadRequest);
        rejected.GetProperty("code").GetString().ShouldBe("import_rejected");
        var problem = rejected.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem();
        problem.GetProperty("row").GetInt32().ShouldBe(4); // the header is row 1
        problem.GetProperty("column").GetString().ShouldBe("technologyIncome");
        rejected.GetProperty("errors").TryGetProperty("rows[4].technologyIncome", out _).ShouldBeTrue();
        (await bureau.CountAsync(tag)).ShouldBe(0);
        (await app.WithDbAsync(db => db.Organisations.CountAsync())).ShouldBe(organisationsBefore);

        var kept = await (await bureau.UploadAsync(file, validOnly: true)).ImportedAsync();
        kept.GetProperty("inserted").GetInt32().ShouldBe(5);
        kept.GetProperty("rowsRejected").GetInt32().ShouldBe(1);
        kept.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem().GetProperty("row").GetInt32().ShouldBe(4);
        (await bureau.CountAsync(tag)).ShouldBe(5);
    }

    [Fact]
    public async Task Every_kind_of_bad_cell_is_reported_per_row_and_column()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = ContractFiles.Rows(tag, 7);
        rows[0]["signedOn"] = "2024-13-45";
        rows[1]["field"] = "炼金术";
        rows[2]["category"] = "技术赠与";
        rows[3]["buyerRegionCode"] = "2102";
        rows[4]["registrationNumber"] = rows[5]["registrationNumber"];
        rows[6]["totalAmount"] = "一百万";
        var rejected = await (await bureau.UploadAsync(ContractFiles.Csv(rows))).ProblemAsync(HttpStatusCode.BadRequest);
        var problems = rejected.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString())).ToList();
        problems.ShouldBe(
            [(2, "signedOn"), (3, "field"), (4, "category"), (5, "buyerRegionCode"), (7, "registrationNumber"), (8, "totalAmount")],
            ignoreOrder: true);

        var badHeader = Encoding.UTF8.GetBytes("登记号,项目名称,颜色\n1234567890123456,x,红\n");
        var header = await (await bureau.UploadAsync(badHeader)).ProblemAsync(HttpStatusCode.BadRequest);
        header.GetProperty("warnings").EnumerateArray().Select(p => p.GetProperty("column").GetString()).ShouldContain("颜色");

        await (await bureau.UploadAsync(Encoding.UTF8.GetBytes("x"), "contracts.pdf")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_the_bureau_and_administrators_import_and_export()
    {
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var file = ContractFiles.Csv(ContractFiles.Rows(ContractFiles.NewTag(), 1));
        await (await manager.Client.UploadAsync(file)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await enterprise.Client.UploadAsync(file)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient().UploadAsync(file)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await enterprise.Client.GetAsync("/api/contracts/export")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await enterprise.Client.GetAsync("/api/contracts/quality")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("csv", "zh")]
    [InlineData("xlsx", "en")]
    public async Task Export_then_import_of_the_same_data_changes_nothing(string format, string headers)
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = ContractFiles.Rows(tag, 9);
        rows[3]["projectName"] = $"项目{tag}含\"引号\"和,逗号的名称";
        await (await bureau.UploadAsync(ContractFiles.Csv(rows))).ImportedAsync();
        var total = await app.WithDbAsync(db => db.Contracts.CountAsync(c => c.RegistrationNumber != null));
        var versions = await app.WithDbAsync(db => db.Contracts.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id.ToString() + ":" + c.Version).ToListAsync());

        var export = await bureau.GetAsync($"/api/contracts/export?format={format}&headers={headers}");
        await export.ShouldBeAsync(HttpStatusCode.OK);
        var bytes = await export.Content.ReadAsByteArrayAsync();

        var report = await (await bureau.UploadAsync(bytes, "export." + format)).ImportedAsync();
        report.GetProperty("rowsRead").GetInt32().ShouldBe(total);
        report.GetProperty("unchanged").GetInt32().ShouldBe(total);
        report.GetProperty("inserted").GetInt32().ShouldBe(0);
        report.GetProperty("updated").GetInt32().ShouldBe(0);
        report.GetProperty("organisationsCreated").GetInt32().ShouldBe(0);
        var after = await app.WithDbAsync(db => db.Contracts.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id.ToString() + ":" + c.Version).ToListAsync());
        after.ShouldBe(versions);
    }

    [Fact]
    public async Task A_large_file_runs_as_a_background_job_that_reports_progress_and_keeps_its_report()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var response = await bureau.UploadAsync(ContractFiles.Csv(ContractFiles.Rows(tag, 120)));
        await response.ShouldBeAsync(HttpStatusCode.Accepted);
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/api/contracts/imports/");

        JsonElement job = default;
        for (var i = 0; i < 100; i++)
        {
            job = await (await bureau.GetAsync(location)).JsonAsync();
            if (job.GetProperty("status").GetString() is "Succeeded" or "Rejected" or "Failed")
            {
                break;
            }

            await Task.Delay(200);
        }

        job.GetProperty("status").GetString().ShouldBe("Succeeded");
        job.GetProperty("rowsRead").GetInt32().ShouldBe(120);
        job.GetProperty("rowsValid").GetInt32().ShouldBe(120);
        job.GetProperty("inserted").GetInt32().ShouldBe(120);
        (await bureau.CountAsync(tag)).ShouldBe(120);

        // A rejected background import keeps its problems and writes nothing.
        var bad = ContractFiles.Rows(ContractFiles.NewTag(), 60);
        bad[59]["signedOn"] = "yesterday";
        var rejected = await bureau.UploadAsync(ContractFiles.Csv(bad));
        await rejected.ShouldBeAsync(HttpStatusCode.Accepted);
        for (var i = 0; i < 100; i++)
        {
            job = await (await bureau.GetAsync(rejected.Headers.Location!)).JsonAsync();
            if (job.GetProperty("status").GetString() is "Succeeded" or "Rejected" or "Failed")
            {
                break;
            }

            await Task.Delay(200);
        }

        job.GetProperty("status").GetString().ShouldBe("Rejected");
        job.GetProperty("rowsRejected").GetInt32().ShouldBe(1);
        job.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem().GetProperty("row").GetInt32().ShouldBe(61);
        job.GetProperty("inserted").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_job_left_running_by_a_restart_has_written_nothing_and_is_run_again_from_the_start()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var folder = Path.Combine(Path.GetTempPath(), "ttm-tests-imports");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, tag + ".csv");
        await File.WriteAllBytesAsync(path, ContractFiles.Csv(ContractFiles.Rows(tag, 45)));

        // What a crash mid-import leaves: the job row says Running, its transaction never committed, the file is kept.
        var job = new ImportJob { FileName = "interrupted.csv", Format = "csv", StoredPath = path, Status = ImportJobStatus.Running, Attempts = 1 };
        await app.WithDbAsync(async db =>
        {
            db.ImportJobs.Add(job);
            return await db.SaveChangesAsync();
        });
        (await bureau.CountAsync(tag)).ShouldBe(0);

        var runner = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<TechTransfer.Match.Web.Features.Contracts.Import.ImportJobRunner>().Single();
        await runner.ResumeInterruptedAsync(CancellationToken.None);
        JsonElement view = default;
        for (var i = 0; i < 100; i++)
        {
            view = await (await bureau.GetAsync($"/api/contracts/imports/{job.Id}")).JsonAsync();
            if (view.GetProperty("status").GetString() is "Succeeded" or "Rejected" or "Failed")
            {
                break;
            }

            await Task.Delay(200);
        }

        view.GetProperty("status").GetString().ShouldBe("Succeeded");
        view.GetProperty("inserted").GetInt32().ShouldBe(45);
        (await bureau.CountAsync(tag)).ShouldBe(45);
        // The upload is removed once the job has finished (right after its status is written).
        for (var i = 0; i < 50 && File.Exists(path); i++)
        {
            await Task.Delay(100);
        }

        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task Quality_findings_list_probable_duplicates_signed_after_registered_and_outliers()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = ContractFiles.Rows(tag, 8);
        foreach (var row in rows)
        {
            row["field"] = "核应用";
            row["signedOn"] = "2023-05-01";
            row["registeredOn"] = "2023-05-20";
        }

        rows[1]["sellerName"] = rows[0]["sellerName"];
        rows[1]["buyerName"] = rows[0]["buyerName"];
        rows[1]["buyerCreditCode"] = rows[0]["buyerCreditCode"];
        rows[1]["totalAmount"] = rows[0]["totalAmount"];
        rows[1]["technologyIncome"] = rows[0]["technologyIncome"];
        rows[2]["signedOn"] = "2023-06-01";
        rows[3]["totalAmount"] = "90000000.00";
        await (await bureau.UploadAsync(ContractFiles.Csv(rows))).ImportedAsync();

        var findings = new List<JsonElement>();
        foreach (var kind in new[] { "probable_duplicate", "signed_after_registered", "amount_outlier" })
        {
            var report = await (await bureau.GetAsync($"/api/contracts/quality?year=2023&kind={kind}&pageSize=100")).JsonAsync();
            findings.AddRange(report.GetProperty("findings").GetProperty("items").EnumerateArray());
        }

        Func<JsonElement, string[]> Numbers = f => f.GetProperty("contracts").EnumerateArray().Select(c => c.GetProperty("registrationNumber").GetString()!).ToArray();
        findings.ShouldContain(f => f.GetProperty("code").GetString() == "probable_duplicate"
            && Numbers(f).Contains(tag + "000000") && Numbers(f).Contains(tag + "000001"));
        findings.ShouldContain(f => f.GetProperty("code").GetString() == "signed_after_registered" && Numbers(f).Contains(tag + "000002"));
        findings.ShouldContain(f => f.GetProperty("code").GetString() == "amount_outlier" && Numbers(f).Contains(tag + "000003"));
    }
}

public sealed class SqliteImportApp() : TestApp(new SqliteTestDatabase())
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Imports:BackgroundThresholdRows"] = "40" };
}

public sealed class PostgresImportApp() : TestApp(new PostgresTestDatabase())
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Imports:BackgroundThresholdRows"] = "40" };
}

public sealed class SqliteContractImportTests(SqliteImportApp app) : ContractImportTests<SqliteImportApp>(app);

public sealed class PostgresContractImportTests(PostgresImportApp app) : ContractImportTests<PostgresImportApp>(app);

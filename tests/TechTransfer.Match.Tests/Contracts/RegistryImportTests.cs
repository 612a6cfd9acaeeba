using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>Files shaped like real registry exports (issue 14); the background threshold is lowered to 40 rows.</summary>
public abstract class RegistryImportTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync() => (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

    [Fact]
    public async Task A_rejected_background_import_reports_zero_written_rows_after_a_batch_was_flushed()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        // More rows than one write batch (1,000): the first batch is written inside the transaction before the bad row is read.
        var rows = ContractFiles.Rows(tag, 1100);
        rows[1099]["signedOn"] = "yesterday";
        var response = await bureau.UploadAsync(ContractFiles.Csv(rows));
        await response.ShouldBeAsync(HttpStatusCode.Accepted);

        var job = await RegistryFiles.FinishedJobAsync(bureau, response.Headers.Location!);
        job.GetProperty("status").GetString().ShouldBe("Rejected");
        job.GetProperty("rowsRead").GetInt32().ShouldBe(1100);
        job.GetProperty("rowsRejected").GetInt32().ShouldBe(1);
        job.GetProperty("inserted").GetInt32().ShouldBe(0);
        job.GetProperty("updated").GetInt32().ShouldBe(0);
        job.GetProperty("organisationsCreated").GetInt32().ShouldBe(0);
        (await bureau.CountAsync(tag)).ShouldBe(0);
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag)))).ShouldBe(0);

        // The starter's notification carries the same zeros.
        var jobId = job.GetProperty("id").GetGuid();
        Notification? notification = null;
        for (var i = 0; i < 100 && notification is null; i++)
        {
            notification = await app.WithDbAsync(db => db.Notifications.AsNoTracking()
                .FirstOrDefaultAsync(n => n.Kind == NotificationKind.ImportFinished && n.Data.Contains(jobId.ToString())));
            await Task.Delay(notification is null ? 100 : 0);
        }

        notification.ShouldNotBeNull();
        var data = JsonDocument.Parse(notification.Data).RootElement;
        data.GetProperty("inserted").GetInt32().ShouldBe(0);
        data.GetProperty("updated").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_GBK_registry_export_with_extra_columns_and_wan_yuan_headers_imports_with_the_right_figures()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = RegistryFiles.WanYuanRows(tag, 3);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(RegistryFiles.Text(rows, RegistryFiles.Columns));
        Encoding.UTF8.GetString(gbk).ShouldNotContain("卖方名称"); // really not UTF-8

        var report = await (await RegistryFiles.UploadAsync(bureau, gbk)).ImportedAsync();
        report.GetProperty("encoding").GetString().ShouldBe("GB18030");
        report.GetProperty("inserted").GetInt32().ShouldBe(3);
        RegistryFiles.Listed(report, "warnings").ShouldBe(["备注", "登记机构"]);
        var total = report.GetProperty("totals").EnumerateArray().ShouldHaveSingleItem();
        total.GetProperty("year").GetInt32().ShouldBe(2024);
        total.GetProperty("contracts").GetInt32().ShouldBe(3);
        total.GetProperty("totalAmountWanYuan").GetDecimal().ShouldBe(363m);
        total.GetProperty("technologyIncomeWanYuan").GetDecimal().ShouldBe(304.5m);

        var contracts = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.ProjectName.Contains(tag)).OrderBy(c => c.RegistrationNumber).ToListAsync());
        contracts.Select(c => c.TotalAmount).ShouldBe([1_200_000m, 1_210_000m, 1_220_000m]);
        contracts[0].TechnologyIncome.ShouldBe(1_005_000m);
        (await app.WithDbAsync(db => db.Organisations.AsNoTracking().CountAsync(o => o.NameZh == $"大连测试大学{tag}"))).ShouldBe(1);
        // 转化方式 from 合同类别: cooperative development -> joint development, transfer -> transfer, licence -> licence.
        contracts.Select(c => c.TransformationMode).ShouldBe([TransformationMode.JointDevelopment, TransformationMode.Transfer, TransformationMode.Licence]);

        // The same contracts in yuan under (元) headers, as UTF-8: the same stored yuan, so nothing changes.
        var yuan = RegistryFiles.WanYuanRows(tag, 3);
        foreach (var row in yuan)
        {
            row["totalAmount"] = (decimal.Parse(row["totalAmount"], System.Globalization.CultureInfo.InvariantCulture) * 10_000m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            row["technologyIncome"] = (decimal.Parse(row["technologyIncome"], System.Globalization.CultureInfo.InvariantCulture) * 10_000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var inYuan = RegistryFiles.Columns.Select(c => (c.Header.Replace("(万元)", "(元)"), c.Key)).ToArray();
        var again = await (await RegistryFiles.UploadAsync(bureau, Encoding.UTF8.GetBytes(RegistryFiles.Text(yuan, inYuan)))).ImportedAsync();
        again.GetProperty("encoding").GetString().ShouldBe("UTF-8");
        again.GetProperty("unchanged").GetInt32().ShouldBe(3);
        again.GetProperty("updated").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_unitless_amount_header_is_refused_unless_the_request_names_the_unit()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = RegistryFiles.WanYuanRows(tag, 2);
        var unitless = RegistryFiles.Columns.Select(c => (c.Header.Replace("(万元)", ""), c.Key)).ToArray();
        var file = Encoding.UTF8.GetBytes(RegistryFiles.Text(rows, unitless));

        var refused = await (await RegistryFiles.UploadAsync(bureau, file)).ProblemAsync(HttpStatusCode.BadRequest);
        var problems = refused.GetProperty("problems").EnumerateArray().ToList();
        problems.Select(p => p.GetProperty("column").GetString()).ShouldBe(["totalAmount", "technologyIncome"], ignoreOrder: true);
        problems.ShouldAllBe(p => p.GetProperty("row").GetInt32() == 1 && p.GetProperty("message").GetString()!.Contains("unit"));
        problems.Select(p => p.GetProperty("header").GetString()).ShouldBe(["合同成交额", "技术交易额"], ignoreOrder: true);
        (await bureau.CountAsync(tag)).ShouldBe(0);

        await (await RegistryFiles.UploadAsync(bureau, file, "?unit=dollars")).ProblemAsync(HttpStatusCode.BadRequest);
        var report = await (await RegistryFiles.UploadAsync(bureau, file, "?unit=万元")).ImportedAsync();
        report.GetProperty("inserted").GetInt32().ShouldBe(2);
        var amounts = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.ProjectName.Contains(tag)).OrderBy(c => c.RegistrationNumber)
            .Select(c => c.TotalAmount).ToListAsync());
        amounts.ShouldBe([1_200_000m, 1_210_000m]);
    }

    [Fact]
    public async Task Excel_unicode_text_and_a_present_mode_column_are_read_and_an_unknown_encoding_gets_one_message()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = RegistryFiles.WanYuanRows(tag, 3);
        rows[1]["transformationMode"] = "作价投资"; // overrides what 技术转让 would give
        rows[2]["transformationMode"] = "";
        var columns = RegistryFiles.Columns.Append(("转化方式", "transformationMode")).ToArray();
        // Excel's "Unicode text": UTF-16 little-endian with its BOM, tab-separated.
        var utf16 = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        var bytes = utf16.GetPreamble().Concat(utf16.GetBytes(RegistryFiles.Text(rows, columns, "\t"))).ToArray();
        var report = await (await RegistryFiles.UploadAsync(bureau, bytes)).ImportedAsync();
        report.GetProperty("encoding").GetString().ShouldBe("UTF-16LE");
        report.GetProperty("inserted").GetInt32().ShouldBe(3);
        var modes = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.ProjectName.Contains(tag)).OrderBy(c => c.RegistrationNumber)
            .Select(c => c.TransformationMode).ToListAsync());
        modes.ShouldBe([TransformationMode.JointDevelopment, TransformationMode.EquityInvestment, TransformationMode.Licence]);

        var big = new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
        var other = ContractFiles.NewTag();
        var beBytes = big.GetPreamble().Concat(big.GetBytes(RegistryFiles.Text(RegistryFiles.WanYuanRows(other, 1), columns, "\t"))).ToArray();
        (await (await RegistryFiles.UploadAsync(bureau, beBytes)).ImportedAsync()).GetProperty("encoding").GetString().ShouldBe("UTF-16BE");

        // Neither UTF-8 nor GB18030 (0xFF starts no character in either) and no BOM: one message naming the row.
        var broken = Encoding.UTF8.GetBytes(RegistryFiles.Text(RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 3), RegistryFiles.Columns)).ToList();
        broken.InsertRange(broken.LastIndexOf((byte)'\n', broken.Count - 2) + 1, new byte[] { 0xFF, 0xFF });
        var refused = await (await RegistryFiles.UploadAsync(bureau, broken.ToArray())).ProblemAsync(HttpStatusCode.BadRequest);
        var problem = refused.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem();
        problem.GetProperty("row").GetInt32().ShouldBe(4);
        problem.GetProperty("message").GetString()!.ShouldContain("encoding");
    }

    [Fact]
    public async Task Unknown_columns_warn_and_a_missing_column_says_which_headers_are_expected()
    {
        var bureau = await BureauAsync();
        var missing = await (await RegistryFiles.UploadAsync(bureau, Encoding.UTF8.GetBytes("登记号,项目名称,颜色\n1234567890123456,x,红\n"))).ProblemAsync(HttpStatusCode.BadRequest);
        RegistryFiles.Listed(missing, "warnings").ShouldBe(["颜色"]);
        var problems = missing.GetProperty("problems").EnumerateArray().ToList();
        problems.Select(p => p.GetProperty("column").GetString()).ShouldContain("category");
        problems.Select(p => p.GetProperty("column").GetString()).ShouldNotContain("transformationMode");
        problems.First(p => p.GetProperty("column").GetString() == "category").GetProperty("message").GetString()!
            .ShouldContain("合同类别 / Category, 卖方名称 / SellerName");
    }

    [Fact]
    public async Task A_preview_writes_nothing_and_is_committed_or_cancelled_once()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var file = Encoding.UTF8.GetBytes(RegistryFiles.Text(RegistryFiles.WanYuanRows(tag, 3), RegistryFiles.Columns));

        var preview = await (await RegistryFiles.UploadAsync(bureau, file, "?preview=true")).ImportedAsync();
        (preview.GetProperty("inserted").GetInt32(), preview.GetProperty("organisationsCreated").GetInt32()).ShouldBe((3, 4)); // the university and three firms
        preview.GetProperty("totals")[0].GetProperty("totalAmountWanYuan").GetDecimal().ShouldBe(363m);
        var id = preview.GetProperty("previewId").GetGuid();
        (await bureau.CountAsync(tag)).ShouldBe(0);
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag)))).ShouldBe(0);
        (await (await bureau.GetAsync($"/api/contracts/imports/{id}")).JsonAsync()).GetProperty("status").GetString().ShouldBe("Previewed");

        var commit = await bureau.PostAsync($"/api/contracts/imports/{id}/commit", null);
        await commit.ShouldBeAsync(HttpStatusCode.Accepted);
        var job = await RegistryFiles.FinishedJobAsync(bureau, commit.Headers.Location!);
        (job.GetProperty("status").GetString(), job.GetProperty("inserted").GetInt32()).ShouldBe(("Succeeded", 3));
        (await bureau.CountAsync(tag)).ShouldBe(3);
        (await (await bureau.PostAsync($"/api/contracts/imports/{id}/commit", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("import_not_previewed");

        // The same file previewed again would change nothing; cancelled, it is gone and cannot be committed.
        var again = await (await RegistryFiles.UploadAsync(bureau, file, "?preview=true")).ImportedAsync();
        (again.GetProperty("inserted").GetInt32(), again.GetProperty("unchanged").GetInt32()).ShouldBe((0, 3));
        var second = again.GetProperty("previewId").GetGuid();
        (await (await bureau.DeleteAsync($"/api/contracts/imports/{second}")).JsonAsync()).GetProperty("status").GetString().ShouldBe("Cancelled");
        await (await bureau.PostAsync($"/api/contracts/imports/{second}/commit", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await bureau.DeleteAsync($"/api/contracts/imports/{second}")).ProblemAsync(HttpStatusCode.Conflict);
        (await bureau.CountAsync(tag)).ShouldBe(3);
    }

    [Fact]
    public async Task The_same_file_committed_twice_at_once_is_written_once()
    {
        var bureau = await BureauAsync();
        var other = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var file = Encoding.UTF8.GetBytes(RegistryFiles.Text(RegistryFiles.WanYuanRows(tag, 3), RegistryFiles.Columns));
        var first = (await (await RegistryFiles.UploadAsync(bureau, file, "?preview=true")).ImportedAsync()).GetProperty("previewId").GetGuid();
        var second = (await (await RegistryFiles.UploadAsync(other, file, "?preview=true")).ImportedAsync()).GetProperty("previewId").GetGuid();

        // Two analysts commit their previews of one file in the same moment (real parallel requests).
        var commits = await Task.WhenAll(bureau.PostAsync($"/api/contracts/imports/{first}/commit", null), other.PostAsync($"/api/contracts/imports/{second}/commit", null));
        var jobs = await Task.WhenAll(commits.Select(async (c, i) =>
        {
            await c.ShouldBeAsync(HttpStatusCode.Accepted);
            return await RegistryFiles.FinishedJobAsync(i == 0 ? bureau : other, c.Headers.Location!);
        }));

        jobs.Select(j => j.GetProperty("status").GetString()).ShouldAllBe(s => s == "Succeeded" || s == "Rejected");
        jobs.Sum(j => j.GetProperty("inserted").GetInt32()).ShouldBe(3);
        (await bureau.CountAsync(tag)).ShouldBe(3);
        // The parties exist once each: the university and three firms, not twice over.
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag)))).ShouldBe(4);
    }

    [Fact]
    public async Task The_same_small_file_uploaded_twice_at_once_is_written_once()
    {
        var bureau = await BureauAsync();
        var other = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var file = Encoding.UTF8.GetBytes(RegistryFiles.Text(RegistryFiles.WanYuanRows(tag, 3), RegistryFiles.Columns));

        // Small files import inside the request: two transactions race for the same rows and parties.
        var answers = await Task.WhenAll(RegistryFiles.UploadAsync(bureau, file), RegistryFiles.UploadAsync(other, file));
        var statuses = answers.Select(a => a.StatusCode).ToList();
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict, string.Join(", ", statuses));
        var inserted = 0;
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
        {
            inserted += (await answer.ImportedAsync()).GetProperty("inserted").GetInt32();
        }

        inserted.ShouldBe(3);
        (await bureau.CountAsync(tag)).ShouldBe(3);
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag)))).ShouldBe(4);
    }

    [Fact]
    public async Task Two_files_naming_the_same_new_parties_imported_at_once_draft_each_party_once()
    {
        var bureau = await BureauAsync();
        var other = await BureauAsync();
        // The race is narrow (one import drafts the parties while the other commits), so it is run several times.
        for (var round = 0; round < 8; round++)
        {
            var tag = ContractFiles.NewTag();
            // Six contracts of one new university with four new firms, split over two files with no contract in common:
            // both files name the university and two of the firms (one of them by credit code).
            var rows = RegistryFiles.WanYuanRows(tag, 6);
            var first = Encoding.UTF8.GetBytes(RegistryFiles.Text(rows[..3], RegistryFiles.Columns));
            var second = Encoding.UTF8.GetBytes(RegistryFiles.Text(rows[3..], RegistryFiles.Columns));

            var answers = await Task.WhenAll(RegistryFiles.UploadAsync(bureau, first), RegistryFiles.UploadAsync(other, second));
            var inserted = 0;
            foreach (var answer in answers)
            {
                inserted += (await answer.ImportedAsync()).GetProperty("inserted").GetInt32();
            }

            inserted.ShouldBe(6, $"round {round}");
            (await bureau.CountAsync(tag)).ShouldBe(6);
            (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag)))).ShouldBe(5, $"round {round}");
        }
    }

    [Fact]
    public async Task A_preview_left_for_a_day_is_cancelled_and_its_upload_deleted()
    {
        var bureau = await BureauAsync();
        var file = Encoding.UTF8.GetBytes(RegistryFiles.Text(RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 2), RegistryFiles.Columns));
        var old = (await (await RegistryFiles.UploadAsync(bureau, file, "?preview=true")).ImportedAsync()).GetProperty("previewId").GetGuid();
        var fresh = (await (await RegistryFiles.UploadAsync(bureau, file, "?preview=true")).ImportedAsync()).GetProperty("previewId").GetGuid();
        var path = await app.WithDbAsync(async db =>
        {
            await db.ImportJobs.Where(j => j.Id == old).ExecuteUpdateAsync(s => s.SetProperty(j => j.CreatedAt, DateTime.UtcNow.AddHours(-25)));
            return await db.ImportJobs.Where(j => j.Id == old).Select(j => j.StoredPath).SingleAsync();
        });
        File.Exists(path).ShouldBeTrue();

        var sweeper = app.Services.GetRequiredService<TechTransfer.Match.Web.Features.Contracts.Import.ImportPreviewSweeper>();
        (await sweeper.SweepAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);

        File.Exists(path).ShouldBeFalse();
        var expired = await (await bureau.GetAsync($"/api/contracts/imports/{old}")).JsonAsync();
        expired.GetProperty("status").GetString().ShouldBe("Cancelled");
        expired.GetProperty("failureMessage").GetString()!.ShouldContain("expired");
        await (await bureau.PostAsync($"/api/contracts/imports/{old}/commit", null)).ProblemAsync(HttpStatusCode.Conflict);
        (await (await bureau.GetAsync($"/api/contracts/imports/{fresh}")).JsonAsync()).GetProperty("status").GetString().ShouldBe("Previewed");
    }
}

public sealed class SqliteRegistryImportTests(SqliteImportApp app) : RegistryImportTests<SqliteImportApp>(app);

public sealed class PostgresRegistryImportTests(PostgresImportApp app) : RegistryImportTests<PostgresImportApp>(app);

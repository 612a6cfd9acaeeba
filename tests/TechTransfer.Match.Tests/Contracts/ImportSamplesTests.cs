using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>
/// The sample files under docs/samples do what docs/import-format.md says of them: each registry shape previews
/// cleanly with the same five contracts, the unitless one is refused until the request names its unit, the one with
/// errors names each by row and header, and the XLSX keeps its 16-digit registration numbers.
/// </summary>
public abstract class ImportSamplesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    internal static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(RepositoryFiles.Root, "docs", "samples", name));

    private async Task<HttpClient> BureauAsync() => (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

    [Theory]
    [InlineData("registry-export-gbk.csv", "GB18030")]
    [InlineData("registry-export-excel-unicode.txt", "UTF-16LE")]
    public async Task A_registry_shaped_sample_previews_its_five_contracts_with_the_extra_columns_as_warnings(string sample, string encoding)
    {
        var report = await (await RegistryFiles.UploadAsync(await BureauAsync(), Sample(sample), "?preview=true", fileName: sample)).ImportedAsync();
        report.GetProperty("encoding").GetString().ShouldBe(encoding);
        (report.GetProperty("inserted").GetInt32(), report.GetProperty("rowsRejected").GetInt32()).ShouldBe((5, 0));
        RegistryFiles.Listed(report, "warnings").ShouldBe(["知识产权类型", "备注", "登记机构"]);
        report.GetProperty("totals")[0].GetProperty("totalAmountWanYuan").GetDecimal().ShouldBe(317.5m);
        // Four sellers (the campus name variant joins its university by credit code) and five buyers.
        report.GetProperty("organisationsCreated").GetInt32().ShouldBe(9);
        Regions(report).ShouldBe(["210211", "210213", "210204", "310115", "210211", "210202", "210204", "210283", "210112"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_platforms_own_format_sample_previews_cleanly()
    {
        var report = await (await RegistryFiles.UploadAsync(await BureauAsync(), Sample("registered-contracts.csv"), "?preview=true")).ImportedAsync();
        var rows = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "docs", "samples", "registered-contracts.csv")).Count(l => l.Length > 0) - 1;
        (report.GetProperty("encoding").GetString(), report.GetProperty("inserted").GetInt32()).ShouldBe(("UTF-8", rows));
    }

    [Fact]
    public async Task The_unitless_sample_is_refused_until_the_request_names_the_unit()
    {
        var bureau = await BureauAsync();
        var refused = await (await RegistryFiles.UploadAsync(bureau, Sample("registry-export-no-unit.csv"), "?preview=true")).ProblemAsync(HttpStatusCode.BadRequest);
        var problems = refused.GetProperty("problems").EnumerateArray().ToList();
        problems.Select(p => p.GetProperty("header").GetString()).ShouldBe(["合同成交额", "技术交易额"], ignoreOrder: true);
        problems.ShouldAllBe(p => p.GetProperty("row").GetInt32() == 1 && p.GetProperty("message").GetString()!.Contains("does not say its unit"));

        var named = await (await RegistryFiles.UploadAsync(bureau, Sample("registry-export-no-unit.csv"), "?preview=true&unit=万元")).ImportedAsync();
        named.GetProperty("totals")[0].GetProperty("totalAmountWanYuan").GetDecimal().ShouldBe(317.5m);
    }

    [Theory]
    [InlineData("en", "ambiguous")]
    [InlineData("zh-CN", "有多个可能")]
    public async Task The_sample_with_errors_names_each_by_row_and_header_in_the_requests_language(string language, string ambiguous)
    {
        var refused = await (await RegistryFiles.UploadAsync(await BureauAsync(), Sample("registry-export-with-errors.csv"), "?preview=true", language))
            .ProblemAsync(HttpStatusCode.BadRequest);
        refused.GetProperty("code").GetString().ShouldBe("import_rejected");
        var problems = refused.GetProperty("problems").EnumerateArray()
            .Select(p => (Row: p.GetProperty("row").GetInt32(), Header: p.GetProperty("header").GetString(), Message: p.GetProperty("message").GetString()!))
            .ToList();
        problems.Select(p => (p.Row, p.Header)).ShouldBe([(3, "合同签订日期"), (4, "技术交易额(万元)"), (5, "买方所在地区")]);
        problems[2].Message.ShouldContain(ambiguous);
        problems[2].Message.ShouldContain("211300");
        problems[2].Message.ShouldContain("110105");
    }

    private static List<string> Regions(JsonElement report) =>
        report.GetProperty("organisations").EnumerateArray().Select(o => o.GetProperty("regionCode").GetString()!).ToList();
}

/// <summary>The XLSX sample, imported for real: in a database of its own, since the previews above must find its contracts new.</summary>
public abstract class XlsxSampleTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task The_xlsx_sample_imports_with_its_registration_numbers_whole()
    {
        var report = await (await RegistryFiles.UploadAsync((await app.CreateUserAsync(Roles.BureauAnalyst)).Client, ImportSamplesTests<TApp>.Sample("registry-export.xlsx"), fileName: "registry-export.xlsx")).ImportedAsync();
        report.GetProperty("inserted").GetInt32().ShouldBe(5);
        var stored = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.RegistrationNumber!.StartsWith("21022024000001"))
            .OrderBy(c => c.RegistrationNumber).Select(c => new { c.RegistrationNumber, c.TotalAmount, c.BuyerRegionCode }).ToListAsync());
        stored.Select(c => c.RegistrationNumber).ShouldBe(["2102202400000101", "2102202400000102", "2102202400000103", "2102202400000104", "2102202400000105"]);
        stored.Select(c => c.TotalAmount).ShouldBe([1_200_000m, 800_000m, 455_000m, 120_000m, 600_000m]);
        stored[4].BuyerRegionCode.ShouldBe("210112");
    }
}

public sealed class SqliteImportSamplesTests(SqliteApp app) : ImportSamplesTests<SqliteApp>(app);

public sealed class PostgresImportSamplesTests(PostgresApp app) : ImportSamplesTests<PostgresApp>(app);

public sealed class SqliteXlsxSampleTests(SqliteApp app) : XlsxSampleTests<SqliteApp>(app);

public sealed class PostgresXlsxSampleTests(PostgresApp app) : XlsxSampleTests<PostgresApp>(app);

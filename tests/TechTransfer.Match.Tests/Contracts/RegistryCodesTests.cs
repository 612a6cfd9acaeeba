using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>The registry's own ways of writing codes, numbers and names, and the messages that name its cells.</summary>
public abstract class RegistryCodesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync() => (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

    private static List<(int Row, string Column, string Header, string Message)> Problems(JsonElement rejected) =>
        rejected.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString()!, p.GetProperty("header").GetString()!, p.GetProperty("message").GetString()!))
            .ToList();

    [Fact]
    public async Task Nature_labels_short_codes_and_region_names_resolve_to_codes_and_ambiguous_names_list_their_candidates()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = RegistryFiles.WanYuanRows(tag, 3);
        rows[0]["sellerNatureCode"] = "高等院校";
        rows[0]["sellerRegionCode"] = "辽宁省大连市甘井子区";
        rows[0]["buyerNatureCode"] = "310"; // a numeric cell dropped the leading zero of 0310
        rows[0]["buyerRegionCode"] = "大连市金州区";
        rows[1]["buyerRegionCode"] = "上海市浦东新区";
        rows[2]["buyerRegionCode"] = "瓦房店";
        var report = await (await RegistryFiles.UploadAsync(bureau, Encoding.UTF8.GetBytes(RegistryFiles.Text(rows, RegistryFiles.Columns)))).ImportedAsync();
        report.GetProperty("inserted").GetInt32().ShouldBe(3);

        var contracts = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.ProjectName.Contains(tag)).OrderBy(c => c.RegistrationNumber).ToListAsync());
        contracts[0].SellerNatureCode.ShouldBe("0221");
        contracts[0].SellerRegionCode.ShouldBe("210211");
        contracts[0].BuyerNatureCode.ShouldBe("0310");
        contracts[0].BuyerRegionCode.ShouldBe("210213");
        contracts[0].IsLocal.ShouldBeTrue();
        contracts[1].BuyerRegionCode.ShouldBe("310115");
        contracts[1].IsLocal.ShouldBeFalse();
        contracts[2].BuyerRegionCode.ShouldBe("210281");
        var seller = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.NameZh == $"大连测试大学{tag}"));
        seller.InstitutionType.ShouldBe(InstitutionType.University);
        seller.RegionCode.ShouldBe("210211");

        var bad = RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 3);
        bad[0]["buyerRegionCode"] = "吉林";
        bad[1]["buyerRegionCode"] = "火星市";
        bad[2]["sellerNatureCode"] = "外星机构";
        var problems = Problems(await (await RegistryFiles.UploadAsync(bureau, Encoding.UTF8.GetBytes(RegistryFiles.Text(bad, RegistryFiles.Columns))))
            .ProblemAsync(HttpStatusCode.BadRequest));
        problems.Select(p => (p.Row, p.Column, p.Header)).ShouldBe(
            [(2, "buyerRegionCode", "买方所在地区代码"), (3, "buyerRegionCode", "买方所在地区代码"), (4, "sellerNatureCode", "卖方性质代码")], ignoreOrder: true);
        problems.Single(p => p.Row == 2).Message.ShouldContain("220000 吉林省, 220200 吉林省吉林市");
        problems.Single(p => p.Row == 4).Message.ShouldContain("高等院校");
    }

    [Fact]
    public async Task A_registration_number_that_Excel_stored_as_a_number_is_an_error_naming_its_cell()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = ContractFiles.Rows(tag, 3);
        var sheet = new List<Dictionary<string, object?>>();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = new Dictionary<string, object?>();
            for (var k = 0; k < ContractFiles.Keys.Length; k++)
            {
                cells[ContractFiles.ZhHeaders[k]] = rows[i][ContractFiles.Keys[k]];
            }

            // Row 3 of the sheet holds its number as a numeric cell: 16 digits, more than Excel keeps.
            if (i == 1)
            {
                cells["登记号"] = 2102202400000001L;
            }

            sheet.Add(cells);
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet);
        var problems = Problems(await (await RegistryFiles.UploadAsync(bureau, stream.ToArray(), fileName: "registry.xlsx")).ProblemAsync(HttpStatusCode.BadRequest));
        var problem = problems.ShouldHaveSingleItem();
        (problem.Row, problem.Column, problem.Header).ShouldBe((3, "registrationNumber", "登记号"));
        problem.Message.ShouldContain("15 digits");

        // The same number in a CSV saved from such a sheet: exponent form.
        rows[1]["registrationNumber"] = "2.10220240000000E+15";
        var csv = Problems(await (await bureau.UploadAsync(ContractFiles.Csv(rows))).ProblemAsync(HttpStatusCode.BadRequest));
        csv.ShouldHaveSingleItem().Message.ShouldContain("exponent");
        (await bureau.CountAsync(tag)).ShouldBe(0);
    }

    [Fact]
    public async Task Every_import_error_names_the_row_and_the_header_as_written_in_the_request_language()
    {
        var bureau = await BureauAsync();
        var rows = RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 3);
        rows[0]["signedOn"] = "昨天";
        rows[1]["projectName"] = "";
        rows[2]["totalAmount"] = "一百";
        var file = Encoding.UTF8.GetBytes(RegistryFiles.Text(rows, RegistryFiles.Columns));

        var zh = Problems(await (await RegistryFiles.UploadAsync(bureau, file, language: "zh-CN")).ProblemAsync(HttpStatusCode.BadRequest));
        zh.ShouldBe(
            [
                (2, "signedOn", "签订日期", "“昨天”不是日期（yyyy-MM-dd）。"),
                (3, "projectName", "项目名称", "必填。"),
                (4, "totalAmount", "合同成交额(万元)", "“一百”不是以万元为单位的金额。"),
            ],
            ignoreOrder: true);

        var en = Problems(await (await RegistryFiles.UploadAsync(bureau, file, language: "en")).ProblemAsync(HttpStatusCode.BadRequest));
        en.Select(p => p.Message).ShouldBe(["\"昨天\" is not a date (yyyy-MM-dd).", "Required.", "\"一百\" is not an amount in 万元."], ignoreOrder: true);

        // A header-level problem and a warning in Chinese too.
        var header = await (await RegistryFiles.UploadAsync(bureau, Encoding.UTF8.GetBytes("登记号,项目名称,颜色\n1234567890123456,x,红\n"), language: "zh-CN"))
            .ProblemAsync(HttpStatusCode.BadRequest);
        header.GetProperty("warnings")[0].GetProperty("message").GetString().ShouldBe("未知列，已忽略。");
        header.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()).ShouldContain(m => m!.StartsWith("缺少必需的列 合同类别 / Category"));
    }
}

public sealed class SqliteRegistryCodesTests(SqliteImportApp app) : RegistryCodesTests<SqliteImportApp>(app);

public sealed class PostgresRegistryCodesTests(PostgresImportApp app) : RegistryCodesTests<PostgresImportApp>(app);

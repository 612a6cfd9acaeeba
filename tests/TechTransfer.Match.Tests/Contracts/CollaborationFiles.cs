using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>A joint R&amp;D institution as a file row: partners by name, with their credit codes when known (same order).</summary>
public sealed record JointInstitutionRecord(
    string Institution, string Name, IReadOnlyList<string> Partners, string EstablishedOn, string Status = "运行",
    string? InstitutionCreditCode = null, IReadOnlyList<string>? PartnerCreditCodes = null);

/// <summary>A spin-off as a file row: relation 新创办 or 入股, the enterprise's region as a code or a name.</summary>
public sealed record SpinOffRecord(
    string Institution, string Enterprise, string Relation, string Date, string Region = "大连市甘井子区",
    string? InstitutionCreditCode = null, string? EnterpriseCreditCode = null);

/// <summary>A validation project as a file row; the achievement by its title among the institution's; budget in 万元.</summary>
public sealed record ValidationProjectRecord(
    string Institution, string Name, string Achievement, string Kind, int TrlBefore, int? TrlAfter, string StartedOn,
    string? CompletedOn = null, string? Status = null, decimal? BudgetWanYuan = null, string? Platform = null, string? InstitutionCreditCode = null);

/// <summary>
/// Collaboration files as an institution or the bureau writes them (docs/import-format.md), from records: Chinese
/// headers, CSV (UTF-8 with BOM, or GB18030 as Excel writes on Chinese Windows) or XLSX, with any extra columns.
/// Reusable by any test that needs collaboration records in through the import.
/// </summary>
public static class CollaborationFiles
{
    public static readonly string[] JointHeaders = ["单位名称", "单位统一社会信用代码", "机构名称", "合作企业", "合作企业统一社会信用代码", "成立日期", "状态"];
    public static readonly string[] SpinOffHeaders = ["单位名称", "单位统一社会信用代码", "企业名称", "企业统一社会信用代码", "企业所在地区", "关系", "日期"];
    public static readonly string[] ProjectHeaders =
        ["单位名称", "单位统一社会信用代码", "项目名称", "成果名称", "类型", "平台", "验证前成熟度", "验证后成熟度", "开始日期", "完成日期", "状态", "经费(万元)"];

    public static List<string[]> Cells(IEnumerable<JointInstitutionRecord> records) => records.Select(r => new[]
    {
        r.Institution, r.InstitutionCreditCode ?? "", r.Name, string.Join("；", r.Partners), string.Join("；", r.PartnerCreditCodes ?? []), r.EstablishedOn, r.Status,
    }).ToList();

    public static List<string[]> Cells(IEnumerable<SpinOffRecord> records) => records.Select(r => new[]
    {
        r.Institution, r.InstitutionCreditCode ?? "", r.Enterprise, r.EnterpriseCreditCode ?? "", r.Region, r.Relation, r.Date,
    }).ToList();

    public static List<string[]> Cells(IEnumerable<ValidationProjectRecord> records) => records.Select(r => new[]
    {
        r.Institution, r.InstitutionCreditCode ?? "", r.Name, r.Achievement, r.Kind, r.Platform ?? "", r.TrlBefore.ToString(), r.TrlAfter?.ToString() ?? "",
        r.StartedOn, r.CompletedOn ?? "", r.Status ?? "", r.BudgetWanYuan?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
    }).ToList();

    public static byte[] Csv(IEnumerable<JointInstitutionRecord> records) => Csv(JointHeaders, Cells(records));

    public static byte[] Csv(IEnumerable<SpinOffRecord> records) => Csv(SpinOffHeaders, Cells(records));

    public static byte[] Csv(IEnumerable<ValidationProjectRecord> records) => Csv(ProjectHeaders, Cells(records));

    /// <summary>The CSV text: UTF-8 with BOM unless another encoding is named (GB18030 writes no BOM); <paramref name="extra"/> columns filled with a note.</summary>
    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<string[]> rows, Encoding? encoding = null, params string[] extra)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', headers.Concat(extra))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(',', row.Select(Quote).Concat(extra.Select(_ => "导入说明")))).Append("\r\n");
        }

        return encoding is null
            ? new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray()
            : encoding.GetBytes(sb.ToString());
    }

    public static byte[] Gb18030(IReadOnlyList<string> headers, IEnumerable<string[]> rows, params string[] extra)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Csv(headers, rows, Encoding.GetEncoding("GB18030"), extra);
    }

    public static async Task<byte[]> XlsxAsync(IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        var sheet = rows.Select(r => headers.Select((h, i) => (h, (object?)r[i])).ToDictionary(x => x.h, x => x.Item2)).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet);
        return stream.ToArray();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Posts the file to <c>/api/collaboration/imports?kind=...</c> in the given language; <paramref name="query"/> adds e.g. <c>&amp;preview=true</c>.</summary>
    public static async Task<HttpResponseMessage> ImportCollaborationAsync(
        this HttpClient client, string kind, byte[] bytes, string query = "", string language = "en", string fileName = "collaboration.csv")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        content.Add(part, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/collaboration/imports?kind={kind}{query}") { Content = content };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request);
    }

    /// <summary>The problems of a rejected file as (row, column key, header as written, message).</summary>
    public static List<(int Row, string Column, string? Header, string Message)> Problems(JsonElement problem) =>
        problem.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString()!,
            p.TryGetProperty("header", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null, p.GetProperty("message").GetString()!)).ToList();
}

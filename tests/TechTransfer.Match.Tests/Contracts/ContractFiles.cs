using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TechTransfer.Match.Tests.Infrastructure;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>Registered-contract statistics files as the bureau receives them, built per test with unique numbers.</summary>
public static class ContractFiles
{
    public static readonly string[] Keys =
    [
        "registrationNumber", "projectName", "category", "transformationMode", "sellerName", "sellerCreditCode", "sellerNatureCode", "sellerRegionCode",
        "buyerName", "buyerCreditCode", "buyerNatureCode", "buyerRegionCode", "field", "totalAmount", "technologyIncome", "signedOn", "registeredOn",
        "validFrom", "validTo", "trialPeriodMonths",
    ];

    public static readonly string[] ZhHeaders =
    [
        "登记号", "项目名称", "合同类别", "转化方式", "卖方名称", "卖方统一社会信用代码", "卖方性质代码", "卖方所在地区代码",
        "买方名称", "买方统一社会信用代码", "买方性质代码", "买方所在地区代码", "技术领域", "合同成交额(元)", "技术交易额(元)", "签订日期", "登记日期",
        "有效期起", "有效期止", "试用期(月)",
    ];

    /// <summary>A tag unique to a test: ten digits that prefix its registration numbers and appear in its project names.</summary>
    public static string NewTag() => Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString();

    public static List<Dictionary<string, string>> Rows(string tag, int count)
    {
        var rows = new List<Dictionary<string, string>>();
        for (var i = 0; i < count; i++)
        {
            rows.Add(new Dictionary<string, string>
            {
                ["registrationNumber"] = tag + i.ToString("D6"),
                ["projectName"] = $"项目{tag}焊接机器人视觉跟踪技术开发{i}",
                ["category"] = i % 3 == 0 ? "技术开发(合作)" : i % 3 == 1 ? "技术转让" : "Licence",
                ["transformationMode"] = i % 3 == 0 ? "合作开发" : i % 3 == 1 ? "转让" : "Licence",
                ["sellerName"] = $"大连测试大学{tag}",
                ["sellerCreditCode"] = "",
                ["sellerNatureCode"] = "0221",
                ["sellerRegionCode"] = "210202",
                ["buyerName"] = $"测试企业{tag}-{i % 4}",
                ["buyerCreditCode"] = i % 4 == 0 ? TechTransfer.Match.Web.Domain.CreditCodes.Complete("91210200" + tag[..9]) : "", // a valid check character
                ["buyerNatureCode"] = "0310",
                ["buyerRegionCode"] = i % 2 == 0 ? "210211" : "310115",
                ["field"] = i % 2 == 0 ? "先进制造" : "ElectronicInformation",
                ["totalAmount"] = (100000 + i * 10).ToString() + ".00",
                ["technologyIncome"] = (80000 + i * 10).ToString() + ".00",
                ["signedOn"] = "2024-03-01",
                ["registeredOn"] = "2024-03-15",
                ["validFrom"] = "2024-03-01",
                ["validTo"] = "2026-02-28",
                ["trialPeriodMonths"] = i % 5 == 0 ? "6" : "",
            });
        }

        return rows;
    }

    public static byte[] Csv(IEnumerable<Dictionary<string, string>> rows, bool chineseHeaders = true)
    {
        var sb = new StringBuilder();
        // Amount headers state their unit: a bare "totalAmount" is refused (which unit?).
        sb.AppendLine(string.Join(',', chineseHeaders ? ZhHeaders : Keys.Select(k => k is "totalAmount" or "technologyIncome" ? k + "Yuan" : k)));
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join(',', Keys.Select(k => Quote(row.GetValueOrDefault(k, "")))));
        }

        return new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] file, string fileName = "contracts.csv", bool validOnly = false)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        content.Add(part, "file", fileName);
        return await client.PostAsync("/api/contracts/imports" + (validOnly ? "?validOnly=true" : ""), content);
    }

    /// <summary>How many contracts the reader sees whose project name contains the tag.</summary>
    public static async Task<int> CountAsync(this HttpClient client, string tag)
    {
        var page = await (await client.GetAsync($"/api/contracts?pageSize=1&q={tag}")).JsonAsync();
        return page.GetProperty("total").GetInt32();
    }

    public static async Task<JsonElement> ImportedAsync(this HttpResponseMessage response) => await response.JsonAsync(HttpStatusCode.OK);
}

/// <summary>Files shaped like the registry's own exports (issue 14): other columns, other units, other encodings.</summary>
public static class RegistryFiles
{
    /// <summary>A registry export's columns: no 转化方式, amounts in 万元, extra columns the platform does not read.</summary>
    public static readonly (string Header, string? Key)[] Columns =
    [
        ("合同登记号", "registrationNumber"), ("项目名称", "projectName"), ("合同类别", "category"), ("卖方名称", "sellerName"),
        ("卖方性质代码", "sellerNatureCode"), ("卖方所在地区代码", "sellerRegionCode"), ("买方名称", "buyerName"),
        ("买方统一社会信用代码", "buyerCreditCode"), ("买方性质代码", "buyerNatureCode"), ("买方所在地区代码", "buyerRegionCode"),
        ("技术领域", "field"), ("合同成交额(万元)", "totalAmount"), ("技术交易额(万元)", "technologyIncome"), ("签订日期", "signedOn"),
        ("登记日期", "registeredOn"), ("备注", null), ("登记机构", null),
    ];

    public static string Text(IEnumerable<Dictionary<string, string>> rows, IReadOnlyList<(string Header, string? Key)> columns, string delimiter = ",")
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(delimiter, columns.Select(c => c.Header))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(delimiter, columns.Select(c => c.Key is null ? "大连市技术市场" : Quote(row.GetValueOrDefault(c.Key, ""))))).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Quote(string value) => value.IndexOfAny([',', '"', '\t']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Rows with amounts in 万元: 120 and 100.5 万元 for the first, growing by 1 万元 a row.</summary>
    public static List<Dictionary<string, string>> WanYuanRows(string tag, int count)
    {
        var rows = ContractFiles.Rows(tag, count);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i]["totalAmount"] = (120 + i).ToString();
            rows[i]["technologyIncome"] = (100.5m + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return rows;
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string query = "", string language = "en", string fileName = "registry.csv")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        content.Add(part, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/contracts/imports" + query) { Content = content };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request);
    }

    /// <summary>Polls an import job until it ends (two minutes at most) and answers its last state.</summary>
    public static async Task<JsonElement> FinishedJobAsync(HttpClient client, Uri location)
    {
        JsonElement job = default;
        for (var i = 0; i < 600; i++)
        {
            job = await (await client.GetAsync(location)).JsonAsync();
            if (job.GetProperty("status").GetString() is "Succeeded" or "Rejected" or "Failed")
            {
                return job;
            }

            await Task.Delay(200);
        }

        return job;
    }

    public static List<string> Listed(JsonElement report, string list) =>
        report.GetProperty(list).EnumerateArray().Select(p => p.GetProperty("column").GetString()!).ToList();
}

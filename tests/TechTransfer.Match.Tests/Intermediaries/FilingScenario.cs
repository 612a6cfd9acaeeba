using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Intermediaries;

/// <summary>Filings made through the API the way an intermediary's member and the bureau make them.</summary>
public static class FilingScenario
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static Dictionary<string, object?> Body(string contact = "王经理") => new()
    {
        ["services"] = new[] { "IntellectualProperty", "ContractRegistration" },
        ["staff"] = new[] { new { name = "李明", role = "技术经理人", credential = (string?)"JSJLR-2024-001" }, new { name = "赵芳", role = "专利代理师", credential = (string?)null } },
        ["credentials"] = new[] { new { name = "专利代理机构执业许可证", number = "21100", issuer = "国家知识产权局", validUntil = "2027-12-31" } },
        ["contactName"] = contact,
        ["contactPhone"] = "0411-84700000",
        ["contactEmail"] = "filing@tests.local",
    };

    /// <summary>A member of a new verified intermediary organisation.</summary>
    public static Task<TestUser> IntermediaryAsync(this TestApp app) => app.CreateUserAsync(Roles.TechnologyManager, OrganisationKind.Intermediary);

    public static async Task<JsonElement> DraftAsync(this TestUser member, object? body = null) =>
        await (await member.Client.PostAsJsonAsync($"/api/intermediaries/{member.OrganisationId}/filings", body ?? Body())).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> StepAsync(this HttpClient client, JsonElement filing, string step, object? extra = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(extra ?? new { }))!;
        body["version"] = filing.GetProperty("version").GetInt64();
        return await (await client.PostAsJsonAsync($"/api/intermediary-filings/{filing.GetProperty("id").GetGuid()}/{step}", body)).JsonAsync(expected);
    }

    /// <summary>Drafted, submitted and approved by the bureau on the date with a fresh filing number.</summary>
    public static async Task<JsonElement> FiledAsync(this TestUser member, HttpClient bureau, DateOnly? filedOn = null, object? body = null)
    {
        var submitted = await member.Client.StepAsync(await member.DraftAsync(body), "submit");
        return await bureau.StepAsync(submitted, "approve", new { filingNumber = NewNumber(), filedOn = (filedOn ?? Today).ToString("yyyy-MM-dd") });
    }

    public static string NewNumber() => "DLJS-" + Guid.NewGuid().ToString("N")[..10];
}

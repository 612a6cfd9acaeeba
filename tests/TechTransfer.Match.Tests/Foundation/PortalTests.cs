using System.Net.Http.Json;
using System.Text.Json;
using TechTransfer.Match.Tests.Infrastructure;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>An operator's portal settings as every page's footer shows them.</summary>
public sealed class PortalApp() : TestApp(new SqliteTestDatabase())
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:OperatorZh"] = "大连市科学技术局",
        ["Portal:OperatorEn"] = "Dalian Science and Technology Bureau",
        ["Portal:ContactEmail"] = "  ",
        ["Portal:ContactPhone"] = "0411-12345678",
        ["Portal:FilingNumber"] = "辽ICP备12345678号",
        // A demo password configured outside Development must still never reach a page.
        ["Seed:DemoPassword"] = "Demo#Secret1",
    };
}

public sealed class PortalTests(PortalApp app) : IClassFixture<PortalApp>
{
    private async Task<JsonElement> PortalAsync(string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/portal");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await app.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Anyone_reads_the_operator_in_their_language_and_never_the_demo_password_outside_development()
    {
        var zh = await PortalAsync("zh-CN");
        zh.GetProperty("operator").GetString().ShouldBe("大连市科学技术局");
        zh.GetProperty("filingNumber").GetString().ShouldBe("辽ICP备12345678号");
        zh.GetProperty("contactPhone").GetString().ShouldBe("0411-12345678");
        // A blank setting is left out, not shown as an empty line.
        zh.GetProperty("contactEmail").ValueKind.ShouldBe(JsonValueKind.Null);
        zh.GetProperty("demoPassword").ValueKind.ShouldBe(JsonValueKind.Null);

        (await PortalAsync("en")).GetProperty("operator").GetString().ShouldBe("Dalian Science and Technology Bureau");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>The registration form of a contract, pre-filled, with what is missing listed; as JSON and XLSX (issue 14).</summary>
public abstract class RegistrationFormTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task The_form_lists_what_the_parties_still_owe_takes_their_additions_and_writes_the_same_cells_to_xlsx()
    {
        var seller = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var buyer = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var name = $"登记表测试合同{Guid.NewGuid():N}"[..20];
        var contract = await (await bureau.Client.PostAsJsonAsync("/api/contracts", new
        {
            projectName = name, category = "Licence", transformationMode = "Licence",
            sellerOrganisationId = seller.OrganisationId, buyerOrganisationId = buyer.OrganisationId,
            field = "NewMaterials", totalAmount = 500_000m, technologyIncome = 400_000m, signedOn = "2024-06-01",
        })).JsonAsync(HttpStatusCode.Created);
        var id = contract.GetProperty("id").GetGuid();

        static Dictionary<string, string?> Lines(JsonElement form) =>
            form.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("key").GetString()!, l => l.GetProperty("value").GetString());
        var form = await (await buyer.Client.GetAsync($"/api/contracts/{id}/registration-form")).JsonAsync();
        var lines = Lines(form);
        (lines["projectName"], lines["category"], lines["totalAmount"], lines["technologyIncome"], lines["nonTechnicalAmount"])
            .ShouldBe((name, "技术许可", "500000.00", "400000.00", "100000.00"));
        lines["sellerRegionCode"].ShouldBe("210202");
        var missing = form.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ToList();
        missing.ShouldContain("paymentMode");
        missing.ShouldContain("expectedNewInvestment");
        missing.ShouldContain("expectedNewOutput");
        missing.ShouldNotContain("registrationNumber");

        // The seller's member adds what only the parties know.
        var bad = await (await seller.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version = contract.GetProperty("version").GetInt64(), expectedNewOutput = -1m }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("expectedNewOutput", out _).ShouldBeTrue();
        await (await seller.Client.PutAsJsonAsync($"/api/contracts/{id}", new
        {
            version = contract.GetProperty("version").GetInt64(), paymentMode = "Instalments", expectedNewInvestment = 2_000_000m, expectedNewOutput = 5_000_000m,
        })).JsonAsync();
        form = await (await seller.Client.GetAsync($"/api/contracts/{id}/registration-form")).JsonAsync();
        lines = Lines(form);
        (lines["paymentMode"], lines["expectedNewInvestment"], lines["expectedNewOutput"]).ShouldBe(("分期支付", "2000000.00", "5000000.00"));
        form.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldNotContain("paymentMode");

        // The XLSX carries the same lines, label and value per row.
        var xlsx = await seller.Client.GetAsync($"/api/contracts/{id}/registration-form?format=xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var cells = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["项目"]!, r => r["内容"]?.ToString());
        (cells["合同名称"], cells["支付方式"], cells["其中：非技术性收入(元)"], cells["预计新增产值(元)"]).ShouldBe((name, "分期支付", "100000.00", "5000000.00"));

        var outsider = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await outsider.Client.GetAsync($"/api/contracts/{id}/registration-form")).ProblemAsync(HttpStatusCode.NotFound);
        await (await seller.Client.GetAsync($"/api/contracts/{id}/registration-form?format=docx")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_form_prints_as_a_pdf_with_its_values_the_missing_fields_marked_and_listed()
    {
        var seller = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var buyer = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var name = $"PDF登记表 Welding 合同 {Guid.NewGuid():N}"[..28];
        var id = (await (await bureau.Client.PostAsJsonAsync("/api/contracts", new
        {
            projectName = name, category = "DevelopmentCommissioned", transformationMode = "JointDevelopment",
            sellerOrganisationId = seller.OrganisationId, buyerOrganisationId = buyer.OrganisationId,
            field = "AdvancedManufacturing", totalAmount = 1_234_567.5m, technologyIncome = 1_234_567.5m, signedOn = "2024-03-15",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var response = await buyer.Client.GetAsync($"/api/contracts/{id}/registration-form?format=pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        pdf.NumberOfPages.ShouldBe(1);
        // The text is read back from the embedded fonts' Unicode maps: Chinese and Latin runs both survive.
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        text.ShouldContain("技术合同登记表");
        text.ShouldContain(name);
        text.ShouldContain("技术开发(委托)");
        text.ShouldContain("1234567.50");
        text.ShouldContain("2024-03-15");
        text.ShouldContain("（由登记机构填写）");
        // Nothing was given for payment, investment or output: marked in the table and listed under it.
        text.ShouldContain("待补充项目（");
        text.ShouldContain("买方单位性质代码、支付方式、");
        text.ShouldContain("预计新增产值(元)");

        var outsider = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await outsider.Client.GetAsync($"/api/contracts/{id}/registration-form?format=pdf")).ProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteRegistrationFormTests(SqliteApp app) : RegistrationFormTests<SqliteApp>(app);

public sealed class PostgresRegistrationFormTests(PostgresApp app) : RegistrationFormTests<PostgresApp>(app);

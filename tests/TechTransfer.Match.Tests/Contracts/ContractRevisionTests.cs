using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>A recorded contract gets its registration later and its amounts corrected, each change audited (issue 14).</summary>
public abstract class ContractRevisionTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<(TestUser Seller, TestUser Buyer, TestUser Bureau, JsonElement Contract)> RecordAsync(string? registrationNumber = null)
    {
        var seller = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var buyer = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var contract = await (await bureau.Client.PostAsJsonAsync("/api/contracts", new
        {
            projectName = "登记前签订的技术转让", category = "Transfer", transformationMode = "Transfer", registrationNumber,
            sellerOrganisationId = seller.OrganisationId, buyerOrganisationId = buyer.OrganisationId,
            field = "NewMaterials", totalAmount = 500_000m, technologyIncome = 400_000m, signedOn = "2024-12-20",
        })).JsonAsync(HttpStatusCode.Created);
        return (seller, buyer, bureau, contract);
    }

    private static string NewNumber() => "2102" + ContractFiles.NewTag()[..10] + "07";

    [Fact]
    public async Task A_party_adds_the_registration_the_bureau_corrects_an_amount_with_a_reason_and_the_trail_shows_both()
    {
        var (seller, buyer, bureau, contract) = await RecordAsync();
        var id = contract.GetProperty("id").GetGuid();
        var version = contract.GetProperty("version").GetInt64();
        contract.GetProperty("year").GetInt32().ShouldBe(2024);
        var number = NewNumber();

        // The seller's member learns the registration from the registry: number and date, which moves the year.
        var registered = await (await seller.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version, registrationNumber = number, registeredOn = "2025-01-08" })).JsonAsync();
        registered.GetProperty("registrationNumber").GetString().ShouldBe(number);
        registered.GetProperty("year").GetInt32().ShouldBe(2025);
        registered.GetProperty("version").GetInt64().ShouldBeGreaterThan(version);

        // The buyer's member may not touch the amounts, and nothing is written.
        var forbidden = await buyer.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version = registered.GetProperty("version").GetInt64(), totalAmount = 900_000m });
        await forbidden.ProblemAsync(HttpStatusCode.Forbidden);

        // The bureau must say why an amount changes.
        var current = registered.GetProperty("version").GetInt64();
        var noReason = await (await bureau.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version = current, totalAmount = 520_000m })).ProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        var corrected = await (await bureau.Client.PutAsJsonAsync($"/api/contracts/{id}",
            new { version = current, totalAmount = 520_000m, technologyIncome = 410_000m, reason = "登记机构核定的成交额" })).JsonAsync();
        (corrected.GetProperty("totalAmount").GetDecimal(), corrected.GetProperty("technologyIncome").GetDecimal()).ShouldBe((520_000m, 410_000m));

        var stored = await app.WithDbAsync(db => db.Contracts.AsNoTracking().SingleAsync(c => c.Id == id));
        (stored.RegistrationNumber, stored.RegisteredOn, stored.TotalAmount, stored.Year).ShouldBe((number, new DateOnly(2025, 1, 8), 520_000m, 2025));

        // The trail, newest first: the correction with its reason and who, the registration, the recording.
        var trail = (await (await buyer.Client.GetAsync($"/api/contracts/{id}/changes")).JsonAsync()).EnumerateArray().ToList();
        trail.Select(t => t.GetProperty("change").GetString()).ShouldBe(["Updated", "Updated", "Recorded"]);
        var correction = trail[0];
        correction.GetProperty("reason").GetString().ShouldBe("登记机构核定的成交额");
        correction.GetProperty("byUserId").GetGuid().ShouldBe(await bureau.Client.UserIdAsync());
        correction.GetProperty("byName").GetString().ShouldNotBeNullOrEmpty();
        var fields = correction.GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("field").GetString()!, f => (f.GetProperty("from").GetString(), f.GetProperty("to").GetString()));
        fields.Count.ShouldBe(2);
        decimal.Parse(fields["totalAmount"].Item1!).ShouldBe(500_000m);
        decimal.Parse(fields["totalAmount"].Item2!).ShouldBe(520_000m);
        var registration = trail[1].GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("to").GetString());
        registration.ShouldBe(new Dictionary<string, string?> { ["registrationNumber"] = number, ["registeredOn"] = "2025-01-08" });
        trail[1].GetProperty("byUserId").GetGuid().ShouldBe(await seller.Client.UserIdAsync());
        (await app.WithDbAsync(db => db.ContractAudits.CountAsync(a => a.ContractId == id))).ShouldBe(3);

        // Nobody else learns the contract or its trail exists.
        var outsider = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await outsider.Client.GetAsync($"/api/contracts/{id}/changes")).ProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version = corrected.GetProperty("version").GetInt64(), registeredOn = "2025-01-09" }))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_revisions_answer_4xx_and_change_nothing()
    {
        var (seller, _, bureau, contract) = await RecordAsync();
        var id = contract.GetProperty("id").GetGuid();
        var version = contract.GetProperty("version").GetInt64();
        var (_, _, _, other) = await RecordAsync(NewNumber());
        var taken = other.GetProperty("registrationNumber").GetString();

        var clash = await (await seller.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version, registrationNumber = taken })).ProblemAsync(HttpStatusCode.Conflict);
        clash.GetProperty("code").GetString().ShouldBe("duplicate_registration_number");
        await (await seller.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version = version - 1, registeredOn = "2025-01-08" })).ProblemAsync(HttpStatusCode.Conflict);
        var missing = await (await seller.Client.PutAsJsonAsync($"/api/contracts/{id}", new { registeredOn = "2025-01-08" })).ProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").TryGetProperty("version", out _).ShouldBeTrue();
        var early = await (await seller.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version, registeredOn = "2024-12-01" })).ProblemAsync(HttpStatusCode.BadRequest);
        early.GetProperty("errors").TryGetProperty("registeredOn", out _).ShouldBeTrue();
        var shortNumber = await (await seller.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version, registrationNumber = "12345" })).ProblemAsync(HttpStatusCode.BadRequest);
        shortNumber.GetProperty("errors").TryGetProperty("registrationNumber", out _).ShouldBeTrue();
        var tooMuch = await (await bureau.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version, technologyIncome = 600_000m, reason = "更正" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        tooMuch.GetProperty("errors").TryGetProperty("technologyIncome", out _).ShouldBeTrue();

        var stored = await app.WithDbAsync(db => db.Contracts.AsNoTracking().SingleAsync(c => c.Id == id));
        (stored.RegistrationNumber, stored.RegisteredOn, stored.TechnologyIncome, stored.Version).ShouldBe((null, null, 400_000m, version));
        (await app.WithDbAsync(db => db.ContractAudits.CountAsync(a => a.ContractId == id && a.Change == ContractChange.Updated))).ShouldBe(0);
    }

    [Fact]
    public async Task The_list_filters_by_institution_source_year_and_locality()
    {
        var (seller, _, bureau, contract) = await RecordAsync();
        var id = contract.GetProperty("id").GetGuid().ToString();
        async Task<List<string>> Ids(HttpClient reader, string query) =>
            (await (await reader.GetAsync($"/api/contracts?organisationId={seller.OrganisationId}&{query}")).JsonAsync())
                .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();

        (await Ids(bureau.Client, "source=Manual&year=2024&local=true")).ShouldBe([id]);
        (await Ids(bureau.Client, "source=Import")).ShouldBeEmpty();
        (await Ids(bureau.Client, "year=2023")).ShouldBeEmpty();
        (await Ids(bureau.Client, "local=false")).ShouldBeEmpty();
        (await Ids(seller.Client, "source=Manual")).ShouldBe([id]);
        await (await bureau.Client.GetAsync("/api/contracts?source=Registry")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_registrations_of_the_same_version_at_once_one_wins_and_the_other_gets_409()
    {
        var (seller, buyer, _, contract) = await RecordAsync();
        var id = contract.GetProperty("id").GetGuid();
        var version = contract.GetProperty("version").GetInt64();
        var responses = await Task.WhenAll(
            seller.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version, registrationNumber = NewNumber() }),
            buyer.Client.PutAsJsonAsync($"/api/contracts/{id}", new { version, registrationNumber = NewNumber() }));
        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).JsonAsync();
        var stored = await app.WithDbAsync(db => db.Contracts.AsNoTracking().SingleAsync(c => c.Id == id));
        stored.RegistrationNumber.ShouldBe(winner.GetProperty("registrationNumber").GetString());
        (await app.WithDbAsync(db => db.ContractAudits.CountAsync(a => a.ContractId == id && a.Change == ContractChange.Updated))).ShouldBe(1);
    }
}

public sealed class SqliteContractRevisionTests(SqliteApp app) : ContractRevisionTests<SqliteApp>(app);

public sealed class PostgresContractRevisionTests(PostgresApp app) : ContractRevisionTests<PostgresApp>(app);

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// Finding 1 of the trust review: broker powers come from a verified certification, consent-gated fields
/// follow one rule and every disclosure is logged, and contracts enter the bureau's tables only through
/// the assigned manager, the bureau, or both parties.
/// </summary>
public abstract class BrokerPowerTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task A_self_registered_manager_applicant_has_no_broker_powers_until_verified_and_loses_them_when_revoked_or_expired()
    {
        var world = await app.WorldAsync();
        var draft = await world.Researcher.Client.DraftAsync("achievements", Listings.Achievement("未发布草稿 保密"));
        var applicant = await app.CreateUserAsync(Roles.TechnologyManager, verifyManager: false);
        var me = await (await applicant.Client.GetAsync("/api/auth/me")).JsonAsync();
        me.GetProperty("roles").EnumerateArray().ShouldBeEmpty();
        me.GetProperty("managerApplication").GetProperty("verification").GetString().ShouldBe("Pending");

        async Task ShouldHaveNoPowersAsync(TestUser who)
        {
            await (await who.Client.GetAsync($"/api/achievements/{draft.Id}")).ProblemAsync(HttpStatusCode.NotFound);
            var gated = await (await who.Client.GetAsync($"/api/achievements/{world.Achievement.Id}")).JsonAsync();
            gated.GetProperty("detailsHidden").GetBoolean().ShouldBeTrue();
            gated.GetProperty("ipNumber").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
            await (await who.Client.GetAsync($"/api/needs/{world.Need.Id}/matches")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await who.Client.GetAsync("/api/deals/workbench")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await who.Client.GetAsync($"/api/deals/{world.DealId}")).ProblemAsync(HttpStatusCode.NotFound);
            var contract = new
            {
                projectName = "虚构合同", category = "Transfer", transformationMode = "Transfer", sellerOrganisationId = world.Researcher.OrganisationId,
                buyerOrganisationId = world.Enterprise.OrganisationId, field = "AdvancedManufacturing", totalAmount = 999_999_999m, technologyIncome = 999_999_999m,
                signedOn = "2023-06-01", registeredOn = "2023-06-02",
            };
            await (await who.Client.PostAsJsonAsync("/api/contracts", contract)).ProblemAsync(HttpStatusCode.Forbidden);
        }

        await ShouldHaveNoPowersAsync(applicant);
        (await app.WithDbAsync(db => db.Contracts.CountAsync(c => c.TotalAmount == 999_999_999m))).ShouldBe(0);

        // Verified: the broker's board and proposals, but not the gated fields of a listing they broker no deal on.
        await app.VerifyManagerAsync(applicant.Client);
        await (await applicant.Client.GetAsync("/api/deals/workbench")).ShouldBeAsync(HttpStatusCode.OK);
        await (await applicant.Client.GetAsync($"/api/needs/{world.Need.Id}/matches")).ShouldBeAsync(HttpStatusCode.OK);
        (await (await applicant.Client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["TechnologyManager"]);
        (await (await applicant.Client.GetAsync($"/api/achievements/{world.Achievement.Id}")).JsonAsync()).GetProperty("detailsHidden").GetBoolean().ShouldBeTrue();

        // Revoked by the bureau: the same token loses the powers on its next request.
        var userId = await applicant.Client.UserIdAsync();
        var profile = await (await app.Admin.GetAsync($"/api/technology-managers/{userId}")).JsonAsync();
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        await (await bureau.Client.PostAsJsonAsync($"/api/technology-managers/{userId}/verification",
            new { status = "Rejected", version = profile.GetProperty("version").GetInt64(), reason = "证书被注销" })).ShouldBeAsync(HttpStatusCode.OK);
        await ShouldHaveNoPowersAsync(applicant);
        var audit = await (await app.Admin.GetAsync($"/api/audit?targetId={userId}")).JsonAsync();
        audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldBe(["manager.revoked", "manager.verified"]);

        // An expired certification ends the powers the day after it expires, without anyone acting.
        var managerId = await world.Manager.Client.UserIdAsync();
        await (await world.Manager.Client.GetAsync("/api/deals/workbench")).ShouldBeAsync(HttpStatusCode.OK);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
        await app.WithDbAsync(db => db.TechnologyManagerProfiles.Where(p => p.UserId == managerId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CertificationExpiresOn, yesterday)));
        await (await world.Manager.Client.GetAsync("/api/deals/workbench")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Gated_fields_show_to_the_owner_the_consented_party_the_assigned_manager_and_administrators_and_each_disclosure_is_logged()
    {
        var world = await app.WorldAsync();
        var otherManager = await app.CreateUserAsync(Roles.TechnologyManager);
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var stranger = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var url = $"/api/achievements/{world.Achievement.Id}";

        async Task<bool> SeesAsync(HttpClient client) =>
            !(await (await client.GetAsync(url)).JsonAsync()).GetProperty("detailsHidden").GetBoolean();

        (await SeesAsync(world.Researcher.Client)).ShouldBeTrue();
        (await SeesAsync(world.Enterprise.Client)).ShouldBeTrue("its interest was accepted");
        (await SeesAsync(world.Manager.Client)).ShouldBeTrue("assigned to a deal on this listing");
        (await SeesAsync(app.Admin)).ShouldBeTrue();
        (await SeesAsync(otherManager.Client)).ShouldBeFalse("verified, but brokers no deal on it");
        (await SeesAsync(bureau.Client)).ShouldBeFalse();
        (await SeesAsync(stranger.Client)).ShouldBeFalse();
        (await SeesAsync(app.CreateClient())).ShouldBeFalse();

        // Nor does the catalogue give it away: owner filters match public listings only for outsiders.
        var byOwner = await (await stranger.Client.GetAsync($"/api/achievements?organisationId={world.Researcher.OrganisationId}")).JsonAsync();
        byOwner.GetProperty("total").GetInt32().ShouldBe(0);
        var search = await (await otherManager.Client.GetAsync($"/api/achievements?q={Uri.EscapeDataString("保密成果")}&pageSize=100")).JsonAsync();
        search.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("id").GetGuid() == world.Achievement.Id)
            .ShouldAllBe(a => a.GetProperty("detailsHidden").GetBoolean());

        var log = await (await world.Researcher.Client.GetAsync($"/api/organisations/mine/disclosures?listingId={world.Achievement.Id}")).JsonAsync();
        var reasons = log.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("reason").GetString()).ToList();
        reasons.ShouldBe(["consent", "deal_manager", "administrator"], ignoreOrder: true);
        log.GetProperty("items").EnumerateArray().ShouldAllBe(d => d.GetProperty("fields").EnumerateArray().Any(f => f.GetString() == "ipNumber"));
        var theirs = await (await stranger.Client.GetAsync($"/api/organisations/mine/disclosures?listingId={world.Achievement.Id}")).JsonAsync();
        theirs.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_contract_is_recorded_by_the_assigned_manager_the_bureau_or_one_party_with_the_others_confirmation()
    {
        var world = await app.WorldAsync();
        await world.SignAsync();
        var otherManager = await app.CreateUserAsync(Roles.TechnologyManager);
        var body = await world.ContractBodyAsync(world.Enterprise.Client);

        await (await otherManager.Client.PostAsJsonAsync("/api/contracts", body)).ProblemAsync(HttpStatusCode.NotFound);
        await (await world.Enterprise.Client.PostAsJsonAsync("/api/contracts", body)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Admin.PostAsJsonAsync("/api/contracts", body)).ProblemAsync(HttpStatusCode.Forbidden);

        // The enterprise proposes; nothing counts until the institution confirms.
        var proposal = await (await world.Enterprise.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/contract-proposal", body)).JsonAsync(HttpStatusCode.Created);
        var proposalId = proposal.GetProperty("id").GetGuid();
        (await app.WithDbAsync(db => db.Contracts.CountAsync(c => c.DealId == world.DealId))).ShouldBe(0);
        await (await world.Enterprise.Client.PostAsJsonAsync($"/api/contracts/proposals/{proposalId}/confirm", new { version = 0 })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await world.Enterprise.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/contract-proposal", body)).ProblemAsync(HttpStatusCode.Conflict);
        var pending = await (await world.Researcher.Client.GetAsync("/api/contracts/proposals?status=Pending")).JsonAsync();
        pending.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldContain(proposalId);
        async Task<List<string>> ProposalNoticesAsync(HttpClient client) =>
            [.. (await (await client.GetAsync("/api/notifications?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("kind").GetString() == "ContractProposal" && n.GetProperty("data").GetString()!.Contains(proposalId.ToString()))
                .Select(n => n.GetProperty("data").GetString()!)];
        (await ProposalNoticesAsync(world.Researcher.Client)).ShouldHaveSingleItem().ShouldContain("Pending");

        await (await world.Researcher.Client.PostAsJsonAsync($"/api/contracts/proposals/{proposalId}/reject", new { version = 0 })).ProblemAsync(HttpStatusCode.BadRequest);
        var rejected = await (await world.Researcher.Client.PostAsJsonAsync($"/api/contracts/proposals/{proposalId}/reject", new { version = 0, reason = "金额有误" })).JsonAsync();
        rejected.GetProperty("status").GetString().ShouldBe("Rejected");
        (await ProposalNoticesAsync(world.Enterprise.Client)).ShouldHaveSingleItem().ShouldContain("Rejected");

        body["totalAmount"] = 1_100_000m;
        body["technologyIncome"] = 1_100_000m;
        var second = await (await world.Enterprise.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/contract-proposal", body)).JsonAsync(HttpStatusCode.Created);
        var confirmed = await (await world.Researcher.Client.PostAsJsonAsync($"/api/contracts/proposals/{second.GetProperty("id").GetGuid()}/confirm",
            new { version = second.GetProperty("version").GetInt64() })).JsonAsync();
        confirmed.GetProperty("status").GetString().ShouldBe("Confirmed");
        var contract = await (await world.Researcher.Client.GetAsync($"/api/contracts/{confirmed.GetProperty("contractId").GetGuid()}")).JsonAsync();
        contract.GetProperty("totalAmount").GetDecimal().ShouldBe(1_100_000m);
        contract.GetProperty("dealId").GetGuid().ShouldBe(world.DealId);

        // Recorded once: neither the manager nor another proposal can add a second contract for the deal.
        await (await world.Manager.Client.PostAsJsonAsync("/api/contracts", await world.ContractBodyAsync(world.Manager.Client))).ProblemAsync(HttpStatusCode.Conflict);
        await (await world.Enterprise.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/contract-proposal", body)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Contracts_without_a_deal_are_the_bureaus_to_record()
    {
        var world = await app.WorldAsync();
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var body = new
        {
            projectName = "平台外的技术许可", category = "Licence", transformationMode = "Licence", sellerOrganisationId = world.Researcher.OrganisationId,
            buyerOrganisationId = world.Enterprise.OrganisationId, field = "NewMaterials", totalAmount = 300_000m, technologyIncome = 250_000m,
            signedOn = "2024-03-01", registeredOn = "2024-03-05",
        };
        foreach (var client in new[] { world.Manager.Client, world.Researcher.Client, world.Enterprise.Client, app.Admin })
        {
            await (await client.PostAsJsonAsync("/api/contracts", body)).ProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await bureau.Client.PostAsJsonAsync("/api/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);
    }
}

public sealed class SqliteBrokerPowerTests(SqliteApp app) : BrokerPowerTests<SqliteApp>(app);

public sealed class PostgresBrokerPowerTests(PostgresApp app) : BrokerPowerTests<PostgresApp>(app);

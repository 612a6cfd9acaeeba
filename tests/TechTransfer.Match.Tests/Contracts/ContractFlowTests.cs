using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>From a match to a recorded contract through the API, with consent, a brokered deal and who sees the amounts.</summary>
public abstract class ContractFlowTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static async Task<Guid> UserIdAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();

    private static async Task<JsonElement> MoveAsync(HttpClient client, Guid dealId, string stage, long version, string note) =>
        await (await client.PostAsJsonAsync($"/api/deals/{dealId}/stage", new { stage, version, note })).JsonAsync();

    [Fact]
    public async Task A_need_is_matched_interest_accepted_deal_signed_and_a_local_contract_recorded_that_only_the_parties_broker_and_bureau_see()
    {
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var outsider = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210213");
        var otherManager = await app.CreateUserAsync(Roles.TechnologyManager);

        // A need is posted and an achievement listed with similar Chinese text; the engine proposes the pair.
        var tag = "t" + Guid.NewGuid().ToString("N")[..10];
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"{tag} 轧辊激光熔覆再制造修复技术", b =>
        {
            b["summary"] = $"{tag} 采用高功率半导体激光熔覆技术修复磨损轧辊表面，熔覆层硬度HRC58以上，修复后轧辊寿命提高一倍，适用于钢铁企业热轧和冷轧轧辊再制造。";
            b["problemSolved"] = "解决轧辊磨损后报废更换成本高的问题。";
            b["keywords"] = new[] { "激光熔覆", "轧辊修复", "再制造", tag };
        }));
        await researcher.Client.PublishAsync("achievements", achievement);
        var need = await enterprise.Client.DraftAsync("needs", Listings.Need($"{tag} 热轧轧辊激光熔覆修复与再制造技术需求", b =>
        {
            b["background"] = $"{tag} 我公司热轧和冷轧轧辊磨损严重，更换成本高，需要激光熔覆修复轧辊表面的再制造技术，熔覆层硬度HRC58以上，延长轧辊寿命。";
            b["indicators"] = new[] { new { name = "熔覆层硬度", target = "≥58", unit = "HRC" } };
        }));
        await enterprise.Client.PublishAsync("needs", need);
        Guid? proposalId = null;
        for (var i = 0; i < 100 && proposalId is null; i++)
        {
            var matches = await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches")).JsonAsync();
            proposalId = matches.EnumerateArray()
                .Where(m => m.GetProperty("counterpart").GetProperty("id").GetGuid() == achievement.Id)
                .Select(m => (Guid?)m.GetProperty("proposalId").GetGuid()).FirstOrDefault();
            if (proposalId is null)
            {
                await Task.Delay(200);
            }
        }

        proposalId.ShouldNotBeNull("the engine proposed no pair for the welding need and achievement");

        // The enterprise expresses interest; the institution accepts; details are revealed only after acceptance.
        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests",
            new { proposalId, message = "我们希望了解焊缝跟踪技术的许可条件" })).JsonAsync(HttpStatusCode.Created);
        var interestId = interest.GetProperty("id").GetGuid();
        await (await outsider.Client.GetAsync($"/api/interests/{interestId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await enterprise.Client.PostAsync($"/api/interests/{interestId}/reveal", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await enterprise.Client.PostAsJsonAsync($"/api/interests/{interestId}/accept", new { version = interest.GetProperty("version").GetInt64() }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var received = await (await researcher.Client.GetAsync("/api/interests?direction=received")).JsonAsync();
        var mine = received.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == interestId);
        var accepted = await (await researcher.Client.PostAsJsonAsync($"/api/interests/{interestId}/accept",
            new { version = mine.GetProperty("version").GetInt64() })).JsonAsync();
        accepted.GetProperty("status").GetString().ShouldBe("Accepted");
        var revealed = await (await enterprise.Client.PostAsync($"/api/interests/{interestId}/reveal", null)).JsonAsync();
        revealed.GetProperty("ipNumber").GetString().ShouldBe("ZL202110123456.7");
        revealed.GetProperty("organisationId").GetGuid().ShouldBe(researcher.OrganisationId!.Value);
        (await app.WithDbAsync(db => db.Disclosures.CountAsync(r => r.BasisId == interestId && r.Reason == "consent"))).ShouldBe(1);

        // A technology manager opens the deal and moves it to signed.
        var deal = await (await manager.Client.PostAsJsonAsync("/api/deals", new { interestId, note = "双方同意面谈" })).JsonAsync(HttpStatusCode.Created);
        var dealId = deal.GetProperty("id").GetGuid();
        deal.GetProperty("managerUserId").GetGuid().ShouldBe(await UserIdAsync(manager.Client));
        deal.GetProperty("seller").GetProperty("id").GetGuid().ShouldBe(researcher.OrganisationId!.Value);
        deal.GetProperty("buyer").GetProperty("id").GetGuid().ShouldBe(enterprise.OrganisationId!.Value);
        await (await manager.Client.PostAsJsonAsync("/api/deals", new { interestId })).ProblemAsync(HttpStatusCode.Conflict);
        var version = deal.GetProperty("version").GetInt64();
        foreach (var stage in new[] { "Contacted", "Negotiating", "Signed" })
        {
            deal = await MoveAsync(manager.Client, dealId, stage, version, $"进入{stage}");
            version = deal.GetProperty("version").GetInt64();
        }

        deal.GetProperty("stage").GetString().ShouldBe("Signed");
        var timeline = deal.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "StageChanged").ToList();
        timeline.Select(e => e.GetProperty("toStage").GetString()).ShouldBe(["Contacted", "Negotiating", "Signed"]);
        timeline.ShouldAllBe(e => e.GetProperty("byUserId").GetGuid() != Guid.Empty);
        await (await manager.Client.PostAsJsonAsync($"/api/deals/{dealId}/stage", new { stage = "Negotiating", version })).ProblemAsync(HttpStatusCode.Conflict);

        // The contract is pre-filled from the deal, recorded, and local because the buyer is in Dalian.
        var draft = await (await manager.Client.GetAsync($"/api/deals/{dealId}/contract-draft")).JsonAsync();
        draft.GetProperty("sellerOrganisationId").GetGuid().ShouldBe(researcher.OrganisationId!.Value);
        draft.GetProperty("sellerNatureCode").GetString().ShouldBe("0221");
        draft.GetProperty("buyerRegionCode").GetString().ShouldBe("210211");
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(draft.GetRawText())!;
        body["registrationNumber"] = "2102" + ContractFiles.NewTag()[..10] + "01";
        body["totalAmount"] = 1_200_000m;
        body["technologyIncome"] = 1_000_000m;
        body["registeredOn"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        body["signedOn"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var contract = await (await manager.Client.PostAsJsonAsync("/api/contracts", body)).JsonAsync(HttpStatusCode.Created);
        var contractId = contract.GetProperty("id").GetGuid();
        contract.GetProperty("isLocal").GetBoolean().ShouldBeTrue();
        contract.GetProperty("source").GetString().ShouldBe("Platform");
        contract.GetProperty("dealId").GetGuid().ShouldBe(dealId);
        contract.GetProperty("proposalId").GetGuid().ShouldBe(proposalId.Value);
        await (await manager.Client.PostAsJsonAsync("/api/contracts", body)).ProblemAsync(HttpStatusCode.Conflict);
        // The deal now points at its contract, so nobody records it twice from the board.
        (await (await manager.Client.GetAsync($"/api/deals/{dealId}")).JsonAsync()).GetProperty("contractId").GetGuid().ShouldBe(contractId);

        foreach (var reader in new[] { enterprise.Client, researcher.Client, manager.Client, bureau.Client })
        {
            var seen = await (await reader.GetAsync($"/api/contracts/{contractId}")).JsonAsync();
            seen.GetProperty("totalAmount").GetDecimal().ShouldBe(1_200_000m);
        }

        await (await outsider.Client.GetAsync($"/api/contracts/{contractId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await otherManager.Client.GetAsync($"/api/contracts/{contractId}")).ProblemAsync(HttpStatusCode.NotFound);
        var outsiderList = await (await outsider.Client.GetAsync("/api/contracts")).JsonAsync();
        outsiderList.GetProperty("total").GetInt32().ShouldBe(0);
        var enterpriseList = await (await enterprise.Client.GetAsync("/api/contracts")).JsonAsync();
        enterpriseList.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldContain(contractId);

        // The manager's workbench counts the signed deal and the time it took.
        var bench = await (await manager.Client.GetAsync("/api/deals/workbench")).JsonAsync();
        bench.GetProperty("signed").GetInt32().ShouldBe(1);
        bench.GetProperty("averageDaysToSigning").ValueKind.ShouldBe(JsonValueKind.Number);
        bench.GetProperty("averageDaysToFirstContact").ValueKind.ShouldBe(JsonValueKind.Number);
        await (await enterprise.Client.GetAsync("/api/deals/workbench")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Two_people_moving_the_same_deal_at_once_one_succeeds_the_other_gets_409_and_nothing_is_lost()
    {
        var (deal, manager, researcher, _) = await OpenDealOnListingAsync();
        var dealId = deal.GetProperty("id").GetGuid();
        var version = deal.GetProperty("version").GetInt64();

        var responses = await Task.WhenAll(
            manager.Client.PostAsJsonAsync($"/api/deals/{dealId}/stage", new { stage = "Contacted", version, note = "电话联系了企业" }),
            researcher.Client.PostAsJsonAsync($"/api/deals/{dealId}/stage", new { stage = "Closed", version, closeReason = "PriceDisagreement", note = "价格谈不拢" }));
        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        (await loser.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("stale_version");
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).JsonAsync();

        var current = await (await manager.Client.GetAsync($"/api/deals/{dealId}")).JsonAsync();
        current.GetProperty("stage").GetString().ShouldBe(winner.GetProperty("stage").GetString());
        current.GetProperty("version").GetInt64().ShouldBe(version + 1);
        current.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "StageChanged").ShouldBe(1);

        // The loser reloads and applies their change again (if it still makes sense); a note with the new version lands.
        var noted = await (await manager.Client.PostAsJsonAsync($"/api/deals/{dealId}/notes",
            new { note = "下周再约", nextStep = "寄送样品", nextStepOn = "2020-01-01", version = version + 1 })).JsonAsync();
        noted.GetProperty("nextStep").GetString().ShouldBe("寄送样品");
        await (await manager.Client.PostAsJsonAsync($"/api/deals/{dealId}/notes", new { note = "过期版本", version })).ProblemAsync(HttpStatusCode.Conflict);

        if (current.GetProperty("stage").GetString() == "Contacted")
        {
            var bench = await (await manager.Client.GetAsync("/api/deals/workbench")).JsonAsync();
            bench.GetProperty("overdue").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ShouldContain(dealId);
        }
    }

    [Fact]
    public async Task Interest_in_an_after_consent_listing_hides_its_owner_until_accepted_and_declines_need_a_reason()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var listing = await researcher.Client.DraftAsync("achievements", Listings.Achievement(change: b => b["visibility"] = "AfterConsent"));
        await researcher.Client.PublishAsync("achievements", listing);

        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = listing.Id, message = "想了解转让价格" }))
            .JsonAsync(HttpStatusCode.Created);
        interest.GetProperty("to").GetProperty("hidden").GetBoolean().ShouldBeTrue();
        interest.GetProperty("to").GetProperty("organisationId").ValueKind.ShouldBe(JsonValueKind.Null);
        await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = listing.Id, message = "再次表达" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await researcher.Client.PostAsJsonAsync("/api/interests", new { achievementId = listing.Id, message = "自己的成果" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { message = "没有目标" })).ProblemAsync(HttpStatusCode.BadRequest);

        var id = interest.GetProperty("id").GetGuid();
        var version = interest.GetProperty("version").GetInt64();
        var noReason = await researcher.Client.PostAsJsonAsync($"/api/interests/{id}/decline", new { version });
        await noReason.ProblemAsync(HttpStatusCode.BadRequest);
        var declined = await (await researcher.Client.PostAsJsonAsync($"/api/interests/{id}/decline", new { reason = "AlreadyInTalks", version })).JsonAsync();
        declined.GetProperty("status").GetString().ShouldBe("Declined");
        var seen = await (await enterprise.Client.GetAsync($"/api/interests/{id}")).JsonAsync();
        seen.GetProperty("to").GetProperty("hidden").GetBoolean().ShouldBeTrue();
        await (await enterprise.Client.PostAsync($"/api/interests/{id}/reveal", null)).ProblemAsync(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.Disclosures.CountAsync(r => r.BasisId == id))).ShouldBe(0);
    }

    [Fact]
    public async Task Contracts_are_recorded_only_by_the_bureau_managers_and_administrators_with_valid_amounts()
    {
        var seller = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var buyer = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "310115");
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var body = new Dictionary<string, object?>
        {
            ["projectName"] = "非平台撮合的技术许可", ["category"] = "Licence", ["transformationMode"] = "Licence",
            ["sellerOrganisationId"] = seller.OrganisationId, ["buyerOrganisationId"] = buyer.OrganisationId, ["buyerNatureCode"] = "0310",
            ["field"] = "NewMaterials", ["totalAmount"] = 500000m, ["technologyIncome"] = 600000m, ["signedOn"] = "2024-06-01",
        };
        var tooMuch = await (await bureau.Client.PostAsJsonAsync("/api/contracts", body)).ProblemAsync(HttpStatusCode.BadRequest);
        tooMuch.GetProperty("errors").TryGetProperty("technologyIncome", out _).ShouldBeTrue();
        body["technologyIncome"] = 400000m;
        body["registrationNumber"] = "12345";
        await (await bureau.Client.PostAsJsonAsync("/api/contracts", body)).ProblemAsync(HttpStatusCode.BadRequest);
        body["registrationNumber"] = null;
        await (await buyer.Client.PostAsJsonAsync("/api/contracts", body)).ProblemAsync(HttpStatusCode.Forbidden);
        var recorded = await (await bureau.Client.PostAsJsonAsync("/api/contracts", body)).JsonAsync(HttpStatusCode.Created);
        recorded.GetProperty("isLocal").GetBoolean().ShouldBeFalse();
        recorded.GetProperty("source").GetString().ShouldBe("Manual");
        recorded.GetProperty("year").GetInt32().ShouldBe(2024);
        recorded.GetProperty("seller").GetProperty("natureCode").GetString().ShouldBe("0221");
        (await app.WithDbAsync(db => db.Contracts.CountAsync(c => c.ProjectName == "非平台撮合的技术许可"))).ShouldBe(1);
    }

    /// <summary>An enterprise's interest in a published achievement, accepted, and a deal a manager opened on it.</summary>
    private async Task<(JsonElement Deal, TestUser Manager, TestUser Researcher, TestUser Enterprise)> OpenDealOnListingAsync()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var listing = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"并发测试成果{Guid.NewGuid():N}"[..16]));
        await researcher.Client.PublishAsync("achievements", listing);
        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = listing.Id, message = "希望合作" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = interest.GetProperty("id").GetGuid();
        await (await researcher.Client.PostAsJsonAsync($"/api/interests/{id}/accept", new { version = interest.GetProperty("version").GetInt64() })).JsonAsync();
        var deal = await (await manager.Client.PostAsJsonAsync("/api/deals", new { interestId = id })).JsonAsync(HttpStatusCode.Created);
        return (deal, manager, researcher, enterprise);
    }

    [Fact]
    public async Task A_deal_the_parties_open_waits_on_every_managers_board_until_one_takes_it()
    {
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var otherManager = await app.CreateUserAsync(Roles.TechnologyManager);
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"无人经手的对接{Guid.NewGuid():N}"[..20]));
        await researcher.Client.PublishAsync("achievements", achievement);

        // The parties agree between themselves and open the deal without a technology manager.
        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests",
            new { achievementId = achievement.Id, message = "希望直接洽谈许可" })).JsonAsync(HttpStatusCode.Created);
        var interestId = interest.GetProperty("id").GetGuid();
        var received = await (await researcher.Client.GetAsync("/api/interests?direction=received")).JsonAsync();
        var version = received.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == interestId).GetProperty("version").GetInt64();
        await (await researcher.Client.PostAsJsonAsync($"/api/interests/{interestId}/accept", new { version })).JsonAsync();
        var deal = await (await enterprise.Client.PostAsJsonAsync("/api/deals", new { interestId })).JsonAsync(HttpStatusCode.Created);
        var dealId = deal.GetProperty("id").GetGuid();
        deal.GetProperty("managerUserId").ValueKind.ShouldBe(JsonValueKind.Null);

        static IEnumerable<Guid> Ids(JsonElement deals) => deals.EnumerateArray().Select(d => d.GetProperty("id").GetGuid());
        static IEnumerable<Guid> OnBoard(JsonElement bench) => bench.GetProperty("stages").EnumerateArray().SelectMany(s => Ids(s.GetProperty("deals")));

        // Every technology manager sees it waiting and is told about it.
        foreach (var m in new[] { manager, otherManager })
        {
            var bench = await (await m.Client.GetAsync("/api/deals/workbench")).JsonAsync();
            Ids(bench.GetProperty("unassigned")).ShouldContain(dealId);
            OnBoard(bench).ShouldNotContain(dealId);
            var notes = await (await m.Client.GetAsync("/api/notifications")).JsonAsync();
            notes.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("kind").GetString() == "DealOpened" && n.GetProperty("data").GetString()!.Contains(dealId.ToString()));
        }

        // One takes it; it moves to their board and off everyone's waiting list; the other cannot take it any more.
        var managerId = (await (await manager.Client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
        var taken = await (await manager.Client.PostAsJsonAsync($"/api/deals/{dealId}/assign",
            new { managerUserId = managerId, version = deal.GetProperty("version").GetInt64() })).JsonAsync();
        taken.GetProperty("managerUserId").GetGuid().ShouldBe(managerId);
        var mine = await (await manager.Client.GetAsync("/api/deals/workbench")).JsonAsync();
        OnBoard(mine).ShouldContain(dealId);
        Ids(mine.GetProperty("unassigned")).ShouldNotContain(dealId);
        var others = await (await otherManager.Client.GetAsync("/api/deals/workbench")).JsonAsync();
        Ids(others.GetProperty("unassigned")).ShouldNotContain(dealId);
        var otherId = (await (await otherManager.Client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
        await (await otherManager.Client.PostAsJsonAsync($"/api/deals/{dealId}/assign",
            new { managerUserId = otherId, version = taken.GetProperty("version").GetInt64() })).ProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteContractFlowTests(SqliteApp app) : ContractFlowTests<SqliteApp>(app);

public sealed class PostgresContractFlowTests(PostgresApp app) : ContractFlowTests<PostgresApp>(app);

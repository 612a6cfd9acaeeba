using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data.Seed;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>Every demo role's workspace opens with something to do, read through the API as that person sees it.</summary>
public abstract class DemoWorkspaceTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private const string Demo = "@demo.techtransfer.local";

    private Task<HttpClient> DemoUserAsync(string name) =>
        app.SignInAsync(name + Demo, app.Services.GetRequiredService<IConfiguration>()["Seed:DemoPassword"]!);

    [Fact]
    public async Task The_demo_has_a_call_closed_with_a_winner_one_open_under_review_by_the_demo_reviewer_and_one_with_a_proposal_awaiting_consent()
    {
        var calls = (await (await app.CreateClient().GetAsync("/api/calls")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var closed = calls.Single(c => c.GetProperty("state").GetString() == "Closed");
        closed.GetProperty("winner").GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
        closed.GetProperty("proposalCount").GetInt32().ShouldBe(2);
        calls.Where(c => c.GetProperty("state").GetString() == "Open").Select(c => c.GetProperty("proposalCount").GetInt32()).Order().ShouldBe([1, 2]);
        var reviewer = await DemoUserAsync("reviewer");
        var desks = (await (await reviewer.GetAsync("/api/calls/reviewing")).JsonAsync()).EnumerateArray().ToList();
        desks.Select(d => d.GetProperty("state").GetString()).Order().ShouldBe(["Closed", "Open"]);

        // The call requiring consent: the colleague's proposal waits for the demo researcher, a verified member of the same institution.
        var waiting = (await (await (await DemoUserAsync("researcher")).GetAsync("/api/calls/consents")).JsonAsync()).EnumerateArray().ToList();
        waiting.Count.ShouldBe(1);
        var call = await (await app.CreateClient().GetAsync($"/api/calls/{waiting[0].GetProperty("proposal").GetProperty("callId").GetGuid()}")).JsonAsync();
        (call.GetProperty("requiresConsent").GetBoolean(), call.GetProperty("state").GetString()).ShouldBe((true, "Open"));
    }

    [Fact]
    public async Task The_manager_has_deals_at_every_stage_with_a_timeline_and_one_signed_deal_has_its_contract()
    {
        var manager = await DemoUserAsync("manager");
        var board = await (await manager.GetAsync("/api/deals/workbench")).JsonAsync();
        var stages = board.GetProperty("stages").EnumerateArray().ToList();
        stages.Where(s => s.GetProperty("count").GetInt32() > 0).Select(s => s.GetProperty("stage").GetString()).Order()
            .ShouldBe(new[] { "Closed", "Contacted", "Negotiating", "Proposed", "Signed" });
        var deals = stages.SelectMany(s => s.GetProperty("deals").EnumerateArray()).ToList();

        var negotiating = deals.First(d => d.GetProperty("stage").GetString() == "Negotiating").GetProperty("id").GetGuid();
        var detail = await (await manager.GetAsync($"/api/deals/{negotiating}")).JsonAsync();
        var kinds = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        kinds.ShouldContain("Opened");
        kinds.Count(k => k == "StageChanged").ShouldBe(2);
        kinds.ShouldContain("Note");

        var signed = deals.Single(d => d.GetProperty("stage").GetString() == "Signed").GetProperty("id").GetGuid();
        var contract = await app.WithDbAsync(db => db.Contracts.SingleAsync(c => c.DealId == signed));
        contract.Source.ShouldBe(ContractSource.Platform);
        contract.TechnologyIncome.ShouldBeLessThan(contract.TotalAmount);
    }

    [Fact]
    public async Task The_demo_needs_proposals_show_the_pairs_the_manager_brokers_and_their_owner_may_not_dismiss_them()
    {
        var manager = await DemoUserAsync("manager");
        // the demo manager's open deals (other tests of this class open deals of their own)
        var open = await app.WithDbAsync(db => db.Deals
            .Where(d => d.Stage != DealStage.Closed && d.NeedId != null && db.Users.Any(u => u.Id == d.ManagerUserId && u.Email == "manager" + Demo))
            .Select(d => new { d.Id, d.Stage, NeedId = d.NeedId!.Value, AchievementId = d.AchievementId!.Value, d.BuyerOrganisationId }).ToListAsync());
        open.Count.ShouldBeGreaterThanOrEqualTo(4);

        var shown = 0;
        foreach (var deal in open)
        {
            var proposal = (await (await manager.GetAsync($"/api/needs/{deal.NeedId}/matches?top=50")).JsonAsync()).EnumerateArray()
                .SingleOrDefault(m => m.GetProperty("counterpart").GetProperty("id").GetGuid() == deal.AchievementId);
            if (proposal.ValueKind != JsonValueKind.Object)
            {
                continue; // the engine did not propose this hand-picked pair
            }

            var onIt = proposal.GetProperty("deal");
            onIt.GetProperty("id").GetGuid().ShouldBe(deal.Id);
            onIt.GetProperty("stage").GetString().ShouldBe(deal.Stage.ToString());
            shown++;
        }

        // most of the brokered pairs are among the engine's proposals, so the demo shows the badge
        shown.ShouldBeGreaterThanOrEqualTo(open.Count / 2);

        var enterprise = await DemoUserAsync("enterprise");
        var mine = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "enterprise" + Demo).Select(u => u.OrganisationId).SingleAsync());
        // one open deal per pair, the demo's call deal included (it does not share the journey's pairs)
        var perPair = await app.WithDbAsync(db => db.Deals.Where(d => d.Stage != DealStage.Closed && d.AchievementId != null && d.NeedId != null)
            .GroupBy(d => new { d.AchievementId, d.NeedId }).Select(g => g.Count()).ToListAsync());
        perPair.ShouldNotBeEmpty();
        perPair.ShouldAllBe(n => n == 1);
        // a party reads the deal open on its own proposed pair
        JsonElement ownProposal = default;
        foreach (var ownDeal in open.Where(d => d.BuyerOrganisationId == mine).OrderBy(d => d.Id))
        {
            ownProposal = (await (await enterprise.GetAsync($"/api/needs/{ownDeal.NeedId}/matches?top=50")).JsonAsync()).EnumerateArray()
                .SingleOrDefault(m => m.GetProperty("counterpart").GetProperty("id").GetGuid() == ownDeal.AchievementId);
            if (ownProposal.ValueKind == JsonValueKind.Object)
            {
                ownProposal.GetProperty("deal").GetProperty("stage").GetString().ShouldBe(ownDeal.Stage.ToString());
                break;
            }
        }

        ownProposal.ValueKind.ShouldBe(JsonValueKind.Object, "one of the enterprise's brokered pairs is among its proposals");
        var refused = await (await enterprise.PostAsJsonAsync($"/api/matches/{ownProposal.GetProperty("proposalId").GetGuid()}/dismiss", new { reason = "NotOurField" }))
            .ProblemAsync(System.Net.HttpStatusCode.Conflict);
        refused.GetProperty("code").GetString().ShouldBe("deal_open");
    }

    [Fact]
    public async Task The_researcher_has_interests_to_decide_and_the_enterprise_accepted_ones()
    {
        var researcher = await DemoUserAsync("researcher");
        var toDecide = await (await researcher.GetAsync("/api/interests?direction=received&status=Pending")).JsonAsync();
        toDecide.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(3);

        var enterprise = await DemoUserAsync("enterprise");
        var accepted = await (await enterprise.GetAsync("/api/interests?direction=sent&status=Accepted")).JsonAsync();
        accepted.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task The_administrator_has_organisations_membership_requests_and_a_manager_application_waiting()
    {
        var pendingOrganisations = await (await app.Admin.GetAsync("/api/organisations?verification=Pending")).JsonAsync();
        pendingOrganisations.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(2);

        var applications = await (await app.Admin.GetAsync("/api/technology-managers?verification=Pending")).JsonAsync();
        applications.EnumerateArray().Count().ShouldBeGreaterThanOrEqualTo(1);

        var joining = await app.WithDbAsync(db => db.MembershipRequests.Where(r => r.Status == MembershipStatus.Pending).Select(r => r.OrganisationId).ToListAsync());
        joining.Count.ShouldBeGreaterThanOrEqualTo(2);
        var requests = await (await app.Admin.GetAsync($"/api/organisations/{joining[0]}/membership-requests?status=Pending")).JsonAsync();
        requests.EnumerateArray().Count().ShouldBeGreaterThanOrEqualTo(1);

        (await app.WithDbAsync(db => db.ValidationProjects.CountAsync())).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_visitor_finds_the_demo_intermediaries_and_the_verified_manager_in_the_directory()
    {
        var visitor = app.CreateClient();
        var intermediaries = (await (await visitor.GetAsync("/api/intermediaries")).JsonAsync()).EnumerateArray().ToList();
        intermediaries.Select(i => i.GetProperty("nameZh").GetString()).ShouldContain("大连星火技术转移服务有限公司");
        intermediaries.ShouldAllBe(i => i.GetProperty("services").GetArrayLength() > 0 && i.GetProperty("description").GetString()!.Length > 0);

        var managers = (await (await visitor.GetAsync("/api/technology-managers")).JsonAsync()).EnumerateArray().ToList();
        managers.ShouldContain(m => m.GetProperty("displayName").GetString() == DemoPeople.NameOf("manager@demo.techtransfer.local") && m.GetProperty("organisationNameZh").GetString() == "大连星火技术转移服务有限公司");
    }

    [Fact]
    public async Task The_demo_registry_records_read_like_registrations()
    {
        var records = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.Source == ContractSource.Import)
            .Select(c => new { c.ProjectName, c.Category, c.TotalAmount, c.TechnologyIncome, c.SellerNatureCode, c.BuyerNatureCode }).ToListAsync());
        records.Count.ShouldBeGreaterThan(1000);
        // Named for what was contracted, by kind of contract; not "<seller>技术合同000123".
        records.ShouldAllBe(c => c.ProjectName.EndsWith("合同") && !c.ProjectName.Contains("技术合同0"));
        records.Select(c => c.ProjectName).Distinct().Count().ShouldBeGreaterThan(100);
        // Development contracts carry non-technical costs; transfers and licences are all technology.
        var development = records.Where(c => c.Category is ContractCategory.DevelopmentCommissioned or ContractCategory.DevelopmentCooperative).ToList();
        development.ShouldAllBe(c => c.TechnologyIncome < c.TotalAmount || c.TotalAmount <= 1);
        records.Where(c => c.Category is ContractCategory.Transfer or ContractCategory.Licence).ShouldAllBe(c => c.TechnologyIncome == c.TotalAmount);
        // Every party has its registry nature code: institutions 0221/0211, enterprises 0310.
        records.ShouldAllBe(c => c.BuyerNatureCode.Length == 4 && c.SellerNatureCode.Length == 4);
        records.ShouldContain(c => c.BuyerNatureCode == "0310");
        records.ShouldContain(c => c.SellerNatureCode == "0221");
    }

    [Fact]
    public async Task The_demo_data_quality_page_has_a_finding_of_every_kind()
    {
        var bureau = await DemoUserAsync("bureau");
        var report = await (await bureau.GetAsync("/api/contracts/quality")).JsonAsync();
        report.GetProperty("summary").EnumerateArray().Where(k => k.GetProperty("open").GetInt32() == 0).Select(k => k.GetProperty("code").GetString()).ShouldBeEmpty();
        var duplicates = await (await bureau.GetAsync("/api/contracts/quality?year=2020&kind=probable_duplicate")).JsonAsync();
        duplicates.GetProperty("findings").GetProperty("items")[0].GetProperty("contracts").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Demo_notifications_look_like_a_week_of_use()
    {
        var researcher = await DemoUserAsync("researcher");
        // The match alerts of the start-up backfill arrive after the tests may start; the demo dates them once delivered.
        var until = DateTime.UtcNow.AddMinutes(3);
        List<JsonElement> alerts;
        do
        {
            await Task.Delay(500);
            alerts = [.. Items(await (await researcher.GetAsync("/api/notifications?pageSize=100")).JsonAsync()).Where(n => n.GetProperty("kind").GetString() == "MatchProposed")];
        }
        while (Days(alerts) < 5 && DateTime.UtcNow < until);

        alerts.Count.ShouldBeInRange(5, DemoNotificationHistoryKept);
        foreach (var name in new[] { "researcher", "enterprise", "manager" })
        {
            var client = await DemoUserAsync(name);
            var page = await (await client.GetAsync("/api/notifications?pageSize=100")).JsonAsync();
            var items = Items(page);
            items.Count.ShouldBeLessThan(100, $"{name}'s notifications fit a page");
            Days(items).ShouldBeGreaterThanOrEqualTo(5, $"{name}'s notifications");
            page.GetProperty("unread").GetInt32().ShouldBeInRange(1, 40, $"{name}'s unread notifications");
        }
    }

    private const int DemoNotificationHistoryKept = TechTransfer.Match.Web.Infrastructure.Data.Seed.DemoNotificationHistory.MatchAlertsKept;

    private static int Days(List<JsonElement> items) => items.Select(n => n.GetProperty("createdAt").GetDateTime().ToUniversalTime().Date).Distinct().Count();

    private static List<JsonElement> Items(JsonElement page) =>
        (page.ValueKind == JsonValueKind.Array ? page : page.GetProperty("items")).EnumerateArray().ToList();
}

public sealed class SqliteDemoWorkspaceTests(SqliteDemoApp app) : DemoWorkspaceTests<SqliteDemoApp>(app);

public sealed class PostgresDemoWorkspaceTests(PostgresDemoApp app) : DemoWorkspaceTests<PostgresDemoApp>(app);

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Contracts;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// Finding 2 of the trust review: every "at most one X per Y" rule holds when requests race. PostgreSQL runs
/// them concurrently under READ COMMITTED (SQLite serialises writers and would hide the race), so these send
/// real parallel requests to a PostgreSQL-backed node: exactly one succeeds, the others answer 409, none 500.
/// </summary>
public sealed class RaceTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private const int Racers = 8;

    private static async Task<List<HttpStatusCode>> RaceAsync(Func<int, Task<HttpResponseMessage>> send)
    {
        using var start = new SemaphoreSlim(0, Racers);
        var tasks = Enumerable.Range(0, Racers).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await send(i);
            return response.StatusCode;
        }).ToList();
        start.Release(Racers);
        return [.. await Task.WhenAll(tasks)];
    }

    private static void ShouldBeOneWinner(List<HttpStatusCode> statuses, HttpStatusCode success)
    {
        statuses.Count(s => s == success).ShouldBe(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(Racers - 1, string.Join(", ", statuses));
    }

    [Fact]
    public async Task Two_contracts_from_one_signed_deal_one_is_recorded_the_others_409()
    {
        var world = await app.WorldAsync();
        await world.SignAsync();
        var bodies = new List<Dictionary<string, object?>>();
        for (var i = 0; i < Racers; i++)
        {
            // Different registration numbers: only the deal makes them the same contract.
            bodies.Add(await world.ContractBodyAsync(world.Manager.Client));
        }

        var statuses = await RaceAsync(i => world.Manager.Client.PostAsJsonAsync("/api/contracts", bodies[i]));
        ShouldBeOneWinner(statuses, HttpStatusCode.Created);
        (await app.WithDbAsync(db => db.Contracts.CountAsync(c => c.DealId == world.DealId))).ShouldBe(1);
    }

    [Fact]
    public async Task Two_records_marked_as_each_others_duplicate_at_once_one_mark_wins_so_one_stays_counted()
    {
        var (a, b) = await TwinsAsync();
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        // Half mark A as B's duplicate, half B as A's: a cycle would leave the contract counted zero times.
        var statuses = await RaceAsync(i => bureau.PostAsJsonAsync($"/api/contracts/{(i % 2 == 0 ? a : b)}/duplicate",
            new { version = 0, duplicateOfContractId = i % 2 == 0 ? b : a, reason = "并发标记" }));
        ShouldBeOneWinner(statuses, HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Contracts.CountAsync(c => (c.Id == a || c.Id == b) && c.DuplicateOfContractId == null))).ShouldBe(1);
        (await app.WithDbAsync(db => db.ContractAudits.CountAsync(x => (x.ContractId == a || x.ContractId == b) && x.Change == ContractChange.MarkedDuplicate))).ShouldBe(1);
    }

    [Fact]
    public async Task A_finding_dismissed_at_once_is_stored_once()
    {
        var (a, b) = await TwinsAsync();
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var statuses = await RaceAsync(i => bureau.PostAsJsonAsync("/api/contracts/quality/dismissals",
            new { code = "probable_duplicate", contractIds = new[] { a, b }, reason = $"并发忽略{i}" }));
        ShouldBeOneWinner(statuses, HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.ContractAudits.CountAsync(x => x.ContractId == a && x.Change == ContractChange.FindingDismissed))).ShouldBe(1);
    }

    /// <summary>Two records of one contract (version 0), of organisations of their own.</summary>
    private async Task<(Guid A, Guid B)> TwinsAsync()
    {
        var seller = new Organisation { Kind = OrganisationKind.Institution, InstitutionType = InstitutionType.University, NameZh = "并发大学" + Guid.NewGuid().ToString("N")[..6], RegionCode = "210211" };
        var buyer = new Organisation { Kind = OrganisationKind.Enterprise, NameZh = "并发企业" + Guid.NewGuid().ToString("N")[..6], RegionCode = "210211" };
        TechnologyContract Twin() => new()
        {
            ProjectName = "并发合同", Category = ContractCategory.Transfer, TransformationMode = TransformationMode.Transfer,
            SellerOrganisationId = seller.Id, SellerNatureCode = "0221", SellerRegionCode = "210211", BuyerOrganisationId = buyer.Id, BuyerNatureCode = "0310",
            BuyerRegionCode = "210211", Field = TechnicalField.NewMaterials, TotalAmount = 100_000m, TechnologyIncome = 100_000m,
            SignedOn = new DateOnly(2016, 2, 1), Source = ContractSource.Manual, IsLocal = true, Year = 2016,
        };
        var (a, b) = (Twin(), Twin());
        await app.WithDbAsync(async db =>
        {
            db.Organisations.AddRange(seller, buyer);
            db.Contracts.AddRange(a, b);
            return await db.SaveChangesAsync();
        });
        return (a.Id, b.Id);
    }

    [Fact]
    public async Task The_same_organisations_interest_sent_at_once_is_stored_once()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"并发意向{Guid.NewGuid():N}"[..12]));
        await researcher.Client.PublishAsync("achievements", achievement);

        var statuses = await RaceAsync(_ => enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = achievement.Id, message = "同时点了多次" }));
        ShouldBeOneWinner(statuses, HttpStatusCode.Created);
        (await app.WithDbAsync(db => db.Interests.CountAsync(i => i.AchievementId == achievement.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task One_deal_per_interest_when_both_parties_and_a_manager_open_it_at_once()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"并发对接{Guid.NewGuid():N}"[..12]));
        await researcher.Client.PublishAsync("achievements", achievement);
        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = achievement.Id, message = "洽谈" })).JsonAsync(HttpStatusCode.Created);
        var interestId = interest.GetProperty("id").GetGuid();
        await (await researcher.Client.PostAsJsonAsync($"/api/interests/{interestId}/accept", new { version = interest.GetProperty("version").GetInt64() }))
            .ShouldBeAsync(HttpStatusCode.OK);

        var clients = new[] { researcher.Client, enterprise.Client, manager.Client };
        var statuses = await RaceAsync(i => clients[i % clients.Length].PostAsJsonAsync("/api/deals", new { interestId }));
        ShouldBeOneWinner(statuses, HttpStatusCode.Created);
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.InterestId == interestId))).ShouldBe(1);
    }

    [Fact]
    public async Task One_open_deal_per_pair_when_a_manager_opens_it_from_the_proposal_and_the_parties_from_their_interest_at_once()
    {
        var tag = Listings.Tag();
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.OxygenAchievement(tag));
        await researcher.Client.PublishAsync("achievements", achievement);
        var need = await enterprise.Client.DraftAsync("needs", Listings.OxygenNeed(tag));
        await enterprise.Client.PublishAsync("needs", need);
        var proposalId = (await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=50")).JsonAsync()).EnumerateArray()
            .Single(m => m.GetProperty("counterpart").GetProperty("id").GetGuid() == achievement.Id).GetProperty("proposalId").GetGuid();
        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { proposalId, message = "希望洽谈" })).JsonAsync(HttpStatusCode.Created);
        var interestId = interest.GetProperty("id").GetGuid();
        await (await researcher.Client.PostAsJsonAsync($"/api/interests/{interestId}/accept", new { version = interest.GetProperty("version").GetInt64() }))
            .ShouldBeAsync(HttpStatusCode.OK);

        // Half open it from the proposal (the manager), half from the accepted interest (the parties): two paths, one pair.
        var statuses = await RaceAsync(i => i % 2 == 0
            ? manager.Client.PostAsJsonAsync("/api/deals", new { proposalId })
            : (i % 4 == 1 ? researcher.Client : enterprise.Client).PostAsJsonAsync("/api/deals", new { interestId }));
        ShouldBeOneWinner(statuses, HttpStatusCode.Created);
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.AchievementId == achievement.Id && d.NeedId == need.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task A_registration_number_recorded_twice_at_once_is_stored_once()
    {
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var world = await app.WorldAsync();
        var number = "2102" + ContractFiles.NewTag()[..10] + "77";
        var statuses = await RaceAsync(i => bureau.Client.PostAsJsonAsync("/api/contracts", new
        {
            registrationNumber = number, projectName = $"并发登记{i}", category = "Transfer", transformationMode = "Transfer",
            sellerOrganisationId = world.Researcher.OrganisationId, buyerOrganisationId = world.Enterprise.OrganisationId, field = "NewMaterials",
            totalAmount = 100_000m, technologyIncome = 100_000m, signedOn = "2024-05-01", registeredOn = "2024-05-02",
        }));
        ShouldBeOneWinner(statuses, HttpStatusCode.Created);
        (await app.WithDbAsync(db => db.Contracts.CountAsync(c => c.RegistrationNumber == number))).ShouldBe(1);
    }

    [Fact]
    public async Task One_address_registered_at_once_makes_one_account_and_no_500()
    {
        var email = $"race-{Guid.NewGuid():N}@tests.local";
        var statuses = await RaceAsync(i => app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email, password = TestApp.Password, displayName = $"并发注册{i}", role = "EnterpriseMember" }));

        // The first one creates the account; the others either saw it (the same 202, which says nothing) or
        // lost the race on the unique index (409). Never a 500, and one account.
        statuses.ShouldAllBe(s => s == HttpStatusCode.Accepted || s == HttpStatusCode.Conflict, string.Join(", ", statuses));
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()))).ShouldBe(1);
    }

    [Fact]
    public async Task One_pending_membership_request_per_person_when_sent_at_once()
    {
        var owner = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var joiner = await app.CreateUserAsync(Roles.EnterpriseMember);
        var statuses = await RaceAsync(_ => joiner.Client.PostAsJsonAsync($"/api/organisations/{owner.OrganisationId}/membership-requests", new { message = "加入" }));
        ShouldBeOneWinner(statuses, HttpStatusCode.Created);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Intermediaries;

/// <summary>
/// The bureau's performance view per technology manager and per intermediary: deals, signed deals, the contracts
/// recorded from them with amount and local share (the contract's own local rule), and the median days from
/// proposal to first contact and to signing, for the year asked.
/// </summary>
public abstract class BrokerPerformanceTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task A_managers_deals_contracts_local_share_and_median_days_are_summed_for_the_manager_and_the_intermediary()
    {
        var world = await app.WorldAsync();
        var managerId = await world.Manager.Client.UserIdAsync();
        var intermediaryId = await app.CreateVerifiedOrganisationAsync(world.Manager.Client, OrganisationKind.Intermediary);
        await world.SignAsync();
        await (await world.Manager.Client.PostAsJsonAsync("/api/contracts", await world.ContractBodyAsync(world.Manager.Client, 1_200_000m))).ShouldBeAsync(HttpStatusCode.Created);

        // A second deal of the same manager between the same parties, signed with a buyer outside the city.
        var achievement = await world.Researcher.Client.DraftAsync("achievements", Listings.Achievement($"绩效成果{Guid.NewGuid():N}"[..12]));
        await world.Researcher.Client.PublishAsync("achievements", achievement);
        var interest = await (await world.Enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = achievement.Id, message = "绩效" })).JsonAsync(HttpStatusCode.Created);
        var interestId = interest.GetProperty("id").GetGuid();
        await (await world.Researcher.Client.PostAsJsonAsync($"/api/interests/{interestId}/accept", new { version = interest.GetProperty("version").GetInt64() })).ShouldBeAsync(HttpStatusCode.OK);
        var deal = await (await world.Manager.Client.PostAsJsonAsync("/api/deals", new { interestId })).JsonAsync(HttpStatusCode.Created);
        var second = deal.GetProperty("id").GetGuid();
        foreach (var stage in new[] { "Contacted", "Negotiating", "Signed" })
        {
            deal = await (await world.Manager.Client.PostAsJsonAsync($"/api/deals/{second}/stage", new { stage, version = deal.GetProperty("version").GetInt64() })).JsonAsync();
        }

        var draft = await (await world.Manager.Client.GetAsync($"/api/deals/{second}/contract-draft")).JsonAsync();
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(draft.GetRawText())!;
        body["registrationNumber"] = "2102" + Contracts.ContractFiles.NewTag()[..10] + "02";
        body["totalAmount"] = 300_000m;
        body["technologyIncome"] = 300_000m;
        body["signedOn"] = body["registeredOn"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        body["buyerRegionCode"] = "110108";
        await (await world.Manager.Client.PostAsJsonAsync("/api/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);

        // Known times: first contact after 3 and 7 days, signing after 30 and 20 days.
        var year = DateTime.UtcNow.Year;
        DateTime On(int month, int day) => new(year, month, day, 9, 0, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            await db.Deals.Where(d => d.Id == world.DealId).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.ProposedAt, On(1, 10)).SetProperty(d => d.FirstContactAt, On(1, 13)).SetProperty(d => d.SignedAt, On(2, 9)));
            return await db.Deals.Where(d => d.Id == second).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.ProposedAt, On(3, 1)).SetProperty(d => d.FirstContactAt, On(3, 8)).SetProperty(d => d.SignedAt, On(3, 21)));
        });

        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var performance = await (await bureau.GetAsync($"/api/intermediaries/performance?year={year}")).JsonAsync();
        void Check(JsonElement row)
        {
            row.GetProperty("deals").GetInt32().ShouldBe(2);
            row.GetProperty("signed").GetInt32().ShouldBe(2);
            row.GetProperty("contracts").GetInt32().ShouldBe(2);
            row.GetProperty("signedAmount").GetDecimal().ShouldBe(1_500_000m);
            row.GetProperty("localContracts").GetInt32().ShouldBe(1);
            row.GetProperty("localAmount").GetDecimal().ShouldBe(1_200_000m);
            row.GetProperty("localAmountPct").GetDecimal().ShouldBe(80m);
            row.GetProperty("medianDaysToContact").GetDouble().ShouldBe(5.0);
            row.GetProperty("medianDaysToSign").GetDouble().ShouldBe(25.0);
        }

        Check(performance.GetProperty("managers").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == managerId));
        Check(performance.GetProperty("intermediaries").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == intermediaryId));

        // Another year has none of it; a year out of range is refused naming it; members do not see the view.
        var before = await (await bureau.GetAsync($"/api/intermediaries/performance?year={year - 1}")).JsonAsync();
        before.GetProperty("managers").EnumerateArray().ShouldNotContain(m => m.GetProperty("id").GetGuid() == managerId);
        (await (await bureau.GetAsync("/api/intermediaries/performance?year=1900")).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("year", out _).ShouldBeTrue();
        await (await world.Manager.Client.GetAsync($"/api/intermediaries/performance?year={year}")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteBrokerPerformanceTests(SqliteApp app) : BrokerPerformanceTests<SqliteApp>(app);

public sealed class PostgresBrokerPerformanceTests(PostgresApp app) : BrokerPerformanceTests<PostgresApp>(app);

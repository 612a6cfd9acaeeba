using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechTransfer.Match.Tests.Contracts;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Infrastructure;

/// <summary>
/// A small world built through the API the way its people build it: an institution with an "after consent"
/// achievement, an enterprise with an "after consent" need, the enterprise's accepted interest in the
/// achievement, and a deal on it brokered by a verified technology manager.
/// </summary>
public sealed record World(
    TestUser Researcher, TestUser Enterprise, TestUser Manager, IdVersion Achievement, IdVersion Need, Guid InterestId, JsonElement Deal)
{
    public Guid DealId => Deal.GetProperty("id").GetGuid();
}

public static class Scenarios
{
    public static async Task<World> WorldAsync(this TestApp app, string? tag = null)
    {
        tag ??= "w" + Guid.NewGuid().ToString("N")[..8];
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"{tag} 保密成果 激光熔覆", b =>
        {
            b["visibility"] = "AfterConsent";
            b["ipNumber"] = "ZL2023" + tag;
        }));
        await researcher.Client.PublishAsync("achievements", achievement);
        var need = await enterprise.Client.DraftAsync("needs", Listings.Need($"{tag} 保密需求 轧辊修复", b => b["visibility"] = "AfterConsent"));
        await enterprise.Client.PublishAsync("needs", need);

        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = achievement.Id, message = "希望洽谈许可" }))
            .JsonAsync(HttpStatusCode.Created);
        var interestId = interest.GetProperty("id").GetGuid();
        await (await researcher.Client.PostAsJsonAsync($"/api/interests/{interestId}/accept", new { version = interest.GetProperty("version").GetInt64() }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var deal = await (await manager.Client.PostAsJsonAsync("/api/deals", new { interestId })).JsonAsync(HttpStatusCode.Created);
        return new World(researcher, enterprise, manager, achievement, need, interestId, deal);
    }

    /// <summary>The deal's manager takes it through contact and negotiation to signed.</summary>
    public static async Task<JsonElement> SignAsync(this World world)
    {
        var deal = world.Deal;
        foreach (var stage in new[] { "Contacted", "Negotiating", "Signed" })
        {
            deal = await (await world.Manager.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/stage",
                new { stage, version = deal.GetProperty("version").GetInt64(), note = stage })).JsonAsync();
        }

        return deal;
    }

    /// <summary>The contract form of a signed deal, with a fresh registration number and amounts.</summary>
    public static async Task<Dictionary<string, object?>> ContractBodyAsync(this World world, HttpClient reader, decimal amount = 1_200_000m)
    {
        var draft = await (await reader.GetAsync($"/api/deals/{world.DealId}/contract-draft")).JsonAsync();
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(draft.GetRawText())!;
        body["registrationNumber"] = "2102" + ContractFiles.NewTag()[..10] + "01";
        body["totalAmount"] = amount;
        body["technologyIncome"] = amount;
        body["signedOn"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        body["registeredOn"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        return body;
    }

    public static async Task<Guid> UserIdAsync(this HttpClient client) =>
        (await (await client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
}

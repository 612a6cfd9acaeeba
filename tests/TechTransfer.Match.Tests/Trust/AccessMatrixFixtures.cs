using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using Xunit.Abstractions;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>The records the access matrix's probes act on: deals, contracts, drafts, sessions, made through the API as users make them.</summary>
public abstract partial class AccessMatrixTests<TApp>
    where TApp : TestApp
{
    private static string IndicatorName(string path) => path == "fields"
        ? "GetFieldCompositionIndicator"
        : "Get" + string.Concat(path.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..])) + "Indicator";

    /// <summary>Indicators an institution's members see for their own institution; the city-wide ones are the bureau's.</summary>
    private static string[] IndicatorAllowed(string path) => path switch
    {
        "turnover" or "localization" or "contract-amounts" or "collaboration" or "fields" or "leakage" => [Res, OutInst, Bureau, Admin],
        _ => [Bureau, Admin],
    };

    private static async Task<Guid> SecondSessionAsync(Ctx c)
    {
        await c.App.SignInAsync(c.World.Researcher.Email);
        return await c.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.UserSessions.Where(s => s.UserId == c.ResId && s.RevokedAt == null).OrderByDescending(s => s.CreatedAt).Select(s => s.Id)));
    }

    private static async Task<Guid> ThrowawayAsync(Ctx c) =>
        await (await c.App.CreateUserAsync(Roles.EnterpriseMember)).Client.UserIdAsync();

    /// <summary>A draft organisation as an import leaves one, for the identity endpoints to act on.</summary>
    private static async Task<(Guid Id, long Version)> DraftOrganisationAsync(Ctx c, OrganisationKind kind = OrganisationKind.Unknown)
    {
        var draft = new Organisation { Kind = kind, NameZh = $"矩阵草稿单位{Guid.NewGuid():N}"[..14], RegionCode = "210211", Verification = VerificationStatus.Draft };
        await c.App.WithDbAsync(async db =>
        {
            db.Organisations.Add(draft);
            return await db.SaveChangesAsync();
        });
        return (draft.Id, draft.Version);
    }

    private static async Task<Guid> MembershipRequestAsync(Ctx c)
    {
        var joiner = await c.App.CreateUserAsync(Roles.InstitutionMember);
        var request = await (await joiner.Client.PostAsJsonAsync($"/api/organisations/{c.OrgA}/membership-requests", new { message = "加入" })).JsonAsync(HttpStatusCode.Created);
        return request.GetProperty("id").GetGuid();
    }

    /// <summary>Another deal between the owner institution and enterprise (on a new achievement), brokered by the assigned manager.</summary>
    private static async Task<Guid> OpenDealAsync(Ctx c)
    {
        var achievement = await c.Clients[Res].DraftAsync("achievements", Listings.Achievement($"矩阵对接成果{Guid.NewGuid():N}"[..14]));
        await c.Clients[Res].PublishAsync("achievements", achievement);
        var interest = await (await c.Clients[Ent].PostAsJsonAsync("/api/interests", new { achievementId = achievement.Id, message = "矩阵" })).JsonAsync(HttpStatusCode.Created);
        var id = interest.GetProperty("id").GetGuid();
        await (await c.Clients[Res].PostAsJsonAsync($"/api/interests/{id}/accept", new { version = interest.GetProperty("version").GetInt64() })).ShouldBeAsync(HttpStatusCode.OK);
        var deal = await (await c.Clients[AMgr].PostAsJsonAsync("/api/deals", new { interestId = id })).JsonAsync(HttpStatusCode.Created);
        return deal.GetProperty("id").GetGuid();
    }

    private static async Task<Guid> SignedDealAsync(Ctx c)
    {
        var id = await OpenDealAsync(c);
        foreach (var stage in new[] { "Contacted", "Negotiating", "Signed" })
        {
            await (await c.Clients[AMgr].PostAsJsonAsync($"/api/deals/{id}/stage", new { stage, version = await VersionAsync(c.Clients[AMgr], $"/api/deals/{id}") }))
                .ShouldBeAsync(HttpStatusCode.OK);
        }

        return id;
    }

    private static async Task<Dictionary<string, object?>> ContractBodyAsync(Ctx c, Guid deal)
    {
        var draft = await (await c.Clients[Ent].GetAsync($"/api/deals/{deal}/contract-draft")).JsonAsync();
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(draft.GetRawText())!;
        body["registrationNumber"] = "2102" + Contracts.ContractFiles.NewTag()[..10] + "03";
        body["totalAmount"] = 500_000m;
        body["technologyIncome"] = 500_000m;
        body["signedOn"] = "2024-06-01";
        body["registeredOn"] = "2024-06-02";
        return body;
    }

    /// <summary>A contract the owner enterprise proposed for a new signed deal, waiting for the owner institution.</summary>
    private static async Task<Guid> PendingProposalAsync(Ctx c)
    {
        var deal = await SignedDealAsync(c);
        var proposal = await (await c.Clients[Ent].PostAsJsonAsync($"/api/deals/{deal}/contract-proposal", await ContractBodyAsync(c, deal))).JsonAsync(HttpStatusCode.Created);
        return proposal.GetProperty("id").GetGuid();
    }
}

using System.Net;
using System.Net.Http.Json;
using TechTransfer.Match.Tests.Incentives;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>The access rules of incentive schemes (the bureau and administrators only) and institution targets.</summary>
public abstract partial class AccessMatrixTests<TApp>
    where TApp : TestApp
{
    private static Rule[] IncentiveRules() =>
    [
        // Incentive schemes: the bureau and administrators only. Institution targets: set by them, read by them and by the institution's own members.
        new("ListIncentiveSchemes", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/incentive-schemes"))),
        new("DraftIncentiveScheme", [Bureau, Admin], Bureau, _ => Task.FromResult(Post("/api/incentive-schemes", IncentiveData.TenPercentOfLocalIncome(), HttpStatusCode.Created))),
        new("GetIncentiveScheme", [Bureau, Admin], Bureau, async c => Get($"/api/incentive-schemes/{await SchemeAsync(c)}")),
        new("ReviseIncentiveScheme", [Bureau, Admin], Bureau, async c =>
        {
            var id = await SchemeAsync(c);
            return Put($"/api/incentive-schemes/{id}", new
            {
                name = "矩阵", rules = new { beneficiary = "Institution", mode = "FixedPerContract", basis = "TotalAmount", localBuyersOnly = true, firstTimeBuyersOnly = false, fixedAmount = 1m },
                version = await VersionAsync(c.Clients[Admin], $"/api/incentive-schemes/{id}"),
            });
        }),
        new("SimulateIncentiveScheme", [Bureau, Admin], Bureau, async c => Get($"/api/incentive-schemes/{await SchemeAsync(c)}/simulation?year=2023&switchSharePct=10")),
        new("PeekIncentiveSimulation", [Bureau, Admin], Bureau, async c => Get($"/api/incentive-schemes/{await SchemeAsync(c)}/simulation/cached?year=2023")),
        new("CompareIncentiveSchemes", [Bureau, Admin], Bureau, async c => Get($"/api/incentive-schemes/compare?first={await SchemeAsync(c)}&second={await SchemeAsync(c)}&year=2023")),
        new("ListInstitutionTargets", [Res, OutInst, Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/institution-targets?year=2023"))),
        new("SetInstitutionTarget", [Bureau, Admin], Bureau, c => Task.FromResult(Put($"/api/institution-targets/{c.OrgA}/2030", new { localContracts = 1, localAmount = 1m, localRatePct = 1m }))),
        new("GetTargetProgress", [Res, Bureau, Admin], Res, c => Task.FromResult(Get($"/api/institution-targets/{c.OrgA}/2023/progress"))),
        // A beneficiary's own entitlements: every signed-in person reads theirs (the researcher's institution has none to show others).
        new("ListMyEntitlements", SignedIn, Res, _ => Task.FromResult(Get("/api/incentive-entitlements/mine"))),
        new("AdoptIncentiveScheme", [Bureau, Admin], Bureau, async c =>
        {
            var id = await SchemeAsync(c);
            return Put($"/api/incentive-schemes/{id}/adoption", new { revision = 1, effectiveFrom = "2019-01-01", version = await VersionAsync(c.Clients[Admin], $"/api/incentive-schemes/{id}") });
        }),
        new("ListIncentiveEntitlements", [Bureau, Admin], Bureau, async c => Get($"/api/incentive-schemes/{(await EntitlementAsync(c)).Scheme}/entitlements")),
        new("ComputeIncentiveEntitlements", [Bureau, Admin], Bureau, async c => Post($"/api/incentive-schemes/{await AdoptedSchemeAsync(c)}/entitlements", new { period = "2019Q1" })),
        new("ApproveIncentivePeriod", [Bureau, Admin], Bureau, async c => Post($"/api/incentive-schemes/{(await EntitlementAsync(c)).Scheme}/entitlements/2019Q1/approval", null)),
        new("DecideIncentiveEntitlement", [Bureau, Admin], Bureau, async c =>
        {
            var (scheme, entitlement, version) = await EntitlementAsync(c);
            return Post($"/api/incentive-schemes/{scheme}/entitlements/{entitlement}/decision", new { approve = false, reason = "矩阵", version });
        }),
    ];

    /// <summary>A scheme the bureau's rules act on, written by an administrator.</summary>
    private static async Task<Guid> SchemeAsync(Ctx c) =>
        (await (await c.Clients[Admin].PostAsJsonAsync("/api/incentive-schemes", IncentiveData.TenPercentOfLocalIncome("矩阵方案"))).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

    /// <summary>A scheme adopted from 2019 with one local contract of that first quarter to pay.</summary>
    private static async Task<Guid> AdoptedSchemeAsync(Ctx c)
    {
        var (institution, firm) = (await IncentiveData.OrganisationAsync(c.App, OrganisationKind.Institution), await IncentiveData.OrganisationAsync(c.App, OrganisationKind.Enterprise));
        await IncentiveData.ContractAsync(c.App, institution, firm, IncentiveData.Local, new(2019, 2, 1), 10_000m);
        var id = await SchemeAsync(c);
        await (await c.Clients[Admin].PutAsJsonAsync($"/api/incentive-schemes/{id}/adoption",
            new { revision = 1, effectiveFrom = "2019-01-01", version = await VersionAsync(c.Clients[Admin], $"/api/incentive-schemes/{id}") })).JsonAsync();
        return id;
    }

    /// <summary>A pending entitlement of an adopted scheme's first quarter.</summary>
    private static async Task<(Guid Scheme, Guid Id, long Version)> EntitlementAsync(Ctx c)
    {
        var scheme = await AdoptedSchemeAsync(c);
        var view = await (await c.Clients[Admin].PostAsJsonAsync($"/api/incentive-schemes/{scheme}/entitlements", new { period = "2019Q1" })).JsonAsync();
        var first = view.GetProperty("entitlements")[0];
        return (scheme, first.GetProperty("id").GetGuid(), first.GetProperty("version").GetInt64());
    }
}

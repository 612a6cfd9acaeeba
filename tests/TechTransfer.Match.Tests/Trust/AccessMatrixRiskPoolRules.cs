using System.Net;
using System.Net.Http.Json;
using TechTransfer.Match.Tests.Infrastructure;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// The access rules of risk compensation: the bureau and administrators manage schemes and decide claims; a failed trial's
/// parties claim and read their own organisation's claims; everyone signed in reads the schemes' rules, only the bureau their pools.
/// </summary>
public abstract partial class AccessMatrixTests<TApp>
    where TApp : TestApp
{
    private static readonly string[] NotBureau = [Fresh, Applicant, OutEnt, OutInst, Mgr, Res, Ent, AMgr];

    private static Rule[] RiskPoolRules() =>
    [
        new("ListRiskSchemes", SignedIn, Bureau, async c =>
        {
            await RiskSchemeAsync(c);
            return Get("/api/risk-schemes", "\"balance\"", NotBureau);
        }),
        new("GetRiskScheme", SignedIn, Bureau, async c => Get($"/api/risk-schemes/{await RiskSchemeAsync(c)}", "\"balance\"", NotBureau)),
        new("DefineRiskScheme", [Bureau, Admin], Bureau, _ => Task.FromResult(Post("/api/risk-schemes", RiskPool.RiskPoolTests<TApp>.Scheme("矩阵方案"), HttpStatusCode.Created))),
        new("ReviseRiskScheme", [Bureau, Admin], Bureau, async c =>
        {
            var id = await RiskSchemeAsync(c);
            var body = RiskPool.RiskPoolTests<TApp>.Scheme("矩阵方案（修订）");
            body["version"] = await VersionAsync(c.Clients[Bureau], $"/api/risk-schemes/{id}");
            return Put($"/api/risk-schemes/{id}", body);
        }),
        new("SubmitRiskClaim", [Res, Ent], Ent, async c => Post("/api/risk-claims", ClaimBody(await RiskSchemeAsync(c), await FailedTrialAsync(c)), HttpStatusCode.Created)),
        new("ListRiskClaims", SignedIn, Ent, async c => Get("/api/risk-claims", (await RiskClaimAsync(c)).ToString(), [Fresh, Applicant, OutEnt, OutInst, Mgr, Res, AMgr])),
        new("GetRiskClaim", [Ent, Bureau, Admin], Ent, async c => Get($"/api/risk-claims/{await RiskClaimAsync(c)}")),
        new("ApproveRiskClaim", [Bureau, Admin], Bureau, async c =>
        {
            var id = await RiskClaimAsync(c);
            return Post($"/api/risk-claims/{id}/approve", new { amount = 1_000m, version = await VersionAsync(c.Clients[Bureau], $"/api/risk-claims/{id}") });
        }),
        new("RejectRiskClaim", [Bureau, Admin], Bureau, async c =>
        {
            var id = await RiskClaimAsync(c);
            return Post($"/api/risk-claims/{id}/reject", new { reason = "矩阵驳回", version = await VersionAsync(c.Clients[Bureau], $"/api/risk-claims/{id}") });
        }),
        new("PayRiskClaim", [Bureau, Admin], Bureau, async c =>
        {
            var id = await RiskClaimAsync(c);
            var approved = await (await c.Clients[Bureau].PostAsJsonAsync($"/api/risk-claims/{id}/approve",
                new { amount = 1_000m, version = await VersionAsync(c.Clients[Bureau], $"/api/risk-claims/{id}") })).JsonAsync();
            return Post($"/api/risk-claims/{id}/payout", new { paidOn = "2025-08-01", version = approved.GetProperty("version").GetInt64() });
        }),
    ];

    private static object ClaimBody(Guid scheme, Guid trial) => new { schemeId = scheme, trialId = trial, evidence = "矩阵证据", amountAsked = 10_000m };

    private static async Task<Guid> RiskSchemeAsync(Ctx c) =>
        (await (await c.Clients[Bureau].PostAsJsonAsync("/api/risk-schemes", RiskPool.RiskPoolTests<TApp>.Scheme("矩阵方案"))).JsonAsync(HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    /// <summary>A trial between the owner institution and enterprise that the enterprise recorded as failed.</summary>
    private static async Task<Guid> FailedTrialAsync(Ctx c)
    {
        var trial = await TrialAsync(c);
        await (await c.Clients[Ent].PostAsJsonAsync($"/api/trials/{trial}/outcome",
            new { outcome = "Failed", failureCause = "BuyerWithdrew", version = await VersionAsync(c.Clients[Ent], $"/api/trials/{trial}") })).ShouldBeAsync(HttpStatusCode.OK);
        return trial;
    }

    /// <summary>The owner enterprise's claim on a new scheme for a new failed trial, waiting for the bureau.</summary>
    private static async Task<Guid> RiskClaimAsync(Ctx c) =>
        (await (await c.Clients[Ent].PostAsJsonAsync("/api/risk-claims", ClaimBody(await RiskSchemeAsync(c), await FailedTrialAsync(c)))).JsonAsync(HttpStatusCode.Created))
        .GetProperty("id").GetGuid();
}

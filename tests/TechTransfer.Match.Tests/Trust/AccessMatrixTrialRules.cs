using System.Net;
using System.Net.Http.Json;
using TechTransfer.Match.Tests.Infrastructure;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>The access rules of use-before-transfer trials: the deal's workers act, the bureau reads and sums up.</summary>
public abstract partial class AccessMatrixTests<TApp>
    where TApp : TestApp
{
    private static Rule[] TrialRules() =>
    [
        new("ListTrials", SignedIn, Res, async c => Get("/api/trials", (await TrialAsync(c)).ToString(), [Fresh, Applicant, OutEnt, OutInst, Mgr])),
        new("GetTrial", [Res, Ent, AMgr, Bureau, Admin], Ent, async c => Get($"/api/trials/{await TrialAsync(c)}")),
        new("GetTrialSummary", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/trials/summary"))),
        new("StartTrial", [Res, Ent, AMgr, Admin], AMgr, async c =>
        {
            var deal = await OpenDealAsync(c);
            return Post("/api/trials", TrialBody(deal, await VersionAsync(c.Clients[AMgr], $"/api/deals/{deal}")), HttpStatusCode.Created);
        }),
        new("RecordTrialOutcome", [Res, Ent, AMgr, Admin], Ent, async c =>
        {
            var trial = await TrialAsync(c);
            return Post($"/api/trials/{trial}/outcome", new { outcome = "Returned", version = await VersionAsync(c.Clients[Ent], $"/api/trials/{trial}") });
        }),
    ];

    private static object TrialBody(Guid deal, long version) => new
    {
        dealId = deal, dealVersion = version, startsOn = "2025-03-01", endsOn = "2025-09-01", paymentMode = "LumpSum", agreedPrice = 300_000m,
    };

    /// <summary>A running trial on a new deal between the owner institution and enterprise, brokered by the assigned manager.</summary>
    private static async Task<Guid> TrialAsync(Ctx c)
    {
        var deal = await OpenDealAsync(c);
        var trial = await (await c.Clients[AMgr].PostAsJsonAsync("/api/trials", TrialBody(deal, await VersionAsync(c.Clients[AMgr], $"/api/deals/{deal}"))))
            .JsonAsync(HttpStatusCode.Created);
        return trial.GetProperty("id").GetGuid();
    }
}

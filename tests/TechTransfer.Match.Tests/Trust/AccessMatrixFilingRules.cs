using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Tests.Intermediaries;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// The access rules of intermediary filing, manager training and broker performance. No persona of the matrix is a
/// member of an intermediary: each filing rule makes one, whose member acts (the persona named as actor is then not
/// probed), and every persona, the freshly registered one included, is refused the filing and does not list it.
/// </summary>
public abstract partial class AccessMatrixTests<TApp>
    where TApp : TestApp
{
    private static readonly string[] Members = [Fresh, Applicant, OutEnt, OutInst, Mgr, Res, Ent, AMgr];

    private static Rule[] FilingRules() =>
    [
        new("ListFilings", SignedIn, Bureau, async c =>
        {
            var (_, filing) = await FilingAsync(c);
            return Get("/api/intermediary-filings", filing.GetProperty("id").GetString(), Members);
        }),
        new("GetFiling", [Bureau, Admin], Bureau, async c => Get($"/api/intermediary-filings/{(await FilingAsync(c)).Filing.GetProperty("id")}")),
        new("DraftFiling", [], AMgr, async c =>
        {
            var member = await c.App.IntermediaryAsync();
            return Post($"/api/intermediaries/{member.OrganisationId}/filings", FilingScenario.Body(), HttpStatusCode.Created) with { ActorClient = member.Client };
        }),
        new("ReviseFiling", [], AMgr, async c =>
        {
            var (member, filing) = await FilingAsync(c);
            return Put($"/api/intermediary-filings/{filing.GetProperty("id")}", new { filing = FilingScenario.Body("矩阵"), version = filing.GetProperty("version").GetInt64() })
                with { ActorClient = member.Client };
        }),
        new("SubmitFiling", [], AMgr, async c =>
        {
            var (member, filing) = await FilingAsync(c);
            return Post($"/api/intermediary-filings/{filing.GetProperty("id")}/submit", new { version = filing.GetProperty("version").GetInt64() }) with { ActorClient = member.Client };
        }),
        new("ApproveFiling", [Bureau, Admin], Bureau, async c =>
        {
            var submitted = await SubmittedFilingAsync(c);
            return Post($"/api/intermediary-filings/{submitted.GetProperty("id")}/approve",
                new { filingNumber = FilingScenario.NewNumber(), filedOn = "2026-01-05", version = submitted.GetProperty("version").GetInt64() });
        }),
        new("ReturnFiling", [Bureau, Admin], Bureau, async c =>
        {
            var submitted = await SubmittedFilingAsync(c);
            return Post($"/api/intermediary-filings/{submitted.GetProperty("id")}/return", new { reasons = "矩阵", version = submitted.GetProperty("version").GetInt64() });
        }),
        new("ReviewFiling", [Bureau, Admin], Bureau, async c =>
        {
            var member = await c.App.IntermediaryAsync();
            var filed = await member.FiledAsync(c.Clients[Bureau]);
            return Post($"/api/intermediary-filings/{filed.GetProperty("id")}/review", new { decision = "Renew", version = filed.GetProperty("version").GetInt64() });
        }),
        new("GetBrokerPerformance", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/intermediaries/performance?year=2024"))),
        new("RecordTraining", [Applicant, Mgr, AMgr], Applicant, _ => Task.FromResult(Post("/api/technology-managers/me/training", Training, HttpStatusCode.Created))),
        new("DeleteTraining", [Applicant], Applicant, async c =>
        {
            var training = await (await c.Clients[Applicant].PostAsJsonAsync("/api/technology-managers/me/training", Training)).JsonAsync(HttpStatusCode.Created);
            return Delete($"/api/technology-managers/me/training/{training.GetProperty("id")}");
        }),
        new("ListTraining", Everyone, Anon, async c => Get($"/api/technology-managers/{await c.World.Manager.Client.UserIdAsync()}/training")),
    ];

    private static readonly object Training = new { on = "2026-03-01", course = "技术经理人中级培训", hours = 16, provider = "大连理工大学技术转移中心" };

    private static async Task<(TestUser Member, JsonElement Filing)> FilingAsync(Ctx c)
    {
        var member = await c.App.IntermediaryAsync();
        return (member, await member.DraftAsync());
    }

    private static async Task<JsonElement> SubmittedFilingAsync(Ctx c)
    {
        var (member, filing) = await FilingAsync(c);
        return await member.Client.StepAsync(filing, "submit");
    }

    /// <summary>A filed intermediary that has registered its services (the directory's public entry).</summary>
    private static async Task<Guid> IntermediaryWithServicesAsync(Ctx c)
    {
        var intermediary = await c.App.IntermediaryAsync();
        var saved = await intermediary.Client.PutAsJsonAsync($"/api/intermediaries/{intermediary.OrganisationId}", new { services = new[] { "ContractRegistration" }, description = "矩阵" });
        saved.EnsureSuccessStatusCode();
        await intermediary.FiledAsync(c.Clients[Bureau]);
        return intermediary.OrganisationId!.Value;
    }
}

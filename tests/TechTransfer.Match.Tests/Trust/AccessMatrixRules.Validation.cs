using System.Net;
using System.Net.Http.Json;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Tests.Validation;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>The access rules of concept validation: a centre hosted by the owner institution, which applies with its own achievement.</summary>
public abstract partial class AccessMatrixTests<TApp>
{
    private static Rule[] ValidationRules() =>
    [
        new("ListValidationCentres", Everyone, Anon, _ => Task.FromResult(Get("/api/validation/centres"))),
        new("GetValidationCentre", Everyone, Anon, async c => Get($"/api/validation/centres/{(await CentreAsync(c)).Id}")),
        new("RegisterValidationCentre", [Admin], Admin, c => Task.FromResult(Post("/api/validation/centres",
            Centres.Body(c.OrgA, "矩阵验证中心" + Listings.Tag()), HttpStatusCode.Created))),
        new("ReviseValidationCentre", [Res, Admin], Res, async c =>
        {
            var centre = await CentreAsync(c);
            return Put($"/api/validation/centres/{centre.Id}", new { centre = Centres.Body(c.OrgA, "矩阵修订中心" + Listings.Tag(), 50), version = centre.Version });
        }),
        new("ApplyForValidation", [Res], Res, async c => Post("/api/validation/applications",
            new { centreId = (await CentreAsync(c)).Id, achievementId = c.World.Achievement.Id, plan = "矩阵验证" }, HttpStatusCode.Created)),
        new("ListValidationApplications", SignedIn, Res, async c => Get("/api/validation/applications", (await ApplicationAsync(c, false)).Id.ToString(),
            [Fresh, Applicant, OutEnt, OutInst, Mgr, Ent, AMgr])),
        new("GetValidationApplication", [Res, Bureau, Admin], Res, async c => Get($"/api/validation/applications/{(await ApplicationAsync(c, false)).Id}")),
        new("AcceptValidationApplication", [Res, Admin], Res, async c =>
        {
            var application = await ApplicationAsync(c, false);
            return Post($"/api/validation/applications/{application.Id}/accept", new { version = application.Version, scheduledStart = "2026-01-01", scheduledEnd = "2026-03-01" });
        }),
        new("DeclineValidationApplication", [Res, Admin], Res, async c =>
        {
            var application = await ApplicationAsync(c, false);
            return Post($"/api/validation/applications/{application.Id}/decline", new { version = application.Version, reason = "矩阵婉拒" });
        }),
        new("RecordValidationMilestone", [Res, Admin], Res, async c =>
        {
            var application = await ApplicationAsync(c, true);
            return Post($"/api/validation/applications/{application.Id}/milestones", new { version = application.Version, title = "矩阵节点", date = "2026-02-01" });
        }),
        new("CompleteValidation", [Res, Admin], Res, async c =>
        {
            var application = await ApplicationAsync(c, true);
            return Post($"/api/validation/applications/{application.Id}/complete",
                new { version = application.Version, trlAfter = 7, completedOn = "2026-03-01", reportText = "矩阵报告" });
        }),
        new("GetValidationPipeline", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/validation/pipeline"))),
        new("SuggestValidation", [Res, Ent], Ent, c => Task.FromResult(Get($"/api/validation/suggestions?proposalId={c.ProposalId}"))),

        // From unmet demand to guidelines: the bureau and administrators.
        new("GetUnmetDemandClusters", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/guidelines/unmet-clusters?minAgeDays=0"))),
        new("ListGuidelineTopics", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/guidelines/topics"))),
        new("ExportGuidelineTopics", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/guidelines/topics/export"))),
        new("DraftCallFromCluster", [Bureau, Admin], Bureau, c => Task.FromResult(Post("/api/guidelines/clusters/call", new { needIds = new[] { c.World.Need.Id } }, HttpStatusCode.Created))),
        new("DraftGuidelineTopic", [Bureau, Admin], Bureau, c => Task.FromResult(Post("/api/guidelines/topics", TopicBody(c), HttpStatusCode.Created))),
        new("SetGuidelineTopicStatus", [Bureau, Admin], Bureau, async c =>
        {
            var topic = await (await c.Clients[Admin].PostAsJsonAsync("/api/guidelines/topics", TopicBody(c))).ReadAsync<IdVersion>(HttpStatusCode.Created);
            return Post($"/api/guidelines/topics/{topic.Id}/status", new { status = "Adopted", version = topic.Version });
        }),
    ];

    private static object TopicBody(Ctx c) =>
        new { title = "矩阵指南" + Listings.Tag(), field = "AdvancedManufacturing", year = 2027, summary = "矩阵", needIds = new[] { c.World.Need.Id } };

    /// <summary>A centre hosted by the owner institution, with room for every probe's accept.</summary>
    private static async Task<IdVersion> CentreAsync(Ctx c) =>
        await (await c.Clients[Admin].PostAsJsonAsync("/api/validation/centres", Centres.Body(c.OrgA, "矩阵中心" + Listings.Tag(), 100)))
            .ReadAsync<IdVersion>(HttpStatusCode.Created);

    /// <summary>The owner institution's application to its own centre, submitted or (when asked) accepted.</summary>
    private static async Task<IdVersion> ApplicationAsync(Ctx c, bool accepted)
    {
        var centre = await CentreAsync(c);
        var application = await (await c.Clients[Res].PostAsJsonAsync("/api/validation/applications",
            new { centreId = centre.Id, achievementId = c.World.Achievement.Id, plan = "矩阵验证" })).ReadAsync<IdVersion>(HttpStatusCode.Created);
        return accepted
            ? await (await c.Clients[Res].PostAsJsonAsync($"/api/validation/applications/{application.Id}/accept",
                new { version = application.Version, scheduledStart = "2026-01-01", scheduledEnd = "2026-03-01" })).ReadAsync<IdVersion>()
            : application;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Validation;

/// <summary>The directory of concept-validation centres and pilot bases, and a validation from application to result.</summary>
public abstract class ValidationCentreTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<JsonElement> RegisterCentreAsync(Guid host, int capacity = 2, string field = "Agriculture") =>
        await (await app.Admin.PostAsJsonAsync("/api/validation/centres", Centres.Body(host, "概念验证中心" + Listings.Tag(), capacity, field))).JsonAsync(HttpStatusCode.Created);

    [Fact]
    public async Task Administrators_register_centres_their_hosts_maintain_them_and_everyone_reads_the_directory()
    {
        var host = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var outsider = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var body = Centres.Body(host.OrganisationId!.Value, "概念验证中心" + Listings.Tag());
        await (await host.Client.PostAsJsonAsync("/api/validation/centres", body)).ProblemAsync(HttpStatusCode.Forbidden);
        var missing = new Dictionary<string, object?>(body);
        missing.Remove("capacity");
        (await (await app.Admin.PostAsJsonAsync("/api/validation/centres", missing)).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("capacity", out _).ShouldBeTrue();
        var created = await (await app.Admin.PostAsJsonAsync("/api/validation/centres", body)).JsonAsync(HttpStatusCode.Created);
        await (await app.Admin.PostAsJsonAsync("/api/validation/centres", body)).ProblemAsync(HttpStatusCode.Conflict);
        var id = created.GetProperty("id").GetGuid();
        var version = created.GetProperty("version").GetInt64();

        var revised = new Dictionary<string, object?>(body) { ["capacity"] = 3, ["fields"] = new[] { "Agriculture", "NewMaterials" } };
        await (await outsider.Client.PutAsJsonAsync($"/api/validation/centres/{id}", new { centre = revised, version })).ProblemAsync(HttpStatusCode.Forbidden);
        var moved = new Dictionary<string, object?>(revised) { ["hostOrganisationId"] = outsider.OrganisationId };
        await (await host.Client.PutAsJsonAsync($"/api/validation/centres/{id}", new { centre = moved, version })).ProblemAsync(HttpStatusCode.BadRequest);
        var saved = await (await host.Client.PutAsJsonAsync($"/api/validation/centres/{id}", new { centre = revised, version })).JsonAsync();
        saved.GetProperty("capacity").GetInt32().ShouldBe(3);
        await (await host.Client.PutAsJsonAsync($"/api/validation/centres/{id}", new { centre = revised, version })).ProblemAsync(HttpStatusCode.Conflict);

        var anonymous = app.CreateClient();
        var materials = await (await anonymous.GetAsync("/api/validation/centres?field=NewMaterials")).JsonAsync();
        materials.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldContain(id);
        var traffic = await (await anonymous.GetAsync("/api/validation/centres?field=ModernTraffic")).JsonAsync();
        traffic.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldNotContain(id);
        var one = await (await anonymous.GetAsync($"/api/validation/centres/{id}")).JsonAsync();
        one.GetProperty("free").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_completed_validation_raises_the_maturity_re_proposes_the_pair_dismissed_as_too_early_and_tells_the_firm()
    {
        var tag = Listings.Tag();
        var host = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var centre = await RegisterCentreAsync(host.OrganisationId!.Value, capacity: 1);
        var centreId = centre.GetProperty("id").GetGuid();

        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"{tag} 海水养殖循环水臭氧杀菌与增氧一体化装置", b =>
        {
            b["summary"] = $"{tag} 针对工厂化海水养殖循环水系统，研制臭氧杀菌与纯氧增氧一体化装置，溶解氧稳定在8毫克每升以上，适用于海参育苗车间。";
            b["keywords"] = new[] { "循环水养殖", "臭氧杀菌", "增氧", tag };
            b["field"] = "Agriculture";
            b["trl"] = 4;
        }));
        await researcher.Client.PublishAsync("achievements", achievement);
        var need = await enterprise.Client.DraftAsync("needs", Listings.Need($"{tag} 海参育苗车间循环水增氧与杀菌设备需求", b =>
        {
            b["background"] = $"{tag} 我公司海参育苗车间采用循环水养殖，夏季溶解氧不足、弧菌病频发，需要臭氧杀菌与增氧一体化设备。";
            b["field"] = "Agriculture";
            b["requiredTrl"] = 6;
        }));
        await enterprise.Client.PublishAsync("needs", need);
        var proposalId = (await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=50")).JsonAsync()).EnumerateArray()
            .Single(m => m.GetProperty("counterpart").GetProperty("id").GetGuid() == achievement.Id).GetProperty("proposalId").GetGuid();
        await (await enterprise.Client.PostAsJsonAsync($"/api/matches/{proposalId}/dismiss", new { reason = "TooEarlyStage" })).ShouldBeAsync(HttpStatusCode.OK);

        // The matches page proposes a validation at a centre of the field with free capacity, the firm as co-funder.
        var suggestion = await (await enterprise.Client.GetAsync($"/api/validation/suggestions?proposalId={proposalId}")).JsonAsync();
        suggestion.GetProperty("applies").GetBoolean().ShouldBeTrue();
        suggestion.GetProperty("maturityGap").GetInt32().ShouldBe(2);
        suggestion.GetProperty("coFunderId").GetGuid().ShouldBe(enterprise.OrganisationId!.Value);
        suggestion.GetProperty("centres").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldContain(centreId);
        await (await host.Client.GetAsync($"/api/validation/suggestions?proposalId={proposalId}")).ProblemAsync(HttpStatusCode.NotFound);

        await (await enterprise.Client.PostAsJsonAsync("/api/validation/applications", new { centreId, achievementId = achievement.Id, plan = "样机验证" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        (await (await researcher.Client.PostAsJsonAsync("/api/validation/applications", new { centreId, achievementId = achievement.Id }))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("plan", out _).ShouldBeTrue();
        var applied = await (await researcher.Client.PostAsJsonAsync("/api/validation/applications", new { centreId, achievementId = achievement.Id, plan = "样机试制与海参育苗车间现场验证" }))
            .JsonAsync(HttpStatusCode.Created);
        applied.GetProperty("status").GetString().ShouldBe("Submitted");
        applied.GetProperty("trlBefore").GetInt32().ShouldBe(4);
        var id = applied.GetProperty("id").GetGuid();
        var version = applied.GetProperty("version").GetInt64();

        var schedule = new { version, scheduledStart = "2026-01-05", scheduledEnd = "2026-06-30" };
        await (await enterprise.Client.PostAsJsonAsync($"/api/validation/applications/{id}/accept", schedule)).ProblemAsync(HttpStatusCode.NotFound);
        await (await researcher.Client.PostAsJsonAsync($"/api/validation/applications/{id}/accept", schedule)).ProblemAsync(HttpStatusCode.Forbidden);
        var accepted = await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{id}/accept", schedule)).JsonAsync();
        accepted.GetProperty("status").GetString().ShouldBe("InProgress");
        await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{id}/accept", schedule)).ProblemAsync(HttpStatusCode.Conflict);
        var projectId = accepted.GetProperty("validationProjectId").GetGuid();
        (await app.WithDbAsync(db => db.ValidationProjects.SingleAsync(p => p.Id == projectId))).Status.ShouldBe(ValidationProjectStatus.Running);

        version = accepted.GetProperty("version").GetInt64();
        var milestone = await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{id}/milestones",
            new { version, title = "样机完成", date = "2026-03-01", note = "溶解氧达标" })).JsonAsync();
        milestone.GetProperty("milestones").GetArrayLength().ShouldBe(1);
        await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{id}/milestones", new { version, title = "重复", date = "2026-03-02" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        version = milestone.GetProperty("version").GetInt64();
        await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{id}/complete",
            new { version, trlAfter = 3, completedOn = "2026-06-30", reportText = "报告" })).ProblemAsync(HttpStatusCode.BadRequest);
        var completed = await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{id}/complete",
            new { version, trlAfter = 6, completedOn = "2026-06-30", reportText = "中试验证通过", reportUrl = "https://example.org/report.pdf" })).JsonAsync();
        completed.GetProperty("status").GetString().ShouldBe("Completed");
        await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{id}/complete",
            new { version = completed.GetProperty("version").GetInt64(), trlAfter = 7, completedOn = "2026-07-30", reportText = "再次" })).ProblemAsync(HttpStatusCode.Conflict);

        (await (await researcher.Client.GetAsync($"/api/achievements/{achievement.Id}")).JsonAsync()).GetProperty("trl").GetInt32().ShouldBe(6);
        var project = await app.WithDbAsync(db => db.ValidationProjects.SingleAsync(p => p.Id == projectId));
        (project.Status, project.TrlAfter).ShouldBe((ValidationProjectStatus.Completed, (int?)6));
        (await app.WithDbAsync(db => db.MatchProposals.SingleAsync(p => p.Id == proposalId))).Status.ShouldBe(ProposalStatus.Proposed);
        var rematched = await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=50")).JsonAsync();
        rematched.EnumerateArray().Select(m => m.GetProperty("counterpart").GetProperty("id").GetGuid()).ShouldContain(achievement.Id);
        var enterpriseUser = await enterprise.Client.UserIdAsync();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == enterpriseUser && n.Kind == NotificationKind.ValidationCompleted)))
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the firm was not told");
            await Task.Delay(200);
        }

        var pipeline = await (await bureau.Client.GetAsync("/api/validation/pipeline")).JsonAsync();
        var row = pipeline.GetProperty("byInstitution").EnumerateArray().Single(r => r.GetProperty("key").GetString() == researcher.OrganisationId.ToString());
        (row.GetProperty("completed").GetInt32(), row.GetProperty("trlGained").GetInt32()).ShouldBe((1, 2));
        await (await researcher.Client.GetAsync("/api/validation/pipeline")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_centre_declines_with_a_reason_the_applicant_reads_and_strangers_do_not_see_applications()
    {
        var host = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var stranger = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var centreId = (await RegisterCentreAsync(host.OrganisationId!.Value)).GetProperty("id").GetGuid();
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement());
        var applied = await (await researcher.Client.PostAsJsonAsync("/api/validation/applications", new { centreId, achievementId = achievement.Id, plan = "验证" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = applied.GetProperty("id").GetGuid();
        var version = applied.GetProperty("version").GetInt64();
        await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{id}/decline", new { version, reason = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{id}/decline", new { version, reason = "不在本中心服务领域" })).ShouldBeAsync(HttpStatusCode.OK);
        var mine = await (await researcher.Client.GetAsync($"/api/validation/applications/{id}")).JsonAsync();
        (mine.GetProperty("status").GetString(), mine.GetProperty("declineReason").GetString()).ShouldBe(("Declined", "不在本中心服务领域"));
        await (await stranger.Client.GetAsync($"/api/validation/applications/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        (await (await stranger.Client.GetAsync("/api/validation/applications")).JsonAsync()).EnumerateArray()
            .Select(a => a.GetProperty("id").GetGuid()).ShouldNotContain(id);
        (await (await host.Client.GetAsync($"/api/validation/applications?centreId={centreId}")).JsonAsync()).EnumerateArray()
            .Select(a => a.GetProperty("id").GetGuid()).ShouldContain(id);
    }

    /// <summary>Parallel accepts for a centre of capacity 2: never more than 2 in progress; the others answer 409, none 500.</summary>
    [Fact]
    public async Task Concurrent_accepts_never_exceed_the_centre_capacity()
    {
        const int racers = 6;
        var host = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var centreId = (await RegisterCentreAsync(host.OrganisationId!.Value, capacity: 2)).GetProperty("id").GetGuid();
        var applications = new List<(Guid Id, long Version)>();
        for (var i = 0; i < racers; i++)
        {
            var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement("竞速验证" + i));
            var applied = await (await researcher.Client.PostAsJsonAsync("/api/validation/applications", new { centreId, achievementId = achievement.Id, plan = "验证" }))
                .JsonAsync(HttpStatusCode.Created);
            applications.Add((applied.GetProperty("id").GetGuid(), applied.GetProperty("version").GetInt64()));
        }

        var clients = await Task.WhenAll(applications.Select(_ => app.SignInAsync(host.Email)));
        using var start = new SemaphoreSlim(0, racers);
        var tasks = applications.Select(async (a, i) =>
        {
            await start.WaitAsync();
            using var response = await clients[i].PostAsJsonAsync($"/api/validation/applications/{a.Id}/accept",
                new { version = a.Version, scheduledStart = "2026-02-01", scheduledEnd = "2026-05-01" });
            return response.StatusCode;
        }).ToList();
        start.Release(racers);
        var statuses = await Task.WhenAll(tasks);
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBeInRange(1, 2, string.Join(", ", statuses));
        var inProgress = await app.WithDbAsync(db => db.ValidationApplications.CountAsync(a => a.CentreId == centreId && a.Status == ValidationApplicationStatus.InProgress));
        inProgress.ShouldBe(statuses.Count(s => s == HttpStatusCode.OK));

        // Once the race is over, the free slot (if any) is taken by the next accept and the one after is refused.
        var left = applications.Where((_, i) => statuses[i] == HttpStatusCode.Conflict).ToList();
        foreach (var (appId, version) in left)
        {
            var status = (await host.Client.PostAsJsonAsync($"/api/validation/applications/{appId}/accept",
                new { version, scheduledStart = "2026-02-01", scheduledEnd = "2026-05-01" })).StatusCode;
            status.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
        }

        (await app.WithDbAsync(db => db.ValidationApplications.CountAsync(a => a.CentreId == centreId && a.Status == ValidationApplicationStatus.InProgress))).ShouldBe(2);
    }
}

/// <summary>A centre's body as an administrator sends it.</summary>
public static class Centres
{
    public static Dictionary<string, object?> Body(Guid host, string name, int capacity = 2, string field = "Agriculture") => new()
    {
        ["name"] = name, ["nameEn"] = "Test centre", ["hostOrganisationId"] = host, ["kind"] = "ConceptValidationCentre",
        ["services"] = "样机试制、性能检测", ["equipment"] = "中试线", ["fields"] = new[] { field }, ["fees"] = "按成本收费",
        ["capacity"] = capacity, ["contact"] = "0411-00000000", ["regionCode"] = "210213", ["regionName"] = "大连市金州区",
    };
}

public sealed class SqliteValidationCentreTests(SqliteApp app) : ValidationCentreTests<SqliteApp>(app);

public sealed class PostgresValidationCentreTests(PostgresApp app) : ValidationCentreTests<PostgresApp>(app);

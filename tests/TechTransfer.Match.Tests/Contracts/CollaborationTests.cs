using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Tests.Intermediaries;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>Collaboration records, intermediary services and technology manager certification through HTTP.</summary>
public abstract class CollaborationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task Institution_members_and_the_bureau_maintain_joint_institutions_spin_offs_and_validation_projects()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var partner = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var outsider = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var institution = researcher.OrganisationId!.Value;

        var joint = new { name = "智能焊接联合研发中心", institutionId = institution, partnerOrganisationIds = new[] { partner.OrganisationId }, establishedOn = "2022-05-01", status = "Active" };
        await (await outsider.Client.PostAsJsonAsync("/api/collaboration/joint-institutions", joint)).ProblemAsync(HttpStatusCode.Forbidden);
        var created = await (await researcher.Client.PostAsJsonAsync("/api/collaboration/joint-institutions", joint)).JsonAsync(HttpStatusCode.Created);
        var version = created.GetProperty("version").GetInt64();
        var wrongPartner = new { name = "x", institutionId = institution, partnerOrganisationIds = new[] { outsider.OrganisationId }, establishedOn = "2022-05-01", status = "Active" };
        await (await researcher.Client.PostAsJsonAsync("/api/collaboration/joint-institutions", wrongPartner)).ProblemAsync(HttpStatusCode.BadRequest);
        var dissolved = await (await bureau.Client.PutAsJsonAsync($"/api/collaboration/joint-institutions/{created.GetProperty("id").GetGuid()}",
            new { institution = joint with { status = "Dissolved" }, version })).JsonAsync();
        dissolved.GetProperty("status").GetString().ShouldBe("Dissolved");
        await (await researcher.Client.PutAsJsonAsync($"/api/collaboration/joint-institutions/{created.GetProperty("id").GetGuid()}",
            new { institution = joint, version })).ProblemAsync(HttpStatusCode.Conflict);

        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement());
        var spinOff = await (await researcher.Client.PostAsJsonAsync("/api/collaboration/spin-offs",
            new { enterpriseId = partner.OrganisationId, institutionId = institution, relation = "Created", date = "2023-01-10", achievementId = achievement.Id }))
            .JsonAsync(HttpStatusCode.Created);
        spinOff.GetProperty("relation").GetString().ShouldBe("Created");

        var project = await (await researcher.Client.PostAsJsonAsync("/api/collaboration/validation-projects", new
        {
            achievementId = achievement.Id, name = "焊缝跟踪中试验证", kind = "Pilot", platform = "大连中试基地", trlBefore = 4, trlAfter = 6,
            startedOn = "2023-03-01", completedOn = "2023-12-01", status = "Completed",
        })).JsonAsync(HttpStatusCode.Created);
        project.GetProperty("trlGain").GetInt32().ShouldBe(2);
        project.GetProperty("stageBefore").GetString().ShouldBe("early");
        project.GetProperty("stageAfter").GetString().ShouldBe("middle");
        await (await researcher.Client.PostAsJsonAsync("/api/collaboration/validation-projects", new
        {
            achievementId = achievement.Id, name = "未完成", kind = "ConceptValidation", trlBefore = 12, startedOn = "2023-03-01", status = "Completed",
        })).ProblemAsync(HttpStatusCode.BadRequest);

        var records = await (await bureau.Client.GetAsync($"/api/collaboration?institutionId={institution}")).JsonAsync();
        records.GetProperty("jointInstitutions").GetArrayLength().ShouldBe(1);
        records.GetProperty("spinOffs").GetArrayLength().ShouldBe(1);
        records.GetProperty("validationProjects").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_public_directory_lists_filed_intermediaries_and_managers_with_their_organisation()
    {
        var tag = Listings.Tag();
        var verified = await app.CreateUserAsync(Roles.TechnologyManager, OrganisationKind.Intermediary);
        await (await verified.Client.PutAsJsonAsync($"/api/intermediaries/{verified.OrganisationId}",
            new { services = new[] { "AssetValuation" }, description = $"评估{tag}" })).ShouldBeAsync(HttpStatusCode.OK);
        // Listed publicly once filed with the bureau (FilingTests), with the services of its filing.
        var filing = FilingScenario.Body();
        filing["services"] = new[] { "AssetValuation" };
        await verified.FiledAsync((await app.CreateUserAsync(Roles.BureauAnalyst)).Client, body: filing);

        // An intermediary waiting for verification fills in its services; only its members and overseers read them.
        var pending = await app.CreateUserAsync(Roles.TechnologyManager, verifyManager: false);
        var created = await (await pending.Client.PostAsJsonAsync("/api/organisations", new
        {
            kind = "Intermediary", nameZh = $"待认证服务机构{tag}", nameEn = $"Pending broker {tag}", regionCode = "210211", regionName = "大连市甘井子区",
        })).ReadAsync<IdVersion>(HttpStatusCode.Created);
        await (await pending.Client.PutAsJsonAsync($"/api/intermediaries/{created.Id}",
            new { services = new[] { "AssetValuation" }, description = $"评估{tag}" })).ShouldBeAsync(HttpStatusCode.OK);

        var anonymous = app.CreateClient();
        var directory = await (await anonymous.GetAsync("/api/intermediaries?service=AssetValuation")).JsonAsync();
        var ids = directory.EnumerateArray().Select(i => i.GetProperty("organisationId").GetGuid()).ToList();
        ids.ShouldContain(verified.OrganisationId!.Value);
        ids.ShouldNotContain(created.Id);
        var entry = directory.EnumerateArray().Single(i => i.GetProperty("organisationId").GetGuid() == verified.OrganisationId);
        entry.GetProperty("nameEn").GetString().ShouldNotBeNullOrWhiteSpace();
        entry.GetProperty("regionName").GetString().ShouldNotBeNullOrWhiteSpace();

        await (await anonymous.GetAsync($"/api/intermediaries/{created.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        (await (await pending.Client.GetAsync($"/api/intermediaries/{created.Id}")).JsonAsync()).GetProperty("description").GetString().ShouldBe($"评估{tag}");
        (await (await app.Admin.GetAsync("/api/intermediaries?service=AssetValuation")).JsonAsync()).EnumerateArray()
            .Select(i => i.GetProperty("organisationId").GetGuid()).ShouldContain(created.Id);

        // Verified managers come with their organisation's names for the directory.
        var managers = await (await anonymous.GetAsync("/api/technology-managers")).JsonAsync();
        var manager = managers.EnumerateArray().Single(m => m.GetProperty("organisationId").ValueKind != JsonValueKind.Null
            && m.GetProperty("organisationId").GetGuid() == verified.OrganisationId);
        manager.GetProperty("organisationNameZh").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Intermediaries_register_services_and_an_administrator_verifies_a_managers_certification()
    {
        // An applicant: registered as a technology manager, no certification verified yet.
        var intermediary = await app.CreateUserAsync(Roles.TechnologyManager, OrganisationKind.Intermediary, verifyManager: false);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var services = new { services = new[] { "IntellectualProperty", "ContractRegistration" }, description = "知识产权运营与技术合同登记" };
        await (await enterprise.Client.PutAsJsonAsync($"/api/intermediaries/{enterprise.OrganisationId}", services)).ProblemAsync(HttpStatusCode.Conflict);
        await (await enterprise.Client.PutAsJsonAsync($"/api/intermediaries/{intermediary.OrganisationId}", services)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await intermediary.Client.PutAsJsonAsync($"/api/intermediaries/{intermediary.OrganisationId}", services)).ShouldBeAsync(HttpStatusCode.OK);
        await intermediary.FiledAsync((await app.CreateUserAsync(Roles.BureauAnalyst)).Client);
        var directory = await (await app.CreateClient().GetAsync("/api/intermediaries?service=ContractRegistration")).JsonAsync();
        directory.EnumerateArray().Select(i => i.GetProperty("organisationId").GetGuid()).ShouldContain(intermediary.OrganisationId!.Value);

        var profile = await (await intermediary.Client.PutAsJsonAsync("/api/technology-managers/me", new
        {
            bio = "十年技术转移经验", certificationNumber = "JSJLR-2023-0012", certificationLevel = "Intermediate", issuingBody = "中国科学技术交流中心",
            certificationExpiresOn = "2030-12-31", version = 0,
        })).JsonAsync();
        profile.GetProperty("verification").GetString().ShouldBe("Pending");
        var userId = profile.GetProperty("userId").GetGuid();
        // Anyone may apply; the application gives no powers until it is verified.
        var application = await (await enterprise.Client.PutAsJsonAsync("/api/technology-managers/me", new { bio = "x" })).JsonAsync();
        application.GetProperty("verification").GetString().ShouldBe("Pending");
        await (await enterprise.Client.GetAsync("/api/deals/workbench")).ProblemAsync(HttpStatusCode.Forbidden);

        // The administrator's queue lists the pending profile; the public list shows only verified managers.
        static IEnumerable<Guid> Managers(JsonElement list) => list.EnumerateArray().Select(m => m.GetProperty("userId").GetGuid());
        Managers(await (await app.Admin.GetAsync("/api/technology-managers?verification=Pending")).JsonAsync()).ShouldContain(userId);
        Managers(await (await app.Admin.GetAsync("/api/technology-managers?verification=Verified")).JsonAsync()).ShouldNotContain(userId);
        Managers(await (await app.CreateClient().GetAsync("/api/technology-managers?verification=Pending")).JsonAsync()).ShouldNotContain(userId);
        await (await app.Admin.GetAsync("/api/technology-managers?verification=Sideways")).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await intermediary.Client.PostAsJsonAsync($"/api/technology-managers/{userId}/verification",
            new { status = "Verified", version = profile.GetProperty("version").GetInt64() })).ProblemAsync(HttpStatusCode.Forbidden);
        var verified = await (await app.Admin.PostAsJsonAsync($"/api/technology-managers/{userId}/verification",
            new { status = "Verified", version = profile.GetProperty("version").GetInt64() })).JsonAsync();
        verified.GetProperty("certificationValid").GetBoolean().ShouldBeTrue();
        Managers(await (await app.CreateClient().GetAsync("/api/technology-managers")).JsonAsync()).ShouldContain(userId);
        Managers(await (await app.Admin.GetAsync("/api/technology-managers?verification=Pending")).JsonAsync()).ShouldNotContain(userId);

        // A changed certification needs verifying again.
        var changed = await (await intermediary.Client.PutAsJsonAsync("/api/technology-managers/me", new
        {
            bio = "十年技术转移经验", certificationNumber = "JSJLR-2024-0099", certificationLevel = "Senior", issuingBody = "中国科学技术交流中心",
            certificationExpiresOn = "2031-12-31", version = verified.GetProperty("version").GetInt64(),
        })).JsonAsync();
        changed.GetProperty("verification").GetString().ShouldBe("Pending");
    }
}

public sealed class SqliteCollaborationTests(SqliteApp app) : CollaborationTests<SqliteApp>(app);

public sealed class PostgresCollaborationTests(PostgresApp app) : CollaborationTests<PostgresApp>(app);

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Intermediaries;

/// <summary>
/// A technology manager's certification (level, issuer, issued and expiry dates) and training hours: the profile
/// shows the current year's hours; an expired certification removes broker powers, and renewing it (a new expiry,
/// verified again by the bureau) restores them, through the API end to end.
/// </summary>
public abstract class ManagerCertificationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static readonly DateOnly Today = FilingScenario.Today;

    [Fact]
    public async Task Training_hours_of_the_current_year_add_up_on_the_profile_and_bad_records_are_refused()
    {
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var userId = await manager.Client.UserIdAsync();
        async Task<HttpResponseMessage> RecordAsync(object body) => await manager.Client.PostAsJsonAsync("/api/technology-managers/me/training", body);
        var first = await (await RecordAsync(new { on = Today.ToString("yyyy-MM-dd"), course = "技术经理人中级培训", hours = 16.5m, provider = "大连理工大学" })).JsonAsync(HttpStatusCode.Created);
        await (await RecordAsync(new { on = new DateOnly(Today.Year, 1, 1).ToString("yyyy-MM-dd"), course = "技术合同登记实务", hours = 8, provider = "大连市科技局" })).ShouldBeAsync(HttpStatusCode.Created);
        // Last year's training is listed but not counted in this year's hours.
        await (await RecordAsync(new { on = new DateOnly(Today.Year - 1, 12, 31).ToString("yyyy-MM-dd"), course = "知识产权运营", hours = 40, provider = "省知识产权局" })).ShouldBeAsync(HttpStatusCode.Created);

        var profile = await (await app.CreateClient().GetAsync($"/api/technology-managers/{userId}")).JsonAsync();
        profile.GetProperty("trainingHoursThisYear").GetDecimal().ShouldBe(24.5m);
        (await (await app.CreateClient().GetAsync($"/api/technology-managers/{userId}/training")).JsonAsync()).GetArrayLength().ShouldBe(3);

        var missing = await (await RecordAsync(new { on = Today.ToString("yyyy-MM-dd"), hours = 2, provider = "x" })).ProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").TryGetProperty("course", out _).ShouldBeTrue();
        var bad = await (await RecordAsync(new { on = Today.AddDays(2).ToString("yyyy-MM-dd"), course = "x", hours = 0, provider = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        errors.TryGetProperty("on", out _).ShouldBeTrue();
        errors.TryGetProperty("hours", out _).ShouldBeTrue();
        errors.TryGetProperty("provider", out _).ShouldBeTrue();
        (await app.WithDbAsync(db => db.ManagerTrainings.CountAsync(t => t.UserId == userId))).ShouldBe(3);

        // Someone else cannot delete the record; its owner can.
        var other = await app.CreateUserAsync(Roles.TechnologyManager);
        await (await other.Client.DeleteAsync($"/api/technology-managers/me/training/{first.GetProperty("id")}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.Client.DeleteAsync($"/api/technology-managers/me/training/{first.GetProperty("id")}")).ShouldBeAsync(HttpStatusCode.NoContent);
        (await (await manager.Client.GetAsync($"/api/technology-managers/{userId}")).JsonAsync()).GetProperty("trainingHoursThisYear").GetDecimal().ShouldBe(8m);
        // Without a manager profile there is nothing to record training on.
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember);
        await (await enterprise.Client.PostAsJsonAsync("/api/technology-managers/me/training",
            new { on = Today.ToString("yyyy-MM-dd"), course = "x", hours = 1, provider = "y" })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_expired_certification_removes_broker_powers_and_a_verified_renewal_restores_them()
    {
        var world = await app.WorldAsync();
        var managerId = await world.Manager.Client.UserIdAsync();
        var profile = await (await world.Manager.Client.GetAsync($"/api/technology-managers/{managerId}")).JsonAsync();
        // The certification states its issue date; an issue date after the expiry is refused.
        var refused = await (await world.Manager.Client.PutAsJsonAsync("/api/technology-managers/me", new
        {
            bio = "x", certificationNumber = "JSJLR-R1", certificationLevel = "Senior", issuingBody = "大连市科学技术局",
            certificationIssuedOn = Today.ToString("yyyy-MM-dd"), certificationExpiresOn = Today.AddDays(-1).ToString("yyyy-MM-dd"), version = profile.GetProperty("version").GetInt64(),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        refused.GetProperty("errors").TryGetProperty("certificationIssuedOn", out _).ShouldBeTrue();

        // Expired yesterday: the next request has no broker powers.
        await app.WithDbAsync(db => db.TechnologyManagerProfiles.Where(p => p.UserId == managerId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CertificationExpiresOn, Today.AddDays(-1))));
        var deal = await (await world.Manager.Client.GetAsync($"/api/deals/{world.DealId}")).JsonAsync();
        var move = new { stage = "Contacted", version = deal.GetProperty("version").GetInt64() };
        (await (await world.Manager.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/stage", move)).ProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("code").GetString().ShouldBe("certification_lapsed");
        (await (await world.Manager.Client.GetAsync($"/api/technology-managers/{managerId}")).JsonAsync()).GetProperty("certificationValid").GetBoolean().ShouldBeFalse();

        // Renewed: a new expiry is stated and waits for verification; still no powers until the bureau verifies it.
        profile = await (await world.Manager.Client.GetAsync($"/api/technology-managers/{managerId}")).JsonAsync();
        var renewed = await (await world.Manager.Client.PutAsJsonAsync("/api/technology-managers/me", new
        {
            bio = "续期", certificationNumber = "JSJLR-R2", certificationLevel = "Senior", issuingBody = "大连市科学技术局",
            certificationIssuedOn = Today.ToString("yyyy-MM-dd"), certificationExpiresOn = Today.AddYears(3).ToString("yyyy-MM-dd"), version = profile.GetProperty("version").GetInt64(),
        })).JsonAsync();
        renewed.GetProperty("verification").GetString().ShouldBe("Pending");
        renewed.GetProperty("certificationIssuedOn").GetString().ShouldBe(Today.ToString("yyyy-MM-dd"));
        (await (await world.Manager.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/stage", move)).ProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("code").GetString().ShouldBe("certification_lapsed");
        (await app.WithDbAsync(db => db.Deals.SingleAsync(d => d.Id == world.DealId))).Stage.ShouldBe(DealStage.Proposed);

        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        await (await bureau.PostAsJsonAsync($"/api/technology-managers/{managerId}/verification",
            new { status = "Verified", version = renewed.GetProperty("version").GetInt64() })).ShouldBeAsync(HttpStatusCode.OK);
        (await (await world.Manager.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/stage", move)).JsonAsync()).GetProperty("stage").GetString().ShouldBe("Contacted");
    }
}

public sealed class SqliteManagerCertificationTests(SqliteApp app) : ManagerCertificationTests<SqliteApp>(app);

public sealed class PostgresManagerCertificationTests(PostgresApp app) : ManagerCertificationTests<PostgresApp>(app);

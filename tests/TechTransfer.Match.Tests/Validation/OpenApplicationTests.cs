using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Validation;

/// <summary>One open validation application per achievement and centre: a unique key while submitted or in progress.</summary>
public abstract class OpenApplicationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    /// <summary>A centre hosted by a new institution and a published achievement (TRL 4) of another institution.</summary>
    internal static async Task<(TestUser Host, Guid CentreId, TestUser Researcher, Guid AchievementId)> SetUpAsync(TestApp app)
    {
        var host = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var centre = await (await app.Admin.PostAsJsonAsync("/api/validation/centres", Centres.Body(host.OrganisationId!.Value, "概念验证中心" + Listings.Tag(), 3)))
            .JsonAsync(HttpStatusCode.Created);
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"{Listings.Tag()} 焊缝视觉跟踪", b => b["trl"] = 4));
        await researcher.Client.PublishAsync("achievements", achievement);
        return (host, centre.GetProperty("id").GetGuid(), researcher, achievement.Id);
    }

    [Fact]
    public async Task A_second_open_application_of_an_achievement_at_a_centre_is_409_and_a_declined_one_frees_the_key()
    {
        var (host, centreId, researcher, achievementId) = await SetUpAsync(app);
        var body = new { centreId, achievementId, plan = "样机验证" };
        var first = await (await researcher.Client.PostAsJsonAsync("/api/validation/applications", body)).JsonAsync(HttpStatusCode.Created);
        var clash = await (await researcher.Client.PostAsJsonAsync("/api/validation/applications", body)).ProblemAsync(HttpStatusCode.Conflict);
        clash.GetProperty("code").GetString().ShouldBe("validation_open");
        (await app.WithDbAsync(db => db.ValidationApplications.CountAsync(a => a.AchievementId == achievementId))).ShouldBe(1);

        // Another centre is another key.
        var (_, otherCentre, _, _) = await SetUpAsync(app);
        await (await researcher.Client.PostAsJsonAsync("/api/validation/applications", new { centreId = otherCentre, achievementId, plan = "另一中心" })).ShouldBeAsync(HttpStatusCode.Created);

        // Declined, it is no longer open: the institution applies again.
        await (await host.Client.PostAsJsonAsync($"/api/validation/applications/{first.GetProperty("id").GetGuid()}/decline",
            new { version = first.GetProperty("version").GetInt64(), reason = "排期已满" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await researcher.Client.PostAsJsonAsync("/api/validation/applications", body)).ShouldBeAsync(HttpStatusCode.Created);
        (await app.WithDbAsync(db => db.ValidationApplications.CountAsync(a => a.AchievementId == achievementId && a.CentreId == centreId))).ShouldBe(2);
    }
}

public sealed class SqliteOpenApplicationTests(SqliteApp app) : OpenApplicationTests<SqliteApp>(app);

public sealed class PostgresOpenApplicationTests(PostgresApp app) : OpenApplicationTests<PostgresApp>(app);

/// <summary>
/// The race on PostgreSQL (READ COMMITTED runs the requests concurrently; SQLite would serialise them): parallel
/// applications of one achievement at one centre leave exactly one open.
/// </summary>
public sealed class OpenApplicationRaceTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Parallel_applications_of_one_achievement_at_one_centre_leave_exactly_one_open()
    {
        for (var round = 0; round < 5; round++)
        {
            var (_, centreId, researcher, achievementId) = await OpenApplicationTests<PostgresApp>.SetUpAsync(app);
            const int Racers = 6;
            using var start = new SemaphoreSlim(0, Racers);
            var racers = Enumerable.Range(0, Racers).Select(async i =>
            {
                await start.WaitAsync();
                using var response = await researcher.Client.PostAsJsonAsync("/api/validation/applications", new { centreId, achievementId, plan = $"并发申请 {i}" });
                return response.StatusCode;
            }).ToList();
            start.Release(Racers);
            var statuses = await Task.WhenAll(racers);
            statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1, string.Join(", ", statuses));
            statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(Racers - 1, string.Join(", ", statuses));
            (await app.WithDbAsync(db => db.ValidationApplications.CountAsync(a => a.AchievementId == achievementId && a.CentreId == centreId))).ShouldBe(1);
        }
    }
}

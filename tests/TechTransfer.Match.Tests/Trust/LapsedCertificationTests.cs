using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Tests.Trials;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// An expired certification removes broker powers on the deals themselves, not only on the board: the assigned
/// manager still reads the deal but cannot move it, note it, close it as a trial or open another one, each refused
/// with a 403 naming the certification, and nothing changes; renewed, the same requests succeed.
/// </summary>
public abstract class LapsedCertificationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task An_expired_manager_reads_their_deal_but_opening_moving_and_trials_are_refused_until_renewed()
    {
        var world = await app.WorldAsync();
        var managerId = await world.Manager.Client.UserIdAsync();
        async Task ExpireAsync(DateOnly on) => await app.WithDbAsync(db => db.TechnologyManagerProfiles.Where(p => p.UserId == managerId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CertificationExpiresOn, on)));
        await ExpireAsync(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)));

        var deal = await (await world.Manager.Client.GetAsync($"/api/deals/{world.DealId}")).JsonAsync();
        var version = deal.GetProperty("version").GetInt64();
        async Task RefusedAsync(HttpResponseMessage response)
        {
            var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
            problem.GetProperty("code").GetString().ShouldBe("certification_lapsed");
            problem.GetProperty("detail").GetString()!.ShouldContain("certification");
        }

        await RefusedAsync(await world.Manager.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/stage", new { stage = "Contacted", version }));
        await RefusedAsync(await world.Manager.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/notes", new { note = "过期后", version }));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await RefusedAsync(await world.Manager.Client.PostAsJsonAsync("/api/trials", TrialTests<TApp>.Body(world.DealId, version, today, today.AddMonths(3))));

        // Opening another deal from an accepted interest between other parties.
        var seller = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var achievement = await seller.Client.DraftAsync("achievements", Listings.Achievement("过期经理人 对接成果"));
        await seller.Client.PublishAsync("achievements", achievement);
        var interest = await (await world.Enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = achievement.Id, message = "希望洽谈" }))
            .JsonAsync(HttpStatusCode.Created);
        var interestId = interest.GetProperty("id").GetGuid();
        await (await seller.Client.PostAsJsonAsync($"/api/interests/{interestId}/accept", new { version = interest.GetProperty("version").GetInt64() }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await RefusedAsync(await world.Manager.Client.PostAsJsonAsync("/api/deals", new { interestId }));

        (await app.WithDbAsync(db => db.Deals.SingleAsync(d => d.Id == world.DealId))).Stage.ShouldBe(DealStage.Proposed);
        (await app.WithDbAsync(db => db.DealEvents.CountAsync(e => e.DealId == world.DealId && e.Note == "过期后"))).ShouldBe(0);
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.InterestId == interestId))).ShouldBe(0);
        // The parties keep their powers.
        await (await world.Enterprise.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/notes", new { note = "企业备注", version })).ShouldBeAsync(HttpStatusCode.OK);

        // Renewed: the same manager acts again at once.
        await ExpireAsync(DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)));
        var current = await (await world.Manager.Client.GetAsync($"/api/deals/{world.DealId}")).JsonAsync();
        await (await world.Manager.Client.PostAsJsonAsync($"/api/deals/{world.DealId}/stage",
            new { stage = "Contacted", version = current.GetProperty("version").GetInt64() })).ShouldBeAsync(HttpStatusCode.OK);
        await (await world.Manager.Client.PostAsJsonAsync("/api/deals", new { interestId })).ShouldBeAsync(HttpStatusCode.Created);
    }
}

public sealed class SqliteLapsedCertificationTests(SqliteApp app) : LapsedCertificationTests<SqliteApp>(app);

public sealed class PostgresLapsedCertificationTests(PostgresApp app) : LapsedCertificationTests<PostgresApp>(app);

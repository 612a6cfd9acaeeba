using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Realtime;

/// <summary>Opening a deal tells both parties' members; not the person who opened it.</summary>
public abstract class DealOpenedNotificationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task Both_parties_hear_that_a_deal_was_opened_and_the_manager_who_opened_it_does_not()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var listing = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"开案通知成果{Guid.NewGuid():N}"[..16]));
        await researcher.Client.PublishAsync("achievements", listing);
        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = listing.Id, message = "希望合作" }))
            .JsonAsync(HttpStatusCode.Created);
        var interestId = interest.GetProperty("id").GetGuid();
        await (await researcher.Client.PostAsJsonAsync($"/api/interests/{interestId}/accept", new { version = interest.GetProperty("version").GetInt64() })).JsonAsync();

        var deal = await (await manager.Client.PostAsJsonAsync("/api/deals", new { interestId })).JsonAsync(HttpStatusCode.Created);
        var dealId = deal.GetProperty("id").GetGuid().ToString();

        async Task<int> OpenedFor(TestUser user) => await app.WithDbAsync(db =>
            db.Notifications.CountAsync(n => n.Kind == NotificationKind.DealOpened && n.Data.Contains(dealId) && db.Users.Any(u => u.Id == n.UserId && u.Email == user.Email)));

        (await OpenedFor(researcher)).ShouldBe(1);
        (await OpenedFor(enterprise)).ShouldBe(1);
        (await OpenedFor(manager)).ShouldBe(0);
    }
}

public sealed class SqliteDealOpenedNotificationTests(SqliteApp app) : DealOpenedNotificationTests<SqliteApp>(app);

public sealed class PostgresDealOpenedNotificationTests(PostgresApp app) : DealOpenedNotificationTests<PostgresApp>(app);

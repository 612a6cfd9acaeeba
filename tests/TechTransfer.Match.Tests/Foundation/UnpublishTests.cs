using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>
/// An administrator takes a published record out of the catalogue with a reason: the catalogue and the engine drop
/// it, the owner's members are told why and see the reason on the record, the audit log keeps it, and publishing again
/// clears it. A reason too short or a record not published is refused and changes nothing.
/// </summary>
public abstract class UnpublishTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private const string Reason = "成果描述与专利号不符，请核对专利信息后重新发布。";

    [Fact]
    public async Task An_administrator_unpublishes_with_a_reason_the_owner_reads_and_publishing_again_clears_it()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var tag = Listings.Tag();
        var draft = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"下架测试{tag}"));
        var published = await researcher.Client.PublishAsync("achievements", draft);
        var version = published.GetProperty("achievement").GetProperty("version").GetInt64();

        // The owner cannot use the administrator's action on its own record.
        await (await researcher.Client.PostAsJsonAsync($"/api/achievements/{draft.Id}/unpublish", new { reason = Reason, version }))
            .ProblemAsync(HttpStatusCode.Forbidden);

        var taken = await (await app.Admin.PostAsJsonAsync($"/api/achievements/{draft.Id}/unpublish", new { reason = Reason, version })).JsonAsync();
        taken.GetProperty("status").GetString().ShouldBe("Archived");
        taken.GetProperty("moderationReason").GetString().ShouldBe(Reason);

        var catalogue = await (await app.CreateClient().GetAsync($"/api/achievements?q={tag}")).JsonAsync();
        catalogue.GetProperty("total").GetInt32().ShouldBe(0);
        var mine = await (await researcher.Client.GetAsync($"/api/achievements/mine?q={tag}")).JsonAsync();
        mine.GetProperty("items")[0].GetProperty("moderationReason").GetString().ShouldBe(Reason);

        var (notified, audited) = await app.WithDbAsync(async db => (
            await db.Notifications.Where(n => db.Users.Any(u => u.Id == n.UserId && u.Email == researcher.Email) && n.Kind == NotificationKind.ListingUnpublished).Select(n => n.Data).ToListAsync(),
            await db.AuditEntries.Where(a => a.TargetId == draft.Id && a.Action == "listing.unpublished").Select(a => a.Details).ToListAsync()));
        System.Text.Json.JsonDocument.Parse(notified.ShouldHaveSingleItem()).RootElement.GetProperty("reason").GetString().ShouldBe(Reason);
        System.Text.Json.JsonDocument.Parse(audited.ShouldHaveSingleItem()).RootElement.GetProperty("reason").GetString().ShouldBe(Reason);

        // Unpublishing twice is a conflict; the owner revises and publishes again, which clears the reason.
        await (await app.Admin.PostAsJsonAsync($"/api/achievements/{draft.Id}/unpublish", new { reason = Reason, version = taken.GetProperty("version").GetInt64() }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var again = await (await researcher.Client.PostAsJsonAsync($"/api/achievements/{draft.Id}/publish", new { version = taken.GetProperty("version").GetInt64() })).JsonAsync();
        again.GetProperty("achievement").GetProperty("moderationReason").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_short_reason_is_a_400_naming_it_and_the_need_stays_public()
    {
        var firm = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var draft = await firm.Client.DraftAsync("needs", Listings.Need($"下架校验{Listings.Tag()}"));
        var published = await firm.Client.PublishAsync("needs", draft);
        var version = published.GetProperty("need").GetProperty("version").GetInt64();

        var problem = await (await app.Admin.PostAsJsonAsync($"/api/needs/{draft.Id}/unpublish", new { reason = "不行", version })).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["reason"]);
        await (await app.Admin.PostAsJsonAsync($"/api/needs/{draft.Id}/unpublish", new { version })).ProblemAsync(HttpStatusCode.BadRequest);

        var stored = await app.WithDbAsync(db => db.Needs.AsNoTracking().SingleAsync(n => n.Id == draft.Id));
        stored.Status.ShouldBe(ListingStatus.Published);
        stored.ModerationReason.ShouldBeNull();
    }
}

public sealed class SqliteUnpublishTests(SqliteApp app) : UnpublishTests<SqliteApp>(app);

public sealed class PostgresUnpublishTests(PostgresApp app) : UnpublishTests<PostgresApp>(app);

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Notifications;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Tests.Realtime;

/// <summary>
/// The notification list groups one kind about one subject in one day: publishing a need that gets
/// several proposals is one row for its owner, expandable, read as a whole; the bell counts groups.
/// </summary>
public abstract class NotificationGroupTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task A_need_with_several_proposals_is_one_group_for_its_owner_expandable_and_read_as_a_whole()
    {
        var tag = Listings.Tag();
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        foreach (var variant in new[] { "激光", "结构光", "双目", "红外" })
        {
            await researcher.Client.PublishAsync("achievements", await researcher.Client.DraftAsync("achievements",
                Listings.Achievement($"{tag} {variant}焊缝视觉跟踪 焊接机器人", b => b["keywords"] = new[] { tag, "焊缝跟踪", "焊接机器人" })));
        }

        var need = await enterprise.Client.DraftAsync("needs", Listings.Need($"{tag} 船体焊缝视觉跟踪焊接机器人", b => b["background"] = $"{tag} " + Listings.Need()["background"]));
        await enterprise.Client.PublishAsync("needs", need);

        var flat = (await (await enterprise.Client.GetAsync("/api/notifications?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "MatchProposed").ToList();
        flat.Count.ShouldBeGreaterThanOrEqualTo(4); // one per proposal: the four achievements at least

        var page = await (await enterprise.Client.GetAsync("/api/notifications/groups")).JsonAsync();
        var group = page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        group.GetProperty("kind").GetString().ShouldBe("MatchProposed");
        group.GetProperty("link").GetString().ShouldBe($"/needs/{need.Id}/matches");
        group.GetProperty("count").GetInt32().ShouldBe(flat.Count);
        group.GetProperty("unread").GetInt32().ShouldBe(flat.Count);
        page.GetProperty("total").GetInt32().ShouldBe(1);
        page.GetProperty("unread").GetInt32().ShouldBe(flat.Count);
        page.GetProperty("unreadGroups").GetInt32().ShouldBe(1);
        var newest = flat.Max(n => n.GetProperty("createdAt").GetDateTime());
        group.GetProperty("latest").GetProperty("createdAt").GetDateTime().ShouldBe(newest);
        group.GetProperty("id").GetGuid().ShouldBe(group.GetProperty("latest").GetProperty("id").GetGuid());
        var groupId = group.GetProperty("id").GetGuid();

        // The institution's side: one proposal per achievement, each linked to its own achievement, still one row for the need.
        var supplied = (await (await researcher.Client.GetAsync("/api/notifications?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "MatchProposed" && n.GetProperty("data").GetString()!.Contains(need.Id.ToString())).ToList();
        supplied.Count.ShouldBe(flat.Count);
        supplied.Select(n => n.GetProperty("link").GetString()).Distinct().Count().ShouldBe(supplied.Count);
        var supplierRows = (await (await researcher.Client.GetAsync("/api/notifications/groups")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(g => g.GetProperty("latest").GetProperty("data").GetString()!.Contains(need.Id.ToString())).ToList();
        supplierRows.ShouldHaveSingleItem().GetProperty("count").GetInt32().ShouldBe(supplied.Count);

        var items = (await (await enterprise.Client.GetAsync($"/api/notifications/{groupId}/group")).JsonAsync()).EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetGuid()).ShouldBe(flat.Select(n => n.GetProperty("id").GetGuid()), ignoreOrder: true);
        items.Select(i => i.GetProperty("createdAt").GetDateTime()).ShouldBeInOrder(SortDirection.Descending);
        await (await researcher.Client.GetAsync($"/api/notifications/{groupId}/group")).ProblemAsync(HttpStatusCode.NotFound);
        await (await researcher.Client.PostAsync($"/api/notifications/{groupId}/read-group", null)).ProblemAsync(HttpStatusCode.NotFound);

        var counts = await (await enterprise.Client.PostAsync($"/api/notifications/{groupId}/read-group", null)).JsonAsync();
        counts.GetProperty("unread").GetInt32().ShouldBe(0);
        counts.GetProperty("unreadGroups").GetInt32().ShouldBe(0);
        var after = await (await enterprise.Client.GetAsync("/api/notifications/groups")).JsonAsync();
        after.GetProperty("items")[0].GetProperty("unread").GetInt32().ShouldBe(0);
        after.GetProperty("items")[0].GetProperty("count").GetInt32().ShouldBe(flat.Count);
        (await (await enterprise.Client.GetAsync("/api/notifications/groups?unreadOnly=true")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Groups_split_by_kind_subject_and_day_and_reading_one_item_leaves_the_rest_of_its_group_unread()
    {
        var person = await app.CreateUserAsync(Roles.InstitutionMember);
        var userId = await person.Client.UserIdAsync();
        var deal = $"/deals/{Guid.NewGuid()}";
        var other = $"/deals/{Guid.NewGuid()}";
        await NotifyAsync(userId, NotificationKind.DealStageChanged, deal, times: 3);
        await NotifyAsync(userId, NotificationKind.DealStageChanged, other, times: 1);
        await NotifyAsync(userId, NotificationKind.DealOpened, deal, times: 1);
        var yesterday = await NotifyAsync(userId, NotificationKind.DealStageChanged, deal, times: 2);
        await app.WithDbAsync(db => db.Notifications.Where(n => yesterday.Contains(n.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.CreatedAt, n => n.CreatedAt.AddDays(-1))));

        var page = await (await person.Client.GetAsync("/api/notifications/groups")).JsonAsync();
        var groups = page.GetProperty("items").EnumerateArray().ToList();
        groups.Select(g => (g.GetProperty("kind").GetString(), g.GetProperty("link").GetString(), g.GetProperty("count").GetInt32()))
            .ShouldBe([("DealStageChanged", deal, 3), ("DealStageChanged", other, 1), ("DealOpened", deal, 1), ("DealStageChanged", deal, 2)], ignoreOrder: true);
        groups.Select(g => g.GetProperty("latest").GetProperty("createdAt").GetDateTime()).ShouldBeInOrder(SortDirection.Descending);
        groups[^1].GetProperty("count").GetInt32().ShouldBe(2); // yesterday's is the oldest activity
        var hour = app.Services.GetRequiredService<RealtimeOptions>().DigestHourUtc;
        foreach (var g in groups)
        {
            g.GetProperty("day").GetDateTime().ToUniversalTime()
                .ShouldBe(NotificationGrouping.DayOf(g.GetProperty("latest").GetProperty("createdAt").GetDateTime().ToUniversalTime(), hour));
        }

        page.GetProperty("unread").GetInt32().ShouldBe(7);
        page.GetProperty("unreadGroups").GetInt32().ShouldBe(4);

        // Paging is over groups.
        var second = await (await person.Client.GetAsync("/api/notifications/groups?page=2&pageSize=3")).JsonAsync();
        second.GetProperty("total").GetInt32().ShouldBe(4);
        second.GetProperty("items").GetArrayLength().ShouldBe(1);

        var three = groups.First(g => g.GetProperty("count").GetInt32() == 3);
        var counts = await (await person.Client.PostAsync($"/api/notifications/{three.GetProperty("id").GetGuid()}/read", null)).JsonAsync();
        counts.GetProperty("unread").GetInt32().ShouldBe(6);
        counts.GetProperty("unreadGroups").GetInt32().ShouldBe(4);
        counts = await (await person.Client.PostAsync($"/api/notifications/{three.GetProperty("id").GetGuid()}/read-group", null)).JsonAsync();
        counts.GetProperty("unread").GetInt32().ShouldBe(4);
        counts.GetProperty("unreadGroups").GetInt32().ShouldBe(3);
        var unreadOnly = (await (await person.Client.GetAsync("/api/notifications/groups?unreadOnly=true")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        unreadOnly.Count.ShouldBe(3);
        unreadOnly.ShouldAllBe(g => g.GetProperty("unread").GetInt32() == g.GetProperty("count").GetInt32());

        await (await person.Client.PostAsync("/api/notifications/read-all", null)).ShouldBeAsync(HttpStatusCode.OK);
        var none = await (await person.Client.GetAsync("/api/notifications/unread-count")).JsonAsync();
        none.GetProperty("unread").GetInt32().ShouldBe(0);
        none.GetProperty("unreadGroups").GetInt32().ShouldBe(0);
    }

    /// <summary>Notifies through the dispatcher, as the domain-event handlers do; returns the stored ids.</summary>
    private async Task<List<Guid>> NotifyAsync(Guid userId, NotificationKind kind, string link, int times)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < times; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var marker = Guid.NewGuid().ToString();
            await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>()
                .ToUsersAsync([userId], kind, new { marker }, link, null, CancellationToken.None);
            ids.Add(await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId && n.Data.Contains(marker)).Select(n => n.Id).SingleAsync()));
        }

        return ids;
    }
}

public sealed class SqliteNotificationGroupTests(SqliteApp app) : NotificationGroupTests<SqliteApp>(app);

public sealed class PostgresNotificationGroupTests(PostgresApp app) : NotificationGroupTests<PostgresApp>(app);

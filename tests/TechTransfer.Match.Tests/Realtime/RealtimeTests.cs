using Microsoft.EntityFrameworkCore;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Tests.Realtime;

/// <summary>The notifications hub and stored notifications on one node; run once per database provider.</summary>
public abstract class RealtimeTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_anonymous_hub_connection_is_refused()
    {
        await using var connection = app.HubConnection(token: null);
        var error = await Should.ThrowAsync<HttpRequestException>(() => connection.StartAsync());
        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Publishing_a_need_alerts_the_matching_institution_live_and_no_other_organisation()
    {
        var tag = new string(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('k' + (c % 16))).ToArray());
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var bystander = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"{tag} 焊缝视觉跟踪 焊接机器人", b => b["keywords"] = new[] { tag, "焊缝跟踪" }));
        await researcher.Client.PublishAsync("achievements", achievement);

        var received = new ConcurrentQueue<NotificationMessage>();
        var bystanderReceived = new ConcurrentQueue<NotificationMessage>();
        await using var researcherHub = app.HubConnection(await app.TokenAsync(researcher.Email));
        await using var bystanderHub = app.HubConnection(await app.TokenAsync(bystander.Email));
        // Each push is checked on arrival: the page reloads its list on it, so the notification must already be stored.
        var unreadable = new ConcurrentQueue<Guid>();
        researcherHub.On<NotificationMessage>(nameof(INotificationsClient.Notification), async m =>
        {
            if (!await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Id == m.Id)))
            {
                unreadable.Enqueue(m.Id);
            }

            received.Enqueue(m);
        });
        bystanderHub.On<NotificationMessage>(nameof(INotificationsClient.Notification), bystanderReceived.Enqueue);
        await researcherHub.StartAsync();
        await bystanderHub.StartAsync();

        var need = await enterprise.Client.DraftAsync("needs", Listings.Need($"{tag} 船体焊缝视觉跟踪焊接机器人"));
        await enterprise.Client.PublishAsync("needs", need);

        await Eventually(() => received.Any(m => m.Kind == NotificationKind.MatchProposed && m.Data.Contains(need.Id.ToString())));
        bystanderReceived.ShouldBeEmpty();
        unreadable.ShouldBeEmpty();

        // Stored too: the list shows it, marking it read clears the unread count.
        var page = await (await researcher.Client.GetAsync("/api/notifications?unreadOnly=true")).JsonAsync();
        var stored = page.GetProperty("items").EnumerateArray().First(n => n.GetProperty("data").GetString()!.Contains(need.Id.ToString()));
        var id = stored.GetProperty("id").GetGuid();
        await (await researcher.Client.PostAsync($"/api/notifications/{id}/read", null)).ShouldBeAsync(HttpStatusCode.OK);
        await (await bystander.Client.PostAsync($"/api/notifications/{id}/read", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await researcher.Client.PostAsync("/api/notifications/read-all", null)).ShouldBeAsync(HttpStatusCode.OK);
        (await (await researcher.Client.GetAsync("/api/notifications/unread-count")).JsonAsync()).GetProperty("unread").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Muted_kinds_and_scores_below_the_minimum_are_not_sent()
    {
        var tag = new string(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('k' + (c % 16))).ToArray());
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await researcher.Client.PutAsJsonAsync("/api/notifications/preferences", new { mutedKinds = Array.Empty<string>(), minMatchScore = 0.99, delivery = "Instant" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await researcher.Client.PutAsJsonAsync("/api/notifications/preferences", new { minMatchScore = 2, delivery = "Instant" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await researcher.Client.PublishAsync("achievements", await researcher.Client.DraftAsync("achievements", Listings.Achievement($"{tag} 焊缝视觉跟踪")));
        var need = await enterprise.Client.DraftAsync("needs", Listings.Need($"{tag} 焊缝视觉跟踪焊接机器人"));
        await enterprise.Client.PublishAsync("needs", need);

        var proposals = await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=50")).JsonAsync();
        proposals.GetArrayLength().ShouldBeGreaterThan(0);
        var page = await (await researcher.Client.GetAsync("/api/notifications")).JsonAsync();
        page.GetProperty("items").EnumerateArray().ShouldNotContain(n => n.GetProperty("data").GetString()!.Contains(need.Id.ToString()));
    }

    [Fact]
    public async Task A_saved_search_alerts_once_per_record_even_when_it_is_edited()
    {
        var tag = new string(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('k' + (c % 16))).ToArray());
        var searcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await searcher.Client.PostAsJsonAsync("/api/saved-searches", new { name = "焊接", achievements = false, text = $"{tag} 焊缝" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        await (await searcher.Client.PostAsJsonAsync("/api/saved-searches", new { name = "空", achievements = false }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        var unrelated = await enterprise.Client.DraftAsync("needs", Listings.Need($"{tag} 冷链物流温控需求", b => b["background"] = "冷库和冷藏车的温度需要全程监控，要求温度波动小于正负0.5摄氏度，并能自动报警。"));
        await enterprise.Client.PublishAsync("needs", unrelated);
        var need = await enterprise.Client.DraftAsync("needs", Listings.Need($"{tag} 船体焊缝检测需求"));
        var published = await enterprise.Client.PublishAsync("needs", need);
        var version = published.GetProperty("need").GetProperty("version").GetInt64();
        await (await enterprise.Client.PutAsJsonAsync($"/api/needs/{need.Id}", new { need = Listings.Need($"{tag} 船体焊缝检测需求（扩大范围）"), version }))
            .ShouldBeAsync(HttpStatusCode.OK);

        var alerts = (await (await searcher.Client.GetAsync("/api/notifications?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "SavedSearchMatched").ToList();
        alerts.Count.ShouldBe(1);
        alerts[0].GetProperty("data").GetString()!.ShouldContain(need.Id.ToString());
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new Shouldly.ShouldAssertException($"Condition not met within {Wait.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqliteRealtimeTests(SqliteDemoApp app) : RealtimeTests<SqliteDemoApp>(app);

public sealed class PostgresRealtimeTests(PostgresDemoApp app) : RealtimeTests<PostgresDemoApp>(app);

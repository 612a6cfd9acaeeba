using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Tests.Realtime;

/// <summary>A node of a two-node platform: shared PostgreSQL database, shared real Redis.</summary>
public sealed class RedisNodeApp(TestDatabase database) : TestApp(database)
{
    /// <summary>The Redis the test script starts; a missing server fails these tests.</summary>
    public static string Redis => Environment.GetEnvironmentVariable("TTM_TEST_REDIS") ?? "127.0.0.1:6379";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Realtime:Redis"] = Redis,
        // The two nodes of one pair share channels; other test runs on the same Redis do not hear them.
        ["Realtime:ChannelPrefix"] = "test-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Database.ConnectionString)))[..12] + ":",
        ["Seed:Demo"] = "true",
        ["Seed:DemoPassword"] = "Demo#" + Guid.NewGuid().ToString("N")[..8],
    };
}

public sealed class TwoNodes : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();

    public RedisNodeApp A { get; private set; } = null!;

    public RedisNodeApp B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = new RedisNodeApp(_database);
        await A.InitializeAsync();
        B = new RedisNodeApp(_database);
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        // Each node drops the shared database when disposed; the second drop finds nothing.
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
    }
}

public sealed class ScaleOutTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Both_nodes_report_redis_in_health()
    {
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            var response = await node.CreateClient().GetAsync("/health");
            await response.ShouldBeAsync(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        }
    }

    [Fact]
    public async Task A_client_on_node_A_hears_of_a_need_published_through_node_B_and_both_nodes_agree_on_its_proposals()
    {
        var tag = new string(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('k' + (c % 16))).ToArray());
        var researcher = await nodes.A.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var achievement = await researcher.Client.DraftAsync("achievements",
            Listings.Achievement($"{tag} 焊缝视觉跟踪 焊接机器人", b => b["keywords"] = new[] { tag, "焊缝跟踪" }));
        await researcher.Client.PublishAsync("achievements", achievement);
        var enterpriseOnB = await nodes.B.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);

        // Node B's index learns of the achievement published on node A through the change feed.
        (await SeenWithinAsync(enterpriseOnB.Client, "Need", $"{tag} 焊缝视觉跟踪焊接机器人", achievement.Id))
            .ShouldBeTrue("node B's matching index does not reflect the achievement published on node A");

        var received = new ConcurrentQueue<NotificationMessage>();
        await using var hub = nodes.A.HubConnection(await nodes.A.TokenAsync(researcher.Email));
        hub.On<NotificationMessage>(nameof(INotificationsClient.Notification), received.Enqueue);
        await hub.StartAsync();

        // The enterprise works through node B only.
        var need = await enterpriseOnB.Client.DraftAsync("needs", Listings.Need($"{tag} 船体焊缝视觉跟踪焊接机器人"));
        await enterpriseOnB.Client.PublishAsync("needs", need);

        var until = DateTime.UtcNow.AddSeconds(20);
        while (!received.Any(m => m.Kind == NotificationKind.MatchProposed && m.Data.Contains(need.Id.ToString())))
        {
            (DateTime.UtcNow < until).ShouldBeTrue("node A's client never received the alert caused on node B");
            await Task.Delay(100);
        }

        // Proposals asked through A equal those asked through B.
        var enterpriseOnA = await nodes.A.SignInAsync(enterpriseOnB.Email);
        var throughA = await (await enterpriseOnA.GetAsync($"/api/needs/{need.Id}/matches?top=20")).JsonAsync();
        var throughB = await (await enterpriseOnB.Client.GetAsync($"/api/needs/{need.Id}/matches?top=20")).JsonAsync();
        throughA.ToString().ShouldBe(throughB.ToString());
        throughA.GetArrayLength().ShouldBeGreaterThan(0);

        // Node A's own index learned of the need from B within seconds: its preview finds it.
        (await SeenWithinAsync(researcher.Client, "Achievement", $"{tag} 焊缝视觉跟踪 船体焊缝视觉跟踪焊接机器人", need.Id))
            .ShouldBeTrue("node A's matching index does not reflect the need published on node B");
    }

    private static async Task<bool> SeenWithinAsync(HttpClient client, string draftKind, string title, Guid expected)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            var preview = await (await client.PostAsJsonAsync("/api/matches/preview", new { kind = draftKind, title, top = 50 })).JsonAsync();
            if (preview.EnumerateArray().Any(h => h.GetProperty("id").GetGuid() == expected))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}

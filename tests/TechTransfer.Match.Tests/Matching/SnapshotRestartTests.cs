using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Tests.Matching;

/// <summary>
/// A node restarts from its saved matching index instead of rebuilding it and catches up with what changed in the
/// database after the copy was written; a damaged copy makes it rebuild from the database. The lives of the node share
/// one database and one snapshot file, as the lives of one server do. Each life ends before the next starts: disposing
/// a node returns once its shutdown copy is written.
/// </summary>
public abstract class SnapshotRestartTests(Func<TestDatabase> newDatabase)
{
    [Fact]
    public async Task A_restart_loads_the_snapshot_and_catches_up_and_a_damaged_snapshot_is_rebuilt_from_the_database()
    {
        var database = newDatabase();
        var directory = Path.Combine(Path.GetTempPath(), "ttm-tests", Guid.NewGuid().ToString("N"));
        var snapshot = Path.Combine(directory, "index.snapshot");
        Directory.CreateDirectory(directory);
        var tag = Listings.Tag();
        try
        {
            // First life: no copy yet, so the index is built from the database (the demo catalogue); an achievement
            // published now is in the copy written at shutdown.
            string researcher;
            Guid withdrawn, added;
            await using (var first = new Node(database, snapshot))
            {
                await first.InitializeAsync();
                first.Origin.ShouldBe(IndexOrigin.Rebuilt);
                // after the rebuild the node writes a copy and serves it mapped (the index off the heap)
                await first.WaitUntilServingTheSnapshotAsync();
                // a refit puts the index back on the heap; the node writes a copy at once and serves it mapped again
                var refits = first.Engine.RefitCount;
                await first.Engine.RefitInBackground();
                first.Engine.RefitCount.ShouldBe(refits + 1);
                await first.WaitUntilServingTheSnapshotAsync();
                var member = await first.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
                researcher = member.Email;
                var draft = await member.Client.DraftAsync("achievements", Achievement(tag, "撤下"));
                await member.Client.PublishAsync("achievements", draft);
                withdrawn = draft.Id;
                // The query below finds it, so its absence later means it left the index.
                (await first.PreviewAsync(tag)).ShouldContain(withdrawn);
            }

            var early = await File.ReadAllBytesAsync(snapshot);

            // Second life: the copy is damaged (cut in the middle of the index), so the node rebuilds from the
            // database. After the rebuild it writes a good copy again, which the third life loads.
            await File.WriteAllBytesAsync(snapshot, early[..(early.Length / 2)]);
            await using (var second = new Node(database, snapshot))
            {
                await second.InitializeAsync();
                second.Origin.ShouldBe(IndexOrigin.Rebuilt, "a damaged snapshot must not be used");
                await second.ShouldIndexThePublishedListingsAsync();
                (await second.PreviewAsync(tag)).ShouldContain(withdrawn);
            }

            // Third life: loaded from the copy the second wrote, without rebuilding. Now one achievement is published
            // and the one from the first life withdrawn.
            await using (var third = new Node(database, snapshot))
            {
                await third.InitializeAsync();
                third.Origin.ShouldBe(IndexOrigin.Snapshot, "the node rebuilt the index instead of loading the snapshot");
                await third.ShouldIndexThePublishedListingsAsync();
                var member = await third.SignInAsync(researcher);
                var draft = await member.DraftAsync("achievements", Achievement(tag, "新增"));
                await member.PublishAsync("achievements", draft);
                added = draft.Id;
                var version = (await (await member.GetAsync($"/api/achievements/{withdrawn}")).JsonAsync()).GetProperty("version").GetInt64();
                await (await member.PostAsJsonAsync($"/api/achievements/{withdrawn}/archive", new { version })).ShouldBeAsync(HttpStatusCode.OK);
                var found = await third.PreviewAsync(tag);
                found.ShouldContain(added);
                found.ShouldNotContain(withdrawn);
            }

            // Fourth life: the copy from before both changes is back, as after a crash that lost the later copies. The
            // node loads it and catches up: the new achievement is found, the withdrawn one no longer.
            await File.WriteAllBytesAsync(snapshot, early);
            await using (var fourth = new Node(database, snapshot))
            {
                await fourth.InitializeAsync();
                fourth.Origin.ShouldBe(IndexOrigin.Snapshot, "the node rebuilt the index instead of loading the snapshot");
                var found = await fourth.PreviewAsync(tag);
                found.ShouldContain(added);
                found.ShouldNotContain(withdrawn);
                await fourth.ShouldIndexThePublishedListingsAsync();
            }
        }
        finally
        {
            await database.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Dictionary<string, object?> Achievement(string tag, string variant) =>
        Listings.Achievement($"{tag} 海参育苗循环水臭氧杀菌增氧装置（{variant}）", b =>
        {
            b["summary"] = $"{tag} 针对海参育苗车间循环水系统的臭氧杀菌与增氧一体化装置，溶解氧稳定在8毫克每升以上。";
            b["keywords"] = new[] { "循环水养殖", "臭氧杀菌", "增氧", tag };
            b["field"] = "Agriculture";
        });

    // A Latin tag is one token for the analyser: the preview finds this test's achievements by it.

    /// <summary>One life of the server: the demo catalogue, snapshots at any size and only after a build or refit and at shutdown.</summary>
    private sealed class Node(TestDatabase database, string snapshot) : DemoCorpusApp(database)
    {
        // The lives share the database; the test drops it after the last.
        protected override bool OwnsDatabase => false;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Matching:SnapshotPath"] = snapshot,
            ["Matching:SnapshotMinListings"] = "0",
            ["Matching:SnapshotIntervalMinutes"] = "0",
        };

        public IndexOrigin Origin => Services.GetRequiredService<MatchingIndex>().Origin;

        public MatchingEngine Engine => Services.GetRequiredService<MatchingIndex>().Engine;

        public async Task WaitUntilServingTheSnapshotAsync()
        {
            var until = DateTime.UtcNow.AddMinutes(3);
            while (!Engine.ServesMappedSnapshot)
            {
                if (DateTime.UtcNow > until) throw new TimeoutException("The node did not serve its snapshot within 3 minutes.");
                await Task.Delay(200);
            }
        }

        /// <summary>Achievements the in-memory index proposes for a need that carries the tag (nothing is stored).</summary>
        public async Task<List<Guid>> PreviewAsync(string tag)
        {
            var response = await Admin.PostAsJsonAsync("/api/matches/preview", new
            {
                kind = "Need", title = $"{tag} 海参育苗车间增氧杀菌设备", text = $"{tag} 循环水养殖 臭氧杀菌 溶解氧", field = "Agriculture", top = 50,
            });
            return [.. (await response.JsonAsync()).EnumerateArray().Select(h => h.GetProperty("id").GetGuid())];
        }

        /// <summary>The index holds exactly the listings the database has published.</summary>
        public async Task ShouldIndexThePublishedListingsAsync()
        {
            var published = await WithDbAsync(async db =>
                (await db.Achievements.Where(a => a.Status == ListingStatus.Published).Select(a => a.Id).ToListAsync())
                .Concat(await db.Needs.Where(n => n.Status == ListingStatus.Published).Select(n => n.Id).ToListAsync()).ToList());
            Services.GetRequiredService<MatchingIndex>().Engine.ListingIds().ShouldBe(published, ignoreOrder: true);
        }
    }
}

public sealed class SqliteSnapshotRestartTests() : SnapshotRestartTests(() => new SqliteTestDatabase());

public sealed class PostgresSnapshotRestartTests() : SnapshotRestartTests(() => new PostgresTestDatabase());

using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Tests.Matching;

/// <summary>
/// A node restarts from its saved matching index instead of rebuilding it, and catches up with what changed
/// in the database after the copy was taken; a damaged copy makes it rebuild. Nodes share one database and
/// one snapshot file, as two lives of the same server do.
/// </summary>
public abstract class SnapshotRestartTests(Func<TestDatabase> newDatabase)
{
    [Fact]
    public async Task A_restart_loads_the_snapshot_catches_up_changes_made_after_it_and_rebuilds_from_a_damaged_one()
    {
        var database = newDatabase();
        var snapshot = Path.Combine(Path.GetTempPath(), "ttm-tests", Guid.NewGuid().ToString("N"), "index.snapshot");
        Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
        try
        {
            // First life: the index is built from the demo catalogue and saved after the build.
            Guid added, archived;
            await using (var first = new Node(database, snapshot))
            {
                await first.InitializeAsync();
                await WaitForAsync(() => File.Exists(snapshot));
                var early = snapshot + ".early";
                await WaitForAsync(() => TryCopy(snapshot, early));

                // After that copy: one listing is published, one withdrawn.
                var researcher = await first.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
                var draft = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"快照之后发布的成果{Guid.NewGuid():N}"[..20]));
                await researcher.Client.PublishAsync("achievements", draft);
                added = draft.Id;
                var withdrawn = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"快照之后撤下的成果{Guid.NewGuid():N}"[..20]));
                var published = await researcher.Client.PublishAsync("achievements", withdrawn);
                archived = withdrawn.Id;
                await (await researcher.Client.PostAsJsonAsync($"/api/achievements/{archived}/archive",
                    new { version = published.GetProperty("achievement").GetProperty("version").GetInt64() })).ShouldBeAsync(System.Net.HttpStatusCode.OK);
                first.Ids().ShouldContain(added);
                first.Ids().ShouldNotContain(archived);

            }

            // The first life has ended; its shutdown copy is replaced by the early one, as after a crash that lost
            // the last copy.
            File.Copy(snapshot + ".early", snapshot, overwrite: true);

            var written = File.GetLastWriteTimeUtc(snapshot);

            // Second life: loaded from the early copy (the file is not rewritten by a rebuild) and caught up.
            await using (var second = new Node(database, snapshot))
            {
                await second.InitializeAsync();
                // A rebuild would save its copy in the background right after start-up: give it the time to show.
                await Task.Delay(TimeSpan.FromSeconds(2));
                File.GetLastWriteTimeUtc(snapshot).ShouldBe(written, "the node rebuilt the index instead of loading the snapshot");
                second.Ids().ShouldContain(added);
                second.Ids().ShouldNotContain(archived);
                (await second.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                        db.Achievements, a => a.Status == ListingStatus.Published)) + await second.WithDbAsync(db =>
                    Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Needs, n => n.Status == ListingStatus.Published)))
                    .ShouldBe(second.Ids().Count);
            }

            // Third life: the copy is damaged, so the node rebuilds from the database and saves a good copy.
            await File.WriteAllBytesAsync(snapshot, [1, 2, 3, 4, 5, 6, 7, 8]);
            await using (var third = new Node(database, snapshot))
            {
                await third.InitializeAsync();
                third.Ids().ShouldContain(added);
                await WaitForAsync(() => new FileInfo(snapshot).Length > 8);
            }
        }
        finally
        {
            await database.DisposeAsync();
            Directory.Delete(Path.GetDirectoryName(snapshot)!, recursive: true);
        }
    }

    private static bool TryCopy(string from, string to)
    {
        try
        {
            File.Copy(from, to, overwrite: true);
            return true;
        }
        catch (IOException)
        {
            return false; // being written (renamed into place) this instant
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("The matching snapshot was not written within 60 seconds.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>One life of the server: the demo catalogue, snapshots switched on at any size, the shared database kept.</summary>
    private sealed class Node(TestDatabase database, string snapshot) : DemoCorpusApp(database)
    {
        protected override bool OwnsDatabase => false;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Matching:SnapshotPath"] = snapshot,
            ["Matching:SnapshotMinListings"] = "0",
        };

        public HashSet<Guid> Ids() => Services.GetRequiredService<MatchingIndex>().Engine.ListingIds().ToHashSet();
    }
}

public sealed class SqliteSnapshotRestartTests() : SnapshotRestartTests(() => new SqliteTestDatabase());

public sealed class PostgresSnapshotRestartTests() : SnapshotRestartTests(() => new PostgresTestDatabase());

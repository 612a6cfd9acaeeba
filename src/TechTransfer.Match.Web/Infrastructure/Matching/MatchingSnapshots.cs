using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Matching;

/// <summary>
/// Saved copies of the matching index, so that a restart loads the index (no tokenising, no refit) and only
/// catches up with the listings changed since, instead of rebuilding it from the text of every listing.
/// File: a small header (magic, version, the UTC time the copy was taken) followed by the engine's snapshot.
/// </summary>
public sealed class MatchingSnapshots(
    MatchingIndex index,
    IOptions<ProposalOptions> options,
    DatabaseOptions database,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<MatchingSnapshots> logger)
{
    private const int Magic = 0x53544D54; // "TMTS"
    private const int Version = 1;
    private readonly SemaphoreSlim _saving = new(1, 1);

    /// <summary>Full path of the snapshot file, or null when snapshots are switched off (empty path).</summary>
    public string? FilePath
    {
        get
        {
            var path = options.Value.SnapshotPath;
            if (string.IsNullOrWhiteSpace(path))
            {
                return null;
            }

            if (Path.IsPathRooted(path))
            {
                return path;
            }

            return Path.Combine(database.DataDirectoryPath(environment.ContentRootPath), path);
        }
    }

    /// <summary>
    /// Loads the saved index and applies what changed in the database since it was taken. False (index untouched
    /// or to be rebuilt) when there is no usable snapshot or it is too far behind the database.
    /// </summary>
    public async Task<bool> TryLoadAsync(AppDbContext db, CancellationToken ct)
    {
        var path = FilePath;
        if (path is null || !File.Exists(path))
        {
            return false;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        DateTime takenAt;
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            using var reader = new BinaryReader(file, System.Text.Encoding.UTF8, leaveOpen: true);
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
            {
                logger.LogWarning("Matching snapshot {Path} has an unknown format; rebuilding the index", path);
                return false;
            }

            takenAt = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
            // mapped: the listings' features and the postings stay in the file (page cache), off the managed heap
            index.Engine.RestoreMapped(path, file.Position);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Matching snapshot {Path} could not be read; rebuilding the index", path);
            return false;
        }

        var loaded = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var since = takenAt - TimeSpan.FromSeconds(Math.Max(0, options.Value.SnapshotCatchUpMarginSeconds));
        var (upserted, removed, ok) = await CatchUpAsync(db, since, ct);
        if (!ok)
        {
            logger.LogWarning("Matching snapshot {Path} from {TakenAt:u} is too far behind the database; rebuilding the index", path, takenAt);
            return false;
        }

        logger.LogInformation(
            "Matching index loaded from {Path} ({TakenAt:u}, {Count} listings) in {LoadMs:F0} ms; caught up {Upserted} changed and {Removed} withdrawn listings in {TotalMs:F0} ms",
            path, takenAt, index.Engine.Count, loaded.TotalMilliseconds, upserted, removed,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    /// <summary>
    /// Brings a loaded index in line with the database: listings published and changed since <paramref name="since"/>
    /// or missing from the index are (re)indexed, indexed listings no longer published are removed.
    /// </summary>
    private async Task<(int Upserted, int Removed, bool Ok)> CatchUpAsync(AppDbContext db, DateTime since, CancellationToken ct)
    {
        var published = new HashSet<Guid>();
        var achievementIds = new HashSet<Guid>();
        var upsert = new HashSet<Guid>();
        await foreach (var a in db.Achievements.AsNoTracking().Where(a => a.Status == ListingStatus.Published)
                           .Select(a => new { a.Id, a.UpdatedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            published.Add(a.Id);
            achievementIds.Add(a.Id);
            if (a.UpdatedAt >= since) upsert.Add(a.Id);
        }

        await foreach (var n in db.Needs.AsNoTracking().Where(n => n.Status == ListingStatus.Published)
                           .Select(n => new { n.Id, n.UpdatedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            published.Add(n.Id);
            if (n.UpdatedAt >= since) upsert.Add(n.Id);
        }

        var indexed = index.Engine.ListingIds();
        var indexedSet = indexed.ToHashSet();
        var removed = indexed.Where(id => !published.Contains(id)).ToList();
        upsert.UnionWith(published.Where(id => !indexedSet.Contains(id)));

        // A snapshot of another database, or one far behind: a rebuild refits the vocabulary on the real corpus.
        var limit = Math.Max(options.Value.SnapshotCatchUpMinimum, (int)(published.Count * options.Value.SnapshotCatchUpMaxShare));
        if (removed.Count + upsert.Count > limit)
        {
            return (0, 0, false);
        }

        foreach (var id in removed)
        {
            index.Engine.Remove(id);
        }

        foreach (var chunk in upsert.Chunk(500))
        {
            var achievements = chunk.Where(achievementIds.Contains).ToList();
            var needs = chunk.Where(id => !achievementIds.Contains(id)).ToList();
            foreach (var a in await db.Achievements.AsNoTracking().Where(a => achievements.Contains(a.Id) && a.Status == ListingStatus.Published)
                         .Select(ListingDocuments.AchievementRow).ToListAsync(ct))
            {
                index.Engine.Upsert(ListingDocuments.From(a));
            }

            foreach (var n in await db.Needs.AsNoTracking().Where(n => needs.Contains(n.Id) && n.Status == ListingStatus.Published)
                         .Select(ListingDocuments.NeedRow).ToListAsync(ct))
            {
                index.Engine.Upsert(ListingDocuments.From(n));
            }
        }

        return (upsert.Count, removed.Count, true);
    }

    /// <summary>Serves the file just written, mapped; on failure the index stays on the heap.</summary>
    private bool ServeMapped(string path, long offset, SnapshotCapture capture)
    {
        try
        {
            return index.Engine.ServeMapped(path, offset, capture);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // the index stays on the heap, as it was
            logger.LogWarning(ex, "Matching snapshot {Path} could not be mapped; the index stays in memory", path);
            return false;
        }
    }

    /// <summary>
    /// Writes the index to the snapshot file (a temporary file renamed over the previous one, so a crash while
    /// writing keeps the previous snapshot). Skipped when switched off or the index is below the configured size.
    /// With <paramref name="serve"/> the node then serves the file it wrote, mapped, with the writes made since
    /// replayed (<c>MatchingEngine.ServeMapped</c>): a node that built its index holds no more heap than one that
    /// restarted, and the listings upserted since the last copy move off the heap at each copy.
    /// </summary>
    public async Task SaveAsync(CancellationToken ct, bool serve = true)
    {
        var path = FilePath;
        if (path is null || index.Engine.Count < options.Value.SnapshotMinListings)
        {
            return;
        }

        await _saving.WaitAsync(ct);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var takenAt = clock.GetUtcNow().UtcDateTime;
            var temp = $"{path}.{Environment.ProcessId}.tmp";
            long offset;
            SnapshotCapture capture;
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(Version);
                    writer.Write(takenAt.Ticks);
                }

                offset = file.Position;
                capture = index.Engine.SaveSnapshot(file);
            }

            File.Move(temp, path, overwrite: true);
            var served = serve && ServeMapped(path, offset, capture);
            logger.LogInformation("Matching index saved to {Path} ({Count} listings) in {ElapsedMs:F0} ms; serving it mapped: {Served}",
                path, index.Engine.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, served);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Matching snapshot {Path} could not be written", path);
        }
        finally
        {
            _saving.Release();
        }
    }
}

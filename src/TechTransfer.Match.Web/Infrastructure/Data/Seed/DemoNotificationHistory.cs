using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>Set by the database initializer when this start seeded the demo.</summary>
public sealed class DemoSeedSignal
{
    private readonly TaskCompletionSource<bool> _seeded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Seeded() => _seeded.TrySetResult(true);

    /// <summary>Whether this start seeded the demo; false once start-up passed without seeding.</summary>
    public Task<bool> WasSeededAsync => _seeded.Task;

    public void NotSeeded() => _seeded.TrySetResult(false);
}

/// <summary>
/// The proposal backfill matches the seeded catalogue after start-up, and every new proposal tells the
/// parties: a demo researcher would start with 150 match alerts of the same minute. Once those are
/// delivered, the demo users keep their best few, dated over the last week, older ones read. Runs only
/// right after the demo was seeded; the handlers are not changed.
/// </summary>
public sealed class DemoNotificationHistory(IServiceProvider services, DemoSeedSignal signal, TimeProvider clock, ILogger<DemoNotificationHistory> logger)
    : BackgroundService
{
    /// <summary>Match alerts a demo user keeps: a page to read, not a wall.</summary>
    public const int MatchAlertsKept = 12;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await signal.WasSeededAsync.WaitAsync(stoppingToken))
        {
            return;
        }

        try
        {
            await WaitForMatchAlertsAsync(stoppingToken);
            await SpreadAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Cosmetic: the demo works with the burst too.
            logger.LogWarning(ex, "Demo notifications were not spread over the week");
        }
    }

    /// <summary>Until every seeded listing is matched and every match alert delivered (the outbox is empty of them).</summary>
    private async Task WaitForMatchAlertsAsync(CancellationToken ct)
    {
        var type = typeof(MatchProposed).FullName!;
        var until = clock.GetUtcNow().AddMinutes(15);
        while (clock.GetUtcNow() < until)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var busy = await db.AnyAwaitingMatchAsync(ct)
                || await db.OutboxMessages.AnyAsync(m => m.ProcessedAt == null && m.Type == type, ct);
            if (!busy)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), clock, ct);
        }

        throw new TimeoutException("The demo's match alerts were not delivered within 15 minutes.");
    }

    private async Task SpreadAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var demoUsers = await db.Users.Where(u => u.Email!.EndsWith("@demo.techtransfer.local")).Select(u => u.Id).ToListAsync(ct);
        var alerts = await db.Notifications.Where(n => demoUsers.Contains(n.UserId) && n.Kind == NotificationKind.MatchProposed).ToListAsync(ct);
        foreach (var mine in alerts.GroupBy(n => n.UserId))
        {
            var best = mine.OrderByDescending(Score).ThenBy(n => n.Id).ToList();
            db.Notifications.RemoveRange(best.Skip(MatchAlertsKept));
            var kept = best.Take(MatchAlertsKept).ToList();
            for (var i = 0; i < kept.Count; i++)
            {
                // The best are the newest; the rest go back over seven days, at office hours' pace.
                var at = now.AddHours(-1 - (i * 7.0 * 24 / kept.Count));
                kept[i].CreatedAt = at;
                kept[i].ReadAt = at < now.AddDays(-2) ? at.AddHours(3) : null;
            }
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo match alerts spread over the last week: {Kept} kept of {Total}", alerts.Count(a => db.Entry(a).State != EntityState.Detached), alerts.Count);
    }

    private static double Score(Notification n)
    {
        using var data = JsonDocument.Parse(n.Data);
        return data.RootElement.TryGetProperty("score", out var score) && score.TryGetDouble(out var value) ? value : 0;
    }
}

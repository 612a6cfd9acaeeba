using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Tests.Realtime;

/// <summary>
/// The daily digest: people with digest delivery get one summary of the window's unread
/// notifications, counted by kind; instant people get none; a second run, or a second node running
/// at the same moment, sends nothing more. Time is driven by a fixed <see cref="TimeProvider"/>.
/// </summary>
public abstract class DailyDigestTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_digest_person_gets_one_digest_counting_the_windows_unread_notifications_by_kind_and_an_instant_person_none()
    {
        var digest = await PersonAsync("DailyDigest");
        var instant = await PersonAsync("Instant");
        await NotifyAsync([digest.Id, instant.Id], NotificationKind.InterestReceived, times: 2);
        await NotifyAsync([digest.Id, instant.Id], NotificationKind.MatchProposed, times: 1);
        var read = await NotifyAsync([digest.Id], NotificationKind.DealStageChanged, times: 1);
        var old = await NotifyAsync([digest.Id], NotificationKind.ContractRecorded, times: 1);
        await app.WithDbAsync(db => db.Notifications.Where(n => read.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTime.UtcNow)));
        await app.WithDbAsync(db => db.Notifications.Where(n => old.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.CreatedAt, DateTime.UtcNow.AddDays(-3))));

        var (clock, windowEnd) = ClockJustAfterTheWindowOfNow();
        await using var digestHub = await ListenAsync(digest);
        await using var instantHub = await ListenAsync(instant);
        await SendAsync(clock);

        await Eventually(() => !digestHub.Received.IsEmpty);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var message = digestHub.Received.ShouldHaveSingleItem();
        message.WindowEnd.ShouldBe(windowEnd);
        message.WindowStart.ShouldBe(windowEnd.AddDays(-1));
        message.Total.ShouldBe(3);
        message.Counts.ShouldBe(new Dictionary<string, int> { ["InterestReceived"] = 2, ["MatchProposed"] = 1 }, ignoreOrder: true);
        instantHub.Received.ShouldBeEmpty();

        // Stored once, as read (so the unread count is the summarised notifications only), with the same id.
        var stored = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.Digest && (n.UserId == digest.Id || n.UserId == instant.Id)).ToListAsync());
        stored.ShouldHaveSingleItem().Id.ShouldBe(message.Id);
        stored[0].UserId.ShouldBe(digest.Id);
        stored[0].ReadAt.ShouldNotBeNull();
        stored[0].Data.ShouldContain("\"total\":3");
        var unread = await (await digest.Client.GetAsync("/api/notifications/unread-count")).JsonAsync();
        unread.GetProperty("unread").GetInt32().ShouldBe(4); // 2 + 1 in the window, 1 older
    }

    [Fact]
    public async Task Running_twice_in_a_window_or_on_two_nodes_at_once_sends_the_digest_once()
    {
        var digest = await PersonAsync("DailyDigest");
        await NotifyAsync([digest.Id], NotificationKind.SavedSearchMatched, times: 2);
        var (clock, _) = ClockJustAfterTheWindowOfNow();
        await using var hub = await ListenAsync(digest);

        // Two nodes (two senders, each with its own DbContext) at the same moment, then a later run.
        await Task.WhenAll(SendAsync(clock), SendAsync(clock));
        await SendAsync(clock);
        await SendAsync(new FixedClock(clock.GetUtcNow().AddHours(20)));

        await Eventually(() => !hub.Received.IsEmpty);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        hub.Received.ShouldHaveSingleItem().Counts.ShouldBe(new Dictionary<string, int> { ["SavedSearchMatched"] = 2 }, ignoreOrder: true);
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == digest.Id && n.Kind == NotificationKind.Digest))).ShouldBe(1);
    }

    [Fact]
    public async Task A_digest_person_with_nothing_unread_in_the_window_gets_no_digest()
    {
        var digest = await PersonAsync("DailyDigest");
        var ids = await NotifyAsync([digest.Id], NotificationKind.InterestAccepted, times: 1);
        await app.WithDbAsync(db => db.Notifications.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTime.UtcNow)));
        await using var hub = await ListenAsync(digest);

        await SendAsync(ClockJustAfterTheWindowOfNow().Clock);

        await Task.Delay(TimeSpan.FromSeconds(1));
        hub.Received.ShouldBeEmpty();
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == digest.Id && n.Kind == NotificationKind.Digest))).ShouldBe(0);
    }

    [Fact]
    public async Task The_digest_email_counts_the_chosen_kinds_in_the_persons_language_and_is_sent_once_by_two_nodes()
    {
        // E-mail only: in-app delivery stays instant, so nothing is pushed; the digest is e-mailed.
        var chinese = await PersonAsync("Instant", ("MatchProposed", "Digest"), ("InterestReceived", "Digest"));
        var english = await PersonAsync("Instant", ("MatchProposed", "Digest"));
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == english.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, "en")));
        await NotifyAsync([chinese.Id, english.Id], NotificationKind.MatchProposed, times: 3);
        await NotifyAsync([chinese.Id, english.Id], NotificationKind.InterestReceived, times: 2);
        await NotifyAsync([chinese.Id], NotificationKind.DealStageChanged, times: 1); // not chosen for the digest
        var (clock, _) = ClockJustAfterTheWindowOfNow();
        await using var hub = await ListenAsync(chinese);

        await Task.WhenAll(SendAsync(clock), SendAsync(clock));
        await SendAsync(clock);

        var mail = (await MailServer.WaitForAsync(chinese.Email, count: 2)).Single(m => m.Headers.Contains("List-Unsubscribe"));
        mail.Subject.ShouldStartWith("每日汇总：5 条新通知");
        var text = MailServer.Text(mail);
        text.ShouldContain("- 新的匹配推荐：3 条 http");
        text.ShouldContain("- 收到对接意向：2 条 http");
        text.ShouldContain("/notifications");
        text.ShouldNotContain("对接项目进展");
        mail.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");

        var inEnglish = (await MailServer.WaitForAsync(english.Email, count: 2)).Single(m => m.Headers.Contains("List-Unsubscribe"));
        inEnglish.Subject.ShouldStartWith("Daily digest: 3 new notifications");
        MailServer.Text(inEnglish).ShouldContain("- New proposals: 3 http");

        await Task.Delay(TimeSpan.FromSeconds(2));
        MailServer.Read(chinese.Email).Count(m => m.Headers.Contains("List-Unsubscribe")).ShouldBe(1);
        MailServer.Read(english.Email).Count(m => m.Headers.Contains("List-Unsubscribe")).ShouldBe(1);
        hub.Received.ShouldBeEmpty();
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == chinese.Id && n.Kind == NotificationKind.Digest))).ShouldBe(1);
    }

    /// <summary>A clock one minute after the end of the digest window that contains the real now.</summary>
    private (TimeProvider Clock, DateTime WindowEnd) ClockJustAfterTheWindowOfNow()
    {
        var hour = app.Services.GetRequiredService<RealtimeOptions>().DigestHourUtc;
        var now = DateTime.UtcNow;
        var end = now.Date.AddHours(hour);
        if (end <= now)
        {
            end = end.AddDays(1);
        }

        return (new FixedClock(new DateTimeOffset(end.AddMinutes(1), TimeSpan.Zero)), end);
    }

    private async Task SendAsync(TimeProvider clock)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<DailyDigestSender>(scope.ServiceProvider, clock).SendAsync(CancellationToken.None);
    }

    private async Task<Person> PersonAsync(string delivery, params (string Kind, string Channel)[] channels)
    {
        var user = await app.CreateUserAsync(Roles.InstitutionMember);
        await (await user.Client.PutAsJsonAsync("/api/notifications/preferences", new
        {
            mutedKinds = Array.Empty<string>(), minMatchScore = 0, delivery, channels = channels.Select(c => new { kind = c.Kind, channel = c.Channel }).ToArray(),
        })).ShouldBeAsync(HttpStatusCode.OK);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == user.Email).Select(u => u.Id).SingleAsync());
        return new Person(id, user.Email, user.Client);
    }

    /// <summary>Notifies through the dispatcher, as the domain-event handlers do; returns the stored ids.</summary>
    private async Task<List<Guid>> NotifyAsync(Guid[] userIds, NotificationKind kind, int times)
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        for (var i = 0; i < times; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>()
                .ToUsersAsync(userIds, kind, new { test = Guid.NewGuid() }, null, null, CancellationToken.None);
        }

        return await app.WithDbAsync(db => db.Notifications.Where(n => userIds.Contains(n.UserId) && n.Kind == kind && n.CreatedAt >= before).Select(n => n.Id).ToListAsync());
    }

    private async Task<Listener> ListenAsync(Person person)
    {
        var connection = app.HubConnection(await app.TokenAsync(person.Email));
        var listener = new Listener(connection);
        connection.On<DigestMessage>(nameof(INotificationsClient.Digest), listener.Received.Enqueue);
        await connection.StartAsync();
        return listener;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("The expected message did not arrive.");
            }

            await Task.Delay(50);
        }
    }

    private sealed record Person(Guid Id, string Email, HttpClient Client);

    private sealed class Listener(HubConnection connection) : IAsyncDisposable
    {
        public ConcurrentQueue<DigestMessage> Received { get; } = new();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}

public sealed class SqliteDailyDigestTests(SqliteApp app) : DailyDigestTests<SqliteApp>(app);

public sealed class PostgresDailyDigestTests(PostgresApp app) : DailyDigestTests<PostgresApp>(app);

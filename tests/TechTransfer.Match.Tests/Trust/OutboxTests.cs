using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// Finding 9 of the trust review: what happens after a commit is not lost. Events are stored with the change
/// (the outbox); a node that stops between the commit and the delivery leaves them to the next one, which
/// delivers each exactly once; a failing handler is retried with backoff until its cause is gone.
/// Each test runs two lives of a node over one database.
/// </summary>
public abstract class OutboxTests(Func<TestDatabase> newDatabase)
{
    protected sealed class Life(TestDatabase database, bool last, IDictionary<string, string?> settings) : TestApp(database)
    {
        protected override bool OwnsDatabase => last;

        protected override IDictionary<string, string?> Settings => settings;
    }

    /// <summary>
    /// A node that neither delivers after commits nor runs a worker, and the stored confirmation-mail event of an account
    /// registered on it: the test drives the delivery itself.
    /// </summary>
    protected static async Task<(Life App, string Email, Guid MessageId)> QuietNodeWithMailEventAsync(TestDatabase database, params (string Key, string Value)[] settings)
    {
        var configured = new Dictionary<string, string?> { ["Outbox:DeliverAfterCommit"] = "false", ["Outbox:WorkerEnabled"] = "false" };
        foreach (var (key, value) in settings)
        {
            configured[key] = value;
        }

        var app = new Life(database, last: true, configured);
        await app.InitializeAsync();
        var email = $"quiet-{Guid.NewGuid():N}@tests.local";
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email, password = TestApp.Password, displayName = "发件箱", role = "EnterpriseMember" })).ShouldBeAsync(HttpStatusCode.Accepted);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var id = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Type.EndsWith("AccountMailRequested") && m.Payload.Contains(userId.ToString())).Select(m => m.Id).SingleAsync());
        return (app, email, id);
    }

    private static Task<int> NotificationsAboutAsync(TestApp app, Guid userId, Guid interestId) =>
        app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.Kind == NotificationKind.InterestReceived && n.Data.Contains(interestId.ToString())));

    [Fact]
    public async Task A_node_stopping_between_the_commit_and_the_delivery_loses_nothing_and_the_next_delivers_it_once()
    {
        var database = newDatabase();
        Guid researcherId, interestId;
        await using (var first = new Life(database, last: false, new Dictionary<string, string?>
        {
            // This life dies right after its commits: nothing is delivered, neither inline nor by its worker.
            ["Outbox:DeliverAfterCommit"] = "false",
            ["Outbox:WorkerEnabled"] = "false",
        }))
        {
            await first.InitializeAsync();
            var researcher = await first.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
            var enterprise = await first.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
            researcherId = await researcher.Client.UserIdAsync();
            var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement("发件箱测试 激光熔覆"));
            await researcher.Client.PublishAsync("achievements", achievement);
            var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = achievement.Id, message = "提交后宕机" }))
                .JsonAsync(HttpStatusCode.Created);
            interestId = interest.GetProperty("id").GetGuid();

            (await NotificationsAboutAsync(first, researcherId, interestId)).ShouldBe(0);
            var stored = await first.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Payload.Contains(interestId.ToString())));
            stored.ProcessedAt.ShouldBeNull();
        }

        await using var second = new Life(database, last: true, new Dictionary<string, string?>());
        await second.InitializeAsync();
        for (var i = 0; i < 150 && await NotificationsAboutAsync(second, researcherId, interestId) == 0; i++)
        {
            await Task.Delay(200);
        }

        (await NotificationsAboutAsync(second, researcherId, interestId)).ShouldBe(1, "the stored event was delivered by the next life");
        // The worker keeps polling: the delivered message is never taken again.
        await Task.Delay(2500);
        (await NotificationsAboutAsync(second, researcherId, interestId)).ShouldBe(1);
        var message = await second.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Payload.Contains(interestId.ToString())));
        message.ProcessedAt.ShouldNotBeNull();
        (await second.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ProcessedAt == null && m.AvailableAt <= DateTime.UtcNow))).ShouldBe(0);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_with_backoff_and_its_mail_goes_out_once_the_cause_is_gone()
    {
        var database = newDatabase();
        var email = $"outbox-{Guid.NewGuid():N}@tests.local";
        await using (var first = new Life(database, last: false, new Dictionary<string, string?>
        {
            // No SMTP server listens here: every delivery of the confirmation mail fails.
            ["Mail:SmtpPort"] = "1",
            ["Outbox:FirstBackoff"] = "00:00:00.200",
            // Capped, so however many attempts a slow machine makes before this life ends, the next life's first
            // retry is due within a second, not after a doubled delay longer than the wait below.
            ["Outbox:MaxBackoff"] = "00:00:01",
            ["Outbox:PollInterval"] = "00:00:00.100",
        }))
        {
            await first.InitializeAsync();
            await (await first.CreateClient().PostAsJsonAsync("/api/auth/register",
                new { email, password = TestApp.Password, displayName = "重试", role = "EnterpriseMember" })).ShouldBeAsync(HttpStatusCode.Accepted);
            var userId = await first.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            Web.Infrastructure.Outbox.OutboxMessage? message = null;
            for (var i = 0; i < 100 && message is not { Attempts: >= 2 }; i++)
            {
                await Task.Delay(100);
                message = await first.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Type.EndsWith("AccountMailRequested") && m.Payload.Contains(userId.ToString())));
            }

            message.ShouldNotBeNull();
            message.Attempts.ShouldBeGreaterThanOrEqualTo(2, "retried after each failure");
            message.LastError.ShouldNotBeNull();
            message.LastError.ShouldContain("AccountMails");
            message.ProcessedAt.ShouldBeNull();
            MailServer.Read(email).ShouldBeEmpty();
        }

        await using var second = new Life(database, last: true, new Dictionary<string, string?>());
        await second.InitializeAsync();
        var mails = await MailServer.WaitForAsync(email);
        await Task.Delay(2000);
        MailServer.Read(email).Count.ShouldBe(1);
        (mails[0].Subject ?? "").ShouldContain("确认");
    }

    /// <summary>
    /// A command whose own event a worker claimed in the instant after the commit waits, before it answers, for that
    /// worker to finish: a publish answered earlier left the next publish unmatched against the listing.
    /// </summary>
    [Fact]
    public async Task A_command_whose_event_a_worker_claimed_first_answers_after_that_worker_delivered_it()
    {
        var (app, email, id) = await QuietNodeWithMailEventAsync(newDatabase(), ("Outbox:AwaitHeldFor", "00:00:30"));
        await using var node = app;
        // Another node's worker holds it.
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, DateTime.UtcNow.AddMinutes(1)).SetProperty(m => m.LockedBy, "another-node")));

        var dispatcher = app.Services.GetRequiredService<Web.Infrastructure.Outbox.OutboxDispatcher>();
        var answer = dispatcher.DeliverBeforeAnswerAsync([id]);
        await Task.Delay(1000);
        answer.IsCompleted.ShouldBeFalse("the command waits while the other worker holds its event");
        MailServer.Read(email).ShouldBeEmpty("the event is the holder's to deliver, not delivered twice");

        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ProcessedAt, DateTime.UtcNow).SetProperty(m => m.LockedUntil, (DateTime?)null)));
        // Generous bound: it fails only if the wait never notices the delivery (it would then last its 30 s).
        await answer.WaitAsync(TimeSpan.FromSeconds(15));
        MailServer.Read(email).ShouldBeEmpty();
    }
}

public sealed class SqliteOutboxTests() : OutboxTests(() => new SqliteTestDatabase());

public sealed class PostgresOutboxTests() : OutboxTests(() => new PostgresTestDatabase())
{
    /// <summary>
    /// A node that stops after claiming a message but before reading it hands the claim back, so the next node
    /// delivers at once instead of after the lease. PostgreSQL only: a table lock holds the read between the two.
    /// </summary>
    [Fact]
    public async Task A_node_stopping_right_after_its_claim_hands_the_message_back()
    {
        var (app, _, id) = await QuietNodeWithMailEventAsync(new PostgresTestDatabase());
        await using var node = app;

        await using var holder = new Npgsql.NpgsqlConnection(app.Database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand("LOCK TABLE \"OutboxDeliveries\" IN ACCESS EXCLUSIVE MODE", holder, hold))
        {
            await command.ExecuteNonQueryAsync();
        }

        using var stopping = new CancellationTokenSource();
        var dispatcher = app.Services.GetRequiredService<Web.Infrastructure.Outbox.OutboxDispatcher>();
        var delivery = dispatcher.DeliverAsync([id], stopping.Token);
        Web.Infrastructure.Outbox.OutboxMessage? claimed = null;
        for (var i = 0; i < 100 && claimed?.LockedUntil is null; i++)
        {
            await Task.Delay(100);
            claimed = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        }

        claimed!.LockedUntil.ShouldNotBeNull("the node claimed the message and now waits to read its deliveries");
        delivery.IsCompleted.ShouldBeFalse();
        await stopping.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => delivery);
        await hold.RollbackAsync();

        var released = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        released.LockedUntil.ShouldBeNull("a stopping node hands its claim back");
        released.Attempts.ShouldBe(0);
        released.ProcessedAt.ShouldBeNull();
        (await dispatcher.DeliverDueAsync(50, CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        (await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id))).ProcessedAt.ShouldNotBeNull();
    }
}

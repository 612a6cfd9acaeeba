using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Tests.Realtime;

/// <summary>
/// Notification e-mails at the real SMTP server (<see cref="MailServer"/>): a kind chosen for e-mail arrives at
/// once through the outbox, one left in the app does not; every mail carries a one-click unsubscribe (RFC 8058)
/// that works without signing in and turns its kind back to the app only; an altered token is a 400.
/// </summary>
public abstract class NotificationMailTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task A_kind_chosen_for_email_arrives_at_once_and_a_kind_left_in_the_app_does_not()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await ChooseAsync(researcher, ("InterestReceived", "Email"));
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"邮件提醒成果 {Listings.Tag()}"));
        await researcher.Client.PublishAsync("achievements", achievement);

        // A match alert (left in the app) first, then a real interest (chosen for e-mail).
        await NotifyAsync(await researcher.Client.UserIdAsync(), NotificationKind.MatchProposed, new { achievementTitle = "不应发邮件的推荐", needTitle = "需求" });
        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = achievement.Id, message = "希望洽谈许可" }))
            .JsonAsync(HttpStatusCode.Created);
        var interestId = interest.GetProperty("id").GetGuid();

        var mail = (await NotificationMailsAsync(researcher.Email, 1)).Single();
        mail.Subject.ShouldBe("收到对接意向 - 大连技术转移对接平台");
        MailServer.Text(mail).ShouldContain($"/interests/{interestId}");
        var notificationId = await app.WithDbAsync(db => db.Notifications
            .Where(n => n.Kind == NotificationKind.InterestReceived && n.Link == $"/interests/{interestId}" && db.Users.Any(u => u.Id == n.UserId && u.Email == researcher.Email))
            .Select(n => n.Id).SingleAsync());
        mail.MessageId.ShouldStartWith(notificationId.ToString("N"));
        mail.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        mail.Headers["List-Unsubscribe"]!.ShouldMatch(@"^<https?://[^>]+/api/notifications/unsubscribe\?token=[A-Za-z0-9_-]+>$");
        MailServer.Text(mail).ShouldContain("/unsubscribe?token=");

        await Task.Delay(TimeSpan.FromSeconds(2));
        (await NotificationMailsAsync(researcher.Email, 0)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_one_click_unsubscribe_works_without_signing_in_turns_the_kind_back_to_the_app_and_refuses_an_altered_token()
    {
        var person = await app.CreateUserAsync(Roles.InstitutionMember);
        var userId = await person.Client.UserIdAsync();
        await ChooseAsync(person, ("DealStageChanged", "Email"), ("ContractRecorded", "Email"), ("MatchProposed", "Digest"));
        await NotifyAsync(userId, NotificationKind.DealStageChanged, new { dealTitle = "退订测试项目" });
        var mail = (await NotificationMailsAsync(person.Email, 1)).Single();
        var url = new Uri(mail.Headers["List-Unsubscribe"]!.Trim('<', '>'));

        // A tampered token: 400, nothing changed.
        var token = url.Query["?token=".Length..];
        var tampered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        var anonymous = app.CreateClient();
        var problem = await (await anonymous.PostAsync($"/api/notifications/unsubscribe?token={tampered}", OneClick())).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("token").GetArrayLength().ShouldBe(1);
        (await ChannelsAsync(person)).ShouldContain(("DealStageChanged", "Email"));

        // What a mail client does (RFC 8058): POST the header's URL with the one-click form body, no cookie, no token.
        var done = await (await anonymous.PostAsync(url.PathAndQuery, OneClick())).JsonAsync();
        done.GetProperty("kind").GetString().ShouldBe("DealStageChanged");
        (await ChannelsAsync(person)).ShouldBe([("ContractRecorded", "Email"), ("MatchProposed", "Digest")], ignoreOrder: true);
        await (await anonymous.PostAsync(url.PathAndQuery, OneClick())).ShouldBeAsync(HttpStatusCode.OK); // again: nothing to change

        // The kind now stays in the app: no mail for the next one; the other chosen kind still mails.
        await NotifyAsync(userId, NotificationKind.DealStageChanged, new { dealTitle = "退订之后" });
        await NotifyAsync(userId, NotificationKind.ContractRecorded, new { year = 2026 });
        await NotificationMailsAsync(person.Email, 2);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var mails = await NotificationMailsAsync(person.Email, 0);
        mails.Select(m => m.Subject).ShouldBe(["对接项目进展 - 大连技术转移对接平台", "技术合同登记 - 大连技术转移对接平台"], ignoreOrder: true);
    }

    private static FormUrlEncodedContent OneClick() => new([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);

    /// <summary>The notification mails to the address (not the account mails), waiting until at least <paramref name="count"/> arrived.</summary>
    private static async Task<IReadOnlyList<MimeMessage>> NotificationMailsAsync(string email, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = MailServer.Read(email).Where(m => m.Headers.Contains("List-Unsubscribe")).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{found.Count} of {count} notification mails to {email} arrived.");
            }

            await Task.Delay(200);
        }
    }

    private static async Task ChooseAsync(TestUser user, params (string Kind, string Channel)[] channels) =>
        await (await user.Client.PutAsJsonAsync("/api/notifications/preferences", new
        {
            mutedKinds = Array.Empty<string>(), minMatchScore = 0, delivery = "Instant",
            channels = channels.Select(c => new { kind = c.Kind, channel = c.Channel }).ToArray(),
        })).ShouldBeAsync(HttpStatusCode.OK);

    private static async Task<List<(string, string)>> ChannelsAsync(TestUser user) =>
        (await (await user.Client.GetAsync("/api/notifications/preferences")).JsonAsync()).GetProperty("channels").EnumerateArray()
            .Select(c => (c.GetProperty("kind").GetString()!, c.GetProperty("channel").GetString()!)).ToList();

    /// <summary>Notifies through the dispatcher, as the domain-event handlers do.</summary>
    private async Task NotifyAsync(Guid userId, NotificationKind kind, object data)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>().ToUsersAsync([userId], kind, data, "/deals", null, CancellationToken.None);
    }
}

public sealed class SqliteNotificationMailTests(SqliteApp app) : NotificationMailTests<SqliteApp>(app);

public sealed class PostgresNotificationMailTests(PostgresApp app) : NotificationMailTests<PostgresApp>(app);

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// Sessions end when they should, accounts cannot be enumerated, and mail really goes out: the findings 4 and 5
/// of the trust review, through HTTP with real tokens and the real SMTP server the test script starts.
/// </summary>
public abstract class SessionAndAccountTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private sealed record Tokens(string AccessToken, string RefreshToken);

    private async Task<Tokens> LoginAsync(string email, string password = TestApp.Password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });
        return await response.ReadAsync<Tokens>();
    }

    private HttpClient Bearer(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Logout_ends_the_bearer_token_the_refresh_token_and_a_copied_cookie()
    {
        var user = await app.CreateUserAsync(Roles.EnterpriseMember);
        var tokens = await LoginAsync(user.Email);
        var client = Bearer(tokens.AccessToken);
        await (await client.GetAsync("/api/auth/me")).ShouldBeAsync(HttpStatusCode.OK);

        // A browser session, and a copy of its cookie taken before logout.
        var browser = app.BrowserClient();
        var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = user.Email, password = TestApp.Password });
        await login.ShouldBeAsync(HttpStatusCode.OK);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ttm.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = app.CreateClient();
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        await (await copy.GetAsync("/api/auth/me")).ShouldBeAsync(HttpStatusCode.OK);

        await (await client.PostAsync("/api/auth/logout", null)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken })).ProblemAsync(HttpStatusCode.Unauthorized);

        await (await browser.PostAsync("/api/auth/logout", null)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await copy.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_live_hub_connection_is_closed_when_its_session_ends()
    {
        var user = await app.CreateUserAsync(Roles.EnterpriseMember);
        var tokens = await LoginAsync(user.Email);
        await using var hub = app.HubConnection(tokens.AccessToken);
        var closed = new TaskCompletionSource();
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        await Task.Delay(1500);
        hub.State.ShouldBe(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, "a live session keeps its connection");

        await (await Bearer(tokens.AccessToken).PostAsync("/api/auth/logout", null)).ShouldBeAsync(HttpStatusCode.NoContent);
        (await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(15)))).ShouldBe(closed.Task, "the connection outlived the session");
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_reused_one_ends_the_whole_session()
    {
        var user = await app.CreateUserAsync(Roles.InstitutionMember);
        var first = await LoginAsync(user.Email);
        var second = await (await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken })).ReadAsync<Tokens>();
        second.RefreshToken.ShouldNotBe(first.RefreshToken);
        await (await Bearer(second.AccessToken).GetAsync("/api/auth/me")).ShouldBeAsync(HttpStatusCode.OK);

        // The first refresh token comes back: it was copied. Both it and everything issued after it stop working.
        var reuse = await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken });
        (await reuse.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("code").GetString().ShouldBe("session_ended");
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second.RefreshToken })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Bearer(second.AccessToken).GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        var reason = await app.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == db.Users.Single(u => u.Email == user.Email).Id && s.Kind == "token")
            .OrderByDescending(s => s.CreatedAt).Select(s => s.RevokedReason).FirstAsync());
        reason.ShouldBe("refresh_reuse");
    }

    [Fact]
    public async Task Deactivating_an_account_ends_its_sessions_at_once_and_reactivating_lets_it_sign_in_again()
    {
        var user = await app.CreateUserAsync(Roles.EnterpriseMember);
        var id = (await (await user.Client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
        await (await app.Admin.PostAsJsonAsync($"/api/accounts/{id}/deactivate", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Admin.PostAsJsonAsync($"/api/accounts/{id}/deactivate", new { reason = "离职" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await user.Client.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        var refused = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = TestApp.Password });
        (await refused.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("code").GetString().ShouldBe("account_deactivated");

        await (await app.Admin.PostAsync($"/api/accounts/{id}/reactivate", null)).ShouldBeAsync(HttpStatusCode.OK);
        await LoginAsync(user.Email);
        var audit = await (await app.Admin.GetAsync($"/api/audit?targetId={id}")).JsonAsync();
        audit.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("action").GetString()).ShouldBe(["account.reactivated", "account.deactivated"]);
    }

    [Fact]
    public async Task A_role_granted_or_revoked_by_an_administrator_counts_on_the_next_request_of_the_same_token()
    {
        var user = await app.CreateUserAsync(Roles.EnterpriseMember);
        var id = (await (await user.Client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
        await (await user.Client.GetAsync("/api/audit")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Admin.PostAsJsonAsync($"/api/accounts/{id}/roles", new { role = "BureauAnalyst" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await user.Client.GetAsync("/api/audit")).ShouldBeAsync(HttpStatusCode.OK);
        await (await app.Admin.PostAsJsonAsync($"/api/accounts/{id}/roles", new { role = "TechnologyManager" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Admin.DeleteAsync($"/api/accounts/{id}/roles/BureauAnalyst")).ShouldBeAsync(HttpStatusCode.OK);
        await (await user.Client.GetAsync("/api/audit")).ProblemAsync(HttpStatusCode.Forbidden);

        // The last active administrator cannot be demoted or deactivated, not even by themselves.
        var adminId = (await (await app.Admin.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
        var admins = await (await app.Admin.GetAsync("/api/accounts?role=Administrator&state=active&pageSize=200")).JsonAsync();
        if (admins.GetProperty("total").GetInt32() == 1)
        {
            (await (await app.Admin.DeleteAsync($"/api/accounts/{adminId}/roles/Administrator")).ProblemAsync(HttpStatusCode.Conflict))
                .GetProperty("code").GetString().ShouldBe("last_administrator");
        }

        (await (await app.Admin.PostAsJsonAsync($"/api/accounts/{adminId}/deactivate", new { reason = "test" })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("own_account");
    }

    [Fact]
    public async Task Registration_answers_the_same_for_a_taken_address_and_mails_its_owner_instead()
    {
        var email = $"owner-{Guid.NewGuid():N}@tests.local";
        await app.RegisterAsync(email, Roles.EnterpriseMember);
        var again = await app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email, password = "Another#Pass9", displayName = "冒名者", role = "InstitutionMember" });
        var fresh = await app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email = $"new-{Guid.NewGuid():N}@tests.local", password = "Another#Pass9", displayName = "新用户", role = "InstitutionMember" });
        await again.ShouldBeAsync(HttpStatusCode.Accepted);
        await fresh.ShouldBeAsync(HttpStatusCode.Accepted);
        var a = await again.Content.ReadFromJsonAsync<JsonElement>();
        var b = await fresh.Content.ReadFromJsonAsync<JsonElement>();
        a.GetProperty("status").GetString().ShouldBe(b.GetProperty("status").GetString());
        a.EnumerateObject().Select(p => p.Name).ShouldBe(b.EnumerateObject().Select(p => p.Name));

        // The real owner hears of it, through the SMTP server; the password of the account did not change.
        var mails = await MailServer.WaitForAsync(email, count: 2);
        mails.Select(m => m.Subject).ShouldContain(s => s != null && s.Contains("尝试用您的邮箱注册"));
        await LoginAsync(email);
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email))).ShouldBe(1);
    }

    [Fact]
    public async Task A_new_account_signs_in_only_after_opening_the_link_in_its_confirmation_mail()
    {
        var email = $"confirm-{Guid.NewGuid():N}@tests.local";
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email, password = TestApp.Password, displayName = "确认邮箱", role = "EnterpriseMember" })).ShouldBeAsync(HttpStatusCode.Accepted);
        var early = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = TestApp.Password });
        (await early.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("code").GetString().ShouldBe("email_not_confirmed");

        var mail = (await MailServer.WaitForAsync(email)).Single();
        var link = Link(MailServer.Text(mail), "/confirm-email");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/confirm-email", new { userId = query["userId"].ToString(), token = "forged" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/confirm-email", new { userId = query["userId"].ToString(), token = query["token"].ToString() }))
            .ShouldBeAsync(HttpStatusCode.NoContent);
        await LoginAsync(email);
    }

    [Fact]
    public async Task A_password_reset_by_mail_ends_every_session_and_the_old_password()
    {
        var user = await app.CreateUserAsync(Roles.InstitutionMember);
        var unknown = await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = $"nobody-{Guid.NewGuid():N}@tests.local" });
        var known = await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = user.Email });
        await unknown.ShouldBeAsync(HttpStatusCode.Accepted);
        await known.ShouldBeAsync(HttpStatusCode.Accepted);

        var mail = (await MailServer.WaitForAsync(user.Email, count: 2)).Last(m => m.Subject?.Contains("重置密码") == true);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Link(MailServer.Text(mail), "/reset-password").Query);
        var weak = await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { email = user.Email, token = query["token"].ToString(), newPassword = "Password#1" });
        await weak.ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { email = user.Email, token = query["token"].ToString(), newPassword = "Brand#New9x" }))
            .ShouldBeAsync(HttpStatusCode.NoContent);

        await (await user.Client.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = TestApp.Password })).ProblemAsync(HttpStatusCode.Unauthorized);
        await LoginAsync(user.Email, "Brand#New9x");
        (await MailServer.WaitForAsync(user.Email, count: 3)).ShouldContain(m => m.Subject != null && m.Subject.Contains("密码已更改"));
    }

    [Fact]
    public async Task Login_answers_an_unknown_and_a_known_account_alike_and_no_one_can_lock_out_the_owner()
    {
        var user = await app.CreateUserAsync(Roles.EnterpriseMember);
        var unknown = await app.ClientFrom("203.0.113.50").PostAsJsonAsync("/api/auth/login", new { email = $"ghost-{Guid.NewGuid():N}@tests.local", password = "Wrong#Pass1" });
        var known = await app.ClientFrom("203.0.113.50").PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong#Pass1" });
        var u = await unknown.ProblemAsync(HttpStatusCode.Unauthorized);
        var k = await known.ProblemAsync(HttpStatusCode.Unauthorized);
        u.GetProperty("code").GetString().ShouldBe(k.GetProperty("code").GetString());
        u.GetProperty("detail").GetString().ShouldBe(k.GetProperty("detail").GetString());

        // Unknown accounts are throttled like real ones: the throttle says nothing about existence either.
        var ghost = $"ghost-{Guid.NewGuid():N}@tests.local";
        for (var i = 0; i < 5; i++)
        {
            await (await app.ClientFrom("203.0.113.51").PostAsJsonAsync("/api/auth/login", new { email = ghost, password = "Wrong#Pass1" })).ProblemAsync(HttpStatusCode.Unauthorized);
            await (await app.ClientFrom("203.0.113.51").PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong#Pass1" })).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await app.ClientFrom("203.0.113.51").PostAsJsonAsync("/api/auth/login", new { email = ghost, password = "Wrong#Pass1" })).ProblemAsync(HttpStatusCode.TooManyRequests);
        await (await app.ClientFrom("203.0.113.51").PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = TestApp.Password })).ProblemAsync(HttpStatusCode.TooManyRequests);
        await (await app.ClientFrom("198.51.100.9").PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = TestApp.Password })).ShouldBeAsync(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Users.Where(u => u.Email == user.Email).Select(u => u.LockoutEnd).SingleAsync())).ShouldBeNull();
    }

    [Fact]
    public async Task Common_and_email_based_passwords_are_refused()
    {
        foreach (var password in new[] { "Password#2026", "Qwerty#123", "Woaini#1314" })
        {
            var response = await app.CreateClient().PostAsJsonAsync("/api/auth/register",
                new { email = $"pw-{Guid.NewGuid():N}@tests.local", password, displayName = "弱密码", role = "EnterpriseMember" });
            (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("password").GetArrayLength().ShouldBeGreaterThan(0);
        }

        var own = await app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email = "zhangwei2026@tests.local", password = "Zhangwei2026#x", displayName = "张伟", role = "EnterpriseMember" });
        await own.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_person_exports_their_data_and_erasure_keeps_the_records_under_a_pseudonym()
    {
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement("擦除测试 激光熔覆"));
        await researcher.Client.PublishAsync("achievements", achievement);
        var interest = await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { achievementId = achievement.Id, message = "希望洽谈" }))
            .JsonAsync(HttpStatusCode.Created);

        var export = await enterprise.Client.GetAsync("/api/auth/me/export");
        await export.ShouldBeAsync(HttpStatusCode.OK);
        export.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith("my-data-");
        var data = await export.Content.ReadFromJsonAsync<JsonElement>();
        data.GetProperty("account").GetProperty("email").GetString().ShouldBe(enterprise.Email);
        data.GetProperty("signIns").GetArrayLength().ShouldBeGreaterThan(0);
        data.GetProperty("interestsSent").EnumerateArray().Select(i => i.GetProperty("message").GetString()).ShouldContain("希望洽谈");

        await (await enterprise.Client.PostAsJsonAsync("/api/auth/me/erase", new { password = "Wrong#Pass1" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await enterprise.Client.PostAsJsonAsync("/api/auth/me/erase", new { password = TestApp.Password })).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await enterprise.Client.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = enterprise.Email, password = TestApp.Password })).ProblemAsync(HttpStatusCode.Unauthorized);

        var userRow = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == db.Interests.Single(i => i.Id == interest.GetProperty("id").GetGuid()).FromUserId));
        userRow.Email.ShouldEndWith("@erased.invalid");
        userRow.PasswordHash.ShouldBeNull();
        userRow.DisplayName.ShouldNotContain("Test");
        (await app.WithDbAsync(db => db.Interests.CountAsync(i => i.Id == interest.GetProperty("id").GetGuid()))).ShouldBe(1);
    }

    private static Uri Link(string text, string path)
    {
        var start = text.IndexOf("http", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOfAny([' ', '\n', '\r'], start);
            var candidate = new Uri(end < 0 ? text[start..] : text[start..end]);
            if (candidate.AbsolutePath == path)
            {
                return candidate;
            }

            start = text.IndexOf("http", start + 1, StringComparison.Ordinal);
        }

        throw new InvalidOperationException($"No {path} link in: {text}");
    }
}

public sealed class SqliteSessionAndAccountTests(SqliteApp app) : SessionAndAccountTests<SqliteApp>(app);

public sealed class PostgresSessionAndAccountTests(PostgresApp app) : SessionAndAccountTests<PostgresApp>(app);

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>Organisations (credit codes, verification, joining) and signing in through HTTP with real bearer tokens and cookies; run once per database provider.</summary>
public abstract class OrganisationAndSignInTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task An_organisation_with_a_mistyped_credit_code_is_refused_naming_it()
    {
        var member = await app.CreateUserAsync(Roles.EnterpriseMember);
        var good = CreditCodes.Complete("91210213MA0" + Random.Shared.Next(100_000, 999_999));
        var typo = good[..17] + (good[17] == '0' ? '1' : '0');
        var name = $"信用代码校验企业{Guid.NewGuid():N}"[..16];
        object Body(string code) => new { kind = "Enterprise", nameZh = name, creditCode = code, regionCode = "210213", regionName = "大连市金州区" };
        var refused = await (await member.Client.PostAsJsonAsync("/api/organisations", Body(typo))).ProblemAsync(HttpStatusCode.BadRequest);
        refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(n => n.EndsWith("creditCode", StringComparison.OrdinalIgnoreCase));
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh == name))).ShouldBe(0);
        await (await member.Client.PostAsJsonAsync("/api/organisations", Body(good))).ReadAsync<IdVersion>(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Unverified_organisations_cannot_publish()
    {
        var member = await app.CreateUserAsync(Roles.EnterpriseMember);
        var created = await (await member.Client.PostAsJsonAsync("/api/organisations", new
        {
            kind = "Enterprise", nameZh = "未认证企业", regionCode = "210213", regionName = "大连市金州区",
        })).ReadAsync<IdVersion>(HttpStatusCode.Created);
        var need = await member.Client.DraftAsync("needs", Listings.Need());
        var publish = await member.Client.PostAsJsonAsync($"/api/needs/{need.Id}/publish", new { version = need.Version });
        await publish.ProblemAsync(HttpStatusCode.Forbidden);

        // Only administrators verify.
        var selfVerify = await member.Client.PostAsJsonAsync($"/api/organisations/{created.Id}/verification", new { status = "Verified", version = created.Version });
        await selfVerify.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Joining_an_organisation_is_approved_by_its_verified_members()
    {
        var founder = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var joiner = await app.CreateUserAsync(Roles.EnterpriseMember);
        var outsider = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);

        // Without a membership nobody creates records.
        await (await joiner.Client.PostAsJsonAsync("/api/needs", Listings.Need())).ProblemAsync(HttpStatusCode.Forbidden);

        var request = await (await joiner.Client.PostAsJsonAsync($"/api/organisations/{founder.OrganisationId}/membership-requests",
            new { message = "我是新入职的技术部经理" })).ReadAsync<IdVersion>(HttpStatusCode.Created);
        var path = $"/api/organisations/{founder.OrganisationId}/membership-requests/{request.Id}";
        await (await outsider.Client.PostAsync(path + "/approve", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await founder.Client.PostAsync(path + "/approve", null)).ShouldBeAsync(HttpStatusCode.OK);
        await (await founder.Client.PostAsync(path + "/approve", null)).ProblemAsync(HttpStatusCode.Conflict);

        var me = await (await joiner.Client.GetAsync("/api/auth/me")).JsonAsync();
        me.GetProperty("organisation").GetProperty("id").GetGuid().ShouldBe(founder.OrganisationId!.Value);
        await joiner.Client.DraftAsync("needs", Listings.Need());

        // One organisation per person.
        var second = await joiner.Client.PostAsJsonAsync($"/api/organisations/{outsider.OrganisationId}/membership-requests", new { message = "再加入一个" });
        await second.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Sign_in_by_cookie_and_bearer_throttling_and_password_rules()
    {
        var anonymous = app.CreateClient();
        var weak = await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "weak@tests.local", password = "short", displayName = "弱密码", role = "EnterpriseMember" });
        (await weak.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
        var selfAdmin = await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "x@tests.local", password = TestApp.Password, displayName = "x", role = "Administrator" });
        await selfAdmin.ProblemAsync(HttpStatusCode.BadRequest);

        var user = await app.CreateUserAsync(Roles.EnterpriseMember);
        var me = await (await user.Client.GetAsync("/api/auth/me")).JsonAsync();
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.EnterpriseMember]);

        var browser = app.BrowserClient();
        await (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = user.Email, password = TestApp.Password })).ShouldBeAsync(HttpStatusCode.OK);
        await (await browser.GetAsync("/api/auth/me")).ShouldBeAsync(HttpStatusCode.OK);
        await (await browser.PostAsync("/api/auth/logout", null)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await browser.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);

        // Five failures from one address make that address wait for that account; the owner elsewhere is not locked out.
        var attacker = app.ClientFrom("203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            var wrong = await attacker.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "Wrong#Pass1" });
            (await wrong.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("code").GetString().ShouldBe("invalid_credentials");
        }

        var throttled = await attacker.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = TestApp.Password });
        (await throttled.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("code").GetString().ShouldBe("too_many_attempts");
        await (await app.ClientFrom("198.51.100.20").PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = TestApp.Password }))
            .ShouldBeAsync(HttpStatusCode.OK);
    }
}

public sealed class SqliteOrganisationAndSignInTests(SqliteApp app) : OrganisationAndSignInTests<SqliteApp>(app);

public sealed class PostgresOrganisationAndSignInTests(PostgresApp app) : OrganisationAndSignInTests<PostgresApp>(app);

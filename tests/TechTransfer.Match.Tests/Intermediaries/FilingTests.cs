using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Intermediaries;

namespace TechTransfer.Match.Tests.Intermediaries;

/// <summary>
/// Intermediary filing (备案): drafted and submitted by the organisation's members, returned with reasons or
/// approved by the bureau with a number and date, valid one year, renewed or revoked by the yearly review; the
/// public directory lists filed, unexpired intermediaries only; bad input, stale versions and a second active
/// filing are refused and write nothing; every step is audited.
/// </summary>
public abstract class FilingTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static readonly DateOnly Today = FilingScenario.Today;

    private async Task<JsonElement> DirectoryAsync(HttpClient client) => await (await client.GetAsync("/api/intermediaries")).JsonAsync();

    private static JsonElement? Entry(JsonElement directory, Guid? organisationId) =>
        directory.EnumerateArray().Where(e => e.GetProperty("organisationId").GetGuid() == organisationId).Cast<JsonElement?>().FirstOrDefault();

    [Fact]
    public async Task A_filing_is_returned_with_reasons_revised_submitted_again_approved_and_then_listed_in_the_public_directory()
    {
        var member = await app.IntermediaryAsync();
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var anonymous = app.CreateClient();
        var draft = await member.DraftAsync();
        draft.GetProperty("state").GetString().ShouldBe("Draft");
        draft.GetProperty("staff").GetArrayLength().ShouldBe(2);
        Entry(await DirectoryAsync(anonymous), member.OrganisationId).ShouldBeNull();
        // The bureau sees the unfiled intermediary in the directory, with its state.
        Entry(await DirectoryAsync(bureau), member.OrganisationId)!.Value.GetProperty("filingState").GetString().ShouldBe("Draft");

        var submitted = await member.Client.StepAsync(draft, "submit");
        submitted.GetProperty("state").GetString().ShouldBe("Submitted");
        // Returning needs reasons; the members cannot decide their own filing.
        var noReason = await (await bureau.PostAsJsonAsync($"/api/intermediary-filings/{submitted.GetProperty("id")}/return",
            new { reasons = "", version = submitted.GetProperty("version").GetInt64() })).ProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").TryGetProperty("reasons", out _).ShouldBeTrue();
        await (await member.Client.PostAsJsonAsync($"/api/intermediary-filings/{submitted.GetProperty("id")}/approve",
            new { filingNumber = "X", filedOn = Today.ToString("yyyy-MM-dd"), version = submitted.GetProperty("version").GetInt64() })).ProblemAsync(HttpStatusCode.Forbidden);
        var returned = await bureau.StepAsync(submitted, "return", new { reasons = "缺少专利代理机构执业许可证复印件" });
        returned.GetProperty("state").GetString().ShouldBe("Returned");
        returned.GetProperty("returnReason").GetString().ShouldBe("缺少专利代理机构执业许可证复印件");

        // A revision with the version read before the return is stale, and changes nothing.
        var id = returned.GetProperty("id").GetGuid();
        var stale = await (await member.Client.PutAsJsonAsync($"/api/intermediary-filings/{id}",
            new { filing = FilingScenario.Body("过期版本"), version = submitted.GetProperty("version").GetInt64() })).ProblemAsync(HttpStatusCode.Conflict);
        stale.GetProperty("code").GetString().ShouldBe("stale_version");
        var revised = await (await member.Client.PutAsJsonAsync($"/api/intermediary-filings/{id}",
            new { filing = FilingScenario.Body("刘经理"), version = returned.GetProperty("version").GetInt64() })).JsonAsync();
        revised.GetProperty("contactName").GetString().ShouldBe("刘经理");
        var resubmitted = await member.Client.StepAsync(revised, "submit");
        var number = FilingScenario.NewNumber();
        var filed = await bureau.StepAsync(resubmitted, "approve", new { filingNumber = number, filedOn = Today.AddDays(-10).ToString("yyyy-MM-dd") });
        filed.GetProperty("state").GetString().ShouldBe("Filed");
        filed.GetProperty("filed").GetBoolean().ShouldBeTrue();
        filed.GetProperty("expiresOn").GetString().ShouldBe(Today.AddDays(-10).AddYears(1).ToString("yyyy-MM-dd"));
        // Filed: no more revision by the members.
        (await (await member.Client.PutAsJsonAsync($"/api/intermediary-filings/{id}", new { filing = FilingScenario.Body(), version = filed.GetProperty("version").GetInt64() }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("filing_state");

        var listed = Entry(await DirectoryAsync(anonymous), member.OrganisationId)!.Value;
        listed.GetProperty("filingNumber").GetString().ShouldBe(number);
        listed.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ShouldBe(["IntellectualProperty", "ContractRegistration"]);
        (await (await anonymous.GetAsync($"/api/intermediaries/{member.OrganisationId}")).JsonAsync()).GetProperty("filed").GetBoolean().ShouldBeTrue();

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TargetId == id).OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["filing.drafted", "filing.submitted", "filing.returned", "filing.revised", "filing.submitted", "filing.approved"]);

        // At most one active filing per organisation.
        (await (await member.Client.PostAsJsonAsync($"/api/intermediaries/{member.OrganisationId}/filings", FilingScenario.Body())).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("filing_exists");
        // A filing number is the bureau's and unique.
        var other = await app.IntermediaryAsync();
        var otherSubmitted = await other.Client.StepAsync(await other.DraftAsync(), "submit");
        (await (await bureau.PostAsJsonAsync($"/api/intermediary-filings/{otherSubmitted.GetProperty("id")}/approve",
            new { filingNumber = number, filedOn = Today.ToString("yyyy-MM-dd"), version = otherSubmitted.GetProperty("version").GetInt64() }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("duplicate_filing_number");
        (await app.WithDbAsync(db => db.IntermediaryFilings.SingleAsync(f => f.OrganisationId == other.OrganisationId))).State.ShouldBe(FilingState.Submitted);
    }

    [Fact]
    public async Task Bad_filings_are_refused_naming_the_fields_and_write_nothing()
    {
        var member = await app.IntermediaryAsync();
        async Task<JsonElement> RefusedAsync(Dictionary<string, object?> body) =>
            (await (await member.Client.PostAsJsonAsync($"/api/intermediaries/{member.OrganisationId}/filings", body)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        var missing = FilingScenario.Body();
        missing.Remove("contactEmail");
        (await RefusedAsync(missing)).TryGetProperty("contactEmail", out _).ShouldBeTrue();
        var empty = FilingScenario.Body();
        empty["staff"] = Array.Empty<object>();
        empty["services"] = Array.Empty<string>();
        var errors = await RefusedAsync(empty);
        errors.TryGetProperty("staff", out _).ShouldBeTrue();
        errors.TryGetProperty("services", out _).ShouldBeTrue();
        var badRows = FilingScenario.Body();
        badRows["staff"] = new[] { new { name = "", role = "经理人", credential = "x" } };
        badRows["credentials"] = new[] { new { name = "许可证", number = "", issuer = "局", validUntil = (string?)null } };
        badRows["contactEmail"] = "not-an-address";
        badRows["contactPhone"] = "call me";
        errors = await RefusedAsync(badRows);
        errors.TryGetProperty("staff[0].name", out _).ShouldBeTrue();
        errors.TryGetProperty("credentials[0].number", out _).ShouldBeTrue();
        errors.TryGetProperty("contactEmail", out _).ShouldBeTrue();
        errors.TryGetProperty("contactPhone", out _).ShouldBeTrue();
        (await app.WithDbAsync(db => db.IntermediaryFilings.CountAsync(f => f.OrganisationId == member.OrganisationId))).ShouldBe(0);

        // Approval needs its number and date, and a date not in the future.
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var submitted = await member.Client.StepAsync(await member.DraftAsync(), "submit");
        var url = $"/api/intermediary-filings/{submitted.GetProperty("id")}/approve";
        var version = submitted.GetProperty("version").GetInt64();
        (await (await bureau.PostAsJsonAsync(url, new { filedOn = Today.ToString("yyyy-MM-dd"), version })).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("filingNumber", out _).ShouldBeTrue();
        (await (await bureau.PostAsJsonAsync(url, new { filingNumber = "DLJS-1", filedOn = Today.AddDays(3).ToString("yyyy-MM-dd"), version })).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("filedOn", out _).ShouldBeTrue();
        // The yearly review revokes only with a reason.
        var filed = await bureau.StepAsync(submitted, "approve", new { filingNumber = FilingScenario.NewNumber(), filedOn = Today.ToString("yyyy-MM-dd") });
        (await (await bureau.PostAsJsonAsync($"/api/intermediary-filings/{filed.GetProperty("id")}/review", new { decision = "Revoke", version = filed.GetProperty("version").GetInt64() }))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        (await app.WithDbAsync(db => db.IntermediaryFilings.SingleAsync(f => f.OrganisationId == member.OrganisationId))).State.ShouldBe(FilingState.Filed);
    }

    [Fact]
    public async Task An_expired_filing_leaves_the_directory_until_the_yearly_review_renews_it_and_a_revoked_one_ends()
    {
        var member = await app.IntermediaryAsync();
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var anonymous = app.CreateClient();
        var filed = await member.FiledAsync(bureau, Today.AddYears(-1).AddDays(-1));
        filed.GetProperty("filed").GetBoolean().ShouldBeFalse();
        filed.GetProperty("expired").GetBoolean().ShouldBeTrue();
        Entry(await DirectoryAsync(anonymous), member.OrganisationId).ShouldBeNull();
        await (await anonymous.GetAsync($"/api/intermediaries/{member.OrganisationId}")).ShouldBeAsync(HttpStatusCode.NotFound);
        var due = await (await bureau.GetAsync("/api/intermediary-filings?due=true")).JsonAsync();
        due.EnumerateArray().ShouldContain(f => f.GetProperty("id").GetGuid() == filed.GetProperty("id").GetGuid());

        var renewed = await bureau.StepAsync(filed, "review", new { decision = "Renew" });
        renewed.GetProperty("expiresOn").GetString().ShouldBe(Today.AddYears(1).ToString("yyyy-MM-dd"));
        renewed.GetProperty("reviewedOn").GetString().ShouldBe(Today.ToString("yyyy-MM-dd"));
        Entry(await DirectoryAsync(anonymous), member.OrganisationId).ShouldNotBeNull();

        var revoked = await bureau.StepAsync(renewed, "review", new { decision = "Revoke", reason = "年度检查不合格" });
        revoked.GetProperty("state").GetString().ShouldBe("Revoked");
        Entry(await DirectoryAsync(anonymous), member.OrganisationId).ShouldBeNull();
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TargetId == filed.GetProperty("id").GetGuid() && a.Action == "filing.revoked"))).ShouldBe(1);
        // Revoked, the organisation may file anew.
        (await member.DraftAsync()).GetProperty("state").GetString().ShouldBe("Draft");
    }

    [Fact]
    public async Task Members_are_reminded_once_when_the_yearly_review_falls_due_and_again_after_a_renewal()
    {
        var member = await app.IntermediaryAsync();
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        // Filed eleven months and ten days ago: it expires in about twenty days, inside the 30-day window.
        var filed = await member.FiledAsync(bureau, Today.AddYears(-1).AddDays(20));
        var id = filed.GetProperty("id").GetGuid();
        var expiresOn = filed.GetProperty("expiresOn").GetString()!;

        (await SweepAsync(DateTimeOffset.UtcNow.AddMonths(-2), id)).ShouldBeFalse(); // two months ago it was not due yet
        (await SweepAsync(DateTimeOffset.UtcNow, id)).ShouldBeTrue();
        (await SweepAsync(DateTimeOffset.UtcNow, id)).ShouldBeFalse(); // once per expiry date
        var notices = await RemindersAsync(member, id, 1);
        notices.ShouldHaveSingleItem().GetProperty("link").GetString().ShouldBe("/workspace/filing");
        notices[0].GetProperty("data").GetString()!.ShouldContain(expiresOn);
        // The reminder did not make the members' copy stale.
        (await (await member.Client.GetAsync($"/api/intermediary-filings/{id}")).JsonAsync()).GetProperty("version").GetInt64()
            .ShouldBe(filed.GetProperty("version").GetInt64());

        // Renewed for a year: nothing is due now, and eleven months on the next review is reminded.
        var renewed = await bureau.StepAsync(filed, "review", new { decision = "Renew" });
        (await SweepAsync(DateTimeOffset.UtcNow, id)).ShouldBeFalse();
        (await SweepAsync(DateTimeOffset.UtcNow.AddMonths(11).AddDays(10), id)).ShouldBeTrue();
        (await RemindersAsync(member, id, 2)).Select(n => n.GetProperty("data").GetString()).ShouldContain(d => d!.Contains(renewed.GetProperty("expiresOn").GetString()!));
    }

    /// <summary>Runs the sweep at <paramref name="now"/>; whether it reminded this filing (other tests' filings share the database).</summary>
    private async Task<bool> SweepAsync(DateTimeOffset now, Guid filingId)
    {
        Task<DateOnly?> RemindedForAsync() => app.WithDbAsync(db => db.IntermediaryFilings.Where(f => f.Id == filingId).Select(f => f.ReviewRemindedFor).SingleAsync());
        var before = await RemindedForAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<FilingReviewReminderSweep>(scope.ServiceProvider, new FixedClock(now)).SweepAsync(CancellationToken.None);
        return await RemindedForAsync() != before;
    }

    /// <summary>The member's review reminders for the filing, once <paramref name="count"/> have arrived (the outbox delivers them after the commit).</summary>
    private static async Task<List<JsonElement>> RemindersAsync(TestUser member, Guid filingId, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        List<JsonElement> notices;
        do
        {
            notices = [.. (await (await member.Client.GetAsync("/api/notifications?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("kind").GetString() == "FilingReviewDue" && n.GetProperty("data").GetString()!.Contains(filingId.ToString()))];
            await Task.Delay(notices.Count < count ? 100 : 0);
        }
        while (notices.Count < count && DateTime.UtcNow < until);
        notices.Count.ShouldBe(count);
        return notices;
    }

    [Fact]
    public async Task Strangers_neither_file_for_an_organisation_nor_see_its_filings()
    {
        var member = await app.IntermediaryAsync();
        var draft = await member.DraftAsync();
        var id = draft.GetProperty("id").GetGuid();
        var fresh = await app.CreateUserAsync(Roles.EnterpriseMember);
        var otherIntermediary = await app.IntermediaryAsync();
        foreach (var stranger in new[] { fresh.Client, otherIntermediary.Client })
        {
            await (await stranger.PostAsJsonAsync($"/api/intermediaries/{member.OrganisationId}/filings", FilingScenario.Body())).ProblemAsync(HttpStatusCode.Forbidden);
            await (await stranger.GetAsync($"/api/intermediary-filings/{id}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.PutAsJsonAsync($"/api/intermediary-filings/{id}", new { filing = FilingScenario.Body("冒名"), version = draft.GetProperty("version").GetInt64() }))
                .ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.PostAsJsonAsync($"/api/intermediary-filings/{id}/submit", new { version = draft.GetProperty("version").GetInt64() })).ProblemAsync(HttpStatusCode.NotFound);
            var list = await (await stranger.GetAsync("/api/intermediary-filings")).JsonAsync();
            list.EnumerateArray().ShouldNotContain(f => f.GetProperty("id").GetGuid() == id);
        }

        // The member's own list holds it; nothing of the strangers' attempts was written.
        (await (await member.Client.GetAsync("/api/intermediary-filings")).JsonAsync()).EnumerateArray().ShouldContain(f => f.GetProperty("id").GetGuid() == id);
        (await app.WithDbAsync(db => db.IntermediaryFilings.SingleAsync(f => f.Id == id))).ContactName.ShouldBe("王经理");
        (await app.WithDbAsync(db => db.IntermediaryFilings.CountAsync(f => f.OrganisationId == member.OrganisationId))).ShouldBe(1);
        // Only intermediaries file.
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        (await (await enterprise.Client.PostAsJsonAsync($"/api/intermediaries/{enterprise.OrganisationId}/filings", FilingScenario.Body())).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("not_an_intermediary");
    }

    [Fact]
    public async Task Two_drafts_racing_for_one_organisation_leave_one_filing()
    {
        var member = await app.IntermediaryAsync();
        var second = await app.SignInAsync(member.Email);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? member.Client : second)
            .PostAsJsonAsync($"/api/intermediaries/{member.OrganisationId}/filings", FilingScenario.Body())));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(5);
        (await app.WithDbAsync(db => db.IntermediaryFilings.CountAsync(f => f.OrganisationId == member.OrganisationId))).ShouldBe(1);
    }
}

public sealed class SqliteFilingTests(SqliteApp app) : FilingTests<SqliteApp>(app);

public sealed class PostgresFilingTests(PostgresApp app) : FilingTests<PostgresApp>(app);

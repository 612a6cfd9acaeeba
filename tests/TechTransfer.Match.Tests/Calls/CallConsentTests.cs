using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Calls;

/// <summary>
/// A call requiring the solver organisation's consent (issue 17): a member's proposal waits for another verified member
/// of the organisation; only consented proposals are reviewed and can win; the author edits before the deadline.
/// </summary>
public abstract class CallConsentTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task Only_consented_proposals_are_reviewed_and_win_a_refusal_gives_its_reason_and_another_organisation_cannot_decide()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var open = await bureau.OpenCallAsync(await enterprise.PublishedNeedAsync("需单位同意的焊缝识别需求"), b => b["requiresConsent"] = true);
        var callId = open.Id();
        (await (await app.CreateClient().GetAsync($"/api/calls/{callId}")).JsonAsync()).GetProperty("requiresConsent").GetBoolean().ShouldBeTrue();

        var a = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var aAdmin = await app.ColleagueAsync(a);
        var c = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210204");
        var cAdmin = await app.ColleagueAsync(c);
        var d = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210211");
        var proposalA = await (await a.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(1_000_000m))).JsonAsync(HttpStatusCode.Created);
        var proposalC = await (await c.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(900_000m))).JsonAsync(HttpStatusCode.Created);
        var proposalD = await (await d.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(800_000m))).JsonAsync(HttpStatusCode.Created);
        Consent(proposalA).ShouldBe(("Pending", false));

        // The organisation's other member is told and sees it waiting; the author and other organisations do not.
        await CallScenario.EventuallyAsync(() => app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.CallConsent && n.UserId == db.Users.Single(u => u.Email == aAdmin.Email).Id)));
        (await WaitingAsync(aAdmin)).ShouldBe([proposalA.Id()]);
        (await WaitingAsync(a)).ShouldBeEmpty();
        (await WaitingAsync(cAdmin)).ShouldBe([proposalC.Id()]);

        var consentA = $"/api/calls/{callId}/proposals/{proposalA.Id()}/consent";
        await (await a.Client.PostAsJsonAsync(consentA, new { consent = true, version = proposalA.Version() })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await cAdmin.Client.PostAsJsonAsync(consentA, new { consent = true, version = proposalA.Version() })).ProblemAsync(HttpStatusCode.NotFound);
        await (await bureau.PostAsJsonAsync(consentA, new { consent = true, version = proposalA.Version() })).ProblemAsync(HttpStatusCode.NotFound);
        await (await aAdmin.Client.PostAsJsonAsync(consentA, new { consent = true, version = proposalA.Version() - 1 })).ProblemAsync(HttpStatusCode.Conflict);
        var consented = await (await aAdmin.Client.PostAsJsonAsync(consentA, new { consent = true, version = proposalA.Version() })).JsonAsync();
        Consent(consented).ShouldBe(("Consented", true));
        consented.GetProperty("consent").GetProperty("decidedAt").GetDateTime().ShouldBeInRange(DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        (await (await aAdmin.Client.PostAsJsonAsync(consentA, new { consent = false, reason = "改主意", version = consented.Version() })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("consent_decided");

        // A refusal names its reason (a missing one is a 400 naming it, nothing written); the author reads it.
        var consentC = $"/api/calls/{callId}/proposals/{proposalC.Id()}/consent";
        var noReason = await (await cAdmin.Client.PostAsJsonAsync(consentC, new { consent = false, version = proposalC.Version() })).ProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").TryGetProperty("body.reason", out _).ShouldBeTrue(noReason.ToString());
        await (await cAdmin.Client.PostAsJsonAsync(consentC, new { consent = false, reason = "与本单位在研项目冲突", version = proposalC.Version() })).ShouldBeAsync(HttpStatusCode.OK);
        var mineC = await (await c.Client.GetAsync($"/api/calls/{callId}/proposals/mine")).JsonAsync();
        (Consent(mineC), mineC.GetProperty("consent").GetProperty("reason").GetString()).ShouldBe((("Refused", false), "与本单位在研项目冲突"));
        (await app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetId == proposalA.Id() || e.TargetId == proposalC.Id()).Select(e => e.Action).OrderBy(x => x).ToListAsync()))
            .ShouldBe(["call.proposal_consented", "call.proposal_refused"]);
        await CallScenario.EventuallyAsync(() => app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.CallConsent && n.Link == $"/calls/{callId}"
            && n.UserId == db.Users.Single(u => u.Email == c.Email).Id && n.Data.Contains("Refused"))));

        // The reviewer's desk holds only the consented proposal; a refused one cannot be scored.
        var reviewer = await app.ReviewerAsync(bureau, callId);
        var desk = await (await reviewer.Client.GetAsync($"/api/calls/{callId}/review")).JsonAsync();
        desk.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("proposal").Id()).ShouldBe([proposalA.Id()]);
        (await (await reviewer.Client.PutAsJsonAsync($"/api/calls/{callId}/proposals/{proposalC.Id()}/score",
            new { scores = new[] { new { criterion = 0, score = 90 }, new { criterion = 1, score = 90 }, new { criterion = 2, score = 90 } }, version = 0 }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("consent_missing");
        await reviewer.Client.ScoreAllAsync(callId, _ => [60, 60, 60], "可行");

        // D's organisation never consented: after the deadline it is too late, D is not reviewed and cannot win.
        await app.PassDeadlineAsync(callId);
        var dAdmin = await app.ColleagueAsync(d);
        (await (await dAdmin.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals/{proposalD.Id()}/consent", new { consent = true, version = proposalD.Version() }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("deadline_passed");
        await (await reviewer.Client.PostAsJsonAsync($"/api/calls/{callId}/review/finish", new { version = desk.Version() })).ShouldBeAsync(HttpStatusCode.OK);
        var ranking = await (await bureau.GetAsync($"/api/calls/{callId}/ranking")).JsonAsync();
        ranking.GetProperty("proposals").EnumerateArray().Select(p => (p.GetProperty("proposalId").GetGuid(), p.GetProperty("rank").GetInt32(), p.GetProperty("winner").GetBoolean()))
            .ShouldBe([(proposalA.Id(), 1, true)]);
        var mineD = await (await d.Client.GetAsync($"/api/calls/{callId}/proposals/mine")).JsonAsync();
        (Consent(mineD), mineD.GetProperty("rank").ValueKind, mineD.GetProperty("winner").GetBoolean()).ShouldBe((("Pending", false), JsonValueKind.Null, false));
    }

    [Fact]
    public async Task A_call_whose_proposals_lack_consent_closes_unanswered_without_reviews_and_its_need_stays_unmet()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var needId = await enterprise.PublishedNeedAsync("无单位同意的膜材料需求");
        var open = await bureau.OpenCallAsync(needId, b => b["requiresConsent"] = true);
        var solver = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        await (await solver.Client.PostAsJsonAsync($"/api/calls/{open.Id()}/proposals", CallScenario.Proposal(500_000m))).ShouldBeAsync(HttpStatusCode.Created);
        await app.PassDeadlineAsync(open.Id());
        var current = await (await bureau.GetAsync($"/api/calls/{open.Id()}")).JsonAsync();
        var closed = await (await bureau.PostAsJsonAsync($"/api/calls/{open.Id()}/close", new { version = current.Version() })).JsonAsync();
        (closed.GetProperty("state").GetString(), closed.GetProperty("proposalCount").GetInt32()).ShouldBe(("Unanswered", 1));
        (await app.WithDbAsync(db => db.Deals.CountAsync(x => x.NeedId == needId))).ShouldBe(0);
        (await app.WithDbAsync(db => db.CallProposals.Where(p => p.CallId == open.Id()).Select(p => p.Rank).SingleAsync())).ShouldBeNull();
    }

    [Fact]
    public async Task The_author_edits_before_the_deadline_a_stale_version_is_409_a_consented_proposal_goes_back_for_consent_and_after_the_deadline_it_is_409_in_both_languages()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var open = await bureau.OpenCallAsync(await enterprise.PublishedNeedAsync("可修改方案的需求"), b => b["requiresConsent"] = true);
        var callId = open.Id();
        var author = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var colleague = await app.ColleagueAsync(author);
        var submitted = await (await author.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(1_000_000m))).JsonAsync(HttpStatusCode.Created);
        var consented = await (await colleague.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals/{submitted.Id()}/consent", new { consent = true, version = submitted.Version() })).JsonAsync();
        var reviewer = await app.ReviewerAsync(bureau, callId);
        await reviewer.Client.ScoreAllAsync(callId, _ => [70, 70, 70], "初评");

        var mine = $"/api/calls/{callId}/proposals/mine";
        var revised = CallScenario.Proposal(880_000m);
        await (await colleague.Client.PutAsJsonAsync(mine, new { proposal = revised, version = consented.Version() })).ProblemAsync(HttpStatusCode.Forbidden);
        (await (await author.Client.PutAsJsonAsync(mine, new { proposal = revised, version = submitted.Version() })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("stale_version");
        var missing = await (await author.Client.PutAsJsonAsync(mine, new { version = consented.Version() })).ProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").TryGetProperty("proposal", out _).ShouldBeTrue(missing.ToString());
        var edited = await (await author.Client.PutAsJsonAsync(mine, new { proposal = revised, version = consented.Version() })).JsonAsync();
        (edited.GetProperty("price").GetDecimal(), Consent(edited), edited.Version() > consented.Version()).ShouldBe((880_000m, ("Pending", false), true));
        // The consent was to the old text, and so were the scores: both are asked for again.
        (await app.WithDbAsync(db => db.CallScores.CountAsync(s => s.ProposalId == submitted.Id()))).ShouldBe(0);
        (await WaitingAsync(colleague)).ShouldBe([submitted.Id()]);
        (await (await author.Client.GetAsync(mine)).JsonAsync()).GetProperty("price").GetDecimal().ShouldBe(880_000m);

        await app.PassDeadlineAsync(callId);
        var en = await (await author.Client.PutAsJsonAsync(mine, new { proposal = CallScenario.Proposal(1m), version = edited.Version() })).ProblemAsync(HttpStatusCode.Conflict);
        (en.GetProperty("code").GetString(), en.GetProperty("detail").GetString()).ShouldBe(("deadline_passed", "The call's deadline has passed."));
        using var request = new HttpRequestMessage(HttpMethod.Put, mine) { Content = JsonContent.Create(new { proposal = CallScenario.Proposal(1m), version = edited.Version() }) };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var zh = await (await author.Client.SendAsync(request)).ProblemAsync(HttpStatusCode.Conflict);
        zh.GetProperty("detail").GetString().ShouldBe("榜单截止时间已过。");
        (await app.WithDbAsync(db => db.CallProposals.Where(p => p.Id == submitted.Id()).Select(p => p.Price).SingleAsync())).ShouldBe(880_000m);
    }

    private static (string?, bool) Consent(JsonElement proposal) =>
        (proposal.GetProperty("consent").GetProperty("status").GetString(), proposal.GetProperty("consent").GetProperty("reviewed").GetBoolean());

    private static async Task<List<Guid>> WaitingAsync(TestUser user) =>
        [.. (await (await user.Client.GetAsync("/api/calls/consents")).JsonAsync()).EnumerateArray().Select(r => r.GetProperty("proposal").Id())];
}

public sealed class SqliteCallConsentTests(SqliteApp app) : CallConsentTests<SqliteApp>(app);

public sealed class PostgresCallConsentTests(PostgresApp app) : CallConsentTests<PostgresApp>(app);

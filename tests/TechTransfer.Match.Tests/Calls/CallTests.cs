using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Calls;

/// <summary>Open calls (揭榜挂帅, issue 17): publication, proposals, review, ranking and the winner's deal.</summary>
public abstract class CallTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    [Fact]
    public async Task An_enterprise_call_is_screened_approved_answered_reviewed_and_its_winner_becomes_a_deal_on_the_board()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var needId = await enterprise.PublishedNeedAsync();
        var solverA = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var achievement = await solverA.Client.DraftAsync("achievements", Listings.Achievement());
        await solverA.Client.PublishAsync("achievements", achievement);
        var anonymous = app.CreateClient();

        // Bad input: the weights must add up to 100, and a missing title is named; nothing is written.
        var before = await app.WithDbAsync(db => db.Calls.CountAsync());
        var weights = await (await enterprise.Client.PostAsJsonAsync("/api/calls", CallScenario.Body(needId, b =>
            b["criteria"] = new[] { new { name = "方案", weight = 60 }, new { name = "团队", weight = 30 } }))).ProblemAsync(HttpStatusCode.BadRequest);
        weights.GetProperty("errors").TryGetProperty("criteria", out _).ShouldBeTrue(weights.ToString());
        // No criteria at all is refused too (the weights' rule must not switch the "at least one" rule off).
        var noCriteria = await (await enterprise.Client.PostAsJsonAsync("/api/calls", CallScenario.Body(needId, b =>
            b["criteria"] = Array.Empty<object>()))).ProblemAsync(HttpStatusCode.BadRequest);
        noCriteria.GetProperty("errors").TryGetProperty("criteria", out _).ShouldBeTrue(noCriteria.ToString());
        var untitled = await (await enterprise.Client.PostAsJsonAsync("/api/calls", CallScenario.Body(needId, b => b.Remove("title")))).ProblemAsync(HttpStatusCode.BadRequest);
        untitled.GetProperty("errors").TryGetProperty("title", out _).ShouldBeTrue(untitled.ToString());
        // An institution does not launch calls.
        await (await solverA.Client.PostAsJsonAsync("/api/calls", CallScenario.Body(needId))).ProblemAsync(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Calls.CountAsync())).ShouldBe(before);

        // The enterprise drafts and submits; the public does not see it until the bureau approves.
        var draft = await (await enterprise.Client.PostAsJsonAsync("/api/calls", CallScenario.Body(needId))).JsonAsync(HttpStatusCode.Created);
        var callId = draft.Id();
        draft.GetProperty("state").GetString().ShouldBe("Draft");
        var submitted = await (await enterprise.Client.PostAsJsonAsync($"/api/calls/{callId}/publish", new { version = draft.Version() })).JsonAsync();
        submitted.GetProperty("state").GetString().ShouldBe("PendingApproval");
        await (await anonymous.GetAsync($"/api/calls/{callId}")).ProblemAsync(HttpStatusCode.NotFound);
        // The bureau cannot open it with the need unscreened, screens it, and approves it.
        await (await bureau.PostAsJsonAsync($"/api/calls/{callId}/publish", new { version = submitted.Version() })).ProblemAsync(HttpStatusCode.Conflict);
        var screened = await (await bureau.PostAsJsonAsync($"/api/calls/{callId}/needs/{needId}/screening", new { accept = true, version = submitted.Version() })).JsonAsync();
        await (await bureau.PostAsJsonAsync($"/api/calls/{callId}/publish", new { version = submitted.Version() })).ProblemAsync(HttpStatusCode.Conflict);
        var open = await (await bureau.PostAsJsonAsync($"/api/calls/{callId}/publish", new { version = screened.Version() })).JsonAsync();
        open.GetProperty("state").GetString().ShouldBe("Open");

        // The matcher's proposals for the need name institution A as a likely solver: its member is invited.
        await CallScenario.EventuallyAsync(() => app.WithDbAsync(db => db.Notifications.AnyAsync(n =>
            n.Kind == NotificationKind.CallInvitation && n.Link == $"/calls/{callId}" && db.Users.Any(u => u.Id == n.UserId && u.OrganisationId == solverA.OrganisationId))));

        // Eligibility: an institution outside the region and an enterprise are refused; A and C (Dalian) answer.
        var outsider = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "110108");
        await (await outsider.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(900_000m))).ProblemAsync(HttpStatusCode.Forbidden);
        var otherFirm = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        await (await otherFirm.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(900_000m))).ProblemAsync(HttpStatusCode.Forbidden);
        var proposalA = await (await solverA.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(1_200_000m, achievement.Id))).JsonAsync(HttpStatusCode.Created);
        await (await solverA.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(1_000_000m))).ProblemAsync(HttpStatusCode.Conflict);

        // With a proposal the call is locked but for a later deadline, which is audited; a stale version is 409.
        var locked = await (await bureau.PutAsJsonAsync($"/api/calls/{callId}", new { call = CallScenario.Body(needId, b => b["reward"] = 2_000_000m), version = open.Version() + 1 }))
            .ProblemAsync(HttpStatusCode.Conflict);
        locked.GetProperty("code").GetString().ShouldBe("call_locked");
        var later = DateTime.UtcNow.AddDays(45).ToString("O");
        await (await enterprise.Client.PostAsJsonAsync($"/api/calls/{callId}/deadline", new { deadline = later, reason = "延长征集", version = open.Version() }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var extended = await (await enterprise.Client.PostAsJsonAsync($"/api/calls/{callId}/deadline", new { deadline = later, reason = "延长征集", version = open.Version() + 1 })).JsonAsync();
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "call.deadline_extended" && a.TargetId == callId))).ShouldBe(1);

        var solverC = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210204");
        var proposalC = await (await solverC.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(900_000m))).JsonAsync(HttpStatusCode.Created);

        // Solvers never see each other's proposals; their own carries no score before the result.
        await (await solverA.Client.GetAsync($"/api/calls/{callId}/proposals")).ProblemAsync(HttpStatusCode.Forbidden);
        var mine = await (await solverA.Client.GetAsync($"/api/calls/{callId}/proposals/mine")).JsonAsync();
        (mine.Id(), mine.GetProperty("finalScore").ValueKind).ShouldBe((proposalA.Id(), System.Text.Json.JsonValueKind.Null));
        var pub = await (await anonymous.GetAsync($"/api/calls/{callId}")).JsonAsync();
        pub.GetProperty("proposalCount").GetInt32().ShouldBe(2);
        pub.GetRawText().ShouldNotContain("结构光视觉传感");

        // Reviewers: R1 is a member of C (so never sees C's proposal), R2 is independent.
        var r1 = await app.ReviewerAsync(bureau, callId, solverC);
        var r2 = await app.ReviewerAsync(bureau, callId);
        var desk1 = await (await r1.Client.GetAsync($"/api/calls/{callId}/review")).JsonAsync();
        desk1.GetProperty("excluded").GetInt32().ShouldBe(1);
        desk1.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("proposal").Id()).ShouldBe([proposalA.Id()]);
        await (await r1.Client.PutAsJsonAsync($"/api/calls/{callId}/proposals/{proposalC.Id()}/score",
            new { scores = new[] { new { criterion = 0, score = 100 }, new { criterion = 1, score = 100 }, new { criterion = 2, score = 100 } }, version = 0 }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await r2.Client.PutAsJsonAsync($"/api/calls/{callId}/proposals/{proposalC.Id()}/score",
            new { scores = new[] { new { criterion = 0, score = 100 } }, version = 0 })).ProblemAsync(HttpStatusCode.BadRequest);
        await r1.Client.ScoreAllAsync(callId, _ => [80, 80, 80], "方案可行");
        await r2.Client.ScoreAllAsync(callId, id => id == proposalA.Id() ? [90, 80, 70] : [70, 90, 90], "团队扎实，报价偏高");
        // Before closing, a reviewer sees only their own scores.
        var desk2 = await (await r2.Client.GetAsync($"/api/calls/{callId}/review")).JsonAsync();
        desk2.GetProperty("proposals").EnumerateArray().ShouldAllBe(p => p.GetProperty("others").ValueKind == System.Text.Json.JsonValueKind.Null);

        // Nobody finishes before the deadline; after it a late proposal is refused.
        await (await r1.Client.PostAsJsonAsync($"/api/calls/{callId}/review/finish", new { version = desk1.Version() })).ProblemAsync(HttpStatusCode.Conflict);
        await app.PassDeadlineAsync(callId);
        var late = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        (await (await late.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(800_000m))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("deadline_passed");
        await (await r1.Client.PostAsJsonAsync($"/api/calls/{callId}/review/finish", new { version = desk1.Version() })).ShouldBeAsync(HttpStatusCode.OK);
        var last = await (await r2.Client.PostAsJsonAsync($"/api/calls/{callId}/review/finish", new { version = desk2.Version() })).JsonAsync();
        last.GetProperty("state").GetString().ShouldBe("Closed");
        last.GetProperty("proposals").EnumerateArray().ShouldAllBe(p => p.GetProperty("others").ValueKind == System.Text.Json.JsonValueKind.Array);

        // Ranking: A = mean(45+24+14, 80) = 81.50 beats C = 35+27+18 = 80.00 (R1 did not score C).
        var ranking = await (await bureau.GetAsync($"/api/calls/{callId}/ranking")).JsonAsync();
        var rows = ranking.GetProperty("proposals").EnumerateArray().ToList();
        rows.Select(r => (r.GetProperty("proposalId").GetGuid(), r.GetProperty("finalScore").GetDouble(), r.GetProperty("rank").GetInt32(), r.GetProperty("winner").GetBoolean()))
            .ShouldBe([(proposalA.Id(), 81.5, 1, true), (proposalC.Id(), 80.0, 2, false)]);
        await (await solverC.Client.GetAsync($"/api/calls/{callId}/ranking")).ShouldBeAsync(HttpStatusCode.OK); // C's member is a reviewer too
        await (await solverA.Client.GetAsync($"/api/calls/{callId}/ranking")).ProblemAsync(HttpStatusCode.Forbidden);

        // The winner's deal: on the board, unassigned, linked to the winning proposal; the public page names the winner.
        var dealId = ranking.GetProperty("winnerDealId").GetGuid();
        var deal = await app.WithDbAsync(db => db.Deals.AsNoTracking().SingleAsync(d => d.Id == dealId));
        (deal.CallProposalId, deal.SellerOrganisationId, deal.BuyerOrganisationId, deal.NeedId, deal.ManagerUserId, deal.Stage)
            .ShouldBe((proposalA.Id(), solverA.OrganisationId!.Value, enterprise.OrganisationId!.Value, needId, (Guid?)null, DealStage.Proposed));
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var board = await (await manager.Client.GetAsync("/api/deals/workbench")).JsonAsync();
        board.GetProperty("unassigned").EnumerateArray().Select(d => d.Id()).ShouldContain(dealId);
        var closed = await (await anonymous.GetAsync($"/api/calls/{callId}")).JsonAsync();
        (closed.GetProperty("state").GetString(), closed.GetProperty("winner").Id()).ShouldBe(("Closed", solverA.OrganisationId!.Value));
        var won = await (await solverA.Client.GetAsync($"/api/calls/{callId}/proposals/mine")).JsonAsync();
        (won.GetProperty("rank").GetInt32(), won.GetProperty("winner").GetBoolean()).ShouldBe((1, true));

        // The deal page's call: the call, the winning proposal and the scores per criterion, for the deal's readers only.
        // A's scores: R1 80/80/80, R2 90/80/70, so the means are 85, 80 and 75.
        var dealCall = await (await enterprise.Client.GetAsync($"/api/deals/{dealId}/call")).JsonAsync();
        (dealCall.GetProperty("callId").GetGuid(), dealCall.GetProperty("title").GetString(), dealCall.GetProperty("scores").GetInt32()).ShouldBe((callId, draft.GetProperty("title").GetString(), 2));
        var winning = dealCall.GetProperty("proposal");
        (winning.Id(), winning.GetProperty("price").GetDecimal(), winning.GetProperty("milestones").GetArrayLength()).ShouldBe((proposalA.Id(), 1_200_000m, 2));
        winning.GetProperty("approach").GetString().ShouldBe("结构光视觉传感与深度学习焊缝识别，分三阶段在船厂验证。");
        winning.GetProperty("remarks").EnumerateArray().Select(r => r.GetString()).ShouldBe(["方案可行", "团队扎实，报价偏高"]);
        dealCall.GetProperty("criteria").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.GetProperty("weight").GetInt32(), c.GetProperty("mean").GetDecimal(), c.GetProperty("min").GetInt32(), c.GetProperty("max").GetInt32(), c.GetProperty("reviewers").GetInt32()))
            .ShouldBe([("技术方案", 50, 85m, 80, 90, 2), ("团队能力", 30, 80m, 80, 80, 2), ("报价", 20, 75m, 70, 80, 2)]);
        (await (await solverA.Client.GetAsync($"/api/deals/{dealId}/call")).JsonAsync()).GetProperty("proposal").Id().ShouldBe(proposalA.Id());
        (await (await bureau.GetAsync($"/api/deals/{dealId}")).JsonAsync()).GetProperty("callProposalId").GetGuid().ShouldBe(proposalA.Id());
        await (await bureau.GetAsync($"/api/deals/{dealId}/call")).ShouldBeAsync(HttpStatusCode.OK);
        // The losing solver, a manager who has not taken the deal and the public do not read it.
        await (await solverC.Client.GetAsync($"/api/deals/{dealId}/call")).ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.Client.GetAsync($"/api/deals/{dealId}/call")).ProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/deals/{dealId}/call")).ShouldBeAsync(HttpStatusCode.Unauthorized);

        // C hears the result with the reviewers' remarks on its proposal.
        await CallScenario.EventuallyAsync(() => app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.CallResult
            && db.Users.Any(u => u.Id == n.UserId && u.OrganisationId == solverC.OrganisationId))));
        var result = await app.WithDbAsync(db => db.Notifications.AsNoTracking().FirstAsync(n => n.Kind == NotificationKind.CallResult
            && db.Users.Any(u => u.Id == n.UserId && u.OrganisationId == solverC.OrganisationId)));
        var data = System.Text.Json.JsonDocument.Parse(result.Data).RootElement;
        data.GetProperty("rank").GetInt32().ShouldBe(2);
        data.GetProperty("remarks").EnumerateArray().Select(r => r.GetString()).ShouldBe(["团队扎实，报价偏高"]);
        // The winner is not told it lost.
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.CallResult
            && db.Users.Any(u => u.Id == n.UserId && u.OrganisationId == solverA.OrganisationId)))).ShouldBe(0);
        _ = extended;
    }

    [Fact]
    public async Task A_call_without_proposals_closes_unanswered_once_its_deadline_passed_and_a_stale_close_is_409()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var needId = await enterprise.PublishedNeedAsync("无人应答的海水淡化膜需求");
        var open = await bureau.OpenCallAsync(needId);
        var callId = open.Id();
        (await (await bureau.PostAsJsonAsync($"/api/calls/{callId}/close", new { version = open.Version() })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("deadline_ahead");
        await app.PassDeadlineAsync(callId);
        await (await enterprise.Client.PostAsJsonAsync($"/api/calls/{callId}/close", new { version = open.Version() })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bureau.PostAsJsonAsync($"/api/calls/{callId}/close", new { version = open.Version() - 1 })).ProblemAsync(HttpStatusCode.Conflict);
        var closed = await (await bureau.PostAsJsonAsync($"/api/calls/{callId}/close", new { version = open.Version() })).JsonAsync();
        closed.GetProperty("state").GetString().ShouldBe("Unanswered");
        var listed = await (await app.CreateClient().GetAsync("/api/calls?state=Unanswered&pageSize=100")).JsonAsync();
        listed.GetProperty("items").EnumerateArray().Select(c => c.Id()).ShouldContain(callId);
        // Its need stays published, back among the unmet demand, with no deal opened.
        (await app.WithDbAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Status).SingleAsync())).ShouldBe(ListingStatus.Published);
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.NeedId == needId))).ShouldBe(0);
    }
}

public sealed class SqliteCallTests(SqliteApp app) : CallTests<SqliteApp>(app);

public sealed class PostgresCallTests(PostgresApp app) : CallTests<PostgresApp>(app);

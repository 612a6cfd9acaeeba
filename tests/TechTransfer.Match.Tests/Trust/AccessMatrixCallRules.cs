using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechTransfer.Match.Tests.Calls;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>The access rules of open calls (揭榜挂帅): the bureau runs them, the owner enterprise drafts its own, solvers answer, reviewers score.</summary>
public abstract partial class AccessMatrixTests<TApp>
{
    // Reviewer-only endpoints: no persona is a reviewer of the probe's call; a fresh reviewer acts (the self-registered persona stands in as the actor's name).
    private static Rule[] CallRules() =>
    [
        new("ListCalls", Everyone, Anon, _ => Task.FromResult(Get("/api/calls"))),
        new("GetCall", Everyone, Anon, async c => Get($"/api/calls/{(await BureauCallAsync(c)).Id()}")),
        new("ListManagedCalls", [Ent, OutEnt, Bureau, Admin], Bureau, async c => Get("/api/calls/managed", (await EntDraftAsync(c)).Id().ToString(), [OutEnt])),
        new("ListMyReviews", [], Fresh, async c => Get("/api/calls/reviewing") with { ActorClient = (await ReviewedCallAsync(c, false)).Reviewer.Client }),
        new("DraftCall", [Ent, OutEnt, Bureau, Admin], Ent, c => Task.FromResult(Post("/api/calls", CallScenario.Body(c.World.Need.Id), HttpStatusCode.Created))),
        new("ReviseCall", [Ent, Bureau, Admin], Ent, async c =>
        {
            var draft = await EntDraftAsync(c);
            return Put($"/api/calls/{draft.Id()}", new { call = CallScenario.Body(c.World.Need.Id, b => b["reward"] = 900_000m), version = draft.Version() });
        }),
        new("PublishCall", [Ent, Bureau, Admin], Ent, async c =>
        {
            var draft = await EntDraftAsync(c);
            return Post($"/api/calls/{draft.Id()}/publish", new { version = draft.Version() });
        }),
        new("ReturnCall", [Bureau, Admin], Bureau, async c =>
        {
            var draft = await EntDraftAsync(c);
            var submitted = await (await c.Clients[Ent].PostAsJsonAsync($"/api/calls/{draft.Id()}/publish", new { version = draft.Version() })).JsonAsync();
            return Post($"/api/calls/{draft.Id()}/return", new { reason = "矩阵：目标不够量化", version = submitted.Version() });
        }),
        new("ScreenCallNeed", [Bureau, Admin], Bureau, async c =>
        {
            var draft = await EntDraftAsync(c);
            return Post($"/api/calls/{draft.Id()}/needs/{c.World.Need.Id}/screening", new { accept = false, reason = "矩阵", version = draft.Version() });
        }),
        new("ExtendCallDeadline", [Bureau, Admin], Bureau, async c =>
        {
            var call = await BureauCallAsync(c);
            return Post($"/api/calls/{call.Id()}/deadline", new { deadline = DateTime.UtcNow.AddDays(90).ToString("O"), reason = "矩阵", version = call.Version() });
        }),
        new("AssignReviewer", [Bureau, Admin], Bureau, async c =>
        {
            var call = await BureauCallAsync(c);
            var reviewer = await c.App.CreateUserAsync(Roles.EnterpriseMember);
            var granted = await (await c.Clients[Bureau].PostAsJsonAsync("/api/reviewers", new { email = reviewer.Email })).JsonAsync();
            return Post($"/api/calls/{call.Id()}/reviewers", new { userId = granted.GetProperty("userId").GetGuid(), version = call.Version() });
        }),
        new("CloseCall", [Bureau, Admin], Bureau, async c =>
        {
            var call = await BureauCallAsync(c);
            await c.App.PassDeadlineAsync(call.Id());
            return Post($"/api/calls/{call.Id()}/close", new { version = call.Version() });
        }),
        new("GetCallRanking", [Bureau, Admin], Bureau, async c => Get($"/api/calls/{await ClosedCallAsync(c)}/ranking")),
        new("SubmitCallProposal", [Res, OutInst], Res, async c =>
            Post($"/api/calls/{(await BureauCallAsync(c)).Id()}/proposals", CallScenario.Proposal(700_000m), HttpStatusCode.Created)),
        // Consent (a call requiring it): another verified member of the solver organisation decides; the author and other organisations do not.
        new("ListCallConsentRequests", SignedIn, Fresh, async c =>
        {
            var (proposal, colleague) = await AwaitingConsentAsync(c);
            return Get("/api/calls/consents", proposal.Id().ToString(), SignedIn) with { ActorClient = colleague.Client };
        }),
        new("DecideCallProposalConsent", [], Fresh, async c =>
        {
            var (proposal, colleague) = await AwaitingConsentAsync(c);
            return Post($"/api/calls/{proposal.GetProperty("callId").GetGuid()}/proposals/{proposal.Id()}/consent", new { consent = true, version = proposal.Version() })
                with { ActorClient = colleague.Client };
        }),
        new("ReviseCallProposal", [Res], Res, async c =>
        {
            var (proposal, _) = await AwaitingConsentAsync(c);
            return Put($"/api/calls/{proposal.GetProperty("callId").GetGuid()}/proposals/mine", new { proposal = CallScenario.Proposal(650_000m), version = proposal.Version() });
        }),
        new("ListCallProposals", [Bureau, Admin], Bureau, async c => Get($"/api/calls/{(await ReviewedCallAsync(c, false)).Call.Id()}/proposals")),
        new("GetMyCallProposal", [Res], Res, async c => Get($"/api/calls/{(await ReviewedCallAsync(c, false)).Call.Id()}/proposals/mine")),
        new("GetCallReview", [], Fresh, async c =>
        {
            var (call, reviewer, _) = await ReviewedCallAsync(c, false);
            return Get($"/api/calls/{call.Id()}/review") with { ActorClient = reviewer.Client };
        }),
        new("DeclareReviewConflicts", [], Fresh, async c =>
        {
            var (call, reviewer, _) = await ReviewedCallAsync(c, false);
            return Post($"/api/calls/{call.Id()}/review/conflicts", new { organisationIds = new[] { c.OrgB }, version = await DeskVersionAsync(reviewer, call) })
                with { ActorClient = reviewer.Client };
        }),
        new("ScoreCallProposal", [], Fresh, async c =>
        {
            var (call, reviewer, proposal) = await ReviewedCallAsync(c, false);
            return Put($"/api/calls/{call.Id()}/proposals/{proposal}/score",
                new { scores = new[] { new { criterion = 0, score = 70 }, new { criterion = 1, score = 70 }, new { criterion = 2, score = 70 } }, remarks = "矩阵", version = 0 })
                with { ActorClient = reviewer.Client };
        }),
        new("FinishCallReview", [], Fresh, async c =>
        {
            var (call, reviewer, _) = await ReviewedCallAsync(c, true);
            await c.App.PassDeadlineAsync(call.Id());
            return Post($"/api/calls/{call.Id()}/review/finish", new { version = await DeskVersionAsync(reviewer, call) }) with { ActorClient = reviewer.Client };
        }),
        // The deal made from the owner institution's winning proposal (the owner enterprise's need), taken by the assigned manager.
        new("GetDealCall", [Res, Ent, AMgr, Bureau, Admin], AMgr, async c => Get($"/api/deals/{await CallDealAsync(c)}/call")),
        new("ListReviewers", [Bureau, Admin], Bureau, _ => Task.FromResult(Get("/api/reviewers"))),
        new("GrantReviewer", [Bureau, Admin], Bureau, async c => Post("/api/reviewers", new { email = (await c.App.CreateUserAsync(Roles.InstitutionMember)).Email })),
    ];

    private static async Task<JsonElement> EntDraftAsync(Ctx c) =>
        await (await c.Clients[Ent].PostAsJsonAsync("/api/calls", CallScenario.Body(c.World.Need.Id))).JsonAsync(HttpStatusCode.Created);

    private static Task<JsonElement> BureauCallAsync(Ctx c) => c.Clients[Bureau].OpenCallAsync(c.World.Need.Id);

    /// <summary>An open call of the bureau with the owner institution's proposal and an assigned reviewer (who scored it, when asked).</summary>
    private static async Task<(JsonElement Call, TestUser Reviewer, Guid Proposal)> ReviewedCallAsync(Ctx c, bool scored)
    {
        var call = await BureauCallAsync(c);
        var proposal = await (await c.Clients[Res].PostAsJsonAsync($"/api/calls/{call.Id()}/proposals", CallScenario.Proposal(600_000m))).JsonAsync(HttpStatusCode.Created);
        var reviewer = await c.App.ReviewerAsync(c.Clients[Bureau], call.Id());
        if (scored)
        {
            await reviewer.Client.ScoreAllAsync(call.Id(), _ => [70, 70, 70], "矩阵");
        }

        return (call, reviewer, proposal.Id());
    }

    /// <summary>The owner institution's proposal to a bureau call requiring consent, and a colleague of the researcher who may consent.</summary>
    private static async Task<(JsonElement Proposal, TestUser Colleague)> AwaitingConsentAsync(Ctx c)
    {
        var call = await c.Clients[Bureau].OpenCallAsync(c.World.Need.Id, b => b["requiresConsent"] = true);
        var proposal = await (await c.Clients[Res].PostAsJsonAsync($"/api/calls/{call.Id()}/proposals", CallScenario.Proposal(600_000m))).JsonAsync(HttpStatusCode.Created);
        return (proposal, await c.App.ColleagueAsync(c.World.Researcher));
    }

    private static async Task<Guid> ClosedCallAsync(Ctx c)
    {
        var (call, reviewer, _) = await ReviewedCallAsync(c, true);
        await c.App.PassDeadlineAsync(call.Id());
        await (await reviewer.Client.PostAsJsonAsync($"/api/calls/{call.Id()}/review/finish", new { version = await DeskVersionAsync(reviewer, call) })).ShouldBeAsync(HttpStatusCode.OK);
        return call.Id();
    }

    /// <summary>The winner's deal of a closed call, taken by the assigned manager from the board.</summary>
    private static async Task<Guid> CallDealAsync(Ctx c)
    {
        var callId = await ClosedCallAsync(c);
        var deal = (await (await c.Clients[Bureau].GetAsync($"/api/calls/{callId}/ranking")).JsonAsync()).GetProperty("winnerDealId").GetGuid();
        await (await c.Clients[AMgr].PostAsJsonAsync($"/api/deals/{deal}/assign",
            new { managerUserId = await c.Clients[AMgr].UserIdAsync(), version = await VersionAsync(c.Clients[Admin], $"/api/deals/{deal}") })).ShouldBeAsync(HttpStatusCode.OK);
        return deal;
    }

    private static async Task<long> DeskVersionAsync(TestUser reviewer, JsonElement call) =>
        (await (await reviewer.Client.GetAsync($"/api/calls/{call.Id()}/review")).JsonAsync()).Version();
}

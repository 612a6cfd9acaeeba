using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Calls;

/// <summary>
/// Closing races on PostgreSQL (READ COMMITTED runs them concurrently; SQLite would serialise them): two reviewers
/// finishing at once close the call once, with one winner and the ranking the formula gives.
/// </summary>
public sealed class CallRaceTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Two_reviewers_finishing_at_once_close_the_call_once_with_one_winner_and_the_same_ranking()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var open = await bureau.OpenCallAsync(await enterprise.PublishedNeedAsync("竞速评审需求"));
        var callId = open.Id();
        var proposals = new List<Guid>();
        foreach (var price in new[] { 1_000_000m, 900_000m, 1_100_000m })
        {
            var solver = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
            proposals.Add((await (await solver.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(price))).JsonAsync(HttpStatusCode.Created)).Id());
        }

        var reviewers = new[] { await app.ReviewerAsync(bureau, callId), await app.ReviewerAsync(bureau, callId) };
        // Proposals 0 and 1 tie on score (80.00): the lower price (proposal 1) ranks first.
        await reviewers[0].Client.ScoreAllAsync(callId, id => id == proposals[2] ? [60, 60, 60] : [80, 80, 80], "可行");
        await reviewers[1].Client.ScoreAllAsync(callId, id => id == proposals[2] ? [70, 70, 70] : [80, 80, 80], "扎实");
        await app.PassDeadlineAsync(callId);
        var versions = new List<long>();
        foreach (var r in reviewers)
        {
            versions.Add((await (await r.Client.GetAsync($"/api/calls/{callId}/review")).JsonAsync()).Version());
        }

        using var start = new SemaphoreSlim(0, 2);
        var racers = reviewers.Select(async (r, i) =>
        {
            await start.WaitAsync();
            using var response = await r.Client.PostAsJsonAsync($"/api/calls/{callId}/review/finish", new { version = versions[i] });
            return response.StatusCode;
        }).ToList();
        start.Release(2);
        var statuses = await Task.WhenAll(racers);
        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict, string.Join(", ", statuses));
        statuses.ShouldContain(HttpStatusCode.OK);
        // The one told 409 sends its finish again, and closes the call.
        for (var i = 0; i < 2; i++)
        {
            if (statuses[i] == HttpStatusCode.Conflict)
            {
                await (await reviewers[i].Client.PostAsJsonAsync($"/api/calls/{callId}/review/finish", new { version = versions[i] })).ShouldBeAsync(HttpStatusCode.OK);
            }
        }

        var call = await app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId));
        (call.State, call.FinishedReviews, call.WinnerProposalId).ShouldBe((CallState.Closed, 2, proposals[1]));
        (await app.WithDbAsync(db => db.CallProposals.CountAsync(p => p.WinnerOfCallId == callId))).ShouldBe(1);
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => proposals.Contains(d.CallProposalId!.Value)))).ShouldBe(1);
        var rankings = new List<string>();
        foreach (var r in reviewers)
        {
            var ranking = await (await r.Client.GetAsync($"/api/calls/{callId}/ranking")).JsonAsync();
            rankings.Add(string.Join(";", ranking.GetProperty("proposals").EnumerateArray()
                .Select(p => $"{p.GetProperty("proposalId").GetGuid()}:{p.GetProperty("rank").GetInt32()}:{p.GetProperty("finalScore").GetDouble()}")));
        }

        rankings[0].ShouldBe(rankings[1]);
        rankings[0].ShouldBe($"{proposals[1]}:1:80;{proposals[0]}:2:80;{proposals[2]}:3:65");

        // The unique winner key refuses a second winner even written past the rules.
        var clash = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db =>
            db.CallProposals.Where(p => p.Id == proposals[0]).ExecuteUpdateAsync(s => s.SetProperty(p => p.WinnerOfCallId, callId))));
        clash.Message.ShouldContain("IX_CallProposals_WinnerOfCallId");
    }

    [Fact]
    public async Task A_call_whose_winning_pair_already_has_an_open_deal_names_that_deal_instead_of_opening_a_second()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var needId = await enterprise.PublishedNeedAsync("已有对接的揭榜需求");
        var open = await bureau.OpenCallAsync(needId);
        var callId = open.Id();
        var solver = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var achievement = await solver.Client.DraftAsync("achievements", Listings.Achievement());
        await solver.Client.PublishAsync("achievements", achievement);
        await (await solver.Client.PostAsJsonAsync($"/api/calls/{callId}/proposals", CallScenario.Proposal(1_000_000m, achievement.Id))).JsonAsync(HttpStatusCode.Created);
        Deal OnThePair(string title, DealStage stage) => new()
        {
            Title = title, AchievementId = achievement.Id, NeedId = needId, SellerOrganisationId = solver.OrganisationId!.Value,
            BuyerOrganisationId = enterprise.OrganisationId!.Value, Stage = stage, ProposedAt = DateTime.UtcNow,
        };

        // A technology manager already brokers this pair.
        var brokered = OnThePair("已在洽谈", DealStage.Negotiating);
        await app.WithDbAsync(async db =>
        {
            db.Deals.Add(brokered);
            return await db.SaveChangesAsync();
        });

        var reviewer = await app.ReviewerAsync(bureau, callId);
        await reviewer.Client.ScoreAllAsync(callId, _ => [80, 80, 80], "可行");
        await app.PassDeadlineAsync(callId);
        var desk = await (await reviewer.Client.GetAsync($"/api/calls/{callId}/review")).JsonAsync();
        (await (await reviewer.Client.PostAsJsonAsync($"/api/calls/{callId}/review/finish", new { version = desk.Version() })).JsonAsync())
            .GetProperty("state").GetString().ShouldBe("Closed");

        var call = await app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId));
        call.WinnerDealId.ShouldBe(brokered.Id);
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.AchievementId == achievement.Id && d.NeedId == needId))).ShouldBe(1);
        // The pair key refuses a second open deal on the pair even written past the rules.
        var clash = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(async db =>
        {
            db.Deals.Add(OnThePair("第二个", DealStage.Proposed));
            return await db.SaveChangesAsync();
        }));
        clash.ToString().ShouldContain("IX_Deals_OpenAchievementId_OpenNeedId");
    }

    [Fact]
    public async Task Two_closes_of_one_call_at_once_one_closes_it_the_other_is_409()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var other = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var open = await bureau.OpenCallAsync(await enterprise.PublishedNeedAsync("并发关闭需求"));
        await app.PassDeadlineAsync(open.Id());
        using var start = new SemaphoreSlim(0, 2);
        var racers = new[] { bureau, other }.Select(async c =>
        {
            await start.WaitAsync();
            using var response = await c.PostAsJsonAsync($"/api/calls/{open.Id()}/close", new { version = open.Version() });
            return response.StatusCode;
        }).ToList();
        start.Release(2);
        var statuses = await Task.WhenAll(racers);
        statuses.Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
    }

    [Fact]
    public async Task A_consent_and_the_authors_edit_racing_on_one_version_one_passes_the_other_is_409_and_the_proposal_is_never_consented_to_text_it_did_not_see()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210211");
        var open = await bureau.OpenCallAsync(await enterprise.PublishedNeedAsync("并发同意需求"), b => b["requiresConsent"] = true);
        var author = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210202");
        var colleague = await app.ColleagueAsync(author);
        var proposal = await (await author.Client.PostAsJsonAsync($"/api/calls/{open.Id()}/proposals", CallScenario.Proposal(900_000m))).JsonAsync(HttpStatusCode.Created);
        using var start = new SemaphoreSlim(0, 2);
        async Task<HttpStatusCode> Race(Func<Task<HttpResponseMessage>> send)
        {
            await start.WaitAsync();
            using var response = await send();
            return response.StatusCode;
        }

        var racers = new[]
        {
            Race(() => colleague.Client.PostAsJsonAsync($"/api/calls/{open.Id()}/proposals/{proposal.Id()}/consent", new { consent = true, version = proposal.Version() })),
            Race(() => author.Client.PutAsJsonAsync($"/api/calls/{open.Id()}/proposals/mine", new { proposal = CallScenario.Proposal(500_000m), version = proposal.Version() })),
        };
        start.Release(2);
        var statuses = await Task.WhenAll(racers);
        statuses.Order().ToArray().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], string.Join(", ", statuses));
        var stored = await app.WithDbAsync(db => db.CallProposals.AsNoTracking().SingleAsync(p => p.Id == proposal.Id()));
        // Either the consent won (the old price, consented) or the edit did (the new price, still waiting): never the new text consented.
        (stored.Consent, stored.Price).ShouldBe(statuses[0] == HttpStatusCode.OK ? (ProposalConsent.Consented, 900_000m) : (ProposalConsent.Pending, 500_000m));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Matching;

/// <summary>Proposals through the API: stored on publish, explained, local first, dismissals final, access enforced.</summary>
public abstract class MatchingApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private const double LocalityWeight = 0.15;

    private static Dictionary<string, object?> OxygenAchievement(string tag) => Listings.OxygenAchievement(tag);

    private static Dictionary<string, object?> OxygenNeed(string tag) => Listings.OxygenNeed(tag);

    /// <summary>A researcher's achievement and an enterprise's need, both published, and the proposal pairing them.</summary>
    private async Task<(string Tag, TestUser Researcher, TestUser Enterprise, IdVersion Achievement, IdVersion Need, JsonElement PublishedNeed, Guid ProposalId)> ProposedPairAsync()
    {
        var tag = Listings.Tag();
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var achievement = await researcher.Client.DraftAsync("achievements", OxygenAchievement(tag));
        await researcher.Client.PublishAsync("achievements", achievement);
        var need = await enterprise.Client.DraftAsync("needs", OxygenNeed(tag));
        var published = await enterprise.Client.PublishAsync("needs", need);
        var proposalId = (await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=50")).JsonAsync()).EnumerateArray()
            .Single(m => m.GetProperty("counterpart").GetProperty("id").GetGuid() == achievement.Id).GetProperty("proposalId").GetGuid();
        return (tag, researcher, enterprise, achievement, need, published, proposalId);
    }

    [Fact]
    public async Task Publishing_a_need_stores_explained_proposals_and_a_local_supplier_outranks_the_same_text_from_elsewhere_by_the_locality_weight()
    {
        var tag = Listings.Tag();
        var dalian = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210204");
        var beijing = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "110108");
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210213");
        var local = await dalian.Client.DraftAsync("achievements", OxygenAchievement(tag));
        await dalian.Client.PublishAsync("achievements", local);
        var remote = await beijing.Client.DraftAsync("achievements", OxygenAchievement(tag));
        await beijing.Client.PublishAsync("achievements", remote);

        var need = await enterprise.Client.DraftAsync("needs", OxygenNeed(tag));
        await enterprise.Client.PublishAsync("needs", need);

        var matches = await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=20")).JsonAsync();
        var byId = matches.EnumerateArray().ToDictionary(m => m.GetProperty("counterpart").GetProperty("id").GetGuid());
        byId.ShouldContainKey(local.Id);
        byId.ShouldContainKey(remote.Id);
        var localMatch = byId[local.Id];
        var remoteMatch = byId[remote.Id];
        (localMatch.GetProperty("score").GetDouble() - remoteMatch.GetProperty("score").GetDouble()).ShouldBe(LocalityWeight, 1e-9);
        localMatch.GetProperty("counterpart").GetProperty("isLocal").GetBoolean().ShouldBeTrue();
        remoteMatch.GetProperty("counterpart").GetProperty("isLocal").GetBoolean().ShouldBeFalse();

        foreach (var match in new[] { localMatch, remoteMatch })
        {
            var explanation = match.GetProperty("explanation");
            var components = explanation.GetProperty("components").EnumerateArray().ToList();
            components.Select(c => c.GetProperty("name").GetString()).ShouldBe(["text", "locality", "field", "maturity", "budget"]);
            components.Sum(c => c.GetProperty("contribution").GetDouble()).ShouldBe(match.GetProperty("score").GetDouble(), 1e-9);
            // The shared words in the listings' own language, e.g. 增氧, 臭氧, 循环水.
            explanation.GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString()!).ShouldContain(t => t.Any(c => c >= '\u4e00' && c <= '\u9fff'));
        }

        var localOnly = await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=20&localOnly=true")).JsonAsync();
        localOnly.EnumerateArray().Select(m => m.GetProperty("counterpart").GetProperty("id").GetGuid()).ShouldNotContain(remote.Id);

        // The other direction was stored too: the achievement's proposals include the need.
        var forAchievement = await (await dalian.Client.GetAsync($"/api/achievements/{local.Id}/matches?top=20")).JsonAsync();
        forAchievement.EnumerateArray().Select(m => m.GetProperty("counterpart").GetProperty("id").GetGuid()).ShouldContain(need.Id);
    }

    [Fact]
    public async Task A_dismissed_pair_is_never_proposed_again_even_after_an_edit()
    {
        var (tag, _, enterprise, achievement, need, published, proposalId) = await ProposedPairAsync();

        var noReason = await enterprise.Client.PostAsJsonAsync($"/api/matches/{proposalId}/dismiss", new { reason = "Other" });
        (await noReason.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("text", out _).ShouldBeTrue();
        var stranger = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await stranger.Client.PostAsJsonAsync($"/api/matches/{proposalId}/dismiss", new { reason = "NotOurField" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await enterprise.Client.PostAsJsonAsync($"/api/matches/{proposalId}/dismiss", new { reason = "TooEarlyStage" })).ShouldBeAsync(HttpStatusCode.OK);

        // Editing the published need recomputes its proposals; the dismissed pair stays out.
        var version = published.GetProperty("need").GetProperty("version").GetInt64();
        var edited = await enterprise.Client.PutAsJsonAsync($"/api/needs/{need.Id}", new { need = OxygenNeed(tag + " 扩产"), version });
        await edited.ShouldBeAsync(HttpStatusCode.OK);
        var after = await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=50")).JsonAsync();
        after.EnumerateArray().Select(m => m.GetProperty("counterpart").GetProperty("id").GetGuid()).ShouldNotContain(achievement.Id);
        var stored = await app.WithDbAsync(db => Task.FromResult(db.MatchProposals.Single(p => p.Id == proposalId)));
        stored.Status.ShouldBe(ProposalStatus.Dismissed);
        stored.DismissReason.ShouldBe(DismissReason.TooEarlyStage);
    }

    [Fact]
    public async Task A_deal_open_on_a_proposal_shows_on_it_to_every_reader_and_keeps_it_from_being_dismissed_or_taken_up_again_until_it_closes()
    {
        var (_, researcher, enterprise, achievement, need, _, proposalId) = await ProposedPairAsync();
        var path = $"/api/needs/{need.Id}/matches?top=50";

        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        var opened = await (await manager.Client.PostAsJsonAsync("/api/deals", new { proposalId })).JsonAsync(HttpStatusCode.Created);
        var dealId = opened.GetProperty("id").GetGuid();

        // Each reader sees the deal on the proposal; its id only those who may read the deal (parties, its manager, the bureau).
        async Task<JsonElement?> DealOnAsync(HttpClient client, string listPath, Guid proposal)
        {
            var row = (await (await client.GetAsync(listPath)).JsonAsync()).EnumerateArray().Single(m => m.GetProperty("proposalId").GetGuid() == proposal);
            return row.TryGetProperty("deal", out var d) && d.ValueKind == JsonValueKind.Object ? d : null;
        }

        var otherManager = await app.CreateUserAsync(Roles.TechnologyManager);
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        foreach (var (client, listPath, seesId) in new[]
        {
            (enterprise.Client, path, true), (researcher.Client, $"/api/achievements/{achievement.Id}/matches?top=50", true),
            (manager.Client, path, true), (bureau.Client, path, true), (otherManager.Client, path, false),
        })
        {
            var deal = (await DealOnAsync(client, listPath, proposalId)).ShouldNotBeNull();
            deal.GetProperty("stage").GetString().ShouldBe("Proposed");
            var id = deal.TryGetProperty("id", out var value) && value.ValueKind != JsonValueKind.Null ? value.GetGuid() : (Guid?)null;
            id.ShouldBe(seesId ? dealId : null);
        }

        // The pair is being brokered: neither party dismisses it behind the deal's back, in either language.
        foreach (var (language, words) in new[] { ("en", "close the deal"), ("zh-CN", "关闭该对接项目") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/matches/{proposalId}/dismiss") { Content = JsonContent.Create(new { reason = "NotOurField" }) };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var refused = await (await researcher.Client.SendAsync(request)).ProblemAsync(HttpStatusCode.Conflict);
            refused.GetProperty("code").GetString().ShouldBe("deal_open");
            refused.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(words);
        }

        // nor expresses interest on it: that would only open a second deal beside it
        (await (await enterprise.Client.PostAsJsonAsync("/api/interests", new { proposalId, message = "想进一步了解" })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("deal_open");
        (await app.WithDbAsync(db => db.Interests.CountAsync(i => i.ProposalId == proposalId))).ShouldBe(0);
        (await app.WithDbAsync(db => db.MatchProposals.Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync())).ShouldBe(ProposalStatus.Proposed);

        // Once the deal closes, the proposal reads as free again and a party may dismiss it.
        await (await manager.Client.PostAsJsonAsync($"/api/deals/{dealId}/stage",
            new { stage = "Closed", version = opened.GetProperty("version").GetInt64(), closeReason = "NoResponse" })).ShouldBeAsync(HttpStatusCode.OK);
        (await DealOnAsync(enterprise.Client, path, proposalId)).ShouldBeNull();
        await (await enterprise.Client.PostAsJsonAsync($"/api/matches/{proposalId}/dismiss", new { reason = "BenefitUnclear" })).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Proposals_are_shown_to_their_organisation_brokers_and_the_bureau_only()
    {
        var tag = Listings.Tag();
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await researcher.Client.PublishAsync("achievements", await researcher.Client.DraftAsync("achievements", OxygenAchievement(tag)));
        var need = await enterprise.Client.DraftAsync("needs", OxygenNeed(tag));
        await enterprise.Client.PublishAsync("needs", need);
        var path = $"/api/needs/{need.Id}/matches";

        await (await app.CreateClient().GetAsync(path)).ProblemAsync(HttpStatusCode.Unauthorized);
        var other = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await other.Client.GetAsync(path)).ProblemAsync(HttpStatusCode.Forbidden);
        var manager = await app.CreateUserAsync(Roles.TechnologyManager);
        (await (await manager.Client.GetAsync(path)).JsonAsync()).GetArrayLength().ShouldBeGreaterThan(0);
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        (await (await bureau.Client.GetAsync(path)).JsonAsync()).GetArrayLength().ShouldBeGreaterThan(0);

        await (await enterprise.Client.GetAsync($"/api/needs/{Guid.NewGuid()}/matches")).ProblemAsync(HttpStatusCode.NotFound);
        await (await enterprise.Client.GetAsync(path + "?top=1000")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await enterprise.Client.GetAsync(path + "?top=0")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Preview_scores_a_draft_without_storing_it_and_rejects_empty_or_oversized_text()
    {
        var tag = Listings.Tag();
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var achievement = await researcher.Client.DraftAsync("achievements", OxygenAchievement(tag));
        await researcher.Client.PublishAsync("achievements", achievement);
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var before = await app.WithDbAsync(db => Task.FromResult(db.MatchProposals.Count(p => p.AchievementId == achievement.Id)));

        var preview = await enterprise.Client.PostAsJsonAsync("/api/matches/preview", new
        {
            kind = "Need", title = $"{tag} 育苗车间增氧杀菌设备", text = "循环水养殖 臭氧杀菌 溶解氧", field = "Agriculture", top = 5,
        });
        var hits = await preview.JsonAsync();
        hits.EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ShouldContain(achievement.Id);
        (await app.WithDbAsync(db => Task.FromResult(db.MatchProposals.Count(p => p.AchievementId == achievement.Id)))).ShouldBe(before);

        await (await enterprise.Client.PostAsJsonAsync("/api/matches/preview", new { kind = "Need", title = "   " })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await enterprise.Client.PostAsJsonAsync("/api/matches/preview", new { kind = "Need", title = "x", text = new string('字', 20_001) }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await enterprise.Client.PostAsJsonAsync("/api/matches/preview", new { kind = "Need", title = "x", top = 101 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.CreateClient().PostAsJsonAsync("/api/matches/preview", new { kind = "Need", title = "x" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    // A Latin tag is one token for the analyser: it ties each test's records together without
    // changing how the Chinese text is matched.
}

public sealed class SqliteMatchingApiTests(SqliteDemoApp app) : MatchingApiTests<SqliteDemoApp>(app);

public sealed class PostgresMatchingApiTests(PostgresDemoApp app) : MatchingApiTests<PostgresDemoApp>(app);

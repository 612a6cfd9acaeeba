using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Achievements;
using TechTransfer.Match.Web.Features.Matching;
using TechTransfer.Match.Web.Features.Needs;

namespace TechTransfer.Match.Tests.Matching;

/// <summary>
/// Proposals as a reader takes them in: points of 100 that add up, a reason from the explanation, key terms without
/// function words or fragments, the counterpart's amounts, the display floor, and the dismissal reasons for the owner.
/// </summary>
public abstract class ProposalReadingTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static Dictionary<string, object?> Achievement(string tag) => Listings.OxygenAchievement(tag, trl: 6);

    private static Dictionary<string, object?> Need(string tag, Action<Dictionary<string, object?>>? change = null) => Listings.OxygenNeed(tag, change);

    [Fact]
    public async Task A_proposal_reads_as_points_of_100_that_add_up_with_a_reason_key_terms_and_the_price()
    {
        var tag = Listings.Tag();
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "210204");
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210213");
        var achievement = await researcher.Client.DraftAsync("achievements", Achievement(tag));
        await researcher.Client.PublishAsync("achievements", achievement);
        var need = await enterprise.Client.DraftAsync("needs", Need(tag));
        await enterprise.Client.PublishAsync("needs", need);

        var matches = await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=50")).JsonAsync();
        matches.GetArrayLength().ShouldBeGreaterThan(0);
        foreach (var m in matches.EnumerateArray())
        {
            var points = m.GetProperty("points").GetInt32();
            points.ShouldBe((int)Math.Round(m.GetProperty("score").GetDouble() * 100, MidpointRounding.AwayFromZero));
            var parts = m.GetProperty("parts").EnumerateArray().ToList();
            parts.Sum(p => p.GetProperty("points").GetInt32()).ShouldBe(points);
            parts.Select(p => p.GetProperty("max").GetInt32()).ShouldBe([60, 15, 10, 10, 5]);
            m.GetProperty("belowFloor").GetBoolean().ShouldBe(m.GetProperty("score").GetDouble() < 0.40);
        }

        var match = matches.EnumerateArray().Single(m => m.GetProperty("counterpart").GetProperty("id").GetGuid() == achievement.Id);
        var reason = match.GetProperty("reason");
        reason.GetProperty("localPartner").GetBoolean().ShouldBeTrue();
        reason.GetProperty("sameField").GetBoolean().ShouldBeTrue();
        reason.GetProperty("maturityGap").GetInt32().ShouldBe(0);
        reason.GetProperty("budget").GetString().ShouldBe("Fits");
        var terms = reason.GetProperty("keyTerms").EnumerateArray().Select(t => t.GetString()!).ToList();
        terms.ShouldContain(t => t == "增氧" || t == "臭氧" || t == "杀菌" || t == "循环水");
        terms.ShouldAllBe(t => t.Length > 1 && t != "与" && t != "系统" && t != "技术");
        // Every key term is one the engine matched.
        var matched = match.GetProperty("explanation").GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString()).ToList();
        terms.ShouldAllBe(t => matched.Contains(t));
        var counterpart = match.GetProperty("counterpart");
        counterpart.GetProperty("amountMin").GetDecimal().ShouldBe(800000m);
        counterpart.GetProperty("amountMax").GetDecimal().ShouldBe(2000000m);
        counterpart.GetProperty("organisation").GetProperty("regionCode").GetString().ShouldBe("210204");
    }

    [Fact]
    public async Task The_reason_names_a_remote_partner_a_maturity_gap_and_a_budget_far_apart()
    {
        var tag = Listings.Tag();
        var beijing = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution, "110108");
        var enterprise = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise, "210213");
        var achievement = await beijing.Client.DraftAsync("achievements", Achievement(tag));
        await beijing.Client.PublishAsync("achievements", achievement);
        var need = await enterprise.Client.DraftAsync("needs", Need(tag, b =>
        {
            b["requiredTrl"] = 8;
            b["budgetMin"] = 10_000m;
            b["budgetMax"] = 20_000m;
        }));
        await enterprise.Client.PublishAsync("needs", need);

        var match = (await (await enterprise.Client.GetAsync($"/api/needs/{need.Id}/matches?top=50")).JsonAsync()).EnumerateArray()
            .Single(m => m.GetProperty("counterpart").GetProperty("id").GetGuid() == achievement.Id);
        var reason = match.GetProperty("reason");
        reason.GetProperty("localPartner").GetBoolean().ShouldBeFalse();
        reason.GetProperty("maturityGap").GetInt32().ShouldBe(2);
        reason.GetProperty("budget").GetString().ShouldBe("Apart");
        match.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "locality").GetProperty("points").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task The_owner_reads_how_many_organisations_dismissed_its_proposals_and_why_and_nobody_else_does()
    {
        var tag = Listings.Tag();
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var achievement = await researcher.Client.DraftAsync("achievements", Achievement(tag));
        await researcher.Client.PublishAsync("achievements", achievement);
        var firms = new List<TestUser>();
        foreach (var reason in new[] { "TooEarlyStage", "TooEarlyStage", "TooEarlyStage", "PriceOrBudgetMismatch" })
        {
            var firm = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
            firms.Add(firm);
            var need = await firm.Client.DraftAsync("needs", Need(tag));
            await firm.Client.PublishAsync("needs", need);
            var proposal = await ProposalIdAsync(firm.Client, need.Id, achievement.Id);
            await (await firm.Client.PostAsJsonAsync($"/api/matches/{proposal}/dismiss", new { reason })).ShouldBeAsync(HttpStatusCode.OK);
        }

        // The owner's own dismissal of a proposal is not feedback from the market.
        var sixth = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var ownNeed = await sixth.Client.DraftAsync("needs", Need(tag));
        await sixth.Client.PublishAsync("needs", ownNeed);
        var ownProposal = await ProposalIdAsync(sixth.Client, ownNeed.Id, achievement.Id);
        await (await researcher.Client.PostAsJsonAsync($"/api/matches/{ownProposal}/dismiss", new { reason = "NotOurField" })).ShouldBeAsync(HttpStatusCode.OK);

        var feedback = await (await researcher.Client.GetAsync($"/api/achievements/{achievement.Id}/dismissals")).JsonAsync();
        feedback.GetProperty("organisations").GetInt32().ShouldBe(4);
        var reasons = feedback.GetProperty("reasons").EnumerateArray().Select(r => (r.GetProperty("reason").GetString(), r.GetProperty("organisations").GetInt32())).ToList();
        reasons.ShouldBe([("TooEarlyStage", 3), ("PriceOrBudgetMismatch", 1)]);

        await (await firms[0].Client.GetAsync($"/api/achievements/{achievement.Id}/dismissals")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient().GetAsync($"/api/achievements/{achievement.Id}/dismissals")).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await researcher.Client.GetAsync($"/api/needs/{Guid.NewGuid()}/dismissals")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_demo_listing_passes_the_publish_gate()
    {
        var achievements = await app.WithDbAsync(db => Task.FromResult(db.Achievements.Where(a => a.Status == ListingStatus.Published).ToList()));
        var needs = await app.WithDbAsync(db => Task.FromResult(db.Needs.Where(n => n.Status == ListingStatus.Published).ToList()));
        achievements.Count.ShouldBeGreaterThan(100);
        needs.Count.ShouldBeGreaterThan(100);
        achievements.Where(a => a.PublishGaps().Count > 0).Select(a => a.Title).ShouldBeEmpty();
        needs.Where(n => n.PublishGaps().Count > 0).Select(n => n.Title).ShouldBeEmpty();
    }

    private static async Task<Guid> ProposalIdAsync(HttpClient client, Guid needId, Guid achievementId) =>
        (await (await client.GetAsync($"/api/needs/{needId}/matches?top=50")).JsonAsync()).EnumerateArray()
            .Single(m => m.GetProperty("counterpart").GetProperty("id").GetGuid() == achievementId).GetProperty("proposalId").GetGuid();
}

public sealed class SqliteProposalReadingTests(SqliteDemoApp app) : ProposalReadingTests<SqliteDemoApp>(app);

public sealed class PostgresProposalReadingTests(PostgresDemoApp app) : ProposalReadingTests<PostgresDemoApp>(app);

/// <summary>The points and key terms on their own, at the rounding edges.</summary>
public sealed class MatchReadingTests
{
    private static ScoreComponent C(string name, double value, double weight) => new(name, value, weight, value * weight);

    [Fact]
    public void Points_add_up_where_rounding_each_part_would_lose_one()
    {
        // 29.55 + 15 + 10 + 8.75 + 4.75 = 68.05 points: each part rounded alone gives 30 + 15 + 10 + 9 + 5 = 69, one more than the score.
        ScoreComponent[] parts = [C("text", 0.4925, 0.6), C("locality", 1, 0.15), C("field", 1, 0.1), C("maturity", 0.875, 0.1), C("budget", 0.95, 0.05)];
        var score = parts.Sum(p => p.Contribution);
        var rounded = parts.Sum(p => (int)Math.Round(p.Contribution * 100, MidpointRounding.AwayFromZero));
        var (points, read) = MatchReading.Points(score, parts);
        points.ShouldBe((int)Math.Round(score * 100, MidpointRounding.AwayFromZero));
        read.Sum(p => p.Points).ShouldBe(points);
        rounded.ShouldNotBe(points);
        read.Select(p => p.Max).ShouldBe([60, 15, 10, 10, 5]);
        read.Select(p => p.Min).ShouldBe([0, 0, 0, 0, 0]);
    }

    [Fact]
    public void A_trained_rankers_negative_parts_keep_their_sign_and_the_parts_still_add_up()
    {
        // bias 0.31 + text 0.2014 + rareTerms -0.0473 + candidateLength -0.0126 + field 0.0837 = 0.5352: 54 points
        ScoreComponent[] parts =
        [
            new("bias", 1, 0.31, 0.31) { Min = 0.31, Max = 0.31 },
            new("text", 0.42, 0.4795, 0.2014) { Min = -0.05, Max = 0.24 },
            new("rareTerms", 0.1, -0.473, -0.0473) { Min = -0.06, Max = 0.11 },
            new("candidateLength", 5.2, -0.0024, -0.0126) { Min = -0.02, Max = 0.03 },
            new("field", 1, 0.0837, 0.0837) { Min = -0.04, Max = 0.0837 },
        ];
        var score = parts.Sum(p => p.Contribution);
        var (points, read) = MatchReading.Points(score, parts);
        points.ShouldBe(54);
        read.Sum(p => p.Points).ShouldBe(points);
        read.Select(p => p.Points).ShouldBe([31, 20, -5, -1, 9]);
        read.Select(p => (p.Min, p.Max)).ShouldBe([(31, 31), (-5, 24), (-6, 11), (-2, 3), (-4, 9)]);
    }

    [Fact]
    public void Key_terms_leave_out_function_words_generic_words_single_characters_and_numbers()
    {
        MatchReading.KeyTerms(["焊接机器人", "与", "系统", "焊", "分段", "the", "Welding", "0.1", "技术", "船舶"])
            .ShouldBe(["焊接机器人", "分段", "Welding", "船舶"]);
    }
}

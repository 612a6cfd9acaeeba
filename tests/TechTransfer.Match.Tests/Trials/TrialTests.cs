using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Trials;

namespace TechTransfer.Match.Tests.Trials;

/// <summary>
/// Use-before-transfer trials: a deal closes as a trial, the trial's dates and overlaps are checked field by field,
/// its outcome converts it into a contract (or extends, returns, fails it), reminders go out once, and the bureau's
/// summary counts what happened.
/// </summary>
public abstract class TrialTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static object Body(Guid dealId, long dealVersion, DateOnly starts, DateOnly ends, params (string Title, DateOnly DueOn)[] milestones) => new
    {
        dealId, dealVersion, startsOn = starts.ToString("yyyy-MM-dd"), endsOn = ends.ToString("yyyy-MM-dd"), paymentMode = "Instalments",
        agreedPrice = 800_000m, paymentTerms = "三期付款", milestones = milestones.Select(m => new { title = m.Title, dueOn = m.DueOn.ToString("yyyy-MM-dd") }).ToArray(),
    };

    [Fact]
    public async Task A_deal_closes_as_a_trial_which_converts_into_the_contract_recorded_from_the_deal()
    {
        var world = await app.WorldAsync();
        var trial = await (await world.Manager.Client.PostAsJsonAsync("/api/trials", Body(world.DealId, world.Deal.GetProperty("version").GetInt64(),
            Today, Today.AddMonths(6), ("中试验收", Today.AddMonths(2))))).JsonAsync(HttpStatusCode.Created);
        var id = trial.GetProperty("id").GetGuid();
        trial.GetProperty("state").GetString().ShouldBe("Running");
        trial.GetProperty("milestones").EnumerateArray().ShouldHaveSingleItem().GetProperty("title").GetString().ShouldBe("中试验收");
        var deal = await (await world.Researcher.Client.GetAsync($"/api/deals/{world.DealId}")).JsonAsync();
        deal.GetProperty("stage").GetString().ShouldBe("Signed");

        // Each party sees it in its list; a stranger neither lists nor reads it.
        (await (await world.Enterprise.Client.GetAsync("/api/trials")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetGuid()).ShouldContain(id);
        var stranger = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        (await (await stranger.Client.GetAsync("/api/trials")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);
        await (await stranger.Client.GetAsync($"/api/trials/{id}")).ProblemAsync(HttpStatusCode.NotFound);

        // Converted names the contract, recorded from the same deal, a transfer or licence.
        var version = trial.GetProperty("version").GetInt64();
        var missing = await (await world.Enterprise.Client.PostAsJsonAsync($"/api/trials/{id}/outcome", new { outcome = "Converted", version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").TryGetProperty("contractId", out _).ShouldBeTrue();
        var body = await world.ContractBodyAsync(world.Manager.Client, 900_000m);
        body["category"] = "Licence";
        body["transformationMode"] = "Licence";
        var contract = await (await world.Manager.Client.PostAsJsonAsync("/api/contracts", body)).JsonAsync(HttpStatusCode.Created);
        var contractId = contract.GetProperty("id").GetGuid();
        var converted = await (await world.Enterprise.Client.PostAsJsonAsync($"/api/trials/{id}/outcome", new { outcome = "Converted", version, contractId })).JsonAsync();
        converted.GetProperty("state").GetString().ShouldBe("Converted");
        converted.GetProperty("contractId").GetGuid().ShouldBe(contractId);
        converted.GetProperty("concludedOn").GetString().ShouldBe(Today.ToString("yyyy-MM-dd"));
        // The contract links back to the trial it converted.
        (await (await world.Enterprise.Client.GetAsync($"/api/contracts/{contractId}")).JsonAsync()).GetProperty("trialId").GetGuid().ShouldBe(id);

        // The old version is stale; a concluded trial takes no second outcome.
        await (await world.Researcher.Client.PostAsJsonAsync($"/api/trials/{id}/outcome", new { outcome = "Returned", version }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var again = await (await world.Researcher.Client.PostAsJsonAsync($"/api/trials/{id}/outcome",
            new { outcome = "Returned", version = converted.GetProperty("version").GetInt64() })).ProblemAsync(HttpStatusCode.Conflict);
        again.GetProperty("code").GetString().ShouldBe("trial_concluded");

        // The contract counts like any other, and the bureau's summary sees the conversion for this institution.
        (await app.WithDbAsync(db => db.CountedContracts.CountAsync(c => c.Id == contractId))).ShouldBe(1);
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        var summary = await (await bureau.Client.GetAsync("/api/trials/summary")).JsonAsync();
        var mine = summary.GetProperty("byInstitution").EnumerateArray().Single(g => g.GetProperty("key").GetString() == world.Researcher.OrganisationId.ToString());
        mine.GetProperty("converted").GetInt32().ShouldBe(1);
        mine.GetProperty("conversionRate").GetDouble().ShouldBe(1.0);
        summary.GetProperty("averageDaysToConversion").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        await (await world.Enterprise.Client.GetAsync("/api/trials/summary")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Dates_out_of_order_missing_fields_and_overlapping_trials_are_refused_by_field_and_write_nothing()
    {
        var world = await app.WorldAsync();
        var version = world.Deal.GetProperty("version").GetInt64();
        async Task<JsonElement> RefusedAsync(object body) =>
            (await (await world.Enterprise.Client.PostAsJsonAsync("/api/trials", body)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        (await RefusedAsync(Body(world.DealId, version, Today, Today.AddDays(-1)))).TryGetProperty("endsOn", out _).ShouldBeTrue();
        (await RefusedAsync(Body(world.DealId, version, Today, Today.AddMonths(3), ("验收", Today.AddMonths(1)), ("过期", Today.AddMonths(4)))))
            .TryGetProperty("milestones[1].dueOn", out _).ShouldBeTrue();
        (await RefusedAsync(new { dealId = world.DealId, dealVersion = version, startsOn = "2025-01-01", endsOn = "2025-06-01", paymentMode = "Royalty" }))
            .TryGetProperty("agreedPrice", out _).ShouldBeTrue();
        (await RefusedAsync(new
        {
            dealId = world.DealId, dealVersion = version, startsOn = "2025-01-01", endsOn = "2025-06-01", paymentMode = "Royalty", agreedPrice = -5m,
        })).TryGetProperty("agreedPrice", out _).ShouldBeTrue();
        await (await world.Enterprise.Client.PostAsJsonAsync("/api/trials", Body(world.DealId, version + 7, Today, Today.AddMonths(3))))
            .ProblemAsync(HttpStatusCode.Conflict);
        var bureau = await app.CreateUserAsync(Roles.BureauAnalyst);
        await (await bureau.Client.PostAsJsonAsync("/api/trials", Body(world.DealId, version, Today, Today.AddMonths(3)))).ProblemAsync(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Trials.CountAsync(t => t.DealId == world.DealId))).ShouldBe(0);
        (await (await world.Researcher.Client.GetAsync($"/api/deals/{world.DealId}")).JsonAsync()).GetProperty("stage").GetString().ShouldBe("Proposed");

        await (await world.Enterprise.Client.PostAsJsonAsync("/api/trials", Body(world.DealId, version, Today, Today.AddMonths(3))))
            .ShouldBeAsync(HttpStatusCode.Created);

        // A second deal on the same achievement with the same buyer: its trial may not overlap the first.
        var second = new Deal
        {
            Title = "第二次对接", AchievementId = world.Achievement.Id, SellerOrganisationId = world.Researcher.OrganisationId!.Value,
            BuyerOrganisationId = world.Enterprise.OrganisationId!.Value, ManagerUserId = await world.Manager.Client.UserIdAsync(),
            Stage = DealStage.Negotiating, ProposedAt = DateTime.UtcNow,
        };
        await app.WithDbAsync(db =>
        {
            db.Deals.Add(second);
            return db.SaveChangesAsync();
        });
        var overlap = await (await world.Manager.Client.PostAsJsonAsync("/api/trials", Body(second.Id, second.Version, Today.AddMonths(2), Today.AddMonths(8))))
            .ProblemAsync(HttpStatusCode.BadRequest);
        overlap.GetProperty("errors").GetProperty("startsOn").EnumerateArray().ShouldHaveSingleItem().GetString()!.ShouldContain(Today.AddMonths(3).ToString("yyyy-MM-dd"));
        (await app.WithDbAsync(db => db.Trials.CountAsync(t => t.DealId == second.Id))).ShouldBe(0);
        await (await world.Manager.Client.PostAsJsonAsync("/api/trials", Body(second.Id, second.Version, Today.AddMonths(4), Today.AddMonths(8))))
            .ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_trial_extends_to_a_later_end_then_fails_with_a_cause_the_bureau_counts()
    {
        var world = await app.WorldAsync();
        var trial = await (await world.Researcher.Client.PostAsJsonAsync("/api/trials",
            Body(world.DealId, world.Deal.GetProperty("version").GetInt64(), Today.AddMonths(-3), Today.AddDays(10)))).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/trials/{trial.GetProperty("id").GetGuid()}/outcome";
        var version = trial.GetProperty("version").GetInt64();

        var earlier = await (await world.Researcher.Client.PostAsJsonAsync(url, new { outcome = "Extended", version, newEndsOn = Today.AddDays(5).ToString("yyyy-MM-dd") }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        earlier.GetProperty("errors").TryGetProperty("newEndsOn", out _).ShouldBeTrue();
        var extended = await (await world.Researcher.Client.PostAsJsonAsync(url, new { outcome = "Extended", version, newEndsOn = Today.AddMonths(2).ToString("yyyy-MM-dd") }))
            .JsonAsync();
        extended.GetProperty("state").GetString().ShouldBe("Running");
        extended.GetProperty("extensions").GetInt32().ShouldBe(1);
        extended.GetProperty("endsOn").GetString().ShouldBe(Today.AddMonths(2).ToString("yyyy-MM-dd"));
        version = extended.GetProperty("version").GetInt64();

        var noCause = await (await world.Enterprise.Client.PostAsJsonAsync(url, new { outcome = "Failed", version })).ProblemAsync(HttpStatusCode.BadRequest);
        noCause.GetProperty("errors").TryGetProperty("failureCause", out _).ShouldBeTrue();
        var failed = await (await world.Enterprise.Client.PostAsJsonAsync(url, new { outcome = "Failed", version, failureCause = "IntegrationCost", note = "产线改造费用过高" }))
            .JsonAsync();
        failed.GetProperty("state").GetString().ShouldBe("Failed");
        failed.GetProperty("failureCause").GetString().ShouldBe("IntegrationCost");
        // Only the parties' members may claim compensation: the deal's manager and the administrator read the trial without the offer.
        extended.GetProperty("mayClaim").GetBoolean().ShouldBeFalse();
        failed.GetProperty("mayClaim").GetBoolean().ShouldBeTrue();
        var trialUrl = $"/api/trials/{trial.GetProperty("id").GetGuid()}";
        (await (await world.Researcher.Client.GetAsync(trialUrl)).JsonAsync()).GetProperty("mayClaim").GetBoolean().ShouldBeTrue();
        (await (await world.Manager.Client.GetAsync(trialUrl)).JsonAsync()).GetProperty("mayClaim").GetBoolean().ShouldBeFalse();
        (await (await app.Admin.GetAsync(trialUrl)).JsonAsync()).GetProperty("mayClaim").GetBoolean().ShouldBeFalse();

        var summary = await (await app.Admin.GetAsync("/api/trials/summary")).JsonAsync();
        summary.GetProperty("failureCauses").EnumerateArray().Single(c => c.GetProperty("cause").GetString() == "IntegrationCost").GetProperty("count").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var mine = summary.GetProperty("byInstitution").EnumerateArray().Single(g => g.GetProperty("key").GetString() == world.Researcher.OrganisationId.ToString());
        (mine.GetProperty("concluded").GetInt32(), mine.GetProperty("converted").GetInt32(), mine.GetProperty("conversionRate").GetDouble()).ShouldBe((1, 0, 0.0));
        (mine.GetProperty("failed").GetInt32(), mine.GetProperty("returned").GetInt32(), mine.GetProperty("averageDaysToConversion").ValueKind).ShouldBe((1, 0, JsonValueKind.Null));
        mine.GetProperty("failureCauses").EnumerateArray().Select(c => (c.GetProperty("cause").GetString(), c.GetProperty("count").GetInt32())).ShouldBe([("IntegrationCost", 1)]);
        var field = summary.GetProperty("byField").EnumerateArray().Single(g => g.GetProperty("key").GetString() == "AdvancedManufacturing");
        field.GetProperty("failureCauses").EnumerateArray().Select(c => c.GetProperty("cause").GetString()).ShouldContain("IntegrationCost");
    }

    [Fact]
    public async Task Reminders_go_out_once_before_each_milestone_and_the_end_and_not_for_dates_far_ahead()
    {
        var world = await app.WorldAsync();
        var trial = await (await world.Manager.Client.PostAsJsonAsync("/api/trials", Body(world.DealId, world.Deal.GetProperty("version").GetInt64(),
            Today.AddMonths(-2), Today.AddDays(5), ("样机交付", Today.AddDays(3)), ("远期节点", Today.AddDays(4).AddMonths(-1))))).JsonAsync(HttpStatusCode.Created);
        var trialId = trial.GetProperty("id").GetGuid();

        // Two months ago, nothing of this trial was within a week.
        (await SweepAsync(DateTimeOffset.UtcNow.AddMonths(-2).AddDays(-1), trialId)).ShouldBe(0);
        // Now: the milestone in three days and the end in five (the past milestone is not announced).
        (await SweepAsync(DateTimeOffset.UtcNow, trialId)).ShouldBe(2);
        (await SweepAsync(DateTimeOffset.UtcNow, trialId)).ShouldBe(0);

        var until = DateTime.UtcNow.AddSeconds(20);
        List<JsonElement> notices;
        do
        {
            notices = [.. (await (await world.Enterprise.Client.GetAsync("/api/notifications?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("kind").GetString() == "TrialReminder" && n.GetProperty("data").GetString()!.Contains(trialId.ToString()))];
            await Task.Delay(notices.Count < 2 ? 100 : 0);
        }
        while (notices.Count < 2 && DateTime.UtcNow < until);
        notices.Count.ShouldBe(2);
        notices.ShouldAllBe(n => n.GetProperty("link").GetString() == $"/workspace/trials/{trialId}");

        // The reminders did not make the parties' copy stale.
        (await (await world.Enterprise.Client.GetAsync($"/api/trials/{trialId}")).JsonAsync()).GetProperty("version").GetInt64().ShouldBe(trial.GetProperty("version").GetInt64());
    }

    /// <summary>Runs the sweep at <paramref name="now"/>; counts the reminders it sent for this trial (other tests' trials share the database).</summary>
    private async Task<int> SweepAsync(DateTimeOffset now, Guid trialId)
    {
        Task<int> RemindedAsync() => app.WithDbAsync(async db =>
            await db.TrialMilestones.CountAsync(m => m.TrialId == trialId && m.RemindedAt != null)
            + await db.Trials.CountAsync(t => t.Id == trialId && t.EndReminderSentAt != null));
        var before = await RemindedAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<TrialReminderSweep>(scope.ServiceProvider, new FixedClock(now)).SweepAsync(CancellationToken.None);
        return await RemindedAsync() - before;
    }
}

public sealed class SqliteTrialTests(SqliteApp app) : TrialTests<SqliteApp>(app);

public sealed class PostgresTrialTests(PostgresApp app) : TrialTests<PostgresApp>(app);

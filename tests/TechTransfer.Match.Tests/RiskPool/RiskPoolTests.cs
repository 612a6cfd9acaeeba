using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Contracts;
using TechTransfer.Match.Tests.Incentives;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.RiskPool;

/// <summary>
/// Risk compensation: the bureau's schemes (bad input by field, stale versions), a failed trial's or failed transfer's party claims (eligibility by
/// code, one open claim per trial and scheme), the bureau approves within the amount rule and the caps, rejects with a reason,
/// records the payout; the pool's balance never goes below zero, also under parallel approvals; everything is audited.
/// </summary>
public abstract class RiskPoolTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    public static Dictionary<string, object?> Scheme(string name, decimal budget = 1_000_000m, decimal ratio = 0.5m, decimal capPerCase = 300_000m,
        decimal capPerInstitution = 1_000_000m, decimal capPerYear = 2_000_000m, decimal maxAmount = 2_000_000m, bool localOnly = false, string[]? fields = null) => new()
    {
        ["name"] = name, ["description"] = "测试方案", ["localBuyersOnly"] = localOnly, ["fields"] = fields ?? [], ["maxAmount"] = maxAmount, ["ratio"] = ratio,
        ["capPerCase"] = capPerCase, ["capPerInstitution"] = capPerInstitution, ["capPerYear"] = capPerYear, ["budget"] = budget,
    };

    private async Task<(HttpClient Bureau, Guid Id)> DefineAsync(Dictionary<string, object?> body)
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var scheme = await (await bureau.PostAsJsonAsync("/api/risk-schemes", body)).JsonAsync(HttpStatusCode.Created);
        return (bureau, scheme.GetProperty("id").GetGuid());
    }

    /// <summary>A trial on a new deal between the world's institution and enterprise, written directly (its own flow is TrialTests').</summary>
    private async Task<Guid> TrialAsync(World world, TrialState state = TrialState.Failed, decimal price = 800_000m)
    {
        var deal = new Deal
        {
            Title = "风险补偿试用" + Guid.NewGuid().ToString("N")[..6], AchievementId = world.Achievement.Id, SellerOrganisationId = world.Researcher.OrganisationId!.Value,
            BuyerOrganisationId = world.Enterprise.OrganisationId!.Value, Stage = DealStage.Signed, ProposedAt = DateTime.UtcNow,
            ManagerUserId = await world.Manager.Client.UserIdAsync(),
        };
        var trial = new Trial
        {
            DealId = deal.Id, AchievementId = world.Achievement.Id, SellerOrganisationId = deal.SellerOrganisationId, BuyerOrganisationId = deal.BuyerOrganisationId,
            StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 6, 30), PaymentMode = TrialPaymentMode.LumpSum, AgreedPrice = price, State = state,
            FailureCause = state == TrialState.Failed ? TrialFailureCause.TechnologyUnderperformed : null, ConcludedOn = state == TrialState.Failed ? new DateOnly(2025, 7, 1) : null,
        };
        await app.WithDbAsync(db =>
        {
            db.Deals.Add(deal);
            db.Trials.Add(trial);
            return db.SaveChangesAsync();
        });
        return trial.Id;
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> scheme, long version) => new(scheme) { ["version"] = version };

    private static object Claim(Guid schemeId, Guid trialId, decimal amountAsked = 500_000m) =>
        new { schemeId, trialId, evidence = "中试线良率未达约定的95%，检测报告附后。", amountAsked };

    private static async Task<JsonElement> PoolAsync(HttpClient bureau, Guid scheme) =>
        (await (await bureau.GetAsync($"/api/risk-schemes/{scheme}")).JsonAsync()).GetProperty("pool");

    [Fact]
    public async Task A_failed_trials_party_claims_and_the_bureau_approves_within_the_rules_then_records_the_payout()
    {
        var world = await app.WorldAsync();
        var (bureau, scheme) = await DefineAsync(Scheme("单笔上限方案"));
        var running = await TrialAsync(world, TrialState.Running);
        var failed = await TrialAsync(world);

        var notFailed = await (await world.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, running))).ProblemAsync(HttpStatusCode.BadRequest);
        notFailed.GetProperty("code").GetString().ShouldBe("trial_not_failed");
        notFailed.GetProperty("errors").TryGetProperty("trialId", out _).ShouldBeTrue();
        var noEvidence = await (await world.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", new { schemeId = scheme, trialId = failed, amountAsked = 5m }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        noEvidence.GetProperty("errors").TryGetProperty("evidence", out _).ShouldBeTrue();
        (await (await world.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, failed, 900_000m))).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("amountAsked", out _).ShouldBeTrue();
        // The deal's manager is no party; a stranger cannot even see the trial.
        await (await world.Manager.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, failed))).ProblemAsync(HttpStatusCode.Forbidden);
        var stranger = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await stranger.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, failed))).ProblemAsync(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.RiskClaims.CountAsync(c => c.SchemeId == scheme))).ShouldBe(0);

        var claim = await (await world.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, failed))).JsonAsync(HttpStatusCode.Created);
        var id = claim.GetProperty("id").GetGuid();
        claim.GetProperty("state").GetString().ShouldBe("Submitted");
        (await (await world.Researcher.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, failed))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("claim_exists");

        // The claimant lists and reads it; a stranger neither; the other party reads only its own organisation's claims.
        (await (await world.Enterprise.Client.GetAsync("/api/risk-claims")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("id").GetGuid()).ShouldContain(id);
        (await (await stranger.Client.GetAsync("/api/risk-claims")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);
        await (await stranger.Client.GetAsync($"/api/risk-claims/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        (await (await stranger.Client.GetAsync($"/api/risk-schemes/{scheme}")).JsonAsync()).GetProperty("pool").ValueKind.ShouldBe(JsonValueKind.Null);
        await (await world.Enterprise.Client.PostAsJsonAsync($"/api/risk-claims/{id}/approve", new { amount = 1m, version = 0 })).ProblemAsync(HttpStatusCode.Forbidden);

        // The bureau sees the limits: asked 500,000, ratio 0.5 x 800,000 = 400,000, cap per case 300,000.
        var read = await (await bureau.GetAsync($"/api/risk-claims/{id}")).JsonAsync();
        read.GetProperty("limits").GetProperty("max").GetDecimal().ShouldBe(300_000m);
        read.GetProperty("limits").GetProperty("ratioOfPrice").GetDecimal().ShouldBe(400_000m);
        var version = read.GetProperty("version").GetInt64();
        var over = await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/approve", new { amount = 300_000.01m, version })).ProblemAsync(HttpStatusCode.BadRequest);
        over.GetProperty("code").GetString().ShouldBe("amount_over_limit");
        over.GetProperty("errors").GetProperty("amount")[0].GetString()!.ShouldContain("300000.00");
        await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/approve", new { amount = 100m, version = version + 3 })).ProblemAsync(HttpStatusCode.Conflict);
        (await PoolAsync(bureau, scheme)).GetProperty("committed").GetDecimal().ShouldBe(0m);

        var approved = await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/approve", new { amount = 300_000m, version, note = "按单笔上限核定" })).JsonAsync();
        approved.GetProperty("state").GetString().ShouldBe("Approved");
        approved.GetProperty("amountApproved").GetDecimal().ShouldBe(300_000m);
        // The claimant hears of the decision; the other party's member, who did not claim, does not.
        var told = (await IncentiveData.NotificationAsync(app, await world.Enterprise.Client.UserIdAsync(), NotificationKind.RiskClaimDecided)).ShouldNotBeNull();
        (told.GetProperty("approved").GetBoolean(), told.GetProperty("amount").GetDecimal(), told.GetProperty("claimId").GetGuid()).ShouldBe((true, 300_000m, id));
        (await IncentiveData.NotificationAsync(app, await world.Researcher.Client.UserIdAsync(), NotificationKind.RiskClaimDecided, waitMs: 0)).ShouldBeNull();
        var pool = await PoolAsync(bureau, scheme);
        (pool.GetProperty("committed").GetDecimal(), pool.GetProperty("balance").GetDecimal()).ShouldBe((300_000m, 700_000m));
        (await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/approve", new { amount = 1m, version = approved.GetProperty("version").GetInt64() }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("claim_decided");

        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd");
        (await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/payout", new { paidOn = future, version = approved.GetProperty("version").GetInt64() }))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("paidOn", out _).ShouldBeTrue();
        var paid = await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/payout",
            new { paidOn = "2025-08-01", reference = "拨付单 2025-017", version = approved.GetProperty("version").GetInt64() })).JsonAsync();
        paid.GetProperty("state").GetString().ShouldBe("Paid");
        pool = await PoolAsync(bureau, scheme);
        (pool.GetProperty("committed").GetDecimal(), pool.GetProperty("paid").GetDecimal(), pool.GetProperty("balance").GetDecimal()).ShouldBe((0m, 300_000m, 700_000m));
        (await (await world.Enterprise.Client.GetAsync($"/api/risk-claims/{id}")).JsonAsync()).GetProperty("state").GetString().ShouldBe("Paid");

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TargetId == id || a.TargetId == scheme).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["risk_scheme.created", "risk_claim.submitted", "risk_claim.approved", "risk_claim.paid"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_failed_transfer_contracts_party_claims_on_the_contracts_amount_and_bad_claims_are_refused_in_both_languages()
    {
        var world = await app.WorldAsync();
        var (bureau, scheme) = await DefineAsync(Scheme("转让失败方案", ratio: 0.3m, capPerCase: 500_000m));
        var seller = world.Researcher.OrganisationId!.Value;
        var buyer = world.Enterprise.OrganisationId!.Value;
        var transfer = await ReconciliationScenario.RecordOnPlatformAsync(app, seller, buyer, new DateOnly(2025, 3, 1), 1_000_000m);
        var service = await ReconciliationScenario.RecordOnPlatformAsync(app, seller, buyer, new DateOnly(2025, 3, 2), 400_000m);
        await app.WithDbAsync(db => db.Contracts.Where(c => c.Id == service.Id).ExecuteUpdateAsync(x => x.SetProperty(c => c.Category, ContractCategory.Service)));
        object Body(Guid contractId, string? cause = "TechnologyUnderperformed", decimal amount = 400_000m) =>
            new { schemeId = scheme, contractId, failureCause = cause, evidence = "受让方产线改造后无法达产，验收报告附后。", amountAsked = amount };

        // Neither or both subjects, a missing cause, an amount above the contract's: 400 by field, in the reader's language.
        var neither = await SendAsync(world.Enterprise.Client, new { schemeId = scheme, evidence = "x", amountAsked = 1m }, "zh-CN");
        neither.GetProperty("errors").GetProperty("trialId")[0].GetString().ShouldBe("请在失败的试用和失败的转让合同中选择其一作为申请对象。");
        var both = await SendAsync(world.Enterprise.Client, new { schemeId = scheme, trialId = await TrialAsync(world), contractId = transfer.Id, failureCause = "Other", evidence = "x", amountAsked = 1m }, "en");
        both.GetProperty("errors").GetProperty("trialId")[0].GetString().ShouldBe("Name either the failed trial or the failed transfer contract the claim is for.");
        var noCause = await SendAsync(world.Enterprise.Client, Body(transfer.Id, cause: null), "zh-CN");
        noCause.GetProperty("errors").GetProperty("failureCause")[0].GetString().ShouldBe("请说明转化失败的原因。");
        var tooMuch = await SendAsync(world.Enterprise.Client, Body(transfer.Id, amount: 1_000_000.01m), "en");
        tooMuch.GetProperty("errors").GetProperty("amountAsked")[0].GetString().ShouldBe("The amount asked may not exceed the contract's amount.");
        var notTransfer = await SendAsync(world.Enterprise.Client, Body(service.Id), "zh-CN");
        notTransfer.GetProperty("code").GetString().ShouldBe("contract_not_transfer");
        notTransfer.GetProperty("errors").GetProperty("contractId")[0].GetString()!.ShouldStartWith("只有技术转让或许可合同");
        // A stranger, or a freshly self-registered account without an organisation, does not learn the contract exists; the bureau
        // reads it but is no party.
        var stranger = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        await (await stranger.Client.PostAsJsonAsync("/api/risk-claims", Body(transfer.Id))).ProblemAsync(HttpStatusCode.NotFound);
        var fresh = await app.CreateUserAsync(Roles.InstitutionMember);
        await (await fresh.Client.PostAsJsonAsync("/api/risk-claims", Body(transfer.Id))).ProblemAsync(HttpStatusCode.NotFound);
        await (await bureau.PostAsJsonAsync("/api/risk-claims", Body(transfer.Id))).ProblemAsync(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.RiskClaims.CountAsync(c => c.SchemeId == scheme))).ShouldBe(0);

        var claim = await (await world.Researcher.Client.PostAsJsonAsync("/api/risk-claims", Body(transfer.Id))).JsonAsync(HttpStatusCode.Created);
        var id = claim.GetProperty("id").GetGuid();
        (claim.GetProperty("contractId").GetGuid(), claim.GetProperty("trialId").ValueKind, claim.GetProperty("price").GetDecimal()).ShouldBe((transfer.Id, JsonValueKind.Null, 1_000_000m));
        (claim.GetProperty("title").GetString(), claim.GetProperty("failureCause").GetString()).ShouldBe(("平台撮合签订的技术转让", "TechnologyUnderperformed"));
        (await (await world.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", Body(transfer.Id))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("claim_exists");

        // The ratio applies to the contract's amount: 0.3 x 1,000,000 = 300,000, below the amount asked and the cap per case.
        var read = await (await bureau.GetAsync($"/api/risk-claims/{id}")).JsonAsync();
        (read.GetProperty("limits").GetProperty("ratioOfPrice").GetDecimal(), read.GetProperty("limits").GetProperty("max").GetDecimal()).ShouldBe((300_000m, 300_000m));
        var version = read.GetProperty("version").GetInt64();
        (await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/approve", new { amount = 300_000.01m, version })).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("code").GetString().ShouldBe("amount_over_limit");
        (await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/approve", new { amount = 300_000m, version })).JsonAsync()).GetProperty("state").GetString().ShouldBe("Approved");
        (await PoolAsync(bureau, scheme)).GetProperty("balance").GetDecimal().ShouldBe(700_000m);
        var told = (await IncentiveData.NotificationAsync(app, await world.Researcher.Client.UserIdAsync(), NotificationKind.RiskClaimDecided)).ShouldNotBeNull();
        (told.GetProperty("contractId").GetGuid(), told.GetProperty("amount").GetDecimal()).ShouldBe((transfer.Id, 300_000m));
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TargetId == id && (a.Action == "risk_claim.submitted" || a.Action == "risk_claim.approved")))).ShouldBe(2);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, object body, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/risk-claims") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_frees_the_trial_for_a_new_claim()
    {
        var world = await app.WorldAsync();
        var (bureau, scheme) = await DefineAsync(Scheme("驳回方案"));
        var trial = await TrialAsync(world);
        var claim = await (await world.Researcher.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, trial, 200_000m))).JsonAsync(HttpStatusCode.Created);
        var id = claim.GetProperty("id").GetGuid();
        var version = claim.GetProperty("version").GetInt64();
        (await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/reject", new { version })).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        var rejected = await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/reject", new { version, reason = "证据不足：缺少检测报告" })).JsonAsync();
        rejected.GetProperty("state").GetString().ShouldBe("Rejected");
        rejected.GetProperty("decisionNote").GetString().ShouldBe("证据不足：缺少检测报告");
        var told = (await IncentiveData.NotificationAsync(app, await world.Researcher.Client.UserIdAsync(), NotificationKind.RiskClaimDecided)).ShouldNotBeNull();
        (told.GetProperty("approved").GetBoolean(), told.GetProperty("reason").GetString()).ShouldBe((false, "证据不足：缺少检测报告"));
        (await (await bureau.PostAsJsonAsync($"/api/risk-claims/{id}/payout", new { paidOn = "2025-08-01", version = rejected.GetProperty("version").GetInt64() }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("claim_not_approved");
        await (await world.Researcher.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, trial, 200_000m))).ShouldBeAsync(HttpStatusCode.Created);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TargetId == id && a.Action == "risk_claim.rejected"))).ShouldBe(1);
        (await PoolAsync(bureau, scheme)).GetProperty("balance").GetDecimal().ShouldBe(1_000_000m);
    }

    [Fact]
    public async Task The_schemes_conditions_refuse_a_claim_with_their_own_code()
    {
        var world = await app.WorldAsync();
        var trial = await TrialAsync(world);
        async Task<string> RefusedAsync(Dictionary<string, object?> scheme)
        {
            var (_, id) = await DefineAsync(scheme);
            return (await (await world.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", Claim(id, trial))).ProblemAsync(HttpStatusCode.BadRequest))
                .GetProperty("code").GetString()!;
        }

        (await RefusedAsync(Scheme("领域方案", fields: ["Agriculture"]))).ShouldBe("field_not_covered");
        (await RefusedAsync(Scheme("限额方案", maxAmount: 500_000m))).ShouldBe("amount_above_scheme_maximum");
        var (_, local) = await DefineAsync(Scheme("本地方案", localOnly: true, fields: ["AdvancedManufacturing"]));
        await (await world.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", Claim(local, trial))).ShouldBeAsync(HttpStatusCode.Created);
        await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == world.Enterprise.OrganisationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.RegionCode, "110105")));
        (await RefusedAsync(Scheme("本地方案二", localOnly: true))).ShouldBe("buyer_not_local");
    }

    [Fact]
    public async Task Bad_scheme_input_is_refused_by_field_and_a_stale_or_overdrawing_revision_changes_nothing()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        async Task<JsonElement> RefusedAsync(Action<Dictionary<string, object?>> change)
        {
            var body = Scheme("坏方案");
            change(body);
            return (await (await bureau.PostAsJsonAsync("/api/risk-schemes", body)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        }

        (await RefusedAsync(b => b["ratio"] = -0.1m)).TryGetProperty("ratio", out _).ShouldBeTrue();
        (await RefusedAsync(b => b["ratio"] = 1.5m)).TryGetProperty("ratio", out _).ShouldBeTrue();
        (await RefusedAsync(b => b["ratio"] = 0m)).TryGetProperty("ratio", out _).ShouldBeTrue();
        (await RefusedAsync(b => b["capPerCase"] = 0m)).TryGetProperty("capPerCase", out _).ShouldBeTrue();
        (await RefusedAsync(b => b["capPerYear"] = -5m)).TryGetProperty("capPerYear", out _).ShouldBeTrue();
        (await RefusedAsync(b => b.Remove("budget"))).TryGetProperty("budget", out _).ShouldBeTrue();
        (await RefusedAsync(b => b.Remove("fields"))).TryGetProperty("fields", out _).ShouldBeTrue();
        (await RefusedAsync(b => b["name"] = "")).TryGetProperty("name", out _).ShouldBeTrue();
        (await app.WithDbAsync(db => db.RiskSchemes.CountAsync(s => s.Name == "坏方案"))).ShouldBe(0);
        var member = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        await (await member.Client.PostAsJsonAsync("/api/risk-schemes", Scheme("越权方案"))).ProblemAsync(HttpStatusCode.Forbidden);

        // A revision with the version read; a stale one is 409; a budget below what is committed and paid is a 400 on budget.
        var world = await app.WorldAsync();
        var (_, id) = await DefineAsync(Scheme("修订方案", budget: 500_000m));
        var claim = await (await world.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", Claim(id, await TrialAsync(world)))).JsonAsync(HttpStatusCode.Created);
        await (await bureau.PostAsJsonAsync($"/api/risk-claims/{claim.GetProperty("id")}/approve",
            new { amount = 250_000m, version = claim.GetProperty("version").GetInt64() })).ShouldBeAsync(HttpStatusCode.OK);
        var scheme = await (await bureau.GetAsync($"/api/risk-schemes/{id}")).JsonAsync();
        var version = scheme.GetProperty("version").GetInt64();
        var cut = Scheme("修订方案", budget: 200_000m);
        (await (await bureau.PutAsJsonAsync($"/api/risk-schemes/{id}", With(cut, version))).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("budget", out _).ShouldBeTrue();
        var revised = await (await bureau.PutAsJsonAsync($"/api/risk-schemes/{id}", With(Scheme("修订方案（二）", budget: 600_000m, ratio: 0.4m), version))).JsonAsync();
        revised.GetProperty("name").GetString().ShouldBe("修订方案（二）");
        revised.GetProperty("pool").GetProperty("balance").GetDecimal().ShouldBe(350_000m);
        (await (await bureau.PutAsJsonAsync($"/api/risk-schemes/{id}", With(Scheme("过期修订", budget: 900_000m), version))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("stale_version");
        (await PoolAsync(bureau, id)).GetProperty("budget").GetDecimal().ShouldBe(600_000m);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TargetId == id && a.Action == "risk_scheme.revised"))).ShouldBe(1);
    }

    [Fact]
    public async Task The_caps_per_organisation_and_per_year_count_earlier_approvals()
    {
        var world = await app.WorldAsync();
        var other = await app.WorldAsync();
        var (bureau, scheme) = await DefineAsync(Scheme("累计上限方案", capPerInstitution: 350_000m, capPerYear: 500_000m));
        async Task<(Guid Id, long Version)> ClaimAsync(World w)
        {
            var c = await (await w.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, await TrialAsync(w)))).JsonAsync(HttpStatusCode.Created);
            return (c.GetProperty("id").GetGuid(), c.GetProperty("version").GetInt64());
        }

        var first = await ClaimAsync(world);
        await (await bureau.PostAsJsonAsync($"/api/risk-claims/{first.Id}/approve", new { amount = 300_000m, version = first.Version })).ShouldBeAsync(HttpStatusCode.OK);
        var second = await ClaimAsync(world);
        var institution = await (await bureau.PostAsJsonAsync($"/api/risk-claims/{second.Id}/approve", new { amount = 60_000m, version = second.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        institution.GetProperty("errors").GetProperty("amount")[0].GetString()!.ShouldContain("50000.00");
        (await PoolAsync(bureau, scheme)).GetProperty("committed").GetDecimal().ShouldBe(300_000m);
        await (await bureau.PostAsJsonAsync($"/api/risk-claims/{second.Id}/approve", new { amount = 50_000m, version = second.Version })).ShouldBeAsync(HttpStatusCode.OK);

        var third = await ClaimAsync(other);
        (await (await bureau.GetAsync($"/api/risk-claims/{third.Id}")).JsonAsync()).GetProperty("limits").GetProperty("yearLeft").GetDecimal().ShouldBe(150_000m);
        (await (await bureau.PostAsJsonAsync($"/api/risk-claims/{third.Id}/approve", new { amount = 150_000.01m, version = third.Version }))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("amount")[0].GetString()!.ShouldContain("150000.00");
        await (await bureau.PostAsJsonAsync($"/api/risk-claims/{third.Id}/approve", new { amount = 150_000m, version = third.Version })).ShouldBeAsync(HttpStatusCode.OK);
        (await PoolAsync(bureau, scheme)).GetProperty("balance").GetDecimal().ShouldBe(500_000m);
    }

    [Fact]
    public async Task Parallel_approvals_never_overdraw_the_pool()
    {
        const int racers = 8;
        var world = await app.WorldAsync();
        // 8 claims of 300,000 against 1,000,000: exactly three fit.
        var analyst = await app.CreateUserAsync(Roles.BureauAnalyst);
        var bureau = analyst.Client;
        var scheme = (await (await bureau.PostAsJsonAsync("/api/risk-schemes", Scheme("竞速方案", capPerInstitution: 10_000_000m, capPerYear: 10_000_000m)))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var claims = new List<(Guid Id, long Version)>();
        for (var i = 0; i < racers; i++)
        {
            var c = await (await world.Enterprise.Client.PostAsJsonAsync("/api/risk-claims", Claim(scheme, await TrialAsync(world), 300_000m))).JsonAsync(HttpStatusCode.Created);
            claims.Add((c.GetProperty("id").GetGuid(), c.GetProperty("version").GetInt64()));
        }

        var clients = await Task.WhenAll(claims.Select(_ => app.SignInAsync(analyst.Email)));
        using var start = new SemaphoreSlim(0, racers);
        var tasks = claims.Select(async (c, i) =>
        {
            await start.WaitAsync();
            using var response = await clients[i].PostAsJsonAsync($"/api/risk-claims/{c.Id}/approve", new { amount = 300_000m, version = c.Version });
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body);
        }).ToList();
        start.Release(racers);
        var answers = await Task.WhenAll(tasks);

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(3, string.Join("\n", answers.Select(a => $"{a.StatusCode} {a.body}")));
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).ShouldAllBe(a => a.StatusCode == HttpStatusCode.Conflict && a.body.Contains("pool_exhausted"));
        var pool = await PoolAsync(bureau, scheme);
        pool.GetProperty("balance").GetDecimal().ShouldBe(100_000m);
        pool.GetProperty("committed").GetDecimal().ShouldBe(900_000m);
        var approved = await app.WithDbAsync(db => db.RiskClaims.Where(c => c.SchemeId == scheme && c.State == RiskClaimState.Approved).Select(c => c.AmountApproved!.Value).ToListAsync());
        (1_000_000m - approved.Sum()).ShouldBe(pool.GetProperty("balance").GetDecimal());
        approved.Count.ShouldBe(3);
    }
}

public sealed class SqliteRiskPoolTests(SqliteApp app) : RiskPoolTests<SqliteApp>(app);

public sealed class PostgresRiskPoolTests(PostgresApp app) : RiskPoolTests<PostgresApp>(app);

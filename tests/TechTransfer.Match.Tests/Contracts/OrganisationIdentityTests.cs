using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>
/// The administrators' side of organisation identity (issue 14): the drafts queue, confirming a draft, correcting a
/// kind and merging two organisations, each followed by the indicators.
/// </summary>
public abstract class OrganisationIdentityTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static readonly string[] InstitutionTables = ["turnover", "localization", "contract-amounts", "collaboration"];

    private async Task<Guid> ImportAsync(HttpClient bureau, List<Dictionary<string, string>> rows)
    {
        var file = Encoding.UTF8.GetBytes(RegistryFiles.Text(rows, [.. RegistryFiles.Columns, ("卖方统一社会信用代码", "sellerCreditCode")]));
        (await (await RegistryFiles.UploadAsync(bureau, file)).ImportedAsync()).GetProperty("rowsValid").GetInt32().ShouldBe(rows.Count);
        return await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.RegistrationNumber == rows[0]["registrationNumber"])
            .Select(c => c.SellerOrganisationId).SingleAsync());
    }

    private static async Task<JsonElement> OrganisationAsync(HttpClient admin, Guid id) => await (await admin.GetAsync($"/api/organisations/{id}")).JsonAsync();

    /// <summary>Whether Tables 1 and 3-6 list the institution (each answers 404 for an organisation that is no institution).</summary>
    private static async Task<bool[]> InTablesAsync(HttpClient bureau, Guid id)
    {
        var found = new List<bool>();
        foreach (var table in InstitutionTables)
        {
            var response = await bureau.GetAsync($"/api/indicators/{table}?year=2024&institution={id}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                found.Add(false);
                continue;
            }

            var rows = (await response.JsonAsync()).GetProperty("rows").EnumerateArray();
            found.Add(rows.Any(r => r.TryGetProperty("institution", out var i) && i.ValueKind == JsonValueKind.Object && i.GetProperty("id").GetGuid() == id));
        }

        return [.. found];
    }

    [Fact]
    public async Task The_drafts_queue_lists_a_draft_with_its_contracts_and_confirming_it_sets_its_kind_and_region()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var tag = ContractFiles.NewTag();
        var rows = RegistryFiles.WanYuanRows(tag, 3);
        foreach (var row in rows)
        {
            (row["sellerName"], row["sellerNatureCode"]) = ($"大连待确认大学{tag}", "");
        }

        var draftId = await ImportAsync(bureau, rows);
        (await InTablesAsync(bureau, draftId)).ShouldAllBe(x => !x);

        var queue = await (await app.Admin.GetAsync($"/api/organisations/drafts?q={tag}")).JsonAsync();
        var draft = queue.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == draftId);
        (draft.GetProperty("sellerContracts").GetInt32(), draft.GetProperty("buyerContracts").GetInt32(), draft.GetProperty("kind").GetString()).ShouldBe((3, 0, "Unknown"));
        (await (await bureau.GetAsync("/api/organisations/drafts")).ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("status").GetInt32().ShouldBe(403);

        var version = draft.GetProperty("version").GetInt64();
        var verify = await (await app.Admin.PostAsJsonAsync($"/api/organisations/{draftId}/verification", new { status = "Verified", version })).ProblemAsync(HttpStatusCode.Conflict);
        verify.GetProperty("code").GetString().ShouldBe("draft_unconfirmed");
        var missing = await (await app.Admin.PostAsJsonAsync($"/api/organisations/{draftId}/confirm", new { kind = "Institution", institutionType = "University", version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(n => n.Equals("regionCode", StringComparison.OrdinalIgnoreCase));
        await (await app.Admin.PostAsJsonAsync($"/api/organisations/{draftId}/confirm", new { kind = "Unknown", regionCode = "210211", version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Admin.PostAsJsonAsync($"/api/organisations/{draftId}/confirm", new { kind = "Institution", regionCode = "210211", version }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        var confirmed = await (await app.Admin.PostAsJsonAsync($"/api/organisations/{draftId}/confirm",
            new { kind = "Institution", institutionType = "University", regionCode = "210211", version })).JsonAsync();
        (confirmed.GetProperty("kind").GetString(), confirmed.GetProperty("verification").GetString(), confirmed.GetProperty("regionCode").GetString(),
            confirmed.GetProperty("regionName").GetString()).ShouldBe(("Institution", "Verified", "210211", "辽宁省大连市甘井子区"));
        (await InTablesAsync(bureau, draftId)).ShouldAllBe(x => x);
        (await OrganisationMatchingTests<TApp>.TurnoverAsync(bureau, draftId)).ShouldBe((3, 3_630_000m));

        var again = await (await app.Admin.PostAsJsonAsync($"/api/organisations/{draftId}/confirm",
            new { kind = "Institution", institutionType = "University", regionCode = "210211", version = confirmed.GetProperty("version").GetInt64() })).ProblemAsync(HttpStatusCode.Conflict);
        again.GetProperty("code").GetString().ShouldBe("not_draft");
        var queued = await (await app.Admin.GetAsync($"/api/organisations/drafts?q={tag}")).JsonAsync();
        queued.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ShouldNotContain(draftId);
        var audit = await (await app.Admin.GetAsync($"/api/audit?targetId={draftId}")).JsonAsync();
        audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldContain("organisation.draft.confirmed");
    }

    [Fact]
    public async Task A_university_recorded_as_an_enterprise_appears_in_tables_1_and_3_to_6_once_its_kind_is_corrected()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var tag = ContractFiles.NewTag();
        var rows = RegistryFiles.WanYuanRows(tag, 2);
        foreach (var row in rows)
        {
            row["sellerNatureCode"] = "0310"; // the registry row called the university an enterprise
        }

        var id = await ImportAsync(bureau, rows);
        (await InTablesAsync(bureau, id)).ShouldBe([false, false, false, false]);

        var before = await OrganisationAsync(app.Admin, id);
        before.GetProperty("kind").GetString().ShouldBe("Enterprise");
        var version = before.GetProperty("version").GetInt64();
        await (await app.Admin.PutAsJsonAsync($"/api/organisations/{id}/kind", new { kind = "Enterprise", institutionType = "University", version }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await bureau.PutAsJsonAsync($"/api/organisations/{id}/kind", new { kind = "Institution", institutionType = "University", version }))
            .ProblemAsync(HttpStatusCode.Forbidden);

        var corrected = await (await app.Admin.PutAsJsonAsync($"/api/organisations/{id}/kind", new { kind = "Institution", institutionType = "University", version })).JsonAsync();
        (corrected.GetProperty("kind").GetString(), corrected.GetProperty("natureCode").GetString()).ShouldBe(("Institution", "0221"));
        (await InTablesAsync(bureau, id)).ShouldBe([true, true, true, true]);
        (await OrganisationMatchingTests<TApp>.TurnoverAsync(bureau, id)).ShouldBe((2, 2_410_000m));

        await (await app.Admin.PutAsJsonAsync($"/api/organisations/{id}/kind", new { kind = "Enterprise", version })).ProblemAsync(HttpStatusCode.Conflict);
        var audit = await (await app.Admin.GetAsync($"/api/audit?targetId={id}&action=organisation.kind")).JsonAsync();
        var line = audit.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        line.GetProperty("details").GetString()!.ShouldContain("\"from\":{\"kind\":\"Enterprise\"");
    }

    [Fact]
    public async Task Merging_moves_every_record_naming_the_source_to_the_target_and_the_indicators_follow()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var member = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var source = member.OrganisationId!.Value;
        var sourceName = (await OrganisationAsync(app.Admin, source)).GetProperty("nameZh").GetString()!;
        var listing = await member.Client.DraftAsync("achievements", Listings.Achievement());
        var interest = new Interest
        {
            FromOrganisationId = source, FromUserId = await member.Client.UserIdAsync(), ToOrganisationId = source, AchievementId = listing.Id, Message = "合并前的意向",
        };
        await app.WithDbAsync(async db =>
        {
            db.Interests.Add(interest);
            return await db.SaveChangesAsync();
        });

        var tag = ContractFiles.NewTag();
        var targetRows = RegistryFiles.WanYuanRows(tag, 2);
        var target = await ImportAsync(bureau, targetRows);
        var sourceRows = RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 3);
        foreach (var row in sourceRows)
        {
            row["sellerName"] = sourceName;
        }

        sourceRows[2]["buyerName"] = sourceName; // the source on the buyer side too (it bought from itself: a registry slip, still a row)
        await ImportAsync(bureau, sourceRows);
        (await OrganisationMatchingTests<TApp>.TurnoverAsync(bureau, target)).ShouldBe((2, 2_410_000m));
        (await OrganisationMatchingTests<TApp>.TurnoverAsync(bureau, source)).ShouldBe((3, 3_630_000m));

        var preview = await (await app.Admin.GetAsync($"/api/organisations/{target}/merge?source={source}")).JsonAsync();
        var moves = preview.GetProperty("moves").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!, m => m.GetProperty("rows").GetInt32());
        moves["Contracts.SellerOrganisationId"].ShouldBe(3);
        moves["Contracts.BuyerOrganisationId"].ShouldBe(1);
        moves["Achievements.OrganisationId"].ShouldBe(1);
        moves["AspNetUsers.OrganisationId"].ShouldBe(1);
        moves["MembershipRequests.OrganisationId"].ShouldBe(1);
        moves["Interests.FromOrganisationId"].ShouldBe(1);

        var versions = new { sourceVersion = (await OrganisationAsync(app.Admin, source)).GetProperty("version").GetInt64(), targetVersion = (await OrganisationAsync(app.Admin, target)).GetProperty("version").GetInt64() };
        await (await app.Admin.PostAsJsonAsync($"/api/organisations/{target}/merge", new { sourceId = source, sourceVersion = versions.sourceVersion + 5, versions.targetVersion }))
            .ProblemAsync(HttpStatusCode.Conflict);
        await (await app.Admin.PostAsJsonAsync($"/api/organisations/{target}/merge", new { sourceId = target, versions.sourceVersion, versions.targetVersion }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await bureau.PostAsJsonAsync($"/api/organisations/{target}/merge", new { sourceId = source, versions.sourceVersion, versions.targetVersion }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        (await OrganisationMatchingTests<TApp>.TurnoverAsync(bureau, source)).Contracts.ShouldBe(3); // nothing moved by the refusals

        var merged = await (await app.Admin.PostAsJsonAsync($"/api/organisations/{target}/merge", new { sourceId = source, versions.sourceVersion, versions.targetVersion })).JsonAsync();
        merged.GetProperty("aliasesAdded").EnumerateArray().Select(a => a.GetString()).ShouldBe([sourceName]);

        // The source is gone; everything that named it names the target.
        await (await app.Admin.GetAsync($"/api/organisations/{source}")).ProblemAsync(HttpStatusCode.NotFound);
        (await OrganisationMatchingTests<TApp>.TurnoverAsync(bureau, target)).ShouldBe((5, 6_040_000m));
        await (await bureau.GetAsync($"/api/indicators/turnover?year=2024&institution={source}")).ProblemAsync(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.Achievements.AsNoTracking().Where(a => a.Id == listing.Id).Select(a => a.OrganisationId).SingleAsync())).ShouldBe(target);
        (await app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Email == member.Email).Select(u => u.OrganisationId).SingleAsync())).ShouldBe(target);
        (await app.WithDbAsync(db => db.MembershipRequests.CountAsync(r => r.OrganisationId == source))).ShouldBe(0);
        var moved = await app.WithDbAsync(db => db.Interests.AsNoTracking().SingleAsync(i => i.Id == interest.Id));
        (moved.FromOrganisationId, moved.ToOrganisationId).ShouldBe((target, target));
        moved.ActiveKey.ShouldStartWith(target.ToString("N")); // its key names the organisation it now belongs to
        (await app.WithDbAsync(db => db.Contracts.CountAsync(c => c.SellerOrganisationId == source || c.BuyerOrganisationId == source))).ShouldBe(0);
        (await (await member.Client.GetAsync("/api/auth/me")).JsonAsync()).GetRawText().ShouldContain(target.ToString());

        var audit = await (await app.Admin.GetAsync($"/api/audit?targetId={target}&action=organisation.merged")).JsonAsync();
        var details = JsonDocument.Parse(audit.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("details").GetString()!).RootElement;
        details.GetProperty("moved").GetProperty("Contracts.SellerOrganisationId").GetInt32().ShouldBe(3);
        details.GetProperty("source").GetProperty("name").GetString().ShouldBe(sourceName);

        // The source's name is now an alias: the next file that names it adds to the target.
        var later = RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 1);
        later[0]["sellerName"] = sourceName;
        (await ImportAsync(bureau, later)).ShouldBe(target);
        (await OrganisationMatchingTests<TApp>.TurnoverAsync(bureau, target)).Contracts.ShouldBe(6);
    }

    [Fact]
    public async Task Merging_two_institutions_with_a_target_for_the_same_year_is_refused_naming_the_rule_and_moves_nothing()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var target = await ImportAsync(bureau, RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 1));
        var source = await ImportAsync(bureau, RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 2));
        // One target per institution and year (a composite unique index): both have one for 2025, only the source for 2026.
        var targets = await app.WithDbAsync(async db =>
        {
            var rows = new[]
            {
                new InstitutionTarget { InstitutionId = target, Year = 2025, LocalContracts = 10 },
                new InstitutionTarget { InstitutionId = source, Year = 2025, LocalContracts = 20 },
                new InstitutionTarget { InstitutionId = source, Year = 2026, LocalContracts = 30 },
            };
            db.InstitutionTargets.AddRange(rows);
            await db.SaveChangesAsync();
            return rows;
        });

        async Task<HttpResponseMessage> MergeAsync() => await app.Admin.PostAsJsonAsync($"/api/organisations/{target}/merge", new
        {
            sourceId = source,
            sourceVersion = (await OrganisationAsync(app.Admin, source)).GetProperty("version").GetInt64(),
            targetVersion = (await OrganisationAsync(app.Admin, target)).GetProperty("version").GetInt64(),
        });

        var refused = await (await MergeAsync()).ProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("code").GetString().ShouldBe("merge_clash");
        refused.GetProperty("detail").GetString()!.ShouldContain("InstitutionTargets(InstitutionId, Year)");
        (await OrganisationMatchingTests<TApp>.TurnoverAsync(bureau, source)).Contracts.ShouldBe(2); // nothing moved
        (await app.WithDbAsync(db => db.InstitutionTargets.CountAsync(t => t.InstitutionId == source))).ShouldBe(2);

        // Once the source's 2025 target is removed, the merge goes through and its 2026 target moves.
        await app.WithDbAsync(db => db.InstitutionTargets.Where(t => t.Id == targets[1].Id).ExecuteDeleteAsync());
        await (await MergeAsync()).ShouldBeAsync(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.InstitutionTargets.AsNoTracking().Where(t => t.InstitutionId == target).OrderBy(t => t.Year).Select(t => t.Year).ToListAsync()))
            .ShouldBe([2025, 2026]);
    }

    [Fact]
    public async Task Merging_moves_the_sources_incentive_entitlements_and_is_refused_while_both_hold_one_for_the_same_quarter()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var target = await ImportAsync(bureau, RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 1));
        var source = await ImportAsync(bureau, RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 1));
        var rows = await app.WithDbAsync(async db =>
        {
            var scheme = new IncentiveScheme { Name = "合并测试", Revision = 1, AdoptedRevision = 1 };
            db.IncentiveSchemes.Add(scheme);
            IncentiveEntitlement Row(Guid beneficiary, int quarter, decimal amount) => new()
            {
                SchemeId = scheme.Id, Revision = 1, Period = $"2024Q{quarter}", Year = 2024, Quarter = quarter, BeneficiaryKind = IncentiveBeneficiary.Institution,
                BeneficiaryId = beneficiary, ContractsToDate = 1, EarnedToDate = amount, Amount = amount, State = EntitlementState.Approved,
            };
            var list = new[] { Row(target, 1, 100m), Row(source, 1, 200m), Row(source, 2, 300m) };
            db.IncentiveEntitlements.AddRange(list);
            await db.SaveChangesAsync();
            return list;
        });

        async Task<HttpResponseMessage> MergeAsync() => await app.Admin.PostAsJsonAsync($"/api/organisations/{target}/merge", new
        {
            sourceId = source,
            sourceVersion = (await OrganisationAsync(app.Admin, source)).GetProperty("version").GetInt64(),
            targetVersion = (await OrganisationAsync(app.Admin, target)).GetProperty("version").GetInt64(),
        });

        var preview = await (await app.Admin.GetAsync($"/api/organisations/{target}/merge?source={source}")).JsonAsync();
        preview.GetProperty("moves").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "IncentiveEntitlements.BeneficiaryId")
            .GetProperty("rows").GetInt32().ShouldBe(2);
        var refused = await (await MergeAsync()).ProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString()!.ShouldContain("IncentiveEntitlements(SchemeId, Period, BeneficiaryId)");
        (await app.WithDbAsync(db => db.IncentiveEntitlements.CountAsync(e => e.BeneficiaryId == source))).ShouldBe(2); // nothing moved

        // Without the clashing quarter the merge goes through, and the target holds what was granted to the source.
        await app.WithDbAsync(db => db.IncentiveEntitlements.Where(e => e.Id == rows[1].Id).ExecuteDeleteAsync());
        await (await MergeAsync()).ShouldBeAsync(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.IncentiveEntitlements.AsNoTracking().Where(e => e.BeneficiaryId == target).OrderBy(e => e.Quarter).Select(e => e.Amount).ToListAsync()))
            .ShouldBe([100m, 300m]);
    }

    [Fact]
    public async Task Two_concurrent_merges_of_the_same_pair_one_wins_and_the_other_answers_409()
    {
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;
        var target = await ImportAsync(bureau, RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 1));
        var sourceRows = RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 2);
        var source = await ImportAsync(bureau, sourceRows);
        var body = new
        {
            sourceId = source,
            sourceVersion = (await OrganisationAsync(app.Admin, source)).GetProperty("version").GetInt64(),
            targetVersion = (await OrganisationAsync(app.Admin, target)).GetProperty("version").GetInt64(),
        };
        var admins = new[] { app.Admin, await app.SignInAsync(TestApp.AdminEmail) };
        var answers = await Task.WhenAll(admins.Select(a => a.PostAsJsonAsync($"/api/organisations/{target}/merge", body)));
        var texts = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        answers.Select(a => a.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true, customMessage: string.Join(" | ", texts));
        (await OrganisationMatchingTests<TApp>.TurnoverAsync(bureau, target)).Contracts.ShouldBe(3);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "organisation.merged" && a.TargetId == target))).ShouldBe(1);
    }
}

public sealed class SqliteOrganisationIdentityTests(SqliteImportApp app) : OrganisationIdentityTests<SqliteImportApp>(app);

public sealed class PostgresOrganisationIdentityTests(PostgresImportApp app) : OrganisationIdentityTests<PostgresImportApp>(app);

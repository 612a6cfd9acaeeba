using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>Joint R&amp;D institutions, spin-offs and validation projects imported from files with the contract import's rules (issue 14).</summary>
public abstract class CollaborationImportTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync() => (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

    /// <summary>A registered university with a credit code, named after the test's tag.</summary>
    private Task<(Guid Id, string Name, string Code)> InstitutionAsync(string tag) => app.WithDbAsync(async db =>
    {
        var organisation = new Organisation
        {
            Kind = OrganisationKind.Institution, InstitutionType = InstitutionType.University, NameZh = $"大连导入大学{tag}", NameEn = $"Import University {tag}",
            CreditCode = CreditCodes.Complete("12210200" + tag[..9]), RegionCode = "210211", RegionName = "辽宁省大连市甘井子区", Verification = VerificationStatus.Verified,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return (organisation.Id, organisation.NameZh, organisation.CreditCode!);
    });

    private async Task<JsonElement> IndicatorRowAsync(HttpClient bureau, Guid institution)
    {
        var table = await (await bureau.GetAsync($"/api/indicators/collaboration?institution={institution}")).JsonAsync();
        return table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("institution").GetProperty("id").GetGuid() == institution);
    }

    private Task<int> DraftsAsync(string tag) => app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag) && o.Verification == VerificationStatus.Draft));

    [Fact]
    public async Task A_GBK_file_with_extra_columns_previews_then_imports_joins_a_name_variant_by_credit_code_and_the_indicator_follows()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var (id, name, code) = await InstitutionAsync(tag);
        var records = new[]
        {
            new JointInstitutionRecord(name, $"焊接联合研发中心{tag}", [$"合作企业甲{tag}", $"合作企业乙{tag}"], "2021-05-01"),
            // Another spelling of the university's name: its credit code finds it.
            new JointInstitutionRecord($"{name}（主校区）", $"海洋装备联合实验室{tag}", [$"合作企业甲{tag}"], "2022/3/15", InstitutionCreditCode: code),
            new JointInstitutionRecord(name, $"已撤销中心{tag}", [$"合作企业乙{tag}"], "2019-01-01", "撤销"),
        };
        var file = CollaborationFiles.Gb18030(CollaborationFiles.JointHeaders, CollaborationFiles.Cells(records), "备注");
        var before = (await IndicatorRowAsync(bureau, id)).GetProperty("jointRdInstitutions").GetInt32();
        before.ShouldBe(0);

        var preview = await (await bureau.ImportCollaborationAsync("joint-institutions", file, "&preview=true")).JsonAsync();
        preview.GetProperty("encoding").GetString().ShouldBe("GB18030");
        preview.GetProperty("inserted").GetInt32().ShouldBe(3);
        preview.GetProperty("organisationsCreated").GetInt32().ShouldBe(2);
        preview.GetProperty("organisations").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ShouldBe([$"合作企业甲{tag}", $"合作企业乙{tag}"], ignoreOrder: true);
        var warning = preview.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem();
        warning.GetProperty("header").GetString().ShouldBe("备注");
        (await app.WithDbAsync(db => db.JointRdInstitutions.CountAsync(j => j.InstitutionId == id))).ShouldBe(0);
        (await DraftsAsync(tag)).ShouldBe(0);

        var imported = await (await bureau.ImportCollaborationAsync("joint-institutions", file)).JsonAsync();
        (imported.GetProperty("inserted").GetInt32(), imported.GetProperty("unchanged").GetInt32()).ShouldBe((3, 0));
        var stored = await app.WithDbAsync(db => db.JointRdInstitutions.AsNoTracking().Where(j => j.InstitutionId == id).ToListAsync());
        stored.Count.ShouldBe(3);
        stored.Single(j => j.Name == $"海洋装备联合实验室{tag}").EstablishedOn.ShouldBe(new DateOnly(2022, 3, 15));
        stored.Single(j => j.Name == $"焊接联合研发中心{tag}").PartnerOrganisationIds.Count.ShouldBe(2);
        (await DraftsAsync(tag)).ShouldBe(2);
        // Table 6 counts the active ones: the dissolved centre is not among them.
        (await IndicatorRowAsync(bureau, id)).GetProperty("jointRdInstitutions").GetInt32().ShouldBe(2);

        // The same file again changes nothing: no record, no organisation.
        var again = await (await bureau.ImportCollaborationAsync("joint-institutions", file)).JsonAsync();
        (again.GetProperty("inserted").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()).ShouldBe((0, 0, 3));
        again.GetProperty("organisationsCreated").GetInt32().ShouldBe(0);
        (await app.WithDbAsync(db => db.JointRdInstitutions.CountAsync(j => j.InstitutionId == id))).ShouldBe(3);
        (await DraftsAsync(tag)).ShouldBe(2);

        // A changed status is an update: the centre is dissolved and leaves the indicator.
        var changed = CollaborationFiles.Gb18030(CollaborationFiles.JointHeaders, CollaborationFiles.Cells([records[0] with { Status = "Dissolved" }]));
        (await (await bureau.ImportCollaborationAsync("joint-institutions", changed)).JsonAsync()).GetProperty("updated").GetInt32().ShouldBe(1);
        (await IndicatorRowAsync(bureau, id)).GetProperty("jointRdInstitutions").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Spin_offs_import_from_xlsx_known_enterprises_joined_unknown_ones_drafted_with_their_region()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var (id, name, _) = await InstitutionAsync(tag);
        var known = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var knownName = await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == known.OrganisationId).Select(o => o.NameZh).SingleAsync());
        var file = await CollaborationFiles.XlsxAsync(CollaborationFiles.SpinOffHeaders, CollaborationFiles.Cells(new[]
        {
            new SpinOffRecord(name, knownName, "入股", "2023-06-01"),
            new SpinOffRecord(name, $"衍生科技有限公司{tag}", "新创办", "2024-01-10", Region: "甘井子区"),
        }));

        var report = await (await bureau.ImportCollaborationAsync("spin-offs", file, fileName: "spin-offs.xlsx")).JsonAsync();
        report.GetProperty("encoding").GetString().ShouldBe("XLSX");
        report.GetProperty("inserted").GetInt32().ShouldBe(2);
        var spinOffs = await app.WithDbAsync(db => db.SpinOffs.AsNoTracking().Where(s => s.InstitutionId == id).ToListAsync());
        spinOffs.Single(s => s.EnterpriseId == known.OrganisationId).Relation.ShouldBe(SpinOffRelation.Invested);
        var draft = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.NameZh == $"衍生科技有限公司{tag}"));
        (draft.Kind, draft.Verification, draft.RegionCode).ShouldBe((OrganisationKind.Enterprise, VerificationStatus.Draft, "210211"));
        (await IndicatorRowAsync(bureau, id)).GetProperty("spinOffs").GetInt32().ShouldBe(2);

        var again = await (await bureau.ImportCollaborationAsync("spin-offs", file, fileName: "spin-offs.xlsx")).JsonAsync();
        again.GetProperty("unchanged").GetInt32().ShouldBe(2);
        (await app.WithDbAsync(db => db.SpinOffs.CountAsync(s => s.InstitutionId == id))).ShouldBe(2);
    }

    [Fact]
    public async Task Validation_projects_find_their_achievement_by_title_and_read_budgets_in_the_header_unit()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        var institution = researcher.OrganisationId!.Value;
        var name = await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == institution).Select(o => o.NameZh).SingleAsync());
        var achievement = await researcher.Client.DraftAsync("achievements", Listings.Achievement($"焊缝跟踪{tag}"));
        var file = CollaborationFiles.Csv(new[]
        {
            new ValidationProjectRecord(name, $"焊缝跟踪中试{tag}", $"焊缝跟踪{tag}", "中试", 4, 6, "2023-03-01", "2023-12-01", BudgetWanYuan: 12.5m),
            new ValidationProjectRecord(name, $"焊缝跟踪概念验证{tag}", $"焊缝跟踪{tag}", "概念验证", 3, null, "2024-01-01"),
        });

        var report = await (await bureau.ImportCollaborationAsync("validation-projects", file)).JsonAsync();
        report.GetProperty("inserted").GetInt32().ShouldBe(2);
        var projects = await app.WithDbAsync(db => db.ValidationProjects.AsNoTracking().Where(p => p.InstitutionId == institution).ToListAsync());
        var pilot = projects.Single(p => p.Name == $"焊缝跟踪中试{tag}");
        (pilot.AchievementId, pilot.Kind, pilot.Status, pilot.Budget).ShouldBe((achievement.Id, ValidationProjectKind.Pilot, ValidationProjectStatus.Completed, 125_000m));
        projects.Single(p => p.Name == $"焊缝跟踪概念验证{tag}").Status.ShouldBe(ValidationProjectStatus.Running);

        // The same budget in yuan is the same project: nothing changes.
        var yuan = CollaborationFiles.Csv(CollaborationFiles.ProjectHeaders.Select(h => h == "经费(万元)" ? "经费(元)" : h).ToList(),
            CollaborationFiles.Cells(new[] { new ValidationProjectRecord(name, $"焊缝跟踪中试{tag}", $"焊缝跟踪{tag}", "中试", 4, 6, "2023-03-01", "2023-12-01", BudgetWanYuan: 125000m) }));
        (await (await bureau.ImportCollaborationAsync("validation-projects", yuan)).JsonAsync()).GetProperty("unchanged").GetInt32().ShouldBe(1);

        // A budget header without a unit is refused on row 1, asking for one.
        var unitless = CollaborationFiles.Csv(CollaborationFiles.ProjectHeaders.Select(h => h == "经费(万元)" ? "经费" : h).ToList(), CollaborationFiles.Cells(new[]
        {
            new ValidationProjectRecord(name, $"焊缝跟踪中试{tag}", $"焊缝跟踪{tag}", "中试", 4, 6, "2023-03-01", "2023-12-01", BudgetWanYuan: 12.5m),
        }));
        var problem = CollaborationFiles.Problems(await (await bureau.ImportCollaborationAsync("validation-projects", unitless)).ProblemAsync(HttpStatusCode.BadRequest))
            .ShouldHaveSingleItem();
        (problem.Row, problem.Column, problem.Header).ShouldBe((1, "budget", "经费"));
        problem.Message.ShouldContain("unit");
    }

    [Theory]
    [InlineData("en", "is not a date", "No institution")]
    [InlineData("zh-CN", "不是日期", "未找到")]
    public async Task A_bad_row_is_named_by_row_and_header_in_the_requests_language_and_nothing_is_written(string language, string badDate, string unknown)
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var (id, name, _) = await InstitutionAsync(tag);
        var file = CollaborationFiles.Csv(new[]
        {
            new JointInstitutionRecord(name, $"中心一{tag}", [$"企业一{tag}"], "2021-05-01"),
            new JointInstitutionRecord(name, $"中心二{tag}", [$"企业二{tag}"], "去年"),
            new JointInstitutionRecord($"不存在的大学{tag}", $"中心三{tag}", [$"企业三{tag}"], "2021-05-01"),
        });

        var rejected = await (await bureau.ImportCollaborationAsync("joint-institutions", file, language: language)).ProblemAsync(HttpStatusCode.BadRequest);
        rejected.GetProperty("code").GetString().ShouldBe("import_rejected");
        var problems = CollaborationFiles.Problems(rejected);
        problems.Count.ShouldBe(2);
        var date = problems.Single(p => p.Row == 3);
        (date.Column, date.Header).ShouldBe(("establishedOn", "成立日期"));
        date.Message.ShouldContain(badDate);
        var institution = problems.Single(p => p.Row == 4);
        (institution.Column, institution.Header).ShouldBe(("institutionName", "单位名称"));
        institution.Message.ShouldContain(unknown);
        (await app.WithDbAsync(db => db.JointRdInstitutions.CountAsync(j => j.InstitutionId == id))).ShouldBe(0);
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag)))).ShouldBe(1);

        // A header without a required column says which headers the file needs.
        var headerless = CollaborationFiles.Csv(["单位名称", "机构名称", "成立日期"], [[name, $"中心一{tag}", "2021-05-01"]]);
        var missing = CollaborationFiles.Problems(await (await bureau.ImportCollaborationAsync("joint-institutions", headerless, language: language))
            .ProblemAsync(HttpStatusCode.BadRequest)).ShouldHaveSingleItem();
        (missing.Row, missing.Column).ShouldBe((1, "partnerNames"));
        missing.Message.ShouldContain("合作企业 / PartnerNames");
    }

    [Fact]
    public async Task Only_the_bureau_and_administrators_import_and_an_unknown_kind_is_named()
    {
        var tag = ContractFiles.NewTag();
        var (_, name, _) = await InstitutionAsync(tag);
        var file = CollaborationFiles.Csv(new[] { new SpinOffRecord(name, $"企业{tag}", "入股", "2023-06-01") });
        var researcher = await app.CreateUserAsync(Roles.InstitutionMember, OrganisationKind.Institution);
        await (await researcher.Client.ImportCollaborationAsync("spin-offs", file)).ProblemAsync(HttpStatusCode.Forbidden);
        var wrongKind = await (await app.Admin.ImportCollaborationAsync("patents", file)).ProblemAsync(HttpStatusCode.BadRequest);
        wrongKind.GetProperty("errors").TryGetProperty("kind", out _).ShouldBeTrue();
        (await (await app.Admin.ImportCollaborationAsync("spin-offs", file)).JsonAsync()).GetProperty("inserted").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task The_same_file_imported_twice_at_once_is_written_once()
    {
        var bureau = await BureauAsync();
        var other = await BureauAsync();
        // The race is narrow (one import drafts the partners while the other commits), so it is run several times.
        for (var round = 0; round < 8; round++)
        {
            var tag = ContractFiles.NewTag();
            var (id, name, _) = await InstitutionAsync(tag);
            var file = CollaborationFiles.Csv(Enumerable.Range(0, 5).Select(i => new JointInstitutionRecord(name, $"并发中心{tag}-{i}", [$"并发企业{tag}-{i}"], "2021-05-01")));

            var answers = await Task.WhenAll(bureau.ImportCollaborationAsync("joint-institutions", file), other.ImportCollaborationAsync("joint-institutions", file));
            var statuses = answers.Select(a => a.StatusCode).ToList();
            statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict, string.Join(", ", statuses));
            var inserted = 0;
            foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
            {
                inserted += (await answer.JsonAsync()).GetProperty("inserted").GetInt32();
            }

            inserted.ShouldBe(5);
            (await app.WithDbAsync(db => db.JointRdInstitutions.CountAsync(j => j.InstitutionId == id))).ShouldBe(5);
            (await DraftsAsync(tag)).ShouldBe(5, $"round {round}");
        }
    }
}

public sealed class SqliteCollaborationImportTests(SqliteApp app) : CollaborationImportTests<SqliteApp>(app);

public sealed class PostgresCollaborationImportTests(PostgresApp app) : CollaborationImportTests<PostgresApp>(app);

using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>
/// How an import finds a row's parties (issue 14): credit code, then exact name, then alias; a party it cannot find
/// is created as a draft carrying what the row said, and the report lists it.
/// </summary>
public abstract class OrganisationMatchingTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private async Task<HttpClient> BureauAsync() => (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

    private static byte[] Registry(IEnumerable<Dictionary<string, string>> rows, params (string Header, string? Key)[] extra) =>
        Encoding.UTF8.GetBytes(RegistryFiles.Text(rows, [.. RegistryFiles.Columns, ("卖方统一社会信用代码", "sellerCreditCode"), .. extra]));

    /// <summary>The turnover (Table 1) of one institution for 2024: contracts and 合同成交额 in yuan; (0, 0) when it sold nothing.</summary>
    public static async Task<(int Contracts, decimal Amount)> TurnoverAsync(HttpClient bureau, Guid institution)
    {
        var table = await (await bureau.GetAsync($"/api/indicators/turnover?year=2024&institution={institution}")).JsonAsync();
        var row = table.GetProperty("rows").EnumerateArray().SingleOrDefault();
        return row.ValueKind == JsonValueKind.Undefined ? (0, 0m) : (row.GetProperty("contracts").GetInt32(), row.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_seller_name_variant_with_the_same_credit_code_joins_the_existing_institution()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var code = CreditCodes.Complete("12210200" + tag[..9]);
        var first = RegistryFiles.WanYuanRows(tag, 2);
        foreach (var row in first)
        {
            row["sellerCreditCode"] = code;
        }

        (await (await RegistryFiles.UploadAsync(bureau, Registry(first))).ImportedAsync()).GetProperty("inserted").GetInt32().ShouldBe(2);
        var university = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.CreditCode == code));
        (await TurnoverAsync(bureau, university.Id)).ShouldBe((2, 2_410_000m));

        // The next file spells the seller differently (a campus in full-width brackets) but gives the same code.
        var second = RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 2);
        foreach (var row in second)
        {
            (row["sellerName"], row["sellerCreditCode"]) = ($"大连测试大学{tag}（主校区）", code);
        }

        var report = await (await RegistryFiles.UploadAsync(bureau, Registry(second))).ImportedAsync();
        report.GetProperty("inserted").GetInt32().ShouldBe(2);
        report.GetProperty("organisations").EnumerateArray().Select(o => o.GetProperty("side").GetString()).ShouldNotContain("seller");

        var secondTag = second[0]["registrationNumber"][..10];
        var sellers = await app.WithDbAsync(db => db.Contracts.AsNoTracking()
            .Where(c => c.ProjectName.Contains(tag) || c.ProjectName.Contains(secondTag))
            .Select(c => c.SellerOrganisationId).Distinct().ToListAsync());
        sellers.ShouldBe([university.Id]);
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag) && o.NameZh.StartsWith("大连测试大学")))).ShouldBe(1);
        (await TurnoverAsync(bureau, university.Id)).ShouldBe((4, 4_820_000m));
    }

    [Fact]
    public async Task A_name_the_organisation_is_known_by_matches_its_alias_after_the_code_and_the_exact_name()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        (await (await RegistryFiles.UploadAsync(bureau, Registry(RegistryFiles.WanYuanRows(tag, 1)))).ImportedAsync()).GetProperty("inserted").GetInt32().ShouldBe(1);
        var university = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.NameZh == $"大连测试大学{tag}"));
        await app.WithDbAsync(async db =>
        {
            db.OrganisationAliases.Add(new OrganisationAlias
            {
                OrganisationId = university.Id, Name = $"大连测试大学 {tag} (Main Campus)", NormalisedName = OrganisationNames.Normalise($"大连测试大学 {tag} (Main Campus)"),
            });
            return await db.SaveChangesAsync();
        });

        // Full-width letters, brackets and spaces: the same name once normalised.
        var rows = RegistryFiles.WanYuanRows(ContractFiles.NewTag(), 2);
        rows[0]["sellerName"] = $"大连测试大学{tag}（Ｍａｉｎ　Campus）";
        rows[1]["sellerName"] = $"大连测试大学{tag}分校"; // no code, no name, no alias: a draft
        var report = await (await RegistryFiles.UploadAsync(bureau, Registry(rows))).ImportedAsync();
        report.GetProperty("organisationsCreated").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var created = report.GetProperty("organisations").EnumerateArray().Where(o => o.GetProperty("side").GetString() == "seller").ToList();
        created.ShouldHaveSingleItem().GetProperty("name").GetString().ShouldBe($"大连测试大学{tag}分校");

        var prefix = rows[0]["registrationNumber"][..10];
        var sellers = await app.WithDbAsync(db => db.Contracts.AsNoTracking().Where(c => c.RegistrationNumber!.StartsWith(prefix))
            .OrderBy(c => c.RegistrationNumber).Select(c => c.SellerOrganisationId).ToListAsync());
        sellers[0].ShouldBe(university.Id);
        sellers[1].ShouldNotBe(university.Id);
        (await TurnoverAsync(bureau, university.Id)).Contracts.ShouldBe(2);
    }

    [Fact]
    public async Task A_credit_code_with_a_wrong_check_character_is_a_row_error_naming_its_cell_and_nothing_is_written()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = RegistryFiles.WanYuanRows(tag, 3);
        var good = CreditCodes.Complete("12210200" + tag[..9]);
        rows[0]["sellerCreditCode"] = good;
        rows[1]["sellerCreditCode"] = good[..17] + (good[17] == '0' ? '1' : '0'); // one character off
        rows[2]["buyerCreditCode"] = "91210200MA0Y8K2X5C"; // the right shape, the wrong check character
        var problem = await (await RegistryFiles.UploadAsync(bureau, Registry(rows), language: "zh-CN")).ProblemAsync(HttpStatusCode.BadRequest);
        var problems = problem.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString(), p.GetProperty("header").GetString(), p.GetProperty("message").GetString()!))
            .ToList();
        problems.Select(p => (p.Item1, p.Item2, p.Item3)).ShouldBe(
            [(3, "sellerCreditCode", "卖方统一社会信用代码"), (4, "buyerCreditCode", "买方统一社会信用代码")], ignoreOrder: true);
        problems.ShouldAllBe(p => p.Item4.Contains("校验码"));
        (await bureau.CountAsync(tag)).ShouldBe(0);
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag)))).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_party_is_a_draft_of_the_kind_its_nature_code_or_kind_column_gives_else_to_be_confirmed()
    {
        var bureau = await BureauAsync();
        var tag = ContractFiles.NewTag();
        var rows = RegistryFiles.WanYuanRows(tag, 3);
        rows[0]["sellerName"] = $"大连测试研究所{tag}";
        rows[0]["sellerNatureCode"] = "0211";
        rows[1]["sellerName"] = $"大连无性质大学{tag}";
        rows[1]["sellerNatureCode"] = "";
        rows[1]["sellerKind"] = "高校";
        rows[2]["sellerName"] = $"大连不明单位{tag}";
        rows[2]["sellerNatureCode"] = "";

        // The preview lists what the commit would create, and creates nothing.
        var preview = await (await RegistryFiles.UploadAsync(bureau, Registry(rows, ("卖方类型", "sellerKind")), query: "?preview=true")).ImportedAsync();
        var listed = preview.GetProperty("organisations").EnumerateArray()
            .Where(o => o.GetProperty("side").GetString() == "seller")
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => (o.GetProperty("kind").GetString(), o.GetProperty("toBeConfirmed").GetBoolean(), o.GetProperty("row").GetInt32()));
        listed[$"大连测试研究所{tag}"].ShouldBe(("Institution", false, 2));
        listed[$"大连无性质大学{tag}"].ShouldBe(("Institution", false, 3));
        listed[$"大连不明单位{tag}"].ShouldBe(("Unknown", true, 4));
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh.Contains(tag)))).ShouldBe(0);

        await (await RegistryFiles.UploadAsync(bureau, Registry(rows, ("卖方类型", "sellerKind")))).ImportedAsync();
        var drafts = await app.WithDbAsync(db => db.Organisations.AsNoTracking().Where(o => o.NameZh.Contains(tag) && !o.NameZh.StartsWith("测试企业"))
            .ToDictionaryAsync(o => o.NameZh));
        drafts.Values.ShouldAllBe(o => o.Verification == VerificationStatus.Draft);
        var institute = drafts[$"大连测试研究所{tag}"];
        (institute.Kind, institute.InstitutionType, institute.RecordedNatureCode, institute.RegionCode).ShouldBe(
            (OrganisationKind.Institution, InstitutionType.ResearchInstitute, "0211", "210202"));
        (drafts[$"大连无性质大学{tag}"].Kind, drafts[$"大连无性质大学{tag}"].InstitutionType).ShouldBe((OrganisationKind.Institution, InstitutionType.University));
        drafts[$"大连不明单位{tag}"].Kind.ShouldBe(OrganisationKind.Unknown);

        // Drafts count in the indicators by the kind the row gave: the institute's contract is in Table 1, the unknown one's is not.
        (await TurnoverAsync(bureau, institute.Id)).Contracts.ShouldBe(1);
        await (await bureau.GetAsync($"/api/indicators/turnover?year=2024&institution={drafts[$"大连不明单位{tag}"].Id}")).ProblemAsync(HttpStatusCode.NotFound);

        // An unknown kind label is a row error naming the column.
        rows[2]["sellerKind"] = "外星机构";
        var rejected = await (await RegistryFiles.UploadAsync(bureau, Registry(rows, ("卖方类型", "sellerKind")))).ProblemAsync(HttpStatusCode.BadRequest);
        var bad = rejected.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem();
        (bad.GetProperty("row").GetInt32(), bad.GetProperty("column").GetString(), bad.GetProperty("header").GetString()).ShouldBe((4, "sellerKind", "卖方类型"));
    }
}

public sealed class SqliteOrganisationMatchingTests(SqliteImportApp app) : OrganisationMatchingTests<SqliteImportApp>(app);

public sealed class PostgresOrganisationMatchingTests(PostgresImportApp app) : OrganisationMatchingTests<PostgresImportApp>(app);

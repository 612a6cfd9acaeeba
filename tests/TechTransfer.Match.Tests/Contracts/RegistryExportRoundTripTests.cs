using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Tests.Indicators;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts.Import;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Data.Seed;

namespace TechTransfer.Match.Tests.Contracts;

/// <summary>
/// Issue 14's "done when": the paper's contracts written as a real registry export (GB18030, extra columns, 万元
/// headers, region names, nature labels, a name variant carrying a credit code, one contract already recorded on the
/// platform at signing) go through preview and commit into a fresh database, and Tables 2-5 come out as printed with
/// that contract counted once; the joint R&amp;D institutions and spin-offs, imported from GB18030 files, give Table 6.
/// </summary>
public abstract class RegistryExportRoundTripTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : TestApp
{
    private const string University = "大连理工大学";
    private const string Variant = "大连理工大学（凌水主校区）";

    private static readonly (string Header, Func<Row, string> Cell)[] Columns =
    [
        ("合同登记号", r => r.Contract.RegistrationNumber!),
        ("项目名称", r => r.Contract.ProjectName),
        ("合同类别", r => ContractColumns.CategoryZh[r.Contract.Category]),
        ("卖方名称", r => r.SellerName),
        ("卖方统一社会信用代码", r => r.SellerCode ?? ""),
        ("卖方性质", r => Label(r.Contract.SellerNatureCode)),
        ("卖方所在地区", r => r.SellerRegion),
        ("买方名称", r => r.BuyerName),
        ("买方统一社会信用代码", r => r.BuyerCode ?? ""),
        ("买方性质", r => Label(r.Contract.BuyerNatureCode)),
        ("买方所在地区", r => r.BuyerRegion),
        ("技术领域", r => ContractColumns.FieldZh[r.Contract.Field]),
        ("合同成交额（万元）", r => Wan(r.Contract.TotalAmount)),
        ("技术交易额（万元）", r => Wan(r.Contract.TechnologyIncome)),
        ("合同签订日期", r => r.Contract.SignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("合同登记日期", r => r.Contract.RegisteredOn!.Value.ToString("yyyy/M/d", CultureInfo.InvariantCulture)),
        ("知识产权类型", _ => "专利"),
        ("备注", _ => ""),
        ("登记机构", _ => "大连市技术市场管理办公室"),
    ];

    private sealed record Row(TechnologyContract Contract, string SellerName, string? SellerCode, string SellerRegion,
        string BuyerName, string? BuyerCode, string BuyerRegion);

    [Fact]
    public async Task The_papers_contracts_as_a_registry_export_import_through_preview_and_commit_with_tables_2_to_6_intact()
    {
        var paper = await PaperContractsAsync();
        var (contracts, organisations) = (paper.Contracts, paper.Organisations);
        var platform = contracts.First(c => organisations[c.SellerOrganisationId].NameZh == University && c.IsLocal && c.Year == 2023);
        var universityCode = CreditCodes.Complete("12210000" + "410320012");
        var buyerCode = CreditCodes.Complete("91210211" + "MA0Q1X2Y3");

        // The platform already knows the university and the buyer, and recorded the contract when it was signed.
        var (universityId, buyerId) = await app.WithDbAsync(async db =>
        {
            var university = Copy(organisations[platform.SellerOrganisationId], universityCode);
            var buyer = Copy(organisations[platform.BuyerOrganisationId], buyerCode);
            db.Organisations.AddRange(university, buyer);
            await db.SaveChangesAsync();
            return (university.Id, buyer.Id);
        });
        var recorded = await RecordOnPlatformAsync(platform, universityId, buyerId);

        var rows = contracts.Select((c, i) =>
        {
            var seller = organisations[c.SellerOrganisationId];
            var buyer = organisations[c.BuyerOrganisationId];
            var isUniversity = seller.NameZh == University;
            return new Row(c,
                isUniversity && i % 7 == 0 ? Variant : seller.NameZh, isUniversity ? universityCode : null, seller.RegionName,
                buyer.NameZh, buyer.Id == platform.BuyerOrganisationId ? buyerCode : null, buyer.RegionName);
        }).ToList();
        rows.Count(r => r.SellerName == Variant).ShouldBeGreaterThan(0);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = Encoding.GetEncoding("GB18030").GetBytes(Csv(rows));
        var bureau = (await app.CreateUserAsync(Roles.BureauAnalyst)).Client;

        var preview = await (await RegistryFiles.UploadAsync(bureau, file, "?preview=true", "zh-CN")).ImportedAsync();
        preview.GetProperty("encoding").GetString().ShouldBe("GB18030");
        RegistryFiles.Listed(preview, "warnings").ShouldBe(["知识产权类型", "备注", "登记机构"]);
        (preview.GetProperty("inserted").GetInt32(), preview.GetProperty("linked").GetInt32()).ShouldBe((contracts.Count - 1, 1));
        preview.GetProperty("links")[0].GetProperty("contractId").GetGuid().ShouldBe(recorded);
        // Every party but the two the platform knows is created, once, whatever the university's name variant.
        var parties = contracts.SelectMany(c => new[] { c.SellerOrganisationId, c.BuyerOrganisationId }).Distinct().Count();
        preview.GetProperty("organisationsCreated").GetInt32().ShouldBe(parties - 2);
        var totals = preview.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("year").GetInt32());
        foreach (var year in contracts.GroupBy(c => c.Year))
        {
            totals[year.Key].GetProperty("contracts").GetInt32().ShouldBe(year.Count());
            totals[year.Key].GetProperty("totalAmountWanYuan").GetDecimal().ShouldBe(year.Sum(c => c.TotalAmount) / 10_000m);
        }

        (await app.WithDbAsync(db => db.Contracts.CountAsync())).ShouldBe(1); // a preview writes nothing

        var commit = await bureau.PostAsync($"/api/contracts/imports/{preview.GetProperty("previewId").GetGuid()}/commit", null);
        await commit.ShouldBeAsync(HttpStatusCode.Accepted);
        var job = await RegistryFiles.FinishedJobAsync(bureau, commit.Headers.Location!);
        (job.GetProperty("status").GetString(), job.GetProperty("inserted").GetInt32()).ShouldBe(("Succeeded", contracts.Count - 1));

        // The platform's record took the registry's number: every contract is stored once.
        (await app.WithDbAsync(db => db.Contracts.CountAsync())).ShouldBe(contracts.Count);
        var linked = await app.WithDbAsync(db => db.Contracts.AsNoTracking().SingleAsync(c => c.Id == recorded));
        (linked.RegistrationNumber, linked.Source).ShouldBe((platform.RegistrationNumber, ContractSource.Platform));
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.NameZh == Variant))).ShouldBe(0);

        var english = PaperRecords.Organisations.ToDictionary(o => o.NameZh, o => o.NameEn);
        string Institution(JsonElement i) => english[i.GetProperty("nameZh").GetString()!];
        await PaperTables.LocalizationAsync(bureau, Institution);
        await PaperTables.ContractAmountsAsync(bureau, Institution);
        await PaperTables.FieldsAsync(bureau);

        // Table 6 from the institutions' own collaboration files, onto the institutions the registry file created.
        await ImportCollaborationAsync(bureau, paper);
        await PaperTables.CollaborationAsync(bureau, Institution);
    }

    /// <summary>The paper's records as the seed builds them, read back from a context that is never saved.</summary>
    private async Task<PaperSet> PaperContractsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var platform = scope.ServiceProvider.GetRequiredService<IOptions<PlatformOptions>>().Value;
        await PaperRecords.AddAsync(db, platform.IsInHomeCity, DateTime.UtcNow, default);
        return new([.. db.Contracts.Local], db.Organisations.Local.ToDictionary(o => o.Id), [.. db.JointRdInstitutions.Local], [.. db.SpinOffs.Local]);
    }

    private sealed record PaperSet(List<TechnologyContract> Contracts, Dictionary<Guid, Organisation> Organisations,
        List<JointRdInstitution> JointInstitutions, List<SpinOff> SpinOffs);

    /// <summary>Table 6's records as the institutions' files: GB18030 with a column the import does not read, previewed, then imported.</summary>
    private static async Task ImportCollaborationAsync(HttpClient bureau, PaperSet paper)
    {
        string Name(Guid id) => paper.Organisations[id].NameZh;
        var joint = paper.JointInstitutions.Select(j => new JointInstitutionRecord(
            Name(j.InstitutionId), j.Name, [.. j.PartnerOrganisationIds.Select(Name)], j.EstablishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var spinOffs = paper.SpinOffs.Select(s => new SpinOffRecord(
            Name(s.InstitutionId), Name(s.EnterpriseId), s.Relation == SpinOffRelation.Created ? "新创办" : "入股",
            s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), paper.Organisations[s.InstitutionId].RegionName));
        foreach (var (kind, file, count) in new[]
                 {
                     ("joint-institutions", CollaborationFiles.Gb18030(CollaborationFiles.JointHeaders, CollaborationFiles.Cells(joint), "备注"), paper.JointInstitutions.Count),
                     ("spin-offs", CollaborationFiles.Gb18030(CollaborationFiles.SpinOffHeaders, CollaborationFiles.Cells(spinOffs), "备注"), paper.SpinOffs.Count),
                 })
        {
            var preview = await (await bureau.ImportCollaborationAsync(kind, file, "&preview=true", "zh-CN")).JsonAsync();
            preview.GetProperty("inserted").GetInt32().ShouldBe(count, kind);
            var imported = await (await bureau.ImportCollaborationAsync(kind, file, language: "zh-CN")).JsonAsync();
            (imported.GetProperty("inserted").GetInt32(), imported.GetProperty("encoding").GetString()).ShouldBe((count, "GB18030"), kind);
        }
    }

    private static Organisation Copy(Organisation o, string creditCode) => new()
    {
        Kind = o.Kind, InstitutionType = o.InstitutionType, NameZh = o.NameZh, NameEn = o.NameEn, RegionCode = o.RegionCode,
        RegionName = o.RegionName, CreditCode = creditCode, Verification = VerificationStatus.Verified,
    };

    private async Task<Guid> RecordOnPlatformAsync(TechnologyContract paper, Guid seller, Guid buyer)
    {
        var contract = new TechnologyContract
        {
            ProjectName = "平台撮合：" + paper.ProjectName, Category = paper.Category, TransformationMode = paper.TransformationMode,
            SellerOrganisationId = seller, SellerNatureCode = paper.SellerNatureCode, SellerRegionCode = paper.SellerRegionCode,
            BuyerOrganisationId = buyer, BuyerNatureCode = paper.BuyerNatureCode, BuyerRegionCode = paper.BuyerRegionCode,
            Field = paper.Field, TotalAmount = paper.TotalAmount, TechnologyIncome = paper.TechnologyIncome, SignedOn = paper.SignedOn,
            Source = ContractSource.Platform,
        };
        await using var scope = app.Services.CreateAsyncScope();
        contract.Derive(scope.ServiceProvider.GetRequiredService<IOptions<PlatformOptions>>().Value.IsInHomeCity);
        await app.WithDbAsync(async db =>
        {
            db.Contracts.Add(contract);
            return await db.SaveChangesAsync();
        });
        return contract.Id;
    }

    private static string Csv(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder().AppendJoin(',', Columns.Select(c => c.Header)).Append("\r\n");
        foreach (var row in rows)
        {
            sb.AppendJoin(',', Columns.Select(c => Quote(c.Cell(row)))).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Quote(string value) => value.IndexOfAny([',', '"']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    // The registry's words for the natures the paper's parties have.
    private static string Label(string? code) => code switch { "0221" => "高等院校", "0211" => "科研院所", "0310" => "企业", _ => code ?? "" };

    private static string Wan(decimal yuan) => (yuan / 10_000m).ToString("0.####", CultureInfo.InvariantCulture);
}

public sealed class SqliteRegistryExportRoundTripTests(SqliteApp app) : RegistryExportRoundTripTests<SqliteApp>(app);

public sealed class PostgresRegistryExportRoundTripTests(PostgresApp app) : RegistryExportRoundTripTests<PostgresApp>(app);

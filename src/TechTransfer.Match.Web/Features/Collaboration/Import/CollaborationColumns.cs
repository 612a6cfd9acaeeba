using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts.Import;

namespace TechTransfer.Match.Web.Features.Collaboration.Import;

/// <summary>The three kinds of collaboration record a file holds, as the import's <c>kind</c> names them.</summary>
public enum CollaborationImportKind
{
    JointInstitutions,
    SpinOffs,
    ValidationProjects,
}

/// <summary>
/// The columns of the collaboration files (docs/import-format.md), one set per kind, each beginning with the
/// institution the record belongs to. Headers are Chinese or English, in any order, read as contract headers are.
/// </summary>
public static class CollaborationColumns
{
    private static readonly ContractColumn[] Institution =
    [
        new("institutionName", "单位名称", "InstitutionName", true),
        new("institutionCreditCode", "单位统一社会信用代码", "InstitutionCreditCode", false),
    ];

    private static readonly Dictionary<CollaborationImportKind, ContractColumn[]> Columns = new()
    {
        [CollaborationImportKind.JointInstitutions] =
        [
            .. Institution,
            new("name", "机构名称", "Name", true),
            new("partnerNames", "合作企业", "PartnerNames", true),
            new("partnerCreditCodes", "合作企业统一社会信用代码", "PartnerCreditCodes", false),
            new("establishedOn", "成立日期", "EstablishedOn", true),
            new("status", "状态", "Status", false),
        ],
        [CollaborationImportKind.SpinOffs] =
        [
            .. Institution,
            new("enterpriseName", "企业名称", "EnterpriseName", true),
            new("enterpriseCreditCode", "企业统一社会信用代码", "EnterpriseCreditCode", false),
            new("enterpriseRegion", "企业所在地区", "EnterpriseRegion", false),
            new("relation", "关系", "Relation", true),
            new("date", "日期", "Date", true),
        ],
        [CollaborationImportKind.ValidationProjects] =
        [
            .. Institution,
            new("name", "项目名称", "Name", true),
            new("achievement", "成果名称", "AchievementTitle", true),
            new("kind", "类型", "Kind", true),
            new("platform", "平台", "Platform", false),
            new("trlBefore", "验证前成熟度", "TrlBefore", true),
            new("trlAfter", "验证后成熟度", "TrlAfter", false),
            new("startedOn", "开始日期", "StartedOn", true),
            new("completedOn", "完成日期", "CompletedOn", false),
            new("status", "状态", "Status", false),
            new("budget", "经费(元)", "BudgetYuan", false),
        ],
    };

    /// <summary>Other headers registries and institutions write for the same columns.</summary>
    private static readonly (string Header, string Key)[] Variants =
    [
        ("高校院所名称", "institutionName"), ("依托单位", "institutionName"), ("统一社会信用代码", "institutionCreditCode"),
        ("共建研发机构名称", "name"), ("研发机构名称", "name"), ("合作企业名称", "partnerNames"),
        ("衍生企业名称", "enterpriseName"), ("企业所在地区代码", "enterpriseRegion"), ("创办/入股", "relation"), ("创办或入股", "relation"),
        ("成立或入股日期", "date"), ("验证前TRL", "trlBefore"), ("验证后TRL", "trlAfter"), ("验证平台", "platform"), ("中试平台", "platform"),
    ];

    private static readonly Dictionary<CollaborationImportKind, Dictionary<string, string>> HeaderToKey =
        Columns.ToDictionary(c => c.Key, c =>
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var column in c.Value)
            {
                map[ContractColumns.Normalise(column.Zh)] = column.Key;
                map[ContractColumns.Normalise(column.En)] = column.Key;
                map[ContractColumns.Normalise(column.Key)] = column.Key;
            }

            foreach (var (header, key) in Variants.Where(v => c.Value.Any(column => column.Key == v.Key)))
            {
                map.TryAdd(ContractColumns.Normalise(header), key);
            }

            return map;
        });

    /// <summary>The budget of a validation project is an amount column: its header states 元, 万元 or 亿元 (经费(万元), BudgetWanYuan).</summary>
    private static readonly (string Prefix, string Key)[] AmountPrefixes = [("经费", "budget"), ("budget", "budget")];

    public static IReadOnlyList<ContractColumn> Of(CollaborationImportKind kind) => Columns[kind];

    /// <summary>The header row of a file of this kind mapped to column keys (<see cref="TableFileReader.MapHeader"/>).</summary>
    public static HeaderMap HeaderMapOf(CollaborationImportKind kind) => (headers, file) => TableFileReader.MapHeader(
        headers, file, Columns[kind], h => HeaderToKey[kind].GetValueOrDefault(ContractColumns.Normalise(h)),
        kind == CollaborationImportKind.ValidationProjects ? h => ContractColumns.AmountHeader(h, AmountPrefixes) : null);

    /// <summary>The kind as the request names it: joint-institutions, spin-offs or validation-projects (the records' own paths).</summary>
    public static bool TryKind(string? text, out CollaborationImportKind kind)
    {
        (var known, kind) = text?.Trim().ToLowerInvariant() switch
        {
            "joint-institutions" => (true, CollaborationImportKind.JointInstitutions),
            "spin-offs" => (true, CollaborationImportKind.SpinOffs),
            "validation-projects" => (true, CollaborationImportKind.ValidationProjects),
            _ => (false, default),
        };
        return known;
    }

    public static readonly Dictionary<string, CollaborationStatus> StatusByText = new(StringComparer.OrdinalIgnoreCase)
    {
        ["运行"] = CollaborationStatus.Active, ["运行中"] = CollaborationStatus.Active, ["正常"] = CollaborationStatus.Active,
        ["Active"] = CollaborationStatus.Active, ["撤销"] = CollaborationStatus.Dissolved, ["解散"] = CollaborationStatus.Dissolved,
        ["注销"] = CollaborationStatus.Dissolved, ["Dissolved"] = CollaborationStatus.Dissolved,
    };

    public static readonly Dictionary<string, SpinOffRelation> RelationByText = new(StringComparer.OrdinalIgnoreCase)
    {
        ["新创办"] = SpinOffRelation.Created, ["创办"] = SpinOffRelation.Created, ["Created"] = SpinOffRelation.Created,
        ["入股"] = SpinOffRelation.Invested, ["参股"] = SpinOffRelation.Invested, ["Invested"] = SpinOffRelation.Invested,
    };

    public static readonly Dictionary<string, ValidationProjectKind> ProjectKindByText = new(StringComparer.OrdinalIgnoreCase)
    {
        ["概念验证"] = ValidationProjectKind.ConceptValidation, ["ConceptValidation"] = ValidationProjectKind.ConceptValidation,
        ["中试"] = ValidationProjectKind.Pilot, ["中试熟化"] = ValidationProjectKind.Pilot, ["Pilot"] = ValidationProjectKind.Pilot,
    };

    public static readonly Dictionary<string, ValidationProjectStatus> ProjectStatusByText = new(StringComparer.OrdinalIgnoreCase)
    {
        ["计划"] = ValidationProjectStatus.Planned, ["Planned"] = ValidationProjectStatus.Planned,
        ["进行中"] = ValidationProjectStatus.Running, ["在研"] = ValidationProjectStatus.Running, ["Running"] = ValidationProjectStatus.Running,
        ["已完成"] = ValidationProjectStatus.Completed, ["完成"] = ValidationProjectStatus.Completed, ["Completed"] = ValidationProjectStatus.Completed,
        ["终止"] = ValidationProjectStatus.Abandoned, ["放弃"] = ValidationProjectStatus.Abandoned, ["Abandoned"] = ValidationProjectStatus.Abandoned,
    };

    /// <summary>The words a cell may hold for a column read through one of the tables above, for the error message.</summary>
    public static string Words<T>(Dictionary<string, T> table) => string.Join(", ", table.Keys);

    /// <summary>Several names in one cell (合作企业): separated by ; ； 、 or a line break.</summary>
    public static List<string> Split(string cell) =>
        cell.Split([';', '；', '、', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

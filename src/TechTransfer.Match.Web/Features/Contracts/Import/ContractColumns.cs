using System.Globalization;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>One column of the registered-contract file: its key, its Chinese and English headers.</summary>
public sealed record ContractColumn(string Key, string Zh, string En, bool Required);

/// <summary>
/// The columns of the technology-contract registration form, in file order (docs/import-format.md).
/// Import reads Chinese or English headers in any order; export writes them in this order.
/// </summary>
public static class ContractColumns
{
    public static readonly IReadOnlyList<ContractColumn> All =
    [
        new("registrationNumber", "登记号", "RegistrationNumber", true),
        new("projectName", "项目名称", "ProjectName", true),
        new("category", "合同类别", "Category", true),
        new("transformationMode", "转化方式", "TransformationMode", false),
        new("sellerName", "卖方名称", "SellerName", true),
        new("sellerCreditCode", "卖方统一社会信用代码", "SellerCreditCode", false),
        new("sellerNatureCode", "卖方性质代码", "SellerNatureCode", false),
        new("sellerRegionCode", "卖方所在地区代码", "SellerRegionCode", true),
        new("buyerName", "买方名称", "BuyerName", true),
        new("buyerCreditCode", "买方统一社会信用代码", "BuyerCreditCode", false),
        new("buyerNatureCode", "买方性质代码", "BuyerNatureCode", false),
        new("buyerRegionCode", "买方所在地区代码", "BuyerRegionCode", true),
        new("field", "技术领域", "TechnicalField", true),
        new("totalAmount", "合同成交额(元)", "TotalAmountYuan", true),
        new("technologyIncome", "技术交易额(元)", "TechnologyIncomeYuan", true),
        new("signedOn", "签订日期", "SignedOn", true),
        new("registeredOn", "登记日期", "RegisteredOn", true),
        new("validFrom", "有效期起", "ValidFrom", false),
        new("validTo", "有效期止", "ValidTo", false),
        new("trialPeriodMonths", "试用期(月)", "TrialPeriodMonths", false),
    ];

    private static readonly Dictionary<string, string> HeaderToKey = BuildHeaders();

    private static Dictionary<string, string> BuildHeaders()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in All)
        {
            map[Normalise(c.Zh)] = c.Key;
            map[Normalise(c.En)] = c.Key;
            map[Normalise(c.Key)] = c.Key;
        }

        // Common variants of the Chinese form's headers.
        map[Normalise("合同登记号")] = "registrationNumber";
        map[Normalise("合同类型")] = "category";
        map[Normalise("合同成交额")] = "totalAmount";
        map[Normalise("技术交易额")] = "technologyIncome";
        map[Normalise("合同签订日期")] = "signedOn";
        map[Normalise("合同登记日期")] = "registeredOn";
        map[Normalise("卖方性质")] = "sellerNatureCode";
        map[Normalise("买方性质")] = "buyerNatureCode";
        map[Normalise("卖方所在地区")] = "sellerRegionCode";
        map[Normalise("买方所在地区")] = "buyerRegionCode";
        // Optional, not a registry column: the party's kind where its nature code is missing (ImportParties).
        foreach (var (header, key) in new[] { ("卖方类型", "sellerKind"), ("卖方单位类型", "sellerKind"), ("SellerKind", "sellerKind"),
                     ("买方类型", "buyerKind"), ("买方单位类型", "buyerKind"), ("BuyerKind", "buyerKind") })
        {
            map[Normalise(header)] = key;
        }

        return map;
    }

    public static string Normalise(string header) =>
        header.Trim().Replace(" ", "").Replace("（", "(").Replace("）", ")").Replace("_", "").ToLowerInvariant();

    public static string? KeyOf(string header) => HeaderToKey.GetValueOrDefault(Normalise(header));

    private static readonly (string Prefix, string Key)[] AmountPrefixes =
        [("合同成交额", "totalAmount"), ("技术交易额", "technologyIncome"), ("totalamount", "totalAmount"), ("technologyincome", "technologyIncome")];

    /// <summary>
    /// An amount column's key and the unit its header states (合同成交额(万元), TotalAmountYuan), or a null unit when the
    /// header has none (合同成交额); null when the header is no amount column.
    /// </summary>
    public static (string Key, AmountUnit? Unit)? AmountHeader(string header) => AmountHeader(header, AmountPrefixes);

    /// <summary>The same reading for another file's amount columns, named by their (normalised) header prefixes.</summary>
    public static (string Key, AmountUnit? Unit)? AmountHeader(string header, IEnumerable<(string Prefix, string Key)> prefixes)
    {
        var h = Normalise(header);
        foreach (var (prefix, key) in prefixes)
        {
            if (!h.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = h[prefix.Length..].Trim('(', ')');
            if (rest.Length == 0)
            {
                return (key, null);
            }

            if (AmountUnits.TryParse(rest, out var unit))
            {
                return (key, unit);
            }
        }

        return null;
    }

    /// <summary>
    /// 转化方式 for a file without it (registry exports have no such column), from 合同类别: transfer and licence are
    /// themselves, development (commissioned or cooperative) is joint development, consulting and service are
    /// technical service. Equity investment (作价投资) is no category: only the column says it.
    /// </summary>
    public static TransformationMode ModeOf(ContractCategory category) => category switch
    {
        ContractCategory.Transfer => TransformationMode.Transfer,
        ContractCategory.Licence => TransformationMode.Licence,
        ContractCategory.DevelopmentCommissioned or ContractCategory.DevelopmentCooperative => TransformationMode.JointDevelopment,
        _ => TransformationMode.TechnicalService,
    };

    public static readonly IReadOnlyDictionary<ContractCategory, string> CategoryZh = new Dictionary<ContractCategory, string>
    {
        [ContractCategory.DevelopmentCommissioned] = "技术开发(委托)",
        [ContractCategory.DevelopmentCooperative] = "技术开发(合作)",
        [ContractCategory.Transfer] = "技术转让",
        [ContractCategory.Licence] = "技术许可",
        [ContractCategory.Consulting] = "技术咨询",
        [ContractCategory.Service] = "技术服务",
    };

    public static readonly IReadOnlyDictionary<TransformationMode, string> ModeZh = new Dictionary<TransformationMode, string>
    {
        [TransformationMode.Transfer] = "转让",
        [TransformationMode.Licence] = "许可",
        [TransformationMode.EquityInvestment] = "作价投资",
        [TransformationMode.JointDevelopment] = "合作开发",
        [TransformationMode.TechnicalService] = "技术服务",
    };

    public static readonly IReadOnlyDictionary<TechnicalField, string> FieldZh = new Dictionary<TechnicalField, string>
    {
        [TechnicalField.ElectronicInformation] = "电子信息",
        [TechnicalField.Aerospace] = "航空航天",
        [TechnicalField.AdvancedManufacturing] = "先进制造",
        [TechnicalField.BiomedicineAndMedicalDevices] = "生物、医药和医疗器械",
        [TechnicalField.NewMaterials] = "新材料及其应用",
        [TechnicalField.NewEnergyAndEnergyEfficiency] = "新能源与高效节能",
        [TechnicalField.EnvironmentalProtectionAndResources] = "环境保护与资源综合利用",
        [TechnicalField.NuclearApplication] = "核应用",
        [TechnicalField.Agriculture] = "农业",
        [TechnicalField.ModernTraffic] = "现代交通",
        [TechnicalField.UrbanConstructionAndSocialDevelopment] = "城市建设与社会发展",
    };

    private static readonly Dictionary<string, ContractCategory> CategoryByText = Reverse(CategoryZh, new()
    {
        ["委托开发"] = ContractCategory.DevelopmentCommissioned,
        ["合作开发"] = ContractCategory.DevelopmentCooperative,
        ["技术开发（委托）"] = ContractCategory.DevelopmentCommissioned,
        ["技术开发（合作）"] = ContractCategory.DevelopmentCooperative,
    });

    private static readonly Dictionary<string, TransformationMode> ModeByText = Reverse(ModeZh, new()
    {
        ["共同开发"] = TransformationMode.JointDevelopment,
        ["技术入股"] = TransformationMode.EquityInvestment,
    });

    private static readonly Dictionary<string, TechnicalField> FieldByText = Reverse(FieldZh, new()
    {
        ["生物医药和医疗器械"] = TechnicalField.BiomedicineAndMedicalDevices,
        ["新材料"] = TechnicalField.NewMaterials,
    });

    private static Dictionary<string, T> Reverse<T>(IReadOnlyDictionary<T, string> zh, Dictionary<string, T> extra)
        where T : struct, Enum
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (value, text) in zh)
        {
            map[text] = value;
            map[value.ToString()] = value;
        }

        foreach (var (text, value) in extra)
        {
            map[text] = value;
        }

        return map;
    }

    public static bool TryCategory(string text, out ContractCategory value) => CategoryByText.TryGetValue(text.Trim(), out value);

    public static bool TryMode(string text, out TransformationMode value) => ModeByText.TryGetValue(text.Trim(), out value);

    public static bool TryField(string text, out TechnicalField value)
    {
        var t = text.Trim();
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined(typeof(TechnicalField), n))
        {
            value = (TechnicalField)n;
            return true;
        }

        return FieldByText.TryGetValue(t, out value);
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    public static bool TryDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static bool TryAmount(string text, out decimal value) =>
        decimal.TryParse(text.Trim().Replace(",", "").Replace("，", ""), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out value);

    public static string FormatDate(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string FormatAmount(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}

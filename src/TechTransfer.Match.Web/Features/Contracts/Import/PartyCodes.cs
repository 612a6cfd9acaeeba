using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>
/// The parties' nature and region cells as registry exports write them: codes, or the registry's words.
/// Nature: the 4-digit code, the same code with its leading zero dropped by a numeric cell (221), or a label
/// (高等院校 0221, 科研院所 0211, 企业 0310). Region: the 6-digit GB/T 2260 code or a name (<see cref="RegionNames"/>).
/// </summary>
public static class PartyCodes
{
    private static readonly Dictionary<string, string> NatureByLabel = new(StringComparer.Ordinal)
    {
        ["高等院校"] = "0221",
        ["高等学校"] = "0221",
        ["高校"] = "0221",
        ["科研院所"] = "0211",
        ["科研机构"] = "0211",
        ["独立科研机构"] = "0211",
        ["企业"] = "0310",
        ["企业法人"] = "0310",
    };

    public static string Labels => string.Join(", ", NatureByLabel.GroupBy(l => l.Value).Select(g => $"{string.Join("/", g.Select(l => l.Key))} {g.Key}"));

    /// <summary>The 4-digit nature code of a cell, or null (with the message) when it is neither a code nor a known label.</summary>
    public static string? Nature(string text, out string? problem)
    {
        problem = null;
        if (text.Length == 0 || (text.Length == 4 && text.All(char.IsAsciiDigit)))
        {
            return text;
        }

        if (text.Length == 3 && text.All(char.IsAsciiDigit))
        {
            return "0" + text;
        }

        if (NatureByLabel.TryGetValue(text, out var code))
        {
            return code;
        }

        if (text.All(char.IsAsciiDigit))
        {
            return text; // a wrong number of digits: the contract rules name it
        }

        problem = ImportText.Say("Unknown nature \"{0}\": write its 4-digit code or one of {1}.", text, Labels);
        return null;
    }

    /// <summary>The 6-digit region code of a cell, or null (with the message) when a name is unknown or ambiguous.</summary>
    public static string? Region(string text, out string? problem)
    {
        problem = null;
        if (text.Length == 0 || text.All(char.IsAsciiDigit))
        {
            return text; // a code; a wrong number of digits is the contract rules' to name
        }

        var codes = RegionNames.Resolve(text);
        switch (codes.Count)
        {
            case 1:
                return codes[0];
            case 0:
                problem = ImportText.Say(
                    "The region \"{0}\" is not a division of the platform's region table (every province, prefecture and county of GB/T 2260, 2023); write its 6-digit code.",
                    text);
                return null;
            default:
                problem = ImportText.Say("The region \"{0}\" is ambiguous: {1}. Write its 6-digit code or its full name.",
                    text, string.Join(", ", codes.Select(c => $"{c} {RegionNames.FullName(c)}")));
                return null;
        }
    }

    private static readonly Dictionary<string, (OrganisationKind, InstitutionType?)> KindByLabel = new(StringComparer.OrdinalIgnoreCase)
    {
        ["高校"] = (OrganisationKind.Institution, InstitutionType.University),
        ["高等院校"] = (OrganisationKind.Institution, InstitutionType.University),
        ["高等学校"] = (OrganisationKind.Institution, InstitutionType.University),
        ["大学"] = (OrganisationKind.Institution, InstitutionType.University),
        ["University"] = (OrganisationKind.Institution, InstitutionType.University),
        ["科研院所"] = (OrganisationKind.Institution, InstitutionType.ResearchInstitute),
        ["科研机构"] = (OrganisationKind.Institution, InstitutionType.ResearchInstitute),
        ["ResearchInstitute"] = (OrganisationKind.Institution, InstitutionType.ResearchInstitute),
        ["企业"] = (OrganisationKind.Enterprise, null),
        ["Enterprise"] = (OrganisationKind.Enterprise, null),
        ["技术转移服务机构"] = (OrganisationKind.Intermediary, null),
        ["中介机构"] = (OrganisationKind.Intermediary, null),
        ["Intermediary"] = (OrganisationKind.Intermediary, null),
    };

    /// <summary>The kind a party-kind cell names (卖方类型: 高校, 科研院所, 企业, 技术转移服务机构), null for an empty cell.</summary>
    public static (OrganisationKind Kind, InstitutionType? Type)? Kind(string text, out string? problem)
    {
        problem = null;
        if (text.Length == 0)
        {
            return null;
        }

        if (KindByLabel.TryGetValue(text, out var kind))
        {
            return kind;
        }

        problem = ImportText.Say("Unknown kind \"{0}\": write one of {1}.", text, "高校, 科研院所, 企业, 技术转移服务机构");
        return null;
    }
}

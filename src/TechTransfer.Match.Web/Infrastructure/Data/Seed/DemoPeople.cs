namespace TechTransfer.Match.Web.Infrastructure.Data.Seed;

/// <summary>
/// The demo's people by their sign-in address: names as the directory, a deal's timeline and the broker performance
/// view show them (the address's local part, "manager", read like a placeholder there).
/// </summary>
public static class DemoPeople
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["researcher"] = "王立新",
        ["enterprise"] = "张伟",
        ["enterprise2"] = "刘洋",
        ["manager"] = "李晓明",
        ["manager2"] = "黄涛",
        ["applicant"] = "赵磊",
        ["bureau"] = "陈静",
        ["reviewer"] = "林芳",
        ["joiner"] = "孙丽",
        ["joiner2"] = "周强",
        ["newfirm"] = "吴敏",
        ["newlab"] = "郑华",
    };

    public static string NameOf(string email)
    {
        var local = email.Split('@')[0];
        return Names.GetValueOrDefault(local, local);
    }
}

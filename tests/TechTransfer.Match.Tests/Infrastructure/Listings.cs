using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechTransfer.Match.Tests.Infrastructure;

/// <summary>Request bodies a member would send, with sensible defaults to override per test.</summary>
public static class Listings
{
    /// <summary>A made-up word of ten letters k..z, unknown to every listing, to tell a test's own records apart in a shared index.</summary>
    public static string Tag() => new(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('k' + (c % 16))).ToArray());

    public static Dictionary<string, object?> Need(string title = "高强度焊接机器人视觉引导系统需求", Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["background"] = "我公司生产大型船用结构件，人工焊接效率低、质量不稳定，需要基于视觉的焊缝自动识别与跟踪系统，以提升焊接一致性并降低返修率。",
            ["indicators"] = new[] { new { name = "焊缝识别精度", target = "≤0.2", unit = "mm" } },
            ["scenario"] = "船体分段焊接车间",
            ["budgetMin"] = 500000m,
            ["budgetMax"] = 1500000m,
            ["cooperationMode"] = "JointDevelopment",
            ["deadline"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(180)).ToString("yyyy-MM-dd"),
            ["field"] = "AdvancedManufacturing",
            ["requiredTrl"] = 6,
            ["visibility"] = "Public",
        };
        change?.Invoke(body);
        return body;
    }

    public static Dictionary<string, object?> Achievement(string title = "基于深度学习的焊缝视觉跟踪技术", Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["summary"] = "采用结构光视觉传感器与深度学习算法实时识别焊缝位置，引导机器人完成厚板多层多道焊接，识别精度0.1毫米，适用于船舶与钢结构制造。",
            ["problemSolved"] = "解决厚板焊接中焊缝识别困难、人工示教效率低的问题。",
            ["advantages"] = "识别精度比传统激光跟踪提高50%，示教时间减少80%。",
            ["keywords"] = new[] { "焊缝跟踪", "机器视觉", "焊接机器人" },
            ["field"] = "AdvancedManufacturing",
            ["trl"] = 6,
            ["ipType"] = "InventionPatent",
            ["ipStatus"] = "Granted",
            ["ipNumber"] = "ZL202110123456.7",
            ["transferModes"] = new[] { "Licence", "JointDevelopment" },
            ["priceMin"] = 800000m,
            ["priceMax"] = 2000000m,
            ["visibility"] = "Public",
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>Creates a draft and returns its id and version.</summary>
    /// <summary>An aquaculture achievement the engine proposes for <see cref="OxygenNeed"/> with the same tag.</summary>
    public static Dictionary<string, object?> OxygenAchievement(string tag, int trl = 7) => Achievement($"{tag} 海水养殖循环水臭氧杀菌与增氧一体化装置", b =>
    {
        b["summary"] = $"{tag} 针对工厂化海水养殖循环水系统，研制臭氧杀菌与纯氧增氧一体化装置，溶解氧稳定在8毫克每升以上，弧菌数量降低90%，适用于海参和大菱鲆育苗车间。";
        b["keywords"] = new[] { "循环水养殖", "臭氧杀菌", "增氧", tag };
        b["field"] = "Agriculture";
        b["trl"] = trl;
    });

    public static Dictionary<string, object?> OxygenNeed(string tag, Action<Dictionary<string, object?>>? change = null) => Need($"{tag} 海参育苗车间循环水增氧与杀菌设备需求", b =>
    {
        b["background"] = $"{tag} 我公司海参育苗车间采用循环水养殖，夏季溶解氧不足、弧菌病频发，需要臭氧杀菌与增氧一体化设备，提高育苗成活率。";
        b["indicators"] = new[] { new { name = "溶解氧", target = "≥8", unit = "mg/L" } };
        b["field"] = "Agriculture";
        b["requiredTrl"] = 6;
        change?.Invoke(b);
    });

    public static async Task<IdVersion> DraftAsync(this HttpClient client, string area, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/{area}", body);
        return await response.ReadAsync<IdVersion>(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> PublishAsync(this HttpClient client, string area, IdVersion record)
    {
        var response = await client.PostAsJsonAsync($"/api/{area}/{record.Id}/publish", new { version = record.Version });
        return await response.JsonAsync();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Tests.Calls;

/// <summary>Bodies and steps of the open-call journey, through the API as its people take them.</summary>
public static class CallScenario
{
    public static Dictionary<string, object?> Body(Guid needId, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = "揭榜挂帅：船体分段焊缝视觉识别",
            ["problem"] = "船体分段厚板多层多道焊接需要焊缝自动识别与跟踪，人工示教效率低。",
            ["targets"] = new[] { new { name = "焊缝识别精度", value = "≤0.2", unit = "mm" }, new { name = "示教时间缩短", value = "≥80", unit = "%" } },
            ["reward"] = 1_500_000m,
            ["regionPrefix"] = "2102",
            ["eligibleKinds"] = new[] { "Institution" },
            ["deadline"] = DateTime.UtcNow.AddDays(30).ToString("O"),
            ["criteria"] = new[] { new { name = "技术方案", weight = 50 }, new { name = "团队能力", weight = 30 }, new { name = "报价", weight = 20 } },
            ["needIds"] = new[] { needId },
        };
        change?.Invoke(body);
        return body;
    }

    public static object Proposal(decimal price, params Guid[] achievementIds) => new
    {
        approach = "结构光视觉传感与深度学习焊缝识别，分三阶段在船厂验证。",
        team = "教授2名、博士后3名、工程师4名",
        milestones = new[] { new { title = "样机", month = 4 }, new { title = "车间验证", month = 9 } },
        price,
        achievementIds,
    };

    public static long Version(this JsonElement e) => e.GetProperty("version").GetInt64();

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    /// <summary>A published need of the enterprise, for calls to cover.</summary>
    public static async Task<Guid> PublishedNeedAsync(this TestUser enterprise, string? title = null)
    {
        var need = await enterprise.Client.DraftAsync("needs", Listings.Need(title ?? "高强度焊接机器人视觉引导系统需求"));
        await enterprise.Client.PublishAsync("needs", need);
        return need.Id;
    }

    /// <summary>The bureau drafts a call over the need, accepts the need and publishes the call.</summary>
    public static async Task<JsonElement> OpenCallAsync(this HttpClient bureau, Guid needId, Action<Dictionary<string, object?>>? change = null)
    {
        var draft = await (await bureau.PostAsJsonAsync("/api/calls", Body(needId, change))).JsonAsync(HttpStatusCode.Created);
        var screened = await (await bureau.PostAsJsonAsync($"/api/calls/{draft.Id()}/needs/{needId}/screening", new { accept = true, version = draft.Version() })).JsonAsync();
        return await (await bureau.PostAsJsonAsync($"/api/calls/{draft.Id()}/publish", new { version = screened.Version() })).JsonAsync();
    }

    /// <summary>A second member of the user's organisation: asks to join and is approved by the user (a verified member).</summary>
    public static async Task<TestUser> ColleagueAsync(this TestApp app, TestUser member)
    {
        var colleague = await app.CreateUserAsync(member.Role);
        var request = await (await colleague.Client.PostAsJsonAsync($"/api/organisations/{member.OrganisationId}/membership-requests", new { message = "同事" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await member.Client.PostAsync($"/api/organisations/{member.OrganisationId}/membership-requests/{request.Id()}/approve", null))
            .ShouldBeAsync(HttpStatusCode.OK);
        return colleague with { OrganisationId = member.OrganisationId };
    }

    /// <summary>Waits up to 10 s for something delivered after the commit (a notification through the outbox).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        (await condition()).ShouldBeTrue("the notification did not arrive within 10 s");
    }

    /// <summary>Moves the deadline into the past, as time would.</summary>
    public static Task PassDeadlineAsync(this TestApp app, Guid callId) =>
        app.WithDbAsync(db => db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Deadline, DateTime.UtcNow.AddMinutes(-1))));

    /// <summary>A reviewer account: granted by the bureau, assigned to the call.</summary>
    public static async Task<TestUser> ReviewerAsync(this TestApp app, HttpClient bureau, Guid callId, TestUser? existing = null)
    {
        var user = existing ?? await app.CreateUserAsync(Roles.EnterpriseMember);
        var granted = await (await bureau.PostAsJsonAsync("/api/reviewers", new { email = user.Email })).JsonAsync();
        var call = await (await bureau.GetAsync($"/api/calls/{callId}")).JsonAsync();
        await (await bureau.PostAsJsonAsync($"/api/calls/{callId}/reviewers", new { userId = granted.GetProperty("userId").GetGuid(), version = call.Version() }))
            .ShouldBeAsync(HttpStatusCode.OK);
        return user;
    }

    /// <summary>Scores every proposal on the reviewer's desk with the given scores per criterion.</summary>
    public static async Task ScoreAllAsync(this HttpClient reviewer, Guid callId, Func<Guid, int[]> scores, string remarks)
    {
        var desk = await (await reviewer.GetAsync($"/api/calls/{callId}/review")).JsonAsync();
        foreach (var item in desk.GetProperty("proposals").EnumerateArray())
        {
            var id = item.GetProperty("proposal").Id();
            var body = new { scores = scores(id).Select((s, i) => new { criterion = i, score = s }).ToArray(), remarks, version = 0 };
            await (await reviewer.PutAsJsonAsync($"/api/calls/{callId}/proposals/{id}/score", body)).ShouldBeAsync(HttpStatusCode.OK);
        }
    }
}

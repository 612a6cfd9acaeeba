using System.Globalization;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Mail;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>
/// Signed unsubscribe tokens: a person and a kind, protected with ASP.NET Core Data Protection (the key ring
/// the Identity tokens use), so a link works without signing in and cannot be altered to name someone else.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("TechTransfer.Match.Notifications.Unsubscribe.v1");

    /// <summary>URL-safe (base64url).</summary>
    public string Create(Guid userId, NotificationKind kind) => _protector.Protect($"{userId:N}:{kind}");

    public bool TryRead(string token, out Guid userId, out NotificationKind kind)
    {
        userId = Guid.Empty;
        kind = default;
        string text;
        try
        {
            text = _protector.Unprotect(token);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return false;
        }

        var parts = text.Split(':');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out userId) && Enum.TryParse(parts[1], out kind);
    }
}

/// <summary>
/// The notification e-mails, in the person's language (zh-CN unless they chose English): one at once for a
/// kind they chose (<see cref="NotificationMailDue"/>) and the daily digest (<see cref="DigestMailDue"/>). Runs
/// from the outbox after the commit that stored the notification or claimed the digest, so a mail is never lost;
/// each carries a one-click unsubscribe for its kind (RFC 8058) and a Message-ID fixed by the event, so the rare
/// repeat after a crash between sending and recording it is the same message to the receiving system.
/// </summary>
public sealed class NotificationMails(AppDbContext db, MailSender mail, IOptions<MailOptions> options, UnsubscribeTokens tokens)
    : INotificationHandler<NotificationMailDue>, INotificationHandler<DigestMailDue>
{
    public async ValueTask Handle(NotificationMailDue e, CancellationToken ct)
    {
        var n = await db.Notifications.AsNoTracking().Where(x => x.Id == e.NotificationId)
            .Select(x => new { x.UserId, x.Kind, x.Data, x.Link }).FirstOrDefaultAsync(ct);
        // Still wanted: the person may have switched the kind back to the app, or unsubscribed, since it was stored.
        if (n is null || !await db.NotificationPreferences.AsNoTracking().AnyAsync(p => p.UserId == n.UserId && p.EmailKinds.Contains(n.Kind), ct)
            || await RecipientAsync(n.UserId, ct) is not { } to)
        {
            return;
        }

        var zh = to.Zh;
        var name = MailText.KindName(n.Kind, zh);
        var detail = MailText.Detail(n.Kind, n.Data);
        var link = Site + (n.Link ?? "/notifications");
        var subject = zh ? $"{name} - 大连技术转移对接平台" : $"{name} - TechTransfer.Match";
        var body = zh
            ? $"{to.Name}：\n\n{name}{(detail.Length > 0 ? "：" + detail : "")}\n查看：{link}\n\n"
            : $"{to.Name},\n\n{name}{(detail.Length > 0 ? ": " + detail : "")}\nOpen: {link}\n\n";
        await SendAsync(to, n.UserId, n.Kind, subject, body, zh
            ? $"您收到这封邮件，是因为您选择了“{name}”立即发邮件。"
            : $"You get this e-mail because you chose to have “{name}” e-mailed at once.", e.NotificationId, ct);
    }

    public async ValueTask Handle(DigestMailDue e, CancellationToken ct)
    {
        if (e.Counts.Count == 0 || await RecipientAsync(e.UserId, ct) is not { } to)
        {
            return;
        }

        var zh = to.Zh;
        var total = e.Counts.Values.Sum();
        var day = e.WindowStart.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // the window in Beijing time
        var subject = zh ? $"每日汇总：{total} 条新通知（{day}）- 大连技术转移对接平台" : $"Daily digest: {total} new notifications ({day}) - TechTransfer.Match";
        var body = new StringBuilder(zh ? $"{to.Name}：\n\n过去一天您有 {total} 条未读通知：\n\n" : $"{to.Name},\n\nYou have {total} unread notifications from the last day:\n\n");
        foreach (var (kindName, count) in e.Counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var label = Enum.TryParse<NotificationKind>(kindName, out var kind) ? MailText.KindName(kind, zh) : kindName;
            body.Append(zh ? $"- {label}：{count} 条 {Site}/notifications\n" : $"- {label}: {count} {Site}/notifications\n");
        }

        body.Append('\n');
        await SendAsync(to, e.UserId, NotificationKind.Digest, subject, body.ToString(), zh
            ? "您收到这封邮件，是因为您选择了每日汇总邮件。"
            : "You get this e-mail because you chose the daily digest e-mail.", e.DigestId, ct);
    }

    private string Site => options.Value.PublicBaseUrl.TrimEnd('/');

    private async Task SendAsync(Recipient to, Guid userId, NotificationKind kind, string subject, string body, string why, Guid eventId, CancellationToken ct)
    {
        var token = tokens.Create(userId, kind);
        var oneClick = $"{Site}/api/notifications/unsubscribe?token={token}";
        var page = $"{Site}/unsubscribe?token={token}";
        var text = body + (to.Zh
            ? $"—\n{why}退订此类邮件（一键，无需登录）：{page}\n\n大连技术转移对接平台"
            : $"—\n{why} Unsubscribe from these e-mails (one click, no sign-in): {page}\n\nTechTransfer.Match");
        var domain = options.Value.From.Split('@') is [_, var d] ? d : "techtransfer.local";
        await mail.SendAsync(new MailMessage(to.Email, subject, text,
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{oneClick}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            $"{eventId:N}@{domain}"), ct);
    }

    private sealed record Recipient(string Email, string Name, bool Zh);

    private async Task<Recipient?> RecipientAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.DisplayName, u.PreferredLanguage, u.ErasedAt, u.EmailConfirmed }).FirstOrDefaultAsync(ct);
        return user is { Email: { } email, ErasedAt: null, EmailConfirmed: true }
            ? new Recipient(email, user.DisplayName, user.PreferredLanguage != "en")
            : null;
    }
}

/// <summary>The kinds' names and a notification's one-line detail for e-mails, in Chinese and English.</summary>
public static class MailText
{
    private static readonly Dictionary<NotificationKind, (string Zh, string En)> Names = new()
    {
        [NotificationKind.MatchProposed] = ("新的匹配推荐", "New proposals"),
        [NotificationKind.InterestReceived] = ("收到对接意向", "Interest received"),
        [NotificationKind.InterestAccepted] = ("意向被同意", "Interest accepted"),
        [NotificationKind.InterestDeclined] = ("意向被婉拒", "Interest declined"),
        [NotificationKind.DealAssigned] = ("指派给我的对接项目", "Deals assigned to me"),
        [NotificationKind.DealStageChanged] = ("对接项目进展", "Deal progress"),
        [NotificationKind.ContractRecorded] = ("技术合同登记", "Contracts recorded"),
        [NotificationKind.ImportFinished] = ("导入完成", "Imports finished"),
        [NotificationKind.SavedSearchMatched] = ("保存的搜索提醒", "Saved-search alerts"),
        [NotificationKind.DealOpened] = ("与本单位相关的新对接项目", "Deals opened with my organisation"),
        [NotificationKind.ContractProposal] = ("待确认的合同及其答复", "Contracts to confirm and their answers"),
        [NotificationKind.Digest] = ("每日汇总", "Daily digest"),
        [NotificationKind.ListingUnpublished] = ("管理员下架本单位的记录", "Records unpublished by an administrator"),
        [NotificationKind.TrialReminder] = ("先使用后付费试用提醒", "Trial milestones and ends"),
        [NotificationKind.EntitlementDecided] = ("激励资金的审批结果", "Incentive entitlements decided"),
        [NotificationKind.RiskClaimDecided] = ("风险补偿申请的审批结果", "Risk compensation claims decided"),
        [NotificationKind.FilingReviewDue] = ("服务机构备案年度复核到期提醒", "Intermediary filing reviews falling due"),
    };

    public static string KindName(NotificationKind kind, bool zh) =>
        Names.TryGetValue(kind, out var name) ? (zh ? name.Zh : name.En) : kind.ToString();

    /// <summary>The titles the notification's data names (achievement ⇄ need, a deal, a search), or nothing.</summary>
    public static string Detail(NotificationKind kind, string data)
    {
        try
        {
            using var json = JsonDocument.Parse(data);
            string Str(string name) => json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() ?? "" : "";
            if (kind == NotificationKind.MatchProposed && Str("achievementTitle") is { Length: > 0 } a && Str("needTitle") is { Length: > 0 } n)
            {
                return $"{a} ⇄ {n}";
            }

            if (kind == NotificationKind.ListingUnpublished && Str("title") is { Length: > 0 } title)
            {
                // The owner needs the reason to act on it, in the mail too.
                return $"{title}: {Str("reason")}";
            }

            return new[] { "title", "dealTitle", "needTitle", "achievementTitle", "searchName" }.Select(Str).FirstOrDefault(s => s.Length > 0) ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}

using System.Text.Encodings.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Mail;

namespace TechTransfer.Match.Web.Infrastructure.Accounts;

/// <summary>
/// Writes and sends the account mails in the owner's language. Runs from the outbox after the change
/// committed; the confirmation and reset tokens are made here, so no token is ever stored.
/// </summary>
public sealed class AccountMails(UserManager<AppUser> users, MailSender mail, IOptions<MailOptions> options) : INotificationHandler<AccountMailRequested>
{
    public async ValueTask Handle(AccountMailRequested notification, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(notification.UserId.ToString());
        if (user?.Email is null || user.ErasedAt is not null)
        {
            return;
        }

        var zh = user.PreferredLanguage != "en";
        var site = options.Value.PublicBaseUrl.TrimEnd('/');
        var (subject, text) = notification.Kind switch
        {
            AccountMailKind.ConfirmEmail => ConfirmEmail(zh, Link(site, "/confirm-email", ("userId", user.Id.ToString()), ("token", await users.GenerateEmailConfirmationTokenAsync(user)))),
            AccountMailKind.AlreadyRegistered => AlreadyRegistered(zh, site),
            AccountMailKind.ResetPassword => ResetPassword(zh, Link(site, "/reset-password", ("email", user.Email), ("token", await users.GeneratePasswordResetTokenAsync(user)))),
            AccountMailKind.PasswordChanged => PasswordChanged(zh, site),
            _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.Kind, "Unknown account mail."),
        };
        await mail.SendAsync(new MailMessage(user.Email, subject, $"{user.DisplayName}：\n\n{text}\n\nTechTransfer.Match"), cancellationToken);
    }

    private static string Link(string site, string path, params (string Key, string Value)[] query) =>
        QueryHelpers.AddQueryString(site + path, query.ToDictionary(q => q.Key, q => (string?)q.Value));

    private static (string, string) ConfirmEmail(bool zh, string link) => zh
        ? ("请确认您的邮箱 - 大连技术转移对接平台", $"请打开下面的链接确认邮箱，确认后即可登录：\n{link}\n\n如果不是您本人注册，请忽略本邮件。")
        : ("Confirm your email - TechTransfer.Match", $"Open this link to confirm your email; you can sign in once it is confirmed:\n{link}\n\nIf you did not register, ignore this mail.");

    private static (string, string) AlreadyRegistered(bool zh, string site) => zh
        ? ("有人尝试用您的邮箱注册", $"有人尝试用这个邮箱注册新账号，但它已经有账号了。如果是您本人，请直接登录（{site}/login）；忘记密码可在登录页重置。如果不是您，请忽略本邮件。")
        : ("Someone tried to register with your email", $"Someone tried to register a new account with this email, which already has one. If it was you, sign in ({site}/login) or reset your password there. If not, ignore this mail.");

    private static (string, string) ResetPassword(bool zh, string link) => zh
        ? ("重置密码 - 大连技术转移对接平台", $"请打开下面的链接设置新密码（链接一天内有效）：\n{link}\n\n如果不是您本人申请，请忽略本邮件，密码不会改变。")
        : ("Reset your password - TechTransfer.Match", $"Open this link to set a new password (valid for one day):\n{link}\n\nIf you did not ask for it, ignore this mail; your password stays as it is.");

    private static (string, string) PasswordChanged(bool zh, string site) => zh
        ? ("您的密码已更改", $"您的账号密码刚刚被更改，所有已登录的会话都已退出。如果不是您本人操作，请立即在 {site}/login 重置密码并联系管理员。")
        : ("Your password was changed", $"The password of your account was just changed and every session signed out. If it was not you, reset your password at {site}/login at once and tell an administrator.");
}

using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace TechTransfer.Match.Web.Infrastructure.Mail;

/// <summary>Configuration section "Mail".</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The sender address of every message.</summary>
    public string From { get; set; } = "noreply@techtransfer.local";
    public string FromName { get; set; } = "TechTransfer.Match";
    /// <summary>SMTP server; when empty, messages are written as .eml files to <see cref="PickupDirectory"/> (Development).</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    /// <summary>Auto (STARTTLS when offered), StartTls, SslOnConnect or None.</summary>
    public string Security { get; set; } = "Auto";
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>Relative to the data directory.</summary>
    public string PickupDirectory { get; set; } = "mail";
    /// <summary>The public address of the web front end, for links in messages.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}

/// <summary>
/// One mail. <see cref="Headers"/> are added as they are (List-Unsubscribe); <see cref="MessageId"/>, when given,
/// is stable for the event, so a repeat after a crash between sending and recording it carries the same id.
/// </summary>
public sealed record MailMessage(string To, string Subject, string Text, IReadOnlyDictionary<string, string>? Headers = null, string? MessageId = null);

/// <summary>Sends mail through SMTP (MailKit), or drops it in a pickup folder when no server is configured.</summary>
public sealed class MailSender(IOptions<MailOptions> options, Data.DatabaseOptions database, IHostEnvironment environment)
{
    public async Task SendAsync(MailMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(o.FromName, o.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Text };
        if (message.MessageId is { } id)
        {
            mime.MessageId = id;
        }

        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
        {
            mime.Headers.Add(name, value);
        }

        if (string.IsNullOrWhiteSpace(o.SmtpHost))
        {
            var folder = Path.Combine(database.DataDirectoryPath(environment.ContentRootPath), o.PickupDirectory);
            Directory.CreateDirectory(folder);
            await mime.WriteToAsync(Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml"), ct);
            return;
        }

        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(o.SmtpHost, o.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(o.User))
        {
            await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        }

        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

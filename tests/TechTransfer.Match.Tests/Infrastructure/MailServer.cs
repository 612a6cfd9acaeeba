using MimeKit;

namespace TechTransfer.Match.Tests.Infrastructure;

/// <summary>
/// The real SMTP server the test script starts (Debian's aiosmtpd, writing each message into a Maildir):
/// TTM_TEST_SMTP (host:port, default 127.0.0.1:2525) and TTM_TEST_MAILDIR. Tests read the messages that
/// server received; a missing server fails them.
/// </summary>
public static class MailServer
{
    private static readonly string[] Address = (Environment.GetEnvironmentVariable("TTM_TEST_SMTP") ?? "127.0.0.1:2525").Split(':');

    public static string Host => Address[0];

    public static int Port => int.Parse(Address[1], System.Globalization.CultureInfo.InvariantCulture);

    public static string Maildir => Environment.GetEnvironmentVariable("TTM_TEST_MAILDIR") ?? "/tmp/ttm-test-mail";

    /// <summary>Waits for the messages sent to one address (received by the SMTP server), oldest first.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string to, int count = 1, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = Read(to);
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{found.Count} of {count} mails to {to} arrived at the SMTP server ({Host}:{Port}, Maildir {Maildir}).");
            }

            await Task.Delay(200);
        }
    }

    public static IReadOnlyList<MimeMessage> Read(string to)
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(file);
            }
            catch (IOException)
            {
                continue;
            }

            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
            {
                messages.Add(message);
            }
        }

        return messages.OrderBy(m => m.Date).ToList();
    }

    public static string Text(MimeMessage message) => message.TextBody ?? "";
}

using System.Text;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>
/// The text encodings a registry export comes in: UTF-8 with or without BOM, GB18030 (a superset of GBK and
/// GB2312, what Excel writes as "CSV" on Chinese Windows), and UTF-16 with BOM (Excel's "Unicode text",
/// tab-separated). Every decoder throws on bytes it cannot read, so nothing becomes U+FFFD silently.
/// </summary>
public static class FileEncodings
{
    /// <summary>One encoding found: its name for the report and its strict decoder.</summary>
    public sealed record Detected(string Name, Encoding Encoding);

    static FileEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public const string NotRecognised =
        "The file's text encoding is not recognised (first unreadable byte on row {0}). Save it from Excel as \"CSV UTF-8\", as CSV on Chinese Windows (GB18030/GBK), as \"Unicode text\", or as .xlsx.";

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Encoding Gb18030 => Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>The file's encoding, or null with the first row (1-based) no candidate reads.</summary>
    public static (Detected? Encoding, int FailingRow) Detect(string path)
    {
        Span<byte> head = stackalloc byte[3];
        int n;
        using (var probe = File.OpenRead(path))
        {
            n = probe.Read(head);
        }

        if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        {
            return FirstUnreadableRow(path, Utf8) is { } bad ? (null, bad) : (new Detected("UTF-8 (BOM)", Utf8), 0);
        }

        if (n >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        {
            return (new Detected("UTF-16LE", new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true)), 0);
        }

        if (n >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        {
            return (new Detected("UTF-16BE", new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true)), 0);
        }

        var utf8Row = FirstUnreadableRow(path, Utf8);
        if (utf8Row is null)
        {
            return (new Detected("UTF-8", Utf8), 0);
        }

        var gbRow = FirstUnreadableRow(path, Gb18030);
        return gbRow is null ? (new Detected("GB18030", Gb18030), 0) : (null, Math.Max(utf8Row.Value, gbRow.Value));
    }

    /// <summary>
    /// The first line (1-based) the encoding cannot read, or null. Lines split at LF, which in UTF-8 and GB18030 never
    /// occurs inside a multi-byte character, so each line is decoded on its own. A NUL in the header line means UTF-16
    /// without its BOM (or no text at all), which is not guessed; a NUL in a data row is the cell's problem.
    /// </summary>
    private static int? FirstUnreadableRow(string path, Encoding encoding)
    {
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        var line = new List<byte>(256);
        var number = 1;
        int b;
        while (true)
        {
            b = stream.ReadByte();
            if (b < 0 || b == '\n')
            {
                if (!Reads(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(line), encoding, header: number == 1))
                {
                    return number;
                }

                if (b < 0)
                {
                    return null;
                }

                line.Clear();
                number++;
            }
            else
            {
                line.Add((byte)b);
            }
        }
    }

    private static bool Reads(ReadOnlySpan<byte> bytes, Encoding encoding, bool header)
    {
        if (header && bytes.Contains((byte)0))
        {
            return false;
        }

        if (ReferenceEquals(encoding, Utf8))
        {
            return System.Text.Unicode.Utf8.IsValid(bytes);
        }

        try
        {
            encoding.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace TechTransfer.Match.Web.Infrastructure.Pdf;

/// <summary>
/// Text in generated PDFs. The fonts are embedded resources (Resources/Fonts/README.md): PDFsharp needs TrueType
/// outlines and the host may have no CJK font at all. Droid Sans Fallback has no Latin glyphs, so each string is
/// drawn as runs, Latin in Lato and the rest in Droid Sans Fallback.
/// </summary>
public sealed class PdfText
{
    private const string Latin = "Lato";
    private const string Cjk = "Droid Sans Fallback";
    private static readonly Lock InitLock = new();
    private static bool initialised;

    private readonly XFont latin;
    private readonly XFont cjk;

    public PdfText(double size, bool bold = false)
    {
        EnsureFonts();
        var style = bold ? XFontStyleEx.Bold : XFontStyleEx.Regular;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        latin = new XFont(Latin, size, style, options);
        cjk = new XFont(Cjk, size, style, options);
        Size = size;
    }

    public double Size { get; }

    public double LineHeight => Size * 1.45;

    public double Width(XGraphics gfx, string text) => Runs(text).Sum(r => gfx.MeasureString(r.Text, r.Font).Width);

    /// <summary>Draws <paramref name="text"/> with its top-left corner at (x, y).</summary>
    public void Draw(XGraphics gfx, string text, XBrush brush, double x, double y)
    {
        foreach (var run in Runs(text))
        {
            gfx.DrawString(run.Text, run.Font, brush, new XPoint(x, y), XStringFormats.TopLeft);
            x += gfx.MeasureString(run.Text, run.Font).Width;
        }
    }

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/>: Chinese breaks between any two
    /// characters, Latin words at spaces unless a single word is wider than the line.
    /// </summary>
    public IReadOnlyList<string> Wrap(XGraphics gfx, string text, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var token in Tokens(text))
        {
            var candidate = line + token;
            if (line.Length > 0 && Width(gfx, candidate) > width)
            {
                lines.Add(line.TrimEnd());
                line = token.TrimStart();
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.TrimEnd());
        }

        return lines;
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // A Latin word stays whole; every other character is a break opportunity of its own.
            if (IsLatin(text[i]) && text[i] != ' ')
            {
                continue;
            }

            if (i > start)
            {
                yield return text[start..i];
            }

            yield return text[i].ToString();
            start = i + 1;
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private IEnumerable<(string Text, XFont Font)> Runs(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || IsLatin(text[i]) != IsLatin(text[start]))
            {
                yield return (text[start..i], IsLatin(text[start]) ? latin : cjk);
                start = i;
            }
        }
    }

    // Lato covers Basic Latin through Latin Extended-B; full-width forms and CJK punctuation are Droid's.
    private static bool IsLatin(char c) => c <= '\u024F';

    private static void EnsureFonts()
    {
        lock (InitLock)
        {
            if (!initialised)
            {
                GlobalFontSettings.FontResolver ??= new EmbeddedFontResolver();
                initialised = true;
            }
        }
    }

    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private static readonly ConcurrentDictionary<string, byte[]> Faces = new();

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            var face = familyName.Equals(Latin, StringComparison.OrdinalIgnoreCase) ? "Lato-Regular"
                : familyName.Equals(Cjk, StringComparison.OrdinalIgnoreCase) ? "DroidSansFallbackFull" : null;
            // One weight each: bold and italic are simulated.
            return face is null ? null : new FontResolverInfo(face, bold, italic);
        }

        public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, name =>
        {
            using var stream = typeof(PdfText).Assembly.GetManifestResourceStream($"TechTransfer.Match.Web.Resources.Fonts.{name}.ttf")
                ?? throw new InvalidOperationException($"The embedded font {name} is missing from the build.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }
}

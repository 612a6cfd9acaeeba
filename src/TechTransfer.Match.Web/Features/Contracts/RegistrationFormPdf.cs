using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TechTransfer.Match.Web.Infrastructure.Pdf;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// The registration form as a printable A4 PDF: the registry's field labels and the pre-filled values in a ruled
/// table, missing fields marked for the parties to complete by hand, the list of what is missing, and signature lines.
/// The form is the registry's, so it is in Chinese whatever the reader's language.
/// </summary>
public static class RegistrationFormPdf
{
    private const double Margin = 50;
    private const double LabelWidth = 150;
    private const double Padding = 5;
    private static readonly XColor Rule = XColor.FromArgb(0x99, 0x99, 0x99);
    private static readonly XBrush MissingBrush = new XSolidBrush(XColor.FromArgb(0xB0, 0x1E, 0x1E));
    private static readonly XBrush LabelShade = new XSolidBrush(XColor.FromArgb(0xF2, 0xF2, 0xF2));

    public const string MissingMark = "（待填写）";
    public const string RegistryMark = "（由登记机构填写）";

    public static byte[] Render(RegistrationForm form, DateTimeOffset generatedAt)
    {
        using var document = new PdfDocument();
        document.Info.Title = "技术合同登记表";
        document.Info.Subject = $"Contract {form.ContractId}";
        document.Info.Creator = "TechTransfer.Match";

        var title = new PdfText(18, bold: true);
        var body = new PdfText(10.5);
        var small = new PdfText(8.5);
        var pen = new XPen(Rule, 0.6);
        var missing = form.Missing.ToHashSet();

        var (page, gfx) = NewPage(document);
        var width = page.Width.Point - 2 * Margin;
        var bottom = page.Height.Point - Margin - small.LineHeight;
        var y = Margin;

        var heading = "技术合同登记表";
        title.Draw(gfx, heading, XBrushes.Black, Margin + (width - title.Width(gfx, heading)) / 2, y);
        y += title.LineHeight + 4;
        small.Draw(gfx, $"根据平台合同记录预填 · 合同编号 {form.ContractId} · 生成于 {generatedAt:yyyy-MM-dd HH:mm} UTC", XBrushes.Gray, Margin, y);
        y += small.LineHeight + 8;

        foreach (var line in form.Lines)
        {
            var isMissing = missing.Contains(line.Key);
            var value = line.Value ?? (line.Key == "registrationNumber" ? RegistryMark : isMissing ? MissingMark : "—");
            var valueLines = body.Wrap(gfx, value, width - LabelWidth - 2 * Padding);
            var labelLines = body.Wrap(gfx, line.Label, LabelWidth - 2 * Padding);
            var height = Math.Max(valueLines.Count, labelLines.Count) * body.LineHeight + 2 * Padding;
            if (y + height > bottom)
            {
                Footer(gfx, small, document.PageCount, page);
                gfx.Dispose();
                (page, gfx) = NewPage(document);
                y = Margin;
            }

            gfx.DrawRectangle(pen, LabelShade, Margin, y, LabelWidth, height);
            gfx.DrawRectangle(pen, Margin + LabelWidth, y, width - LabelWidth, height);
            DrawLines(gfx, body, labelLines, XBrushes.Black, Margin + Padding, y + Padding);
            DrawLines(gfx, body, valueLines, isMissing ? MissingBrush : XBrushes.Black, Margin + LabelWidth + Padding, y + Padding);
            y += height;
        }

        var closing = new List<(string Text, XBrush Brush)>();
        if (form.Missing.Count > 0)
        {
            var labels = form.Lines.Where(l => missing.Contains(l.Key)).Select(l => l.Label);
            closing.Add(($"待补充项目（{form.Missing.Count}）：{string.Join("、", labels)}", MissingBrush));
        }

        closing.Add(("卖方（签章）：____________________    买方（签章）：____________________    日期：__________", XBrushes.Black));
        y += 12;
        foreach (var (text, brush) in closing)
        {
            var wrapped = body.Wrap(gfx, text, width);
            var height = wrapped.Count * body.LineHeight + 10;
            if (y + height > bottom)
            {
                Footer(gfx, small, document.PageCount, page);
                gfx.Dispose();
                (page, gfx) = NewPage(document);
                y = Margin;
            }

            DrawLines(gfx, body, wrapped, brush, Margin, y);
            y += height;
        }

        Footer(gfx, small, document.PageCount, page);
        gfx.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static (PdfPage Page, XGraphics Gfx) NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        return (page, XGraphics.FromPdfPage(page));
    }

    private static void DrawLines(XGraphics gfx, PdfText text, IReadOnlyList<string> lines, XBrush brush, double x, double y)
    {
        foreach (var line in lines)
        {
            text.Draw(gfx, line, brush, x, y);
            y += text.LineHeight;
        }
    }

    private static void Footer(XGraphics gfx, PdfText small, int pageNumber, PdfPage page)
    {
        var label = $"第 {pageNumber} 页";
        small.Draw(gfx, label, XBrushes.Gray, (page.Width.Point - small.Width(gfx, label)) / 2, page.Height.Point - Margin + 8);
    }
}

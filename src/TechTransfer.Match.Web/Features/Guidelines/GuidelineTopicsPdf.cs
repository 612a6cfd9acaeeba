using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure.Pdf;

namespace TechTransfer.Match.Web.Features.Guidelines;

/// <summary>
/// The draft guideline topics (项目指南建议) as an A4 PDF with the registration form's embedded fonts (so Chinese
/// renders on any host): one section per topic, each starting on a new page, with its field, status, summary,
/// needs, co-funding firms and combined budget. Labels follow the reader's language like the XLSX.
/// </summary>
public static class GuidelineTopicsPdf
{
    private const double Margin = 50;

    public static byte[] Render(IReadOnlyList<GuidelineTopicView> topics, int? year, bool zh)
    {
        using var document = new PdfDocument();
        var heading = zh ? "项目指南建议" : "Draft guideline topics";
        document.Info.Title = year is { } y ? string.Concat(heading, " ", y.ToString(CultureInfo.InvariantCulture)) : heading;
        document.Info.Creator = "TechTransfer.Match";
        var title = new PdfText(15, bold: true);
        var label = new PdfText(10.5, bold: true);
        var body = new PdfText(10.5);
        var small = new PdfText(8.5);
        if (topics.Count == 0)
        {
            var (page, gfx) = NewPage(document);
            title.Draw(gfx, heading, XBrushes.Black, Margin, Margin);
            body.Draw(gfx, zh ? "暂无指南方向。" : "No topics.", XBrushes.Gray, Margin, Margin + title.LineHeight + 8);
            gfx.Dispose();
            _ = page;
        }

        for (var i = 0; i < topics.Count; i++)
        {
            var t = topics[i];
            var section = new Section(document, small, zh);
            section.Line(small, string.Concat(heading, zh ? " · 方向 " : " · topic ", (i + 1).ToString(CultureInfo.InvariantCulture), " / ", topics.Count.ToString(CultureInfo.InvariantCulture)), XBrushes.Gray);
            section.Paragraph(title, t.Title, XBrushes.Black, 6);
            var field = zh ? FieldNames.Zh(t.Field) : FieldNames.En(t.Field);
            section.Paragraph(body, zh
                ? $"年度：{t.Year} · 技术领域：{field} · 状态：{Status(t.Status, zh)} · 合计预算：{Amount(t.CombinedBudget)} 元"
                : $"Year: {t.Year} · Technical field: {field} · Status: {Status(t.Status, zh)} · Combined budget: {Amount(t.CombinedBudget)} yuan", XBrushes.DimGray, 8);
            if (t.Summary.Length > 0)
            {
                section.Paragraph(label, zh ? "说明" : "Summary", XBrushes.Black, 2);
                section.Paragraph(body, t.Summary, XBrushes.Black, 8);
            }

            section.Paragraph(label, zh ? $"需求（{t.Needs.Count}）" : $"Needs ({t.Needs.Count})", XBrushes.Black, 2);
            foreach (var n in t.Needs)
            {
                section.Paragraph(body, $"• {n.Title} — {n.Firm}{(n.Budget is { } b ? $" · {Amount(b)}" : "")}", XBrushes.Black, 1);
            }

            section.Paragraph(label, zh ? "共同出资企业" : "Co-funding firms", XBrushes.Black, 2, before: 8);
            section.Paragraph(body, t.CoFunders.Count == 0 ? "—" : string.Join(zh ? "、" : ", ", t.CoFunders.Select(f => f.Name)), XBrushes.Black, 8);
            section.End();
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    internal static string Amount(decimal yuan) => yuan.ToString("#,0.##", CultureInfo.InvariantCulture);

    internal static string Status(Domain.GuidelineTopicStatus status, bool zh) => status switch
    {
        Domain.GuidelineTopicStatus.Adopted => zh ? "已采纳" : "Adopted",
        Domain.GuidelineTopicStatus.Dropped => zh ? "已放弃" : "Dropped",
        _ => zh ? "草稿" : "Draft",
    };

    private static (PdfPage Page, XGraphics Gfx) NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        return (page, XGraphics.FromPdfPage(page));
    }

    /// <summary>One topic's pages: text flows onto a new page when the current one is full, each page numbered.</summary>
    private sealed class Section
    {
        private readonly PdfDocument document;
        private readonly PdfText footer;
        private readonly bool zh;
        private PdfPage page;
        private XGraphics gfx;
        private double y = Margin;

        public Section(PdfDocument document, PdfText footer, bool zh)
        {
            this.document = document;
            this.footer = footer;
            this.zh = zh;
            (page, gfx) = NewPage(document);
        }

        private double Width => page.Width.Point - 2 * Margin;

        public void Line(PdfText text, string line, XBrush brush)
        {
            Room(text.LineHeight);
            text.Draw(gfx, line, brush, Margin, y);
            y += text.LineHeight + 2;
        }

        public void Paragraph(PdfText text, string paragraph, XBrush brush, double after, double before = 0)
        {
            y += before;
            foreach (var line in paragraph.Split('\n').SelectMany(p => text.Wrap(gfx, p, Width)))
            {
                Room(text.LineHeight);
                text.Draw(gfx, line, brush, Margin, y);
                y += text.LineHeight;
            }

            y += after;
        }

        public void End()
        {
            Footer();
            gfx.Dispose();
        }

        private void Room(double height)
        {
            if (y + height <= page.Height.Point - Margin - footer.LineHeight)
            {
                return;
            }

            End();
            (page, gfx) = NewPage(document);
            y = Margin;
        }

        private void Footer()
        {
            var number = document.PageCount.ToString(CultureInfo.InvariantCulture);
            var text = zh ? $"第 {number} 页" : $"Page {number}";
            footer.Draw(gfx, text, XBrushes.Gray, (page.Width.Point - footer.Width(gfx, text)) / 2, page.Height.Point - Margin + 8);
        }
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using TechTransfer.Match.Web.Features.Indicators;

namespace TechTransfer.Match.Web.Features.Guidelines;

/// <summary>
/// The draft guideline topics as a Word document (DOCX): one Heading 1 per topic with its year, field, status,
/// combined budget, summary, needs and co-funding firms; labels in the reader's language. A minimal
/// WordprocessingML package written with System.IO.Compression and XmlWriter (content types, relationships, styles,
/// document): the document is headings and paragraphs only, so the OpenXML SDK would add a dependency for no gain.
/// XmlWriter escapes the text and keeps Chinese as UTF-8; the East Asian font is named so Word picks a CJK face.
/// </summary>
public static class GuidelineTopicsDocx
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static byte[] Render(IReadOnlyList<GuidelineTopicView> topics, int? year, bool zh)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
                """);
            Part(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """);
            Part(zip, "word/_rels/document.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """);
            Part(zip, "word/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="SimSun"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="120"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style></w:styles>
                """);
            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
            WriteDocument(document, topics, year, zh);
        }

        return stream.ToArray();
    }

    private static void WriteDocument(Stream output, IReadOnlyList<GuidelineTopicView> topics, int? year, bool zh)
    {
        using var x = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        x.WriteStartDocument(true);
        x.WriteStartElement("w", "document", W);
        x.WriteStartElement("w", "body", W);
        var heading = zh ? "项目指南建议" : "Draft guideline topics";
        Paragraph(x, "Title", year is { } y ? string.Concat(heading, " ", y.ToString(CultureInfo.InvariantCulture)) : heading);
        if (topics.Count == 0)
        {
            Paragraph(x, null, zh ? "暂无指南方向。" : "No topics.");
        }

        foreach (var t in topics)
        {
            var field = zh ? FieldNames.Zh(t.Field) : FieldNames.En(t.Field);
            var budget = GuidelineTopicsPdf.Amount(t.CombinedBudget);
            Paragraph(x, "Heading1", t.Title);
            Paragraph(x, null, zh
                ? string.Concat("年度：", t.Year.ToString(CultureInfo.InvariantCulture), " · 技术领域：", field, " · 状态：", GuidelineTopicsPdf.Status(t.Status, zh), " · 合计预算：", budget, " 元")
                : string.Concat("Year: ", t.Year.ToString(CultureInfo.InvariantCulture), " · Technical field: ", field, " · Status: ", GuidelineTopicsPdf.Status(t.Status, zh), " · Combined budget: ", budget, " yuan"));
            if (t.Summary.Length > 0)
            {
                Paragraph(x, "Heading2", zh ? "说明" : "Summary");
                Paragraph(x, null, t.Summary);
            }

            Paragraph(x, "Heading2", string.Concat(zh ? "需求（" : "Needs (", t.Needs.Count.ToString(CultureInfo.InvariantCulture), zh ? "）" : ")"));
            foreach (var n in t.Needs)
            {
                Paragraph(x, null, string.Concat("• ", n.Title, " — ", n.Firm, n.Budget is { } b ? " · " + GuidelineTopicsPdf.Amount(b) : ""));
            }

            Paragraph(x, "Heading2", zh ? "共同出资企业" : "Co-funding firms");
            Paragraph(x, null, t.CoFunders.Count == 0 ? "—" : string.Join(zh ? "、" : ", ", t.CoFunders.Select(f => f.Name)));
        }

        // A4 portrait, 2 cm margins.
        x.WriteStartElement("w", "sectPr", W);
        x.WriteStartElement("w", "pgSz", W);
        x.WriteAttributeString("w", "w", W, "11906");
        x.WriteAttributeString("w", "h", W, "16838");
        x.WriteEndElement();
        x.WriteStartElement("w", "pgMar", W);
        foreach (var side in new[] { "top", "right", "bottom", "left" })
        {
            x.WriteAttributeString("w", side, W, "1134");
        }

        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndDocument();
    }

    private static void Paragraph(XmlWriter x, string? style, string text)
    {
        x.WriteStartElement("w", "p", W);
        if (style is not null)
        {
            x.WriteStartElement("w", "pPr", W);
            x.WriteStartElement("w", "pStyle", W);
            x.WriteAttributeString("w", "val", W, style);
            x.WriteEndElement();
            x.WriteEndElement();
        }

        // A line break in the text (a summary's paragraphs) is a <w:br/> inside the run; control characters are dropped (not valid XML).
        x.WriteStartElement("w", "r", W);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                x.WriteElementString("w", "br", W, null);
            }

            x.WriteStartElement("w", "t", W);
            x.WriteAttributeString("xml", "space", null, "preserve");
            x.WriteString(new string([.. lines[i].Where(c => !char.IsControl(c) || c == '\t')]));
            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(xml.Trim());
    }
}

using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure.Pdf;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>A simulation (or a comparison) as JSON, an XLSX table (the indicators' writer) or a PDF summary, in the reader's language.</summary>
public static class IncentiveExport
{
    private static readonly string[] Formats = ["json", "xlsx", "pdf"];

    public static IRuleBuilderOptions<T, string?> MustBeSimulationFormat<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(f => f is null || Formats.Contains(f, StringComparer.OrdinalIgnoreCase)).WithMessage("The format must be json, xlsx or pdf.");

    public static Results<Ok<T>, FileContentHttpResult, ValidationProblem, ProblemHttpResult> Respond<T>(
        Result<T> result, string? format, HttpContext http, Func<T, ExportTable> table, Func<T, byte[]> pdf)
    {
        if (result.IsSuccess && string.Equals(format, "pdf", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.File(pdf(result.Value!), "application/pdf", $"{table(result.Value!).Name}.pdf");
        }

        if (result.IsSuccess && string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return IndicatorExport.File(table(result.Value!), "xlsx", http);
        }

        return result.ToOk() switch
        {
            { Result: Ok<T> ok } => ok,
            { Result: ValidationProblem v } => v,
            { Result: ProblemHttpResult p } => p,
            _ => throw new InvalidOperationException("Unexpected result."),
        };
    }

    private static readonly ExportColumn[] Columns =
    [
        new("部分", "Section"), new("项目", "Item"), new("合同数(项)", "Contracts"), new("合同金额(元)", "Amount (yuan)"),
        new("封顶前(元)", "Before caps (yuan)"), new("支付(元)", "Paid (yuan)"),
    ];

    private static readonly ExportText Beneficiary = new("受益方", "Beneficiary");
    private static readonly ExportText Field = new("技术领域", "Field");
    private static readonly ExportText Band = new("金额区间", "Amount band");
    private static readonly ExportText Scenario = new("情景（非预测）", "Scenario (not a forecast)");

    public static ExportTable Table(IncentiveSimulation s) =>
        new($"incentive-simulation-{s.Year}", Columns, Rows(s).Select(r => r.Cells).ToList());

    /// <summary>The two simulations' rows one under the other, each labelled with its scheme and revision.</summary>
    public static ExportTable Table(IncentiveComparison c) =>
        new($"incentive-comparison-{c.First.Year}", [new("方案", "Scheme"), .. Columns],
            new[] { c.First, c.Second }.SelectMany(s => Rows(s).Select(r => (object?[])[$"{s.Name} (r{s.Revision})", .. r.Cells])).ToList());

    private static IEnumerable<(object?[] Cells, bool Heading)> Rows(IncentiveSimulation s)
    {
        yield return ([ExportText.Total, s.Name, s.Contracts, s.Amount, s.UncappedCost, s.Cost], true);
        foreach (var b in s.TopBeneficiaries)
        {
            yield return ([Beneficiary, new ExportText(b.NameZh, b.NameEn), b.Contracts, b.Amount, b.Uncapped, b.Paid], false);
        }

        foreach (var f in s.ByField)
        {
            yield return ([Field, FieldNames.Of(f.Field), f.Contracts, f.Amount, null, f.Paid], false);
        }

        foreach (var b in s.ByBand)
        {
            var label = b.To is { } to ? $"{b.From:0} - {to:0}" : $"≥ {b.From:0}";
            yield return ([Band, label, b.Contracts, b.Amount, null, b.Paid], false);
        }

        if (s.Scenario is { } sc)
        {
            yield return ([Scenario, new ExportText($"{sc.SwitchSharePct}% 非本地合同转为本地：本地率(按项目数) {sc.Baseline.CountRatePct:0.##}% → {sc.Assumed.CountRatePct:0.##}%，按金额 {sc.Baseline.AmountRatePct:0.##}% → {sc.Assumed.AmountRatePct:0.##}%",
                $"{sc.SwitchSharePct}% of non-local contracts switch to a local buyer: local rate by count {sc.Baseline.CountRatePct:0.##}% → {sc.Assumed.CountRatePct:0.##}%, by amount {sc.Baseline.AmountRatePct:0.##}% → {sc.Assumed.AmountRatePct:0.##}%"),
                sc.SwitchedContracts, sc.SwitchedAmount, sc.ExtraCost, sc.Cost], false);
        }
    }

    /// <summary>An A4 summary per simulation: the table's rows, the scenario labelled as one.</summary>
    public static byte[] Pdf(IReadOnlyList<IncentiveSimulation> simulations, HttpContext http)
    {
        const double Margin = 40;
        var chinese = IndicatorExport.PrefersChinese(http.Request);
        using var document = new PdfDocument();
        document.Info.Title = chinese ? "激励方案模拟" : "Incentive scheme simulation";
        document.Info.Creator = "TechTransfer.Match";
        var title = new PdfText(14, bold: true);
        var body = new PdfText(8.5);
        double[] widths = [70, 190, 50, 75, 70, 70];
        foreach (var s in simulations)
        {
            var page = NewPage(document);
            var gfx = XGraphics.FromPdfPage(page);
            var y = Margin;
            title.Draw(gfx, $"{s.Name} · r{s.Revision} · {s.Year}", XBrushes.Black, Margin, y);
            y += title.LineHeight + 6;
            foreach (var (cells, heading) in Rows(s).Prepend(([.. Columns.Select(c => (object?)new ExportText(c.Zh, c.En))], true)))
            {
                if (y + body.LineHeight * 2 > page.Height.Point - Margin)
                {
                    gfx.Dispose();
                    page = NewPage(document);
                    gfx = XGraphics.FromPdfPage(page);
                    y = Margin;
                }

                var x = Margin;
                var height = body.LineHeight;
                for (var i = 0; i < cells.Length; i++)
                {
                    var text = cells[i] switch
                    {
                        null => "",
                        ExportText t => t.In(chinese),
                        decimal d => d.ToString("#,0.##", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString() ?? "",
                    };
                    var lines = body.Wrap(gfx, text, widths[i] - 4);
                    for (var l = 0; l < lines.Count; l++)
                    {
                        body.Draw(gfx, lines[l], heading ? XBrushes.Black : XBrushes.DimGray, x, y + l * body.LineHeight);
                    }

                    height = Math.Max(height, lines.Count * body.LineHeight);
                    x += widths[i];
                }

                y += height + 2;
            }

            gfx.Dispose();
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static PdfPage NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        return page;
    }
}

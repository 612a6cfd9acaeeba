using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>A column of an exported table with its Chinese and English header (the header names the unit).</summary>
public sealed record ExportColumn(string Zh, string En);

/// <summary>
/// A text cell (row label) in Chinese and English; the export writes the one the request's language
/// asks for, like the headers.
/// </summary>
public sealed record ExportText(string Zh, string En)
{
    public static readonly ExportText Total = new("合计", "Total");

    /// <summary>An institution's name; the Chinese one when it has no English name.</summary>
    public static ExportText Of(InstitutionRef institution) =>
        new(institution.NameZh, string.IsNullOrWhiteSpace(institution.NameEn) ? institution.NameZh : institution.NameEn);

    public string In(bool chinese) => chinese ? Zh : En;
}

/// <summary>A table as it is downloaded: one sheet, one header row, numbers as numbers; text cells may be <see cref="ExportText"/>.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>An indicator result that downloads as a table.</summary>
public interface IExportable
{
    ExportTable ToTable();
}

public static class IndicatorExport
{
    /// <summary>JSON by default; a CSV or XLSX file when <paramref name="format"/> asks for one.</summary>
    public static Results<Ok<T>, FileContentHttpResult, ValidationProblem, ProblemHttpResult> Respond<T>(
        this Result<T> result, string? format, HttpContext http)
        where T : IExportable
    {
        if (!result.IsSuccess || format is null || format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return result.ToOk() switch
            {
                { Result: Ok<T> ok } => ok,
                { Result: ValidationProblem v } => v,
                { Result: ProblemHttpResult p } => p,
                _ => throw new InvalidOperationException("Unexpected result."),
            };
        }

        return File(result.Value!.ToTable(), format, http);
    }

    /// <summary>The table as a CSV or XLSX download, headers and text cells in the request's language, formula-like cells neutralised.</summary>
    public static FileContentHttpResult File(ExportTable table, string format, HttpContext http)
    {
        var chinese = PrefersChinese(http.Request);
        var headers = table.Columns.Select(c => chinese ? c.Zh : c.En).ToList();
        var rows = table.Rows.Select(r => r.Select(v => v switch
        {
            ExportText t => SpreadsheetText.Neutralise(t.In(chinese)),
            string s => SpreadsheetText.Neutralise(s),
            _ => v,
        }).ToArray()).ToList();
        SpreadsheetText.Announce(http);
        var name = $"{table.Name}.{format.ToLowerInvariant()}";
        return format.ToLowerInvariant() switch
        {
            "csv" => TypedResults.File(Csv(headers, rows), "text/csv; charset=utf-8", name),
            _ => TypedResults.File(Xlsx(table.Name, headers, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name),
        };
    }

    /// <summary>Chinese unless the highest-ranked language the request accepts is not Chinese.</summary>
    public static bool PrefersChinese(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        var first = accepted.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value).FirstOrDefault(v => v is not null && v != "*");
        return first is null || first.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
    }

    public static byte[] Csv(IReadOnlyList<string> headers, IReadOnlyList<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        // A byte-order mark so spreadsheet programs read the Chinese headers as UTF-8.
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in headers)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(value switch
                    {
                        null => "",
                        decimal d => d.ToString(CultureInfo.InvariantCulture),
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => value.ToString(),
                    });
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Xlsx(string sheet, IReadOnlyList<string> headers, IReadOnlyList<object?[]> rows)
    {
        // A DataTable keeps the header row when there are no rows, and typed columns keep numbers numbers.
        using var data = new System.Data.DataTable(sheet);
        for (var i = 0; i < headers.Count; i++)
        {
            var type = rows.Select(r => r[i]).FirstOrDefault(v => v is not null)?.GetType() ?? typeof(string);
            data.Columns.Add(headers[i], type);
        }

        foreach (var row in rows)
        {
            data.Rows.Add(row.Select(v => v ?? DBNull.Value).ToArray());
        }

        using var buffer = new MemoryStream();
        buffer.SaveAs(data, sheetName: sheet);
        return buffer.ToArray();
    }
}

using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>One data row: its number as a spreadsheet shows it (the header is row 1) and its cells by column key.</summary>
public sealed record RawRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>Columns whose XLSX cell was a number, not text (a registration number there may have lost digits).</summary>
    public IReadOnlySet<string>? NumericCells { get; init; }
}

/// <summary>Maps a file's header row to column keys (index -> key), adding the file's header problems and warnings.</summary>
public delegate Dictionary<int, string> HeaderMap(IReadOnlyList<string> headers, ImportFile file);

/// <summary>
/// Streams the rows of a CSV (UTF-8, GB18030 or UTF-16; comma- or tab-separated; header row) or XLSX (first
/// sheet, header row) file without loading the file: one row in memory at a time. Which columns a file has is the
/// importer's: contracts (<see cref="ContractFileReader"/>) and collaboration records map their own headers.
/// </summary>
public static class TableFileReader
{
    public static string? FormatOf(string fileName, string? contentType)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        return ext switch
        {
            ".csv" or ".txt" => "csv",
            ".xlsx" => "xlsx",
            _ => contentType switch
            {
                "text/csv" or "application/csv" => "csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
                _ => null,
            },
        };
    }

    /// <summary>
    /// Maps the header row to column keys. Unknown columns are ignored with a warning; a repeated or missing
    /// required column, or an amount column without a unit (unless the request names one), is a problem on row 1
    /// that says what was expected.
    /// </summary>
    public static Dictionary<int, string> MapHeader(
        IReadOnlyList<string> headers, ImportFile file, IReadOnlyList<ContractColumn> columns, Func<string, string?> keyOf,
        Func<string, (string Key, AmountUnit? Unit)?>? amountHeader = null)
    {
        var keys = new Dictionary<int, string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim();
            if (header.Length == 0)
            {
                continue;
            }

            var amount = amountHeader?.Invoke(header);
            var key = amount?.Key ?? keyOf(header);
            if (key is null)
            {
                file.Warnings.Add(new ImportProblem(1, header, ImportText.Say("Unknown column, ignored.")) { Header = header });
            }
            else if (keys.ContainsValue(key))
            {
                file.Problems.Add(new ImportProblem(1, key, ImportText.Say("The column appears twice (also as \"{0}\").", file.HeaderOf(key))) { Header = header });
            }
            else
            {
                keys[i] = key;
                file.Headers[key] = header;
                if (amount is not null)
                {
                    if ((amount.Value.Unit ?? file.RequestedUnit) is { } unit)
                    {
                        file.Units[key] = unit;
                    }
                    else
                    {
                        file.Problems.Add(new ImportProblem(1, key, ImportText.Say(
                            "The amount column \"{0}\" does not say its unit. Write it in the header, as {0}(元), {0}(万元) or {0}(亿元), or name it in the request (?unit=万元).",
                            header)) { Header = header });
                    }
                }
            }
        }

        var expected = string.Join(", ", columns.Where(c => c.Required).Select(c => $"{c.Zh} / {c.En}"));
        foreach (var column in columns.Where(c => c.Required && !keys.ContainsValue(c.Key)))
        {
            file.Problems.Add(new ImportProblem(1, column.Key, ImportText.Say(
                "The required column {0} / {1} is missing. The header row needs these columns (Chinese or English, any order): {2}.", column.Zh, column.En, expected)));
        }

        return keys;
    }

    public static IEnumerable<RawRow> Read(string path, string format, ImportFile file, HeaderMap mapHeader) =>
        format == "xlsx" ? ReadXlsx(path, file, mapHeader) : ReadCsv(path, file, mapHeader);

    /// <summary>Largest uncompressed size of an .xlsx package, and of the ratio of one part to its compressed size.</summary>
    public const long MaxXlsxUncompressedBytes = 2L * 1024 * 1024 * 1024;
    public const int MaxXlsxCompressionRatio = 200;

    /// <summary>
    /// Why an .xlsx upload cannot be read, before anything parses it: not a zip package (a renamed file), not a
    /// spreadsheet, or a package that would unpack to more than the limits allow (a zip bomb). Null when it is fine.
    /// </summary>
    public static string? CheckXlsx(string path)
    {
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            long total = 0;
            var sheet = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                sheet |= entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase);
                if (entry.Length > 10 * 1024 * 1024 && entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxXlsxCompressionRatio)
                {
                    return "The .xlsx file unpacks to far more than its size (a compressed bomb); it is not read.";
                }
            }

            if (total > MaxXlsxUncompressedBytes)
            {
                return "The .xlsx file unpacks to more than 2 GB; split it into smaller files.";
            }

            return sheet ? null : "The file is a zip package but not an Excel workbook (.xlsx).";
        }
        catch (InvalidDataException)
        {
            return "The file is not a valid .xlsx workbook (it is not a zip package). Save it from Excel as .xlsx, or as CSV (UTF-8).";
        }
    }

    /// <summary>
    /// A cell as it will be stored: the apostrophe an export puts before a leading = + - @ (spreadsheet safety,
    /// SpreadsheetText) is taken off again, so exporting and importing the same file changes nothing.
    /// </summary>
    private static string Unguard(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    private static bool TryRead(CsvReader csv, int row, ImportFile file, out bool read)
    {
        try
        {
            read = csv.Read();
            return true;
        }
        catch (Exception e) when (e is DecoderFallbackException || e.InnerException is DecoderFallbackException)
        {
            file.Problems.Add(new ImportProblem(row, "", ImportText.Say("The file is not valid {0} text from this row on. Save it as CSV (UTF-8), or as .xlsx.", file.Encoding ?? "")));
            read = false;
            return false;
        }
    }

    /// <summary>Tab when the header line has more tabs than commas (Excel's "Unicode text"), else comma.</summary>
    private static string Delimiter(string path, Encoding encoding)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        var first = reader.ReadLine() ?? "";
        return first.Count(c => c == '\t') > first.Count(c => c == ',') ? "\t" : ",";
    }

    private static IEnumerable<RawRow> ReadCsv(string path, ImportFile file, HeaderMap mapHeader)
    {
        var (detected, failing) = FileEncodings.Detect(path);
        if (detected is null)
        {
            file.Problems.Add(new ImportProblem(failing, "", ImportText.Say(FileEncodings.NotRecognised, failing)));
            yield break;
        }

        file.Encoding = detected.Name;
        var delimiter = Delimiter(path, detected.Encoding);
        // Invalid bytes are an error naming the row, never silently replaced by U+FFFD.
        using var reader = new StreamReader(path, detected.Encoding, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            Delimiter = delimiter,
        };
        using var csv = new CsvReader(reader, config);
        if (!TryRead(csv, 1, file, out var any))
        {
            yield break;
        }

        if (!any)
        {
            file.Problems.Add(new ImportProblem(1, "", ImportText.Say("The file is empty.")));
            yield break;
        }

        csv.ReadHeader();
        var keys = mapHeader(csv.HeaderRecord ?? [], file);
        if (file.Problems.Count > 0)
        {
            yield break;
        }

        var number = 1;
        while (TryRead(csv, number + 1, file, out var more) && more)
        {
            number++;
            var cells = new Dictionary<string, string>(keys.Count);
            var blank = true;
            foreach (var (index, key) in keys)
            {
                var value = Unguard(csv.TryGetField<string>(index, out var v) ? v ?? "" : "");
                cells[key] = value;
                blank &= value.Length == 0;
            }

            if (!blank)
            {
                yield return new RawRow(number, cells);
            }
        }
    }

    private static IEnumerable<RawRow> ReadXlsx(string path, ImportFile file, HeaderMap mapHeader)
    {
        file.Encoding = "XLSX";
        using var stream = File.OpenRead(path);
        Dictionary<int, string>? keys = null;
        var number = 0;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
        {
            number++;
            var values = row.Values.ToList();
            if (keys is null)
            {
                keys = mapHeader(values.Select(v => Cell(v)).ToList(), file);
                if (file.Problems.Count > 0)
                {
                    yield break;
                }

                continue;
            }

            var cells = new Dictionary<string, string>(keys.Count);
            HashSet<string>? numeric = null;
            var blank = true;
            foreach (var (index, key) in keys)
            {
                var cell = index < values.Count ? values[index] : null;
                var value = Unguard(Cell(cell));
                cells[key] = value;
                blank &= value.Length == 0;
                if (cell is double or decimal or int or long or float)
                {
                    (numeric ??= []).Add(key);
                }
            }

            if (!blank)
            {
                yield return new RawRow(number, cells) { NumericCells = numeric };
            }
        }

        if (keys is null)
        {
            file.Problems.Add(new ImportProblem(1, "", ImportText.Say("The file is empty.")));
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.############", CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!.Trim(),
    };
}

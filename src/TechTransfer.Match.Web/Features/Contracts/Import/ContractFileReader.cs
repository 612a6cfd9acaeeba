using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

public sealed record ImportProblem(int Row, string Column, string Message);

/// <summary>One data row: its number as a spreadsheet shows it (the header is row 1) and its cells by column key.</summary>
public sealed record RawRow(int Number, IReadOnlyDictionary<string, string> Cells);

/// <summary>
/// Streams the rows of a CSV (UTF-8, comma-separated, header row) or XLSX (first sheet, header row) file
/// without loading the file: one row in memory at a time.
/// </summary>
public static class ContractFileReader
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

    /// <summary>Maps the header row to column keys; unknown or missing required columns are problems on row 1.</summary>
    public static (Dictionary<int, string> Keys, List<ImportProblem> Problems) MapHeader(IReadOnlyList<string> headers)
    {
        var keys = new Dictionary<int, string>();
        var problems = new List<ImportProblem>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (string.IsNullOrWhiteSpace(header))
            {
                continue;
            }

            if (ContractColumns.KeyOf(header) is not { } key)
            {
                problems.Add(new ImportProblem(1, header, "Unknown column."));
            }
            else if (keys.ContainsValue(key))
            {
                problems.Add(new ImportProblem(1, header, "The column appears twice."));
            }
            else
            {
                keys[i] = key;
            }
        }

        foreach (var column in ContractColumns.All.Where(c => c.Required && !keys.ContainsValue(c.Key)))
        {
            problems.Add(new ImportProblem(1, column.Key, $"The required column {column.Zh} / {column.En} is missing."));
        }

        return (keys, problems);
    }

    public static IEnumerable<RawRow> Read(string path, string format, List<ImportProblem> headerProblems) =>
        format == "xlsx" ? ReadXlsx(path, headerProblems) : ReadCsv(path, headerProblems);

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

    private static bool TryRead(CsvReader csv, int row, List<ImportProblem> problems, out bool read)
    {
        try
        {
            read = csv.Read();
            return true;
        }
        catch (Exception e) when (e is DecoderFallbackException || e.InnerException is DecoderFallbackException)
        {
            problems.Add(new ImportProblem(row, "", "The file is not valid UTF-8 text from this row on. Save it as CSV (UTF-8), or as .xlsx."));
            read = false;
            return false;
        }
    }

    /// <summary>
    /// The first line (1-based) that is not valid UTF-8, or null. Lines split at LF, which never occurs inside a
    /// multi-byte UTF-8 sequence, so each line is checked on its own and the error names the row.
    /// </summary>
    public static int? FirstInvalidUtf8Line(string path)
    {
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        var line = new List<byte>(256);
        var number = 1;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b == '\n')
            {
                if (!System.Text.Unicode.Utf8.IsValid(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(line)))
                {
                    return number;
                }

                line.Clear();
                number++;
            }
            else
            {
                line.Add((byte)b);
            }
        }

        return System.Text.Unicode.Utf8.IsValid(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(line)) ? null : number;
    }

    private static IEnumerable<RawRow> ReadCsv(string path, List<ImportProblem> headerProblems)
    {
        if (FirstInvalidUtf8Line(path) is { } bad)
        {
            headerProblems.Add(new ImportProblem(bad, "", "The file is not valid UTF-8 text from this row on. Save it as CSV (UTF-8), or as .xlsx."));
            yield break;
        }

        // Invalid bytes are an error naming the row, never silently replaced by U+FFFD.
        using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(reader, config);
        if (!TryRead(csv, 1, headerProblems, out var any))
        {
            yield break;
        }

        if (!any)
        {
            headerProblems.Add(new ImportProblem(1, "", "The file is empty."));
            yield break;
        }

        csv.ReadHeader();
        var (keys, problems) = MapHeader(csv.HeaderRecord ?? []);
        headerProblems.AddRange(problems);
        if (problems.Count > 0)
        {
            yield break;
        }

        var number = 1;
        while (TryRead(csv, number + 1, headerProblems, out var more) && more)
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

    private static IEnumerable<RawRow> ReadXlsx(string path, List<ImportProblem> headerProblems)
    {
        using var stream = File.OpenRead(path);
        Dictionary<int, string>? keys = null;
        var number = 0;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
        {
            number++;
            var values = row.Values.ToList();
            if (keys is null)
            {
                var (map, problems) = MapHeader(values.Select(v => Cell(v)).ToList());
                headerProblems.AddRange(problems);
                if (problems.Count > 0)
                {
                    yield break;
                }

                keys = map;
                continue;
            }

            var cells = new Dictionary<string, string>(keys.Count);
            var blank = true;
            foreach (var (index, key) in keys)
            {
                var value = Unguard(index < values.Count ? Cell(values[index]) : "");
                cells[key] = value;
                blank &= value.Length == 0;
            }

            if (!blank)
            {
                yield return new RawRow(number, cells);
            }
        }

        if (keys is null)
        {
            headerProblems.Add(new ImportProblem(1, "", "The file is empty."));
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

using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>An upload kept on disk for an import: its path, format (csv or xlsx) and the unit of amounts the request named.</summary>
public sealed record StoredUpload(string Path, string Format, AmountUnit? Unit);

/// <summary>The HTTP edge every file import shares: the upload stored and checked, the unit asked for, the rejected file's answer.</summary>
public static class ImportUploads
{
    /// <summary>The request's unit of amounts (?unit=万元), null when it names none; an error for any other word.</summary>
    private static Result<AmountUnit?> Unit(string? unit)
    {
        if (unit is null)
        {
            return (AmountUnit?)null;
        }

        if (!AmountUnits.TryParse(unit, out var parsed))
        {
            return Error.Invalid("unit", "The unit of amounts is 元, 万元 or 亿元 (yuan, wanyuan, yiyuan).");
        }

        return (AmountUnit?)parsed;
    }

    /// <summary>
    /// Stores the upload under <c>&lt;DataDirectory&gt;/imports/</c> once the unit reads, its name says CSV or XLSX and it is
    /// not empty; an XLSX that is no workbook (or a zip bomb) is deleted again and refused. The caller deletes the file when done.
    /// </summary>
    public static async Task<Result<StoredUpload>> StoreAsync(
        IFormFile file, string? unit, DatabaseOptions database, IHostEnvironment environment, CancellationToken ct)
    {
        var amountUnit = Unit(unit);
        if (!amountUnit.IsSuccess)
        {
            return amountUnit.Error!;
        }

        var format = TableFileReader.FormatOf(file.FileName, file.ContentType);
        if (format is null)
        {
            return Error.Invalid("file", "Upload a .csv or .txt file (UTF-8, GB18030 or UTF-16) or an .xlsx file.");
        }

        if (file.Length == 0)
        {
            return Error.Invalid("file", "The file is empty.");
        }

        var folder = System.IO.Path.Combine(database.DataDirectoryPath(environment.ContentRootPath), "imports");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"{Guid.CreateVersion7():N}.{format}");
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await file.CopyToAsync(target, ct);
        }

        if (format == "xlsx" && TableFileReader.CheckXlsx(path) is { } unreadable)
        {
            File.Delete(path);
            return Error.Invalid("file", unreadable);
        }

        return new StoredUpload(path, format, amountUnit.Value);
    }

    /// <summary>
    /// The answer of a rejected file: a 400 ValidationProblem with <c>code: import_rejected</c> and the report's problems,
    /// warnings and encoding. Null for an outcome without a report (refused as any command is).
    /// </summary>
    public static ValidationProblem? Rejected(ImportOutcome outcome)
    {
        if (outcome.Report is { } report && outcome.Error is not null)
        {
            return TypedResults.ValidationProblem(outcome.Error!.Fields!.ToDictionary(), outcome.Error.Message, title: "The file was rejected",
                extensions: new Dictionary<string, object?>
                {
                    ["code"] = "import_rejected",
                    ["rowsRead"] = report.RowsRead,
                    ["rowsRejected"] = report.RowsRejected,
                    ["problems"] = report.Problems,
                    ["problemsTruncated"] = report.ProblemsTruncated,
                    ["encoding"] = report.Encoding,
                    ["warnings"] = report.Warnings,
                    ["totals"] = report.Totals,
                });
        }

        return null;
    }
}

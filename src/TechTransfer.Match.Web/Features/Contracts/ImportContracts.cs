using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Features.Contracts.Import;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// Imports a registered-contract statistics file already on disk, in one transaction: all or nothing unless
/// <paramref name="ValidOnly"/>, in which case the valid rows are written and the rejected ones reported.
/// Runs directly for small uploads and inside <see cref="ImportJobRunner"/> for large ones.
/// </summary>
public sealed record ImportContracts(
    string Path, string Format, bool ValidOnly, Guid? JobId, ImportReportBox Box, Action<ImportProgress>? Progress = null, string? FileName = null)
    : ICommand<Result<ImportReport>>;

public sealed class ImportContractsHandler(AppDbContext db, CurrentUser current, ContractImporter importer)
    : ICommandHandler<ImportContracts, Result<ImportReport>>
{
    public async ValueTask<Result<ImportReport>> Handle(ImportContracts command, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("Registered-contract statistics are imported by the bureau and administrators.");
        }

        var report = await importer.ImportAsync(command.Path, command.Format, command.ValidOnly, command.JobId, command.Progress, cancellationToken);
        command.Box.Report = report;
        if (!report.Written)
        {
            var fields = report.Problems
                .GroupBy(p => p.Row == 1 && report.RowsValid == 0 && report.Inserted == 0 ? $"header.{p.Column}" : $"rows[{p.Row}].{p.Column}")
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            return new Error(ErrorKind.Invalid, "import_rejected",
                $"{report.RowsRejected} of {report.RowsRead} rows have problems; nothing was written. Fix them, or import with validOnly=true to keep the valid rows.",
                fields);
        }

        var job = command.JobId is { } id ? await db.ImportJobs.FindAsync([id], cancellationToken) : null;
        if (job is null)
        {
            job = new ImportJob { FileName = command.FileName ?? System.IO.Path.GetFileName(command.Path), Format = command.Format, ValidOnly = command.ValidOnly, StartedAt = DateTime.UtcNow };
            db.ImportJobs.Add(job);
        }

        job.Record(ImportJobStatus.Succeeded, report, null);
        job.Raise(new ContractsImported(job.Id, report.Inserted, report.Updated, report.Years));
        return report;
    }
}

public sealed record ImportJobView(
    Guid Id, string FileName, ImportJobStatus Status, bool ValidOnly, int RowsRead, int RowsValid, int RowsRejected,
    int Inserted, int Updated, int Unchanged, int OrganisationsCreated, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt,
    System.Text.Json.JsonElement Problems, string? FailureMessage)
{
    public static ImportJobView From(ImportJob j, ImportProgress? live = null) => new(
        j.Id, j.FileName, j.Status, j.ValidOnly, live?.RowsRead ?? j.RowsRead, live?.RowsValid ?? j.RowsValid, live?.RowsRejected ?? j.RowsRejected,
        j.Inserted, j.Updated, j.Unchanged, j.OrganisationsCreated, j.CreatedAt, j.StartedAt, j.FinishedAt,
        System.Text.Json.JsonDocument.Parse(j.Problems).RootElement.Clone(), j.FailureMessage);
}

/// <summary>Keeps a large upload on disk and queues its import as a background job.</summary>
public sealed record QueueImportJob(string StoredPath, string FileName, string Format, bool ValidOnly) : ICommand<Result<ImportJobView>>;

public sealed class QueueImportJobHandler(AppDbContext db) : ICommandHandler<QueueImportJob, Result<ImportJobView>>
{
    public async ValueTask<Result<ImportJobView>> Handle(QueueImportJob command, CancellationToken cancellationToken)
    {
        var job = new ImportJob
        {
            FileName = command.FileName, Format = command.Format, StoredPath = command.StoredPath, ValidOnly = command.ValidOnly, Status = ImportJobStatus.Queued,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return ImportJobView.From(job);
    }
}

/// <summary>The HTTP edge of imports: stores the upload, imports small files at once, queues large ones.</summary>
public static class ImportContractsEndpoint
{
    public static async Task<Results<Ok<ImportReport>, Accepted<ImportJobView>, ValidationProblem, ProblemHttpResult>> Upload(
        IFormFile file, [FromQuery] bool? validOnly, IMediator mediator, DatabaseOptions database, IHostEnvironment environment,
        IOptions<ImportOptions> options, ImportJobQueue queue, CancellationToken ct)
    {
        var format = ContractFileReader.FormatOf(file.FileName, file.ContentType);
        if (format is null)
        {
            return Error.Invalid("file", "Upload a .csv (UTF-8) or .xlsx file.").ToValidationProblem();
        }

        if (file.Length == 0)
        {
            return Error.Invalid("file", "The file is empty.").ToValidationProblem();
        }

        var folder = Path.Combine(database.DataDirectoryPath(environment.ContentRootPath), "imports");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.CreateVersion7():N}.{format}");
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await file.CopyToAsync(target, ct);
        }

        var queued = false;
        try
        {
            if (format == "xlsx" && ContractFileReader.CheckXlsx(path) is { } unreadable)
            {
                return Error.Invalid("file", unreadable).ToValidationProblem();
            }

            if (CountRows(path, format, options.Value.BackgroundThresholdRows + 1) > options.Value.BackgroundThresholdRows)
            {
                var job = await mediator.Send(new QueueImportJob(path, Path.GetFileName(file.FileName), format, validOnly ?? false), ct);
                if (!job.IsSuccess)
                {
                    return job.Error!.ToProblem();
                }

                queue.Enqueue(job.Value!.Id);
                queued = true;
                return TypedResults.Accepted($"/api/contracts/imports/{job.Value.Id}", job.Value);
            }

            var box = new ImportReportBox();
            var result = await mediator.Send(new ImportContracts(path, format, validOnly ?? false, null, box, FileName: Path.GetFileName(file.FileName)), ct);
            if (result.IsSuccess)
            {
                return TypedResults.Ok(result.Value!);
            }

            if (result.Error!.Code == "import_rejected" && box.Report is { } report)
            {
                return TypedResults.ValidationProblem(result.Error.Fields!.ToDictionary(), result.Error.Message, title: "The file was rejected",
                    extensions: new Dictionary<string, object?>
                    {
                        ["code"] = "import_rejected",
                        ["rowsRead"] = report.RowsRead,
                        ["rowsRejected"] = report.RowsRejected,
                        ["problems"] = report.Problems,
                        ["problemsTruncated"] = report.ProblemsTruncated,
                    });
            }

            return result.Error.Fields is not null ? result.Error.ToValidationProblem() : result.Error.ToProblem();
        }
        finally
        {
            if (!queued)
            {
                File.Delete(path);
            }
        }
    }

    private static int CountRows(string path, string format, int stopAt)
    {
        var count = 0;
        foreach (var _ in ContractFileReader.Read(path, format, []))
        {
            if (++count >= stopAt)
            {
                break;
            }
        }

        return count;
    }
}

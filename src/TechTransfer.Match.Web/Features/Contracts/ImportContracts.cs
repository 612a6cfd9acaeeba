using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts.Import;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// Imports a registered-contract statistics file already on disk, in one transaction: all or nothing unless
/// <paramref name="ValidOnly"/>, in which case the valid rows are written and the rejected ones reported.
/// Runs directly for small uploads and inside <see cref="ImportJobRunner"/> for large ones (which follows the
/// progress through the scope's <see cref="ImportProgressSink"/>). A rejected file answers its report with the error.
/// </summary>
public sealed record ImportContracts(
    string Path, string Format, bool ValidOnly, Guid? JobId, string? FileName = null, AmountUnit? Unit = null, bool Preview = false) : ICommand<ImportOutcome>;

public sealed class ImportContractsHandler(AppDbContext db, CurrentUser current, ContractImporter importer, TimeProvider clock)
    : ICommandHandler<ImportContracts, ImportOutcome>
{
    public async ValueTask<ImportOutcome> Handle(ImportContracts command, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.Forbidden("Registered-contract statistics are imported by the bureau and administrators.");
        }

        var report = await importer.ImportAsync(command.Path, command.Format, command.ValidOnly, command.JobId, cancellationToken, command.Unit);
        if (!report.Written)
        {
            return ImportOutcome.Rejected(report);
        }

        if (command.Preview)
        {
            return ImportOutcome.Previewed(report);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var job = command.JobId is { } id ? await db.ImportJobs.FindAsync([id], cancellationToken) : null;
        if (job is null)
        {
            job = new ImportJob
            {
                FileName = command.FileName ?? System.IO.Path.GetFileName(command.Path), Format = command.Format, ValidOnly = command.ValidOnly, StartedAt = now,
                AmountUnit = command.Unit, Language = System.Globalization.CultureInfo.CurrentUICulture.Name,
            };
            db.ImportJobs.Add(job);
        }

        job.Record(ImportJobStatus.Succeeded, report, null, now);
        job.Raise(new ContractsImported(job.Id, report.Inserted, report.Updated + report.Linked, report.Years));
        return ImportOutcome.Imported(report);
    }
}

public sealed record ImportJobView(
    Guid Id, string FileName, ImportJobStatus Status, bool ValidOnly, int RowsRead, int RowsValid, int RowsRejected,
    int Inserted, int Updated, int Unchanged, int OrganisationsCreated, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt,
    System.Text.Json.JsonElement Problems, string? FailureMessage, AmountUnit? AmountUnit, string? Encoding,
    System.Text.Json.JsonElement Warnings, System.Text.Json.JsonElement Totals, System.Text.Json.JsonElement Reconciliation)
{
    public static ImportJobView From(ImportJob j, ImportProgress? live = null) => new(
        j.Id, j.FileName, j.Status, j.ValidOnly, live?.RowsRead ?? j.RowsRead, live?.RowsValid ?? j.RowsValid, live?.RowsRejected ?? j.RowsRejected,
        j.Inserted, j.Updated, j.Unchanged, j.OrganisationsCreated, j.CreatedAt, j.StartedAt, j.FinishedAt,
        Json(j.Problems), j.FailureMessage is { } failure ? Infrastructure.Behaviours.ValidationText.Localise(failure) : null, j.AmountUnit, j.Encoding, Json(j.Warnings), Json(j.Totals), Json(j.Reconciliation));

    private static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
}

/// <summary>Keeps a large upload on disk and queues its import as a background job.</summary>
public sealed record QueueImportJob(
    string StoredPath, string FileName, string Format, bool ValidOnly, AmountUnit? Unit = null, ImportReport? Preview = null) : ICommand<Result<ImportJobView>>;

public sealed class QueueImportJobHandler(AppDbContext db) : ICommandHandler<QueueImportJob, Result<ImportJobView>>
{
    public async ValueTask<Result<ImportJobView>> Handle(QueueImportJob command, CancellationToken cancellationToken)
    {
        var job = new ImportJob
        {
            FileName = command.FileName, Format = command.Format, StoredPath = command.StoredPath, ValidOnly = command.ValidOnly, Status = ImportJobStatus.Queued,
            AmountUnit = command.Unit, Language = System.Globalization.CultureInfo.CurrentUICulture.Name,
        };
        if (command.Preview is { } preview)
        {
            job.Status = ImportJobStatus.Previewed;
            job.Keep(preview);
        }

        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return ImportJobView.From(job);
    }
}

/// <summary>The HTTP edge of imports: stores the upload, imports small files at once, queues large ones.</summary>
public static class ImportContractsEndpoint
{
    public static async Task<Results<Ok<ImportReport>, Accepted<ImportJobView>, ValidationProblem, ProblemHttpResult>> Upload(
        IFormFile file, [FromQuery] bool? validOnly, [FromQuery] string? unit, [FromQuery] bool? preview, IMediator mediator, DatabaseOptions database, IHostEnvironment environment,
        IOptions<ImportOptions> options, ImportJobQueue queue, CancellationToken ct)
    {
        var stored = await ImportUploads.StoreAsync(file, unit, database, environment, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!.ToValidationProblem();
        }

        var (path, format, amountUnit) = stored.Value!;
        var queued = false;
        try
        {
            if (preview != true && CountRows(path, format, amountUnit, options.Value.BackgroundThresholdRows + 1) > options.Value.BackgroundThresholdRows)
            {
                var job = await mediator.Send(new QueueImportJob(path, Path.GetFileName(file.FileName), format, validOnly ?? false, amountUnit), ct);
                if (!job.IsSuccess)
                {
                    return job.Error!.ToProblem();
                }

                queue.Enqueue(job.Value!.Id);
                queued = true;
                return TypedResults.Accepted($"/api/contracts/imports/{job.Value.Id}", job.Value);
            }

            var outcome = await mediator.Send(new ImportContracts(path, format, validOnly ?? false, null, Path.GetFileName(file.FileName), amountUnit, preview == true), ct);
            if (outcome.Preview)
            {
                // Nothing was written; the file waits for the commit, which imports it again as a background job.
                var kept = await mediator.Send(new QueueImportJob(path, Path.GetFileName(file.FileName), format, validOnly ?? false, amountUnit, outcome.Report), ct);
                if (!kept.IsSuccess)
                {
                    return kept.Error!.ToProblem();
                }

                queued = true;
                return TypedResults.Ok(outcome.Report! with { PreviewId = kept.Value!.Id });
            }

            if (outcome.IsSuccess)
            {
                return TypedResults.Ok(outcome.Report!);
            }

            if (ImportUploads.Rejected(outcome) is { } rejected)
            {
                return rejected;
            }

            return outcome.Error!.Fields is not null ? outcome.Error.ToValidationProblem() : outcome.Error.ToProblem();
        }
        finally
        {
            if (!queued)
            {
                File.Delete(path);
            }
        }
    }

    private static int CountRows(string path, string format, AmountUnit? unit, int stopAt)
    {
        var count = 0;
        foreach (var _ in ContractFileReader.Read(path, format, new ImportFile(unit)))
        {
            if (++count >= stopAt)
            {
                break;
            }
        }

        return count;
    }
}

using System.Text.Json;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

public sealed record ImportReport(
    int RowsRead,
    int RowsValid,
    int RowsRejected,
    int Inserted,
    int Updated,
    int Unchanged,
    int OrganisationsCreated,
    bool Written,
    IReadOnlyList<ImportProblem> Problems,
    bool ProblemsTruncated,
    IReadOnlyList<int> Years);

/// <summary>
/// The answer of <see cref="ImportContracts"/>: the report of the file, and an error when the import did not go
/// through. Imported: a report, no error. Rejected (a problem and no validOnly): the report and the
/// <c>import_rejected</c> error, so its problems reach the caller although the transaction rolled back. Refused
/// (not the bureau, or a failed validation): an error without a report, as any command answers.
/// </summary>
public readonly record struct ImportOutcome(ImportReport? Report, Error? Error) : IResult<ImportOutcome>
{
    public bool IsSuccess => Error is null;

    public static ImportOutcome Imported(ImportReport report) => new(report, null);

    public static ImportOutcome Rejected(ImportReport report)
    {
        var fields = report.Problems
            .GroupBy(p => p.Row == 1 && report.RowsValid == 0 && report.Inserted == 0 ? $"header.{p.Column}" : $"rows[{p.Row}].{p.Column}")
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return new(report, new Error(ErrorKind.Invalid, "import_rejected",
            ValidationText.Format("{0} of {1} rows have problems; nothing was written. Fix them, or import with validOnly=true to keep the valid rows.",
                report.RowsRejected, report.RowsRead),
            fields));
    }

    public static ImportOutcome Failure(Error error) => new(null, error);

    public static implicit operator ImportOutcome(Error error) => Failure(error);
}

internal static class ImportJobRecord
{
    /// <summary>Ends the job with its report; the job's ImportJobFinished event goes out through the outbox with the save.</summary>
    public static void Record(this ImportJob job, ImportJobStatus status, ImportReport? report, string? message, DateTime finishedAt)
    {
        job.Status = status;
        job.FinishedAt = finishedAt;
        job.FailureMessage = message is { Length: > 2000 } ? message[..2000] : message;
        if (report is not null)
        {
            job.RowsRead = report.RowsRead;
            job.RowsValid = report.RowsValid;
            job.RowsRejected = report.RowsRejected;
            job.Inserted = report.Inserted;
            job.Updated = report.Updated;
            job.Unchanged = report.Unchanged;
            job.OrganisationsCreated = report.OrganisationsCreated;
            job.Problems = JsonSerializer.Serialize(report.Problems.Take(1000), JsonSerializerOptions.Web);
        }

        job.Raise(new ImportJobFinished(job.Id, job.CreatedBy, status, job.RowsRead, job.RowsValid, job.RowsRejected, job.Inserted, job.Updated));
    }
}

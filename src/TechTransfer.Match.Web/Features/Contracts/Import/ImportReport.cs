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
    IReadOnlyList<int> Years)
{
    /// <summary>The file's text encoding as detected (UTF-8, UTF-8 (BOM), GB18030, UTF-16LE, UTF-16BE), or XLSX.</summary>
    public string? Encoding { get; init; }

    /// <summary>What was read but is no problem: columns ignored.</summary>
    public IReadOnlyList<ImportProblem> Warnings { get; init; } = [];

    /// <summary>The valid rows per statistics year in 万元, so an amount read in the wrong unit shows as a 10,000-fold total.</summary>
    public IReadOnlyList<ImportYearTotal> Totals { get; init; } = [];

    /// <summary>Rows that were a contract already recorded on the platform: linked to it, not inserted.</summary>
    public int Linked { get; init; }

    public IReadOnlyList<ImportLink> Links { get; init; } = [];

    /// <summary>Rows that may be a platform contract but not surely: inserted, for a person to check.</summary>
    public IReadOnlyList<ImportCandidate> Candidates { get; init; } = [];

    /// <summary>
    /// The organisations the import creates as drafts (first <see cref="ImportParties.MaxListed"/>), as their first row
    /// described them; those of unknown kind are to be confirmed by an administrator.
    /// </summary>
    public IReadOnlyList<ImportOrganisation> Organisations { get; init; } = [];

    /// <summary>A preview's id: commit it (POST /api/contracts/imports/{id}/commit) or cancel it (DELETE).</summary>
    public Guid? PreviewId { get; init; }
}

/// <summary>A file row linked to the platform's record of the same contract.</summary>
public sealed record ImportLink(int Row, string RegistrationNumber, Guid ContractId);

/// <summary>A file row inserted although platform contracts of the same parties are close to it.</summary>
public sealed record ImportCandidate(int Row, string RegistrationNumber, IReadOnlyList<Guid> ContractIds);

/// <summary>One statistics year of a file's valid rows: contracts, 合同成交额 and 技术交易额 in 万元.</summary>
public sealed record ImportYearTotal(int Year, int Contracts, decimal TotalAmountWanYuan, decimal TechnologyIncomeWanYuan);

/// <summary>
/// The answer of <see cref="ImportContracts"/>: the report of the file, and an error when the import did not go
/// through. Imported: a report, no error. Rejected (a problem and no validOnly): the report and the
/// <c>import_rejected</c> error, so its problems reach the caller although the transaction rolled back. Refused
/// (not the bureau, or a failed validation): an error without a report, as any command answers.
/// </summary>
public readonly record struct ImportOutcome(ImportReport? Report, Error? Error, bool Preview = false) : IResult<ImportOutcome>
{
    /// <summary>A preview is no failure, but never a success either: the transaction behaviour rolls back what it wrote.</summary>
    public bool IsSuccess => Error is null && !Preview;

    public static ImportOutcome Previewed(ImportReport report) => new(report, null, Preview: true);

    public static ImportOutcome Imported(ImportReport report) => new(report, null);

    public const string RejectedMessage =
        "{0} of {1} rows have problems; nothing was written. Fix them, or import with validOnly=true to keep the valid rows.";

    /// <summary>A rejected file; <paramref name="template"/> is the summary ({0} rows with problems of {1}) in English, translated here.</summary>
    public static ImportOutcome Rejected(ImportReport report, string template = RejectedMessage)
    {
        var fields = report.Problems
            .GroupBy(p => p.Row == 1 && report.RowsValid == 0 && report.Inserted == 0 ? $"header.{p.Column}" : $"rows[{p.Row}].{p.Column}")
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return new(report, new Error(ErrorKind.Invalid, "import_rejected",
            ValidationText.Format(template, report.RowsRejected, report.RowsRead),
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
        job.Keep(report);
        job.Raise(new ImportJobFinished(job.Id, job.CreatedBy, status, job.RowsRead, job.RowsValid, job.RowsRejected, job.Inserted, job.Updated));
    }

    /// <summary>Keeps the report's figures on the job (a finished job, or a preview waiting for its commit).</summary>
    public static void Keep(this ImportJob job, ImportReport? report)
    {
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
            job.Encoding = report.Encoding;
            job.Warnings = JsonSerializer.Serialize(report.Warnings.Take(1000), JsonSerializerOptions.Web);
            job.Totals = JsonSerializer.Serialize(report.Totals, JsonSerializerOptions.Web);
            job.Reconciliation = JsonSerializer.Serialize(
                new { report.Linked, Links = report.Links.Take(1000), Candidates = report.Candidates.Take(1000) }, JsonSerializerOptions.Web);
        }
    }
}

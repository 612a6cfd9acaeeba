using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TechTransfer.Match.Web.Features.Collaboration.Import;
using TechTransfer.Match.Web.Features.Contracts.Import;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Collaboration;

/// <summary>
/// Imports a file of one kind of collaboration record (joint R&amp;D institutions, spin-offs or validation projects)
/// already on disk: every row is read and checked first, then all are written in the command's one transaction, or
/// none. A preview answers the same report and writes nothing. Rows are keyed (<see cref="CollaborationImporter"/>),
/// so the same file imported twice changes nothing.
/// </summary>
public sealed record ImportCollaboration(string Path, string Format, CollaborationImportKind Kind, Domain.AmountUnit? Unit = null, bool Preview = false)
    : ICommand<ImportOutcome>;

public sealed class ImportCollaborationHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ImportCollaboration, ImportOutcome>
{
    public async ValueTask<ImportOutcome> Handle(ImportCollaboration command, CancellationToken cancellationToken)
    {
        if (!current.OverseesRecords)
        {
            return Error.Forbidden("Collaboration records are imported by the bureau and administrators.");
        }

        var report = await new CollaborationImporter(db).ImportAsync(command.Path, command.Format, command.Kind, command.Unit, cancellationToken);
        if (!report.Written)
        {
            return ImportOutcome.Rejected(report, "{0} of {1} rows have problems; nothing was written. Fix them and import the file again.");
        }

        // A preview is no success: the transaction behaviour discards what the import put in the context.
        return command.Preview ? ImportOutcome.Previewed(report) : ImportOutcome.Imported(report);
    }

    /// <summary>
    /// <c>POST /api/collaboration/imports?kind=joint-institutions|spin-offs|validation-projects[&amp;preview=true][&amp;unit=万元]</c>:
    /// one endpoint for the three kinds, since they share the upload, the rules and the report and differ only in columns.
    /// </summary>
    public static async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> Endpoint(
        IFormFile file, [FromQuery] string kind, [FromQuery] bool? preview, [FromQuery] string? unit, IMediator mediator, DatabaseOptions database,
        IHostEnvironment environment, CancellationToken ct)
    {
        if (!CollaborationColumns.TryKind(kind, out var recordKind))
        {
            return Error.Invalid("kind", "The kind of records is joint-institutions, spin-offs or validation-projects.").ToValidationProblem();
        }

        var stored = await ImportUploads.StoreAsync(file, unit, database, environment, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!.ToValidationProblem();
        }

        try
        {
            var outcome = await mediator.Send(new ImportCollaboration(stored.Value!.Path, stored.Value.Format, recordKind, stored.Value!.Unit, preview == true), ct);
            if (outcome.Report is { } report && outcome.Error is null)
            {
                return TypedResults.Ok(report);
            }

            if (ImportUploads.Rejected(outcome) is { } rejected)
            {
                return rejected;
            }

            return outcome.Error!.Fields is not null ? outcome.Error.ToValidationProblem() : outcome.Error.ToProblem();
        }
        finally
        {
            File.Delete(stored.Value!.Path);
        }
    }
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts.Import;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// Commits a previewed import (its kept file is imported as a background job, from the start, with the rules of
/// any import) or cancels it (the file is deleted). Only a preview can be either, once: a second commit, a commit
/// after a cancel, or two racing commits (the job's version) answer 409, so a preview is never imported twice.
/// </summary>
public sealed record DecideImportPreview(Guid Id, bool Commit) : ICommand<Result<ImportJobView>>;

public sealed class DecideImportPreviewHandler(AppDbContext db, CurrentUser current, TimeProvider clock)
    : ICommandHandler<DecideImportPreview, Result<ImportJobView>>
{
    public async ValueTask<Result<ImportJobView>> Handle(DecideImportPreview command, CancellationToken cancellationToken)
    {
        var job = ContractAccess.ReadsAll(current) ? await db.ImportJobs.FindAsync([command.Id], cancellationToken) : null;
        if (job is null)
        {
            return Error.NotFound("Import job");
        }

        if (job.Status != ImportJobStatus.Previewed)
        {
            return Error.Conflict("import_not_previewed", ValidationText.Format("Only a previewed import can be committed or cancelled; this one is {0}.", job.Status));
        }

        if (command.Commit)
        {
            job.Status = ImportJobStatus.Queued;
        }
        else
        {
            job.Status = ImportJobStatus.Cancelled;
            job.FinishedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (!command.Commit && File.Exists(job.StoredPath))
        {
            // Saved (a racing decision has failed by now); were the commit itself to fail, a later commit finds no file and fails the job.
            File.Delete(job.StoredPath);
        }

        return ImportJobView.From(job);
    }

    public static async Task<Results<Accepted<ImportJobView>, ValidationProblem, ProblemHttpResult>> Commit(
        Guid id, IMediator mediator, ImportJobQueue queue, CancellationToken ct)
    {
        var result = await mediator.Send(new DecideImportPreview(id, true), ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        queue.Enqueue(id);
        return TypedResults.Accepted($"/api/contracts/imports/{id}", result.Value!);
    }

    public static async Task<Results<Ok<ImportJobView>, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideImportPreview(id, false), ct)).ToOk();
}

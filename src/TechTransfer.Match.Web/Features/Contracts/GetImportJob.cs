using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Contracts.Import;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>An import job: live progress (rows read, valid, rejected) while it runs, its final report after.</summary>
public sealed record GetImportJob(Guid Id) : IQuery<Result<ImportJobView>>;

public sealed class GetImportJobHandler(AppDbContext db, CurrentUser current, ImportProgressRegistry registry) : IQueryHandler<GetImportJob, Result<ImportJobView>>
{
    public async ValueTask<Result<ImportJobView>> Handle(GetImportJob query, CancellationToken cancellationToken)
    {
        if (!ContractAccess.ReadsAll(current))
        {
            return Error.NotFound("Import job");
        }

        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == query.Id, cancellationToken);
        if (job is null)
        {
            return Error.NotFound("Import job");
        }

        job.Reconciliation = await OpenCandidatesAsync(job.Reconciliation, cancellationToken);
        return ImportJobView.From(job, registry.Get(job.Id));
    }

    /// <summary>
    /// The report's unsure candidates a person has not decided yet (DecideReconciliation): a confirmed row's record
    /// is gone (merged into the platform contract), a dismissed one carries its decision in the audit trail.
    /// </summary>
    private async Task<string> OpenCandidatesAsync(string reconciliation, CancellationToken ct)
    {
        if (JsonNode.Parse(reconciliation) is not JsonObject report || report["candidates"] is not JsonArray { Count: > 0 } candidates)
        {
            return reconciliation;
        }

        var numbers = candidates.Select(c => c?["registrationNumber"]?.GetValue<string>()).OfType<string>().ToList();
        var open = await db.Contracts.AsNoTracking()
            .Where(c => c.Source == ContractSource.Import && c.RegistrationNumber != null && numbers.Contains(c.RegistrationNumber)
                && !db.ContractAudits.Any(a => a.ContractId == c.Id && a.Change == ContractChange.ReconciliationDismissed))
            .Select(c => c.RegistrationNumber!).ToListAsync(ct);
        report["candidates"] = new JsonArray(candidates.Where(c => open.Contains(c?["registrationNumber"]?.GetValue<string>() ?? "")).Select(c => c!.DeepClone()).ToArray());
        return report.ToJsonString();
    }

    public static async Task<Results<Ok<ImportJobView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetImportJob(id), ct)).ToOk();
}

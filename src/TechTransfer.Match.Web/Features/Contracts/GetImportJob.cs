using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
        return job is null ? Error.NotFound("Import job") : ImportJobView.From(job, registry.Get(job.Id));
    }

    public static async Task<Results<Ok<ImportJobView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetImportJob(id), ct)).ToOk();
}

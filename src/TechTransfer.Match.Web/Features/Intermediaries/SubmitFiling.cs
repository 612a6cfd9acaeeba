using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

/// <summary>The organisation's members submit a draft or returned filing to the bureau.</summary>
public sealed record SubmitFiling(Guid Id, long Version) : ICommand<Result<FilingView>>;

public sealed class SubmitFilingHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock) : ICommandHandler<SubmitFiling, Result<FilingView>>
{
    public async ValueTask<Result<FilingView>> Handle(SubmitFiling command, CancellationToken cancellationToken)
    {
        var (filing, error) = await FilingRules.ForMemberAsync(db, command.Id, command.Version, current, cancellationToken);
        if (filing is null)
        {
            return error!;
        }

        filing.State = FilingState.Submitted;
        filing.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("filing.submitted", "intermediary-filing", filing.Id);
        await db.SaveChangesAsync(cancellationToken);
        return await FilingViews.ReadAsync(db, filing, clock.Today(), cancellationToken);
    }

    public static async Task<Results<Ok<FilingView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, VersionBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SubmitFiling(id, body.Version), ct)).ToOk();
}

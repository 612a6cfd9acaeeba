using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

public sealed record ReturnFilingBody(string Reasons, long Version);

/// <summary>The bureau returns a submitted filing with its reasons (required); the members revise and submit it again.</summary>
public sealed record ReturnFiling(Guid Id, string Reasons, long Version) : ICommand<Result<FilingView>>;

public sealed class ReturnFilingValidator : AbstractValidator<ReturnFiling>
{
    public ReturnFilingValidator() => RuleFor(x => x.Reasons).NotEmpty().MaximumLength(2000);
}

public sealed class ReturnFilingHandler(AppDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<ReturnFiling, Result<FilingView>>
{
    public async ValueTask<Result<FilingView>> Handle(ReturnFiling command, CancellationToken cancellationToken)
    {
        var (filing, error) = await FilingRules.ForDecisionAsync(db, command.Id, command.Version, cancellationToken, FilingState.Submitted);
        if (filing is null)
        {
            return error!;
        }

        filing.State = FilingState.Returned;
        filing.ReturnReason = command.Reasons.Trim();
        audit.Record("filing.returned", "intermediary-filing", filing.Id, new { reasons = filing.ReturnReason });
        await db.SaveChangesAsync(cancellationToken);
        return await FilingViews.ReadAsync(db, filing, clock.Today(), cancellationToken);
    }

    public static async Task<Results<Ok<FilingView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ReturnFilingBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReturnFiling(id, body.Reasons, body.Version), ct)).ToOk();
}

using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

public sealed record ReviseFilingBody(FilingInput Filing, long Version);

/// <summary>The organisation's members revise a draft or a returned filing (a submitted or decided one is the bureau's).</summary>
public sealed record ReviseFiling(Guid Id, FilingInput Filing, long Version) : ICommand<Result<FilingView>>;

public sealed class ReviseFilingValidator : AbstractValidator<ReviseFiling>
{
    public ReviseFilingValidator() => RuleFor(x => x.Filing).NotNull().SetValidator(new FilingInputValidator());
}

public sealed class ReviseFilingHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock) : ICommandHandler<ReviseFiling, Result<FilingView>>
{
    public async ValueTask<Result<FilingView>> Handle(ReviseFiling command, CancellationToken cancellationToken)
    {
        var (filing, error) = await FilingRules.ForMemberAsync(db, command.Id, command.Version, current, cancellationToken);
        if (filing is null)
        {
            return error!;
        }

        FilingViews.Apply(filing, command.Filing);
        audit.Record("filing.revised", "intermediary-filing", filing.Id);
        await db.SaveChangesAsync(cancellationToken);
        return await FilingViews.ReadAsync(db, filing, clock.Today(), cancellationToken);
    }

    public static async Task<Results<Ok<FilingView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ReviseFilingBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ReviseFiling(id, body.Filing, body.Version), ct)).ToOk();
}

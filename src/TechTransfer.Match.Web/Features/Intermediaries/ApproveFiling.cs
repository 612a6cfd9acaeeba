using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

public sealed record ApproveFilingBody(string FilingNumber, DateOnly FiledOn, long Version);

/// <summary>
/// The bureau approves a submitted filing with its filing number and date: the intermediary is filed for one year
/// from that date (expires on the anniversary) and the public directory lists it.
/// </summary>
public sealed record ApproveFiling(Guid Id, string FilingNumber, DateOnly FiledOn, long Version) : ICommand<Result<FilingView>>;

public sealed class ApproveFilingValidator : AbstractValidator<ApproveFiling>
{
    public ApproveFilingValidator(TimeProvider clock)
    {
        RuleFor(x => x.FilingNumber).NotEmpty().MaximumLength(64);
        RuleFor(x => x.FiledOn).Must(d => d <= clock.Today()).WithMessage("The filing date cannot lie in the future.")
            .Must(d => d.Year >= 2000).WithMessage("The filing date cannot lie before 2000.");
    }
}

public sealed class ApproveFilingHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock) : ICommandHandler<ApproveFiling, Result<FilingView>>
{
    public async ValueTask<Result<FilingView>> Handle(ApproveFiling command, CancellationToken cancellationToken)
    {
        var (filing, error) = await FilingRules.ForDecisionAsync(db, command.Id, command.Version, cancellationToken, FilingState.Submitted);
        if (filing is null)
        {
            return error!;
        }

        filing.State = FilingState.Filed;
        filing.FilingNumber = command.FilingNumber.Trim();
        filing.FiledOn = command.FiledOn;
        filing.ExpiresOn = command.FiledOn.AddYears(1);
        filing.ReturnReason = null;
        audit.Record("filing.approved", "intermediary-filing", filing.Id, new { number = filing.FilingNumber, filedOn = filing.FiledOn, by = current.Id });
        await db.SaveChangesAsync(cancellationToken);
        return await FilingViews.ReadAsync(db, filing, clock.Today(), cancellationToken);
    }

    public static async Task<Results<Ok<FilingView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ApproveFilingBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ApproveFiling(id, body.FilingNumber, body.FiledOn, body.Version), ct)).ToOk();
}

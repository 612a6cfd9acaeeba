using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

/// <summary>
/// A member of an intermediary organisation starts its filing (备案) as a draft. An organisation has at most one
/// filing that is not revoked (a unique index: a second one, or the loser of a race, answers 409).
/// </summary>
public sealed record DraftFiling(Guid OrganisationId, FilingInput Input) : ICommand<Result<FilingView>>;

public sealed class DraftFilingValidator : AbstractValidator<DraftFiling>
{
    public DraftFilingValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new FilingInputValidator());
}

public sealed class DraftFilingHandler(AppDbContext db, CurrentUser current, AuditTrail audit, TimeProvider clock) : ICommandHandler<DraftFiling, Result<FilingView>>
{
    public async ValueTask<Result<FilingView>> Handle(DraftFiling command, CancellationToken cancellationToken)
    {
        if (await db.Organisations.FindAsync([command.OrganisationId], cancellationToken) is not { } organisation)
        {
            return Error.NotFound("Organisation");
        }

        if (!await FilingAccess.IsMemberAsync(organisation.Id, current, cancellationToken))
        {
            return Error.Forbidden("Only the organisation's members file for it.");
        }

        if (organisation.Kind != OrganisationKind.Intermediary)
        {
            return Error.Conflict("not_an_intermediary", "Only intermediary organisations file with the bureau.");
        }

        var filing = new IntermediaryFiling { OrganisationId = organisation.Id, State = FilingState.Draft };
        FilingViews.Apply(filing, command.Input);
        db.IntermediaryFilings.Add(filing);
        audit.Record("filing.drafted", "intermediary-filing", filing.Id, new { organisation = organisation.Id });
        await db.SaveChangesAsync(cancellationToken);
        return FilingViews.From(filing, organisation, clock.Today());
    }

    public static async Task<Results<Created<FilingView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, FilingInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DraftFiling(id, body), ct)).ToCreated(f => $"/api/intermediary-filings/{f.Id}");
}

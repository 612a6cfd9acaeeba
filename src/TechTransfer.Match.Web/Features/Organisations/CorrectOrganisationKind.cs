using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Organisations;

public sealed record CorrectOrganisationKindBody(OrganisationKind Kind, InstitutionType? InstitutionType, long Version);

/// <summary>
/// An administrator corrects an organisation's kind and institution type (a university an import recorded as an
/// enterprise). The indicators classify sellers by their organisation's kind, so its contracts move into or out of
/// the institution tables at once. Audited with the kind before and after.
/// </summary>
public sealed record CorrectOrganisationKind(Guid Id, OrganisationKind Kind, InstitutionType? InstitutionType, long Version)
    : ICommand<Result<OrganisationView>>, IKindChoice;

public sealed class CorrectOrganisationKindValidator : AbstractValidator<CorrectOrganisationKind>
{
    public CorrectOrganisationKindValidator() => Include(new KindChoiceValidator());
}

public sealed class CorrectOrganisationKindHandler(AppDbContext db, Infrastructure.Accounts.AuditTrail audit)
    : ICommandHandler<CorrectOrganisationKind, Result<OrganisationView>>
{
    public async ValueTask<Result<OrganisationView>> Handle(CorrectOrganisationKind command, CancellationToken cancellationToken)
    {
        if (await db.Organisations.FindAsync([command.Id], cancellationToken) is not { } organisation)
        {
            return Error.NotFound("Organisation");
        }

        if (!db.MatchesVersion(organisation, command.Version))
        {
            return Error.StaleVersion();
        }

        audit.Record("organisation.kind.corrected", "organisation", organisation.Id, new
        {
            from = new { kind = organisation.Kind.ToString(), institutionType = organisation.InstitutionType?.ToString() },
            to = new { kind = command.Kind.ToString(), institutionType = command.InstitutionType?.ToString() },
        });
        organisation.Kind = command.Kind;
        organisation.InstitutionType = command.InstitutionType;
        await db.SaveChangesAsync(cancellationToken);
        return OrganisationView.From(organisation);
    }

    public static async Task<Results<Ok<OrganisationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, CorrectOrganisationKindBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new CorrectOrganisationKind(id, body.Kind, body.InstitutionType, body.Version), ct)).ToOk();
}

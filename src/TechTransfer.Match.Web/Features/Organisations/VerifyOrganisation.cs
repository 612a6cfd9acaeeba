using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Organisations;

public sealed record VerifyOrganisationBody(VerificationStatus Status, long Version);

/// <summary>An administrator verifies (or rejects) an organisation; only verified ones publish.</summary>
public sealed record VerifyOrganisation(Guid Id, VerificationStatus Status, long Version) : ICommand<Result<OrganisationView>>;

public sealed class VerifyOrganisationValidator : AbstractValidator<VerifyOrganisation>
{
    public VerifyOrganisationValidator() =>
        RuleFor(x => x.Status).IsInEnum().NotEqual(VerificationStatus.Draft).WithMessage("Only an import makes a draft; verify, reject or leave pending.");
}

public sealed class VerifyOrganisationHandler(AppDbContext db, Infrastructure.Accounts.AuditTrail audit) : ICommandHandler<VerifyOrganisation, Result<OrganisationView>>
{
    public async ValueTask<Result<OrganisationView>> Handle(VerifyOrganisation command, CancellationToken cancellationToken)
    {
        if (await db.Organisations.FindAsync([command.Id], cancellationToken) is not { } organisation)
        {
            return Error.NotFound("Organisation");
        }

        if (!db.MatchesVersion(organisation, command.Version))
        {
            return Error.StaleVersion();
        }

        if (organisation.Verification == VerificationStatus.Draft)
        {
            // A draft's kind and region are what a registry row said: confirming checks them, verifying would not.
            return Error.Conflict("draft_unconfirmed", "A draft organisation is confirmed (kind and region) or merged, not verified.");
        }

        audit.Record("organisation.verification", "organisation", organisation.Id, new { from = organisation.Verification.ToString(), to = command.Status.ToString() });
        organisation.Verification = command.Status;
        await db.SaveChangesAsync(cancellationToken);
        return OrganisationView.From(organisation);
    }

    public static async Task<Results<Ok<OrganisationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, VerifyOrganisationBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new VerifyOrganisation(id, body.Status, body.Version), ct)).ToOk();
}

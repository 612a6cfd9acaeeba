using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Matching;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Organisations;

public sealed record UpdateOrganisationBody(OrganisationInput Organisation, long Version);

/// <summary>Members or an administrator correct an organisation's details. The kind cannot change.</summary>
public sealed record UpdateOrganisation(Guid Id, OrganisationInput Input, long Version) : ICommand<Result<OrganisationView>>;

public sealed class UpdateOrganisationValidator : AbstractValidator<UpdateOrganisation>
{
    public UpdateOrganisationValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new OrganisationInputValidator());
}

public sealed class UpdateOrganisationHandler(AppDbContext db, CurrentUser current) : ICommandHandler<UpdateOrganisation, Result<OrganisationView>>
{
    public async ValueTask<Result<OrganisationView>> Handle(UpdateOrganisation command, CancellationToken cancellationToken)
    {
        if (await db.Organisations.FindAsync([command.Id], cancellationToken) is not { } organisation)
        {
            return Error.NotFound("Organisation");
        }

        if (!current.IsInRole(Roles.Administrator) && await current.OrganisationIdAsync(cancellationToken) != organisation.Id)
        {
            return Error.Forbidden("Only the organisation's members or an administrator edit it.");
        }

        if (!db.MatchesVersion(organisation, command.Version))
        {
            return Error.StaleVersion();
        }

        var input = command.Input;
        if (input.Kind != organisation.Kind)
        {
            return Error.Invalid("organisation.kind", "An organisation's kind cannot change.");
        }

        organisation.InstitutionType = input.InstitutionType;
        organisation.NameZh = input.NameZh.Trim();
        organisation.NameEn = input.NameEn?.Trim() ?? "";
        organisation.CreditCode = string.IsNullOrEmpty(input.CreditCode) ? null : input.CreditCode;
        if (organisation.RegionCode != input.RegionCode)
        {
            await ListingRelocations.RaiseForAsync(db, organisation.Id, cancellationToken);
        }

        organisation.RegionCode = input.RegionCode;
        organisation.RegionName = input.RegionName.Trim();
        organisation.Industry = input.Industry?.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return OrganisationView.From(organisation);
    }

    public static async Task<Results<Ok<OrganisationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, UpdateOrganisationBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UpdateOrganisation(id, body.Organisation, body.Version), ct)).ToOk();
}

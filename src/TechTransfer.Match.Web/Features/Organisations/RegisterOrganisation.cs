using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Features.Organisations;

/// <summary>
/// A signed-in person without an organisation registers theirs and becomes its first member. The
/// organisation stays unverified (and cannot publish) until an administrator verifies it.
/// </summary>
public sealed record RegisterOrganisation(OrganisationInput Input) : ICommand<Result<OrganisationView>>;

public sealed class RegisterOrganisationValidator : AbstractValidator<RegisterOrganisation>
{
    public RegisterOrganisationValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new OrganisationInputValidator());
}

public sealed class RegisterOrganisationHandler(AppDbContext db, CurrentUser current) : ICommandHandler<RegisterOrganisation, Result<OrganisationView>>
{
    public async ValueTask<Result<OrganisationView>> Handle(RegisterOrganisation command, CancellationToken cancellationToken)
    {
        if (current.Id is not { } userId || await db.Users.FindAsync([userId], cancellationToken) is not { } user)
        {
            return Error.Unauthorized();
        }

        if (user.OrganisationId is not null)
        {
            return Error.Conflict("already_member", "You already belong to an organisation; a person belongs to at most one.");
        }

        var input = command.Input;
        if (!OrganisationRules.RoleFits(current, input.Kind))
        {
            return Error.Forbidden(ValidationText.Format("Your role cannot register an organisation of kind {0}.", input.Kind));
        }

        if (!string.IsNullOrEmpty(input.CreditCode) && await db.Organisations.AnyAsync(o => o.CreditCode == input.CreditCode, cancellationToken))
        {
            return Error.Conflict("duplicate_credit_code", "An organisation with this unified social credit code is already registered; ask to join it instead.");
        }

        var organisation = new Organisation
        {
            Kind = input.Kind,
            InstitutionType = input.InstitutionType,
            NameZh = input.NameZh.Trim(),
            NameEn = input.NameEn?.Trim() ?? "",
            CreditCode = string.IsNullOrEmpty(input.CreditCode) ? null : input.CreditCode,
            RegionCode = input.RegionCode,
            RegionName = input.RegionName.Trim(),
            Industry = input.Industry?.Trim(),
            Verification = current.IsInRole(Roles.Administrator) ? VerificationStatus.Verified : VerificationStatus.Pending,
        };
        db.Organisations.Add(organisation);
        if (!current.IsInRole(Roles.Administrator))
        {
            user.OrganisationId = organisation.Id;
            db.MembershipRequests.Add(new MembershipRequest
            {
                UserId = userId,
                OrganisationId = organisation.Id,
                Status = MembershipStatus.Approved,
                DecidedBy = userId,
                Message = "Registered the organisation.",
            });
        }

        await db.SaveChangesAsync(cancellationToken);

        return OrganisationView.From(organisation);
    }

    public static async Task<Results<Created<OrganisationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        OrganisationInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RegisterOrganisation(body), ct)).ToCreated(o => $"/api/organisations/{o.Id}");
}

public static class OrganisationRules
{
    /// <summary>
    /// Institution members join institutions, enterprise members enterprises; technology managers (verified or
    /// applying) an intermediary or an institution's transfer office.
    /// </summary>
    public static bool RoleFits(CurrentUser user, OrganisationKind kind) =>
        user.IsInRole(Roles.Administrator) || kind switch
        {
            OrganisationKind.Institution => user.IsInRole(Roles.InstitutionMember) || IsManager(user),
            OrganisationKind.Enterprise => user.IsInRole(Roles.EnterpriseMember),
            OrganisationKind.Intermediary => IsManager(user),
            _ => false,
        };

    private static bool IsManager(CurrentUser user) => user.IsVerifiedManager || user.IsManagerApplicant;
}

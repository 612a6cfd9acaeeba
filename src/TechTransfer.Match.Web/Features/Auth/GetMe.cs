using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Auth;

/// <summary>The signed-in person: roles as they hold now (TechnologyManager only while verified), organisation, application.</summary>
public sealed record GetMe : IQuery<Result<Me>>;

public sealed record Me(
    Guid Id, string Email, string DisplayName, string PreferredLanguage, IReadOnlyList<string> Roles, MyOrganisation? Organisation,
    ManagerApplication? ManagerApplication);

public sealed record MyOrganisation(Guid Id, string NameZh, string NameEn, OrganisationKind Kind, VerificationStatus Verification);

/// <summary>The person's technology-manager application and certification, if they applied.</summary>
public sealed record ManagerApplication(VerificationStatus Verification, bool CertificationValid, DateOnly? CertificationExpiresOn);

public sealed class GetMeHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<GetMe, Result<Me>>
{
    public async ValueTask<Result<Me>> Handle(GetMe query, CancellationToken cancellationToken)
    {
        if (current.Id is not { } id)
        {
            return Error.Unauthorized();
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.Email, u.DisplayName, u.PreferredLanguage,
                Organisation = u.Organisation == null ? null : new MyOrganisation(u.Organisation.Id, u.Organisation.NameZh, u.Organisation.NameEn, u.Organisation.Kind, u.Organisation.Verification),
                Manager = db.TechnologyManagerProfiles.Where(p => p.UserId == u.Id).Select(p => new { p.Verification, p.CertificationExpiresOn }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return Error.Unauthorized();
        }

        var roles = Domain.Roles.Stored.Append(Domain.Roles.TechnologyManager).Where(current.IsInRole).Order(StringComparer.Ordinal).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var manager = user.Manager is { } m
            ? new ManagerApplication(m.Verification, m.Verification == VerificationStatus.Verified && (m.CertificationExpiresOn is null || m.CertificationExpiresOn >= today), m.CertificationExpiresOn)
            : null;
        return new Me(id, user.Email ?? "", user.DisplayName, user.PreferredLanguage, roles, user.Organisation, manager);
    }

    public static async Task<Results<Ok<Me>, ValidationProblem, ProblemHttpResult>> Endpoint(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetMe(), ct)).ToOk();
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Accounts;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure;

/// <summary>
/// Who is acting in this scope. Reads the request's principal, which <see cref="SessionPrincipal"/> rebuilt
/// from the database for this request (roles, verified-manager capability, organisation); background work
/// and slice tests set one explicitly, and then the organisation is read from the database.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor, IServiceProvider services)
{
    private ClaimsPrincipal? _principal;
    private (bool Loaded, Guid? OrganisationId, OrganisationKind? Kind, bool Verified) _organisation;

    public ClaimsPrincipal Principal => _principal ?? accessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public void Set(ClaimsPrincipal principal)
    {
        _principal = principal;
        _organisation = default;
    }

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The sign-in session of the request, when it came with a cookie or token.</summary>
    public Guid? SessionId => Guid.TryParse(Principal.FindFirstValue(AccountClaims.Session), out var id) ? id : null;

    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <summary>
    /// Administrators and the bureau oversee the platform: they read every organisation's interests, deals,
    /// contracts and proposals (not drafts, and not consent-gated fields: see ListingAccess).
    /// </summary>
    public bool OverseesRecords => IsInRole(Roles.Administrator) || IsInRole(Roles.BureauAnalyst);

    /// <summary>A verified technology manager with an unexpired certification (the derived role).</summary>
    public bool IsVerifiedManager => IsInRole(Roles.TechnologyManager);

    /// <summary>Applied to be a technology manager and waits for verification: no broker powers yet.</summary>
    public bool IsManagerApplicant => Principal.HasClaim(AccountClaims.ManagerStatus, "applicant");

    public async ValueTask<Guid?> OrganisationIdAsync(CancellationToken ct = default)
    {
        await LoadOrganisationAsync(ct);
        return _organisation.OrganisationId;
    }

    public async ValueTask<(Guid? Id, OrganisationKind? Kind, bool Verified)> OrganisationAsync(CancellationToken ct = default)
    {
        await LoadOrganisationAsync(ct);
        return (_organisation.OrganisationId, _organisation.Kind, _organisation.Verified);
    }

    private async ValueTask LoadOrganisationAsync(CancellationToken ct)
    {
        if (_organisation.Loaded)
        {
            return;
        }

        // The request's principal carries the organisation as it is in the database now (SessionPrincipal).
        if (_principal is null && Principal.FindFirstValue(AccountClaims.Session) is not null)
        {
            var org = Principal.FindFirstValue(AccountClaims.OrganisationId);
            _organisation = org is null
                ? (true, null, null, false)
                : (true, Guid.Parse(org), Enum.Parse<OrganisationKind>(Principal.FindFirstValue(AccountClaims.OrganisationKind)!),
                    Principal.FindFirstValue(AccountClaims.OrganisationVerified) == bool.TrueString);
            return;
        }

        if (Id is { } userId)
        {
            var db = services.GetRequiredService<AppDbContext>();
            var row = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId && u.OrganisationId != null)
                .Select(u => new { u.OrganisationId, u.Organisation!.Kind, u.Organisation.Verification })
                .FirstOrDefaultAsync(ct);
            _organisation = (true, row?.OrganisationId, row?.Kind, row?.Verification == VerificationStatus.Verified);
        }
        else
        {
            _organisation = (true, null, null, false);
        }
    }
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure;

/// <summary>
/// Who is acting in this scope. Reads the request's principal; background work and slice tests
/// set one explicitly. The organisation is read from the database, not the token, so an approved
/// or revoked membership takes effect on the next request.
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

    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <summary>Administrators, the bureau and technology managers see every organisation's records.</summary>
    public bool SeesAll => IsInRole(Roles.Administrator) || IsInRole(Roles.BureauAnalyst) || IsInRole(Roles.TechnologyManager);

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

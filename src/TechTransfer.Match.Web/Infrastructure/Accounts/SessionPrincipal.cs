using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Accounts;

/// <summary>Claim types the platform adds to the principal of a request.</summary>
public static class AccountClaims
{
    /// <summary>The sign-in session (<see cref="UserSession"/>) a cookie or token belongs to.</summary>
    public const string Session = "ttm:sid";
    /// <summary>The generation of a refresh token (see <see cref="UserSession.RefreshGeneration"/>).</summary>
    public const string RefreshGeneration = "ttm:rgen";
    /// <summary>"applicant" while a technology-manager application awaits verification (no broker powers).</summary>
    public const string ManagerStatus = "ttm:manager";
    public const string OrganisationId = "ttm:org";
    public const string OrganisationKind = "ttm:org-kind";
    public const string OrganisationVerified = "ttm:org-verified";
}

/// <summary>
/// The request's principal as the database says it is now, not as the token said when it was issued.
/// A token or cookie only proves who signed in and in which session; on every request this checks that
/// the session is not revoked (logout, refresh-token reuse), the account not deactivated or erased and
/// the security stamp unchanged (new password), and rebuilds the roles from the database: a revoked role
/// or verification takes effect at once, on every node. The technology-manager role is derived here from
/// a verified, unexpired certification; no one holds it by choosing it.
/// One query per authenticated request, which also loads the organisation CurrentUser needs.
/// </summary>
public sealed class SessionPrincipal(AppDbContext db, TimeProvider clock, IOptions<IdentityOptions> identity) : IClaimsTransformation
{
    private ClaimsPrincipal? _input;
    private ClaimsPrincipal? _output;

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        // The authentication service calls this for each scheme it is asked about within one request.
        if (ReferenceEquals(principal, _input) || ReferenceEquals(principal, _output))
        {
            return _output!;
        }

        _input = principal;
        _output = await CheckAsync(principal);
        return _output;
    }

    private static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    private async Task<ClaimsPrincipal> CheckAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return principal;
        }

        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ||
            !Guid.TryParse(principal.FindFirstValue(AccountClaims.Session), out var sessionId))
        {
            // Issued before sessions existed, or not by this platform: sign in again.
            return Anonymous;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.DeactivatedAt,
                u.ErasedAt,
                u.Email,
                u.OrganisationId,
                OrganisationKind = (OrganisationKind?)u.Organisation!.Kind,
                OrganisationVerification = (VerificationStatus?)u.Organisation.Verification,
                SessionLive = db.UserSessions.Any(s => s.Id == sessionId && s.UserId == u.Id && s.RevokedAt == null),
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
                Manager = db.TechnologyManagerProfiles.Where(p => p.UserId == u.Id)
                    .Select(p => new { p.Verification, p.CertificationExpiresOn }).FirstOrDefault(),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync();
        var stampClaim = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (row is null || !row.SessionLive || row.DeactivatedAt is not null || row.ErasedAt is not null ||
            (stampClaim is not null && stampClaim != row.SecurityStamp))
        {
            return Anonymous;
        }

        var original = principal.Identity!;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString()),
            new(ClaimTypes.Name, row.Email ?? ""),
            new(AccountClaims.Session, sessionId.ToString()),
        };
        claims.AddRange(row.Roles.Where(r => r is not null && r != Roles.TechnologyManager).Select(r => new Claim(ClaimTypes.Role, r!)));
        if (row.Manager is { } manager)
        {
            var verified = manager.Verification == VerificationStatus.Verified && (manager.CertificationExpiresOn is null || manager.CertificationExpiresOn >= today);
            claims.Add(verified ? new Claim(ClaimTypes.Role, Roles.TechnologyManager) : new Claim(AccountClaims.ManagerStatus, "applicant"));
        }

        if (row.OrganisationId is { } organisationId)
        {
            claims.Add(new Claim(AccountClaims.OrganisationId, organisationId.ToString()));
            claims.Add(new Claim(AccountClaims.OrganisationKind, row.OrganisationKind.ToString()!));
            claims.Add(new Claim(AccountClaims.OrganisationVerified, (row.OrganisationVerification == VerificationStatus.Verified).ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, original.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}

using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Validation;

/// <summary>Who maintains a centre and who reads and acts on a validation application.</summary>
internal static class ValidationAccess
{
    /// <summary>A centre is maintained by administrators and by its host organisation's members.</summary>
    public static async ValueTask<bool> MaintainsAsync(CurrentUser current, ValidationCentre centre, CancellationToken ct) =>
        current.IsInRole(Roles.Administrator) || await current.OrganisationIdAsync(ct) == centre.HostOrganisationId;

    /// <summary>
    /// The applications the reader sees: all for the bureau and administrators; for anyone else those of their
    /// organisation (as applicant) and those sent to a centre their organisation hosts.
    /// </summary>
    public static async ValueTask<IQueryable<ValidationApplication>> ReadableAsync(AppDbContext db, CurrentUser current, CancellationToken ct)
    {
        var applications = db.ValidationApplications.AsNoTracking();
        if (current.OverseesRecords)
        {
            return applications;
        }

        var own = await current.OrganisationIdAsync(ct);
        return own is { } org
            ? applications.Where(a => a.InstitutionId == org || a.Centre!.HostOrganisationId == org)
            : applications.Where(_ => false);
    }

    /// <summary>
    /// The application a centre acts on (accept, decline, milestone, complete), tracked with its centre: 404 to
    /// those who cannot read it, 403 to the applicant, 409 on a stale version.
    /// </summary>
    public static async Task<Result<ValidationApplication>> LoadForCentreAsync(AppDbContext db, CurrentUser current, Guid id, long version, CancellationToken ct)
    {
        var application = await db.ValidationApplications.Include(a => a.Centre).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
        {
            return Error.NotFound("Validation application");
        }

        if (!await MaintainsAsync(current, application.Centre!, ct))
        {
            var own = await current.OrganisationIdAsync(ct);
            return own == application.InstitutionId || current.OverseesRecords
                ? Error.Forbidden("Only the centre answers and records its validations.")
                : Error.NotFound("Validation application");
        }

        return db.MatchesVersion(application, version) ? application : Error.StaleVersion();
    }

    public static Error WrongStatus(ValidationApplicationStatus status) =>
        Error.Conflict("wrong_status", ValidationText.Format("The application is {0}.", status));
}

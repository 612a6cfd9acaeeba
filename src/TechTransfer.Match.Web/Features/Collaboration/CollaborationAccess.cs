using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure;

namespace TechTransfer.Match.Web.Features.Collaboration;

internal static class CollaborationAccess
{
    /// <summary>
    /// The institution whose records the reader may list: any (or the one asked for) for the bureau and
    /// administrators, their own for an institution's members; nobody else reads collaboration records.
    /// </summary>
    public static async ValueTask<Result<Guid?>> ReadableAsync(CurrentUser current, Guid? requested, CancellationToken ct)
    {
        if (current.OverseesRecords)
        {
            return requested;
        }

        var (own, kind, _) = await current.OrganisationAsync(ct);
        if (own is null || kind != OrganisationKind.Institution)
        {
            return Error.Forbidden("Collaboration records are read by the institution's members and the bureau.");
        }

        return requested is { } other && other != own
            ? Error.Forbidden("An institution's members read their own institution's collaboration records.")
            : own;
    }

    /// <summary>Collaboration records are maintained by the institution's members, the bureau and administrators.</summary>
    public static async ValueTask<Error?> CheckMaintainAsync(CurrentUser current, Guid institutionId, CancellationToken ct)
    {
        if (current.IsInRole(Roles.Administrator) || current.IsInRole(Roles.BureauAnalyst))
        {
            return null;
        }

        return await current.OrganisationIdAsync(ct) == institutionId
            ? null
            : Error.Forbidden("Collaboration records are maintained by the institution's members and the bureau.");
    }

    /// <summary>
    /// The record a save writes: a new one (no id), or the existing one once the reader is found to maintain its
    /// institution and the version they read is the current one.
    /// </summary>
    private static async Task<Result<T>> LoadForSaveAsync<T>(AppDbContext db, CurrentUser current, Guid? id, long? version, string what, CancellationToken ct)
        where T : MutableEntity, IInstitutionRecord, new()
    {
        if (id is null)
        {
            var created = new T();
            db.Add(created);
            return created;
        }

        if (await db.Set<T>().FindAsync([id], ct) is not { } existing)
        {
            return Error.NotFound(what);
        }

        if (await CheckMaintainAsync(current, existing.InstitutionId, ct) is { } denied)
        {
            return denied;
        }

        return db.MatchesVersion(existing, version ?? -1) ? existing : Error.StaleVersion();
    }

    /// <summary>
    /// The one save of a collaboration record: load or create it (<see cref="LoadForSaveAsync{T}"/>), apply the
    /// input (which may refuse it), save, and answer the saved view with its new version.
    /// </summary>
    public static async Task<Result<TView>> SaveAsync<T, TView>(
        AppDbContext db, CurrentUser current, Guid? id, long? version, string what, Func<T, Task<Error?>> apply, Func<T, TView> view, CancellationToken ct)
        where T : MutableEntity, IInstitutionRecord, new()
    {
        var loaded = await LoadForSaveAsync<T>(db, current, id, version, what, ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        if (await apply(loaded.Value!) is { } error)
        {
            return error;
        }

        await db.SaveChangesAsync(ct);
        return view(loaded.Value!);
    }

    public static async ValueTask<Error?> CheckOrganisationAsync(AppDbContext db, Guid id, OrganisationKind kind, string field, CancellationToken ct)
    {
        var organisation = await db.Organisations.FindAsync([id], ct);
        if (organisation is null)
        {
            return Error.Invalid(field, "No such organisation.");
        }

        return organisation.Kind == kind ? null : Error.Invalid(field, ValidationText.Format("The organisation must be of kind {0}.", kind));
    }
}

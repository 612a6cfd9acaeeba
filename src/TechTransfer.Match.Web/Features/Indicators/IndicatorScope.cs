using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>Whose rows the reader may see: every institution's (bureau, administrators) or one institution's (its members).</summary>
public sealed record IndicatorScope(Guid? InstitutionId)
{
    public bool IsAll => InstitutionId is null;

    /// <summary>
    /// Bureau analysts and administrators see all and may narrow to one institution; an institution's
    /// members see their own institution only; everyone else is refused.
    /// </summary>
    public static async ValueTask<Result<IndicatorScope>> ResolveAsync(
        CurrentUser current, AppDbContext db, Guid? requested, CancellationToken ct, bool membersAllowed = true)
    {
        if (!current.IsAuthenticated)
        {
            return Error.Unauthorized();
        }

        if (current.IsInRole(Roles.Administrator) || current.IsInRole(Roles.BureauAnalyst))
        {
            if (requested is { } id &&
                !await db.Organisations.AsNoTracking().AnyAsync(o => o.Id == id && o.Kind == OrganisationKind.Institution, ct))
            {
                return Error.NotFound("Institution");
            }

            return new IndicatorScope(requested);
        }

        if (membersAllowed && current.IsInRole(Roles.InstitutionMember))
        {
            var (own, kind, _) = await current.OrganisationAsync(ct);
            if (own is null || kind != OrganisationKind.Institution)
            {
                return Error.Forbidden("Indicators are for the bureau and for members of an institution.");
            }

            if (requested is { } other && other != own)
            {
                return Error.Forbidden("An institution's members see their own institution's indicators only.");
            }

            return new IndicatorScope(own);
        }

        return Error.Forbidden(membersAllowed
            ? "Indicators are for the bureau and for members of an institution."
            : "This indicator is for the bureau and administrators.");
    }

    /// <summary>
    /// The preamble of every indicator: resolve the reader's scope, then answer within it, or answer the
    /// refusal (401, 403, or 404 for an unknown institution) without computing anything.
    /// </summary>
    public static async Task<Result<T>> ReadAsync<T>(
        CurrentUser current, AppDbContext db, Guid? requested, Func<IndicatorScope, Task<Result<T>>> answer, CancellationToken ct, bool membersAllowed = true)
    {
        var scope = await ResolveAsync(current, db, requested, ct, membersAllowed);
        return scope.IsSuccess ? await answer(scope.Value!) : scope.Error!;
    }
}

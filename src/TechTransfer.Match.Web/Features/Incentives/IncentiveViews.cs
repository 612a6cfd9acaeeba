using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Incentives;

public sealed record IncentiveRevisionView(int Number, string Name, IncentiveRules Rules, DateTime CreatedAt);

/// <summary>A scheme with its newest rules and the numbers of all its revisions (newest first).</summary>
public sealed record IncentiveSchemeView(
    Guid Id, string Name, string Description, int Revision, IncentiveRules Rules, IReadOnlyList<int> Revisions, long Version, DateTime UpdatedAt,
    int? AdoptedRevision, DateOnly? AdoptedFrom);

public sealed record IncentiveSchemeSummary(
    Guid Id, string Name, string Description, int Revision, IncentiveBeneficiary Beneficiary, IncentiveAmountMode Mode, long Version, DateTime UpdatedAt,
    int? AdoptedRevision, DateOnly? AdoptedFrom);

public static class IncentiveViews
{
    public static async Task<IncentiveSchemeView> ViewAsync(AppDbContext db, IncentiveScheme scheme, CancellationToken ct)
    {
        var revisions = await db.IncentiveSchemeRevisions.AsNoTracking().Where(r => r.SchemeId == scheme.Id)
            .OrderByDescending(r => r.Number).Select(r => new { r.Number, r.RulesJson }).ToListAsync(ct);
        return new IncentiveSchemeView(scheme.Id, scheme.Name, scheme.Description, scheme.Revision,
            IncentiveJson.Read(revisions.First(r => r.Number == scheme.Revision).RulesJson), [.. revisions.Select(r => r.Number)], scheme.Version, scheme.UpdatedAt,
            scheme.AdoptedRevision, scheme.AdoptedFrom);
    }

    /// <summary>A scheme's revision: the newest when <paramref name="number"/> is null; 404 for an unknown scheme or revision.</summary>
    public static async Task<Result<IncentiveRevisionView>> RevisionAsync(AppDbContext db, Guid schemeId, int? number, CancellationToken ct)
    {
        var revision = await db.IncentiveSchemeRevisions.AsNoTracking()
            .Where(r => r.SchemeId == schemeId && (number == null || r.Number == number))
            .OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.Name, r.RulesJson, r.CreatedAt })
            .FirstOrDefaultAsync(ct);
        return revision is null
            ? Error.NotFound(number is null ? "Incentive scheme" : "Incentive scheme revision")
            : new IncentiveRevisionView(revision.Number, revision.Name, IncentiveJson.Read(revision.RulesJson), revision.CreatedAt);
    }

    /// <summary>Writes the scheme's next revision (its number is the scheme's new <see cref="IncentiveScheme.Revision"/>).</summary>
    public static void AddRevision(AppDbContext db, IncentiveScheme scheme, IncentiveRules rules)
    {
        scheme.Revision++;
        db.IncentiveSchemeRevisions.Add(new IncentiveSchemeRevision { SchemeId = scheme.Id, Number = scheme.Revision, Name = scheme.Name, RulesJson = IncentiveJson.Write(rules) });
    }
}

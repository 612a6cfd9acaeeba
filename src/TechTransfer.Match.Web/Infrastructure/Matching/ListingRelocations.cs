using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Matching;

public static class ListingRelocations
{
    /// <summary>Raises <see cref="ListingRelocated"/> for each published listing of the organisation (published after the commit).</summary>
    public static async Task RaiseForAsync(AppDbContext db, Guid organisationId, CancellationToken ct)
    {
        var achievements = await db.Achievements.AsNoTracking().Where(a => a.OrganisationId == organisationId && a.Status == ListingStatus.Published)
            .Select(a => a.Id).ToListAsync(ct);
        var needs = await db.Needs.AsNoTracking().Where(n => n.OrganisationId == organisationId && n.Status == ListingStatus.Published)
            .Select(n => n.Id).ToListAsync(ct);
        foreach (var id in achievements)
        {
            db.Raise(new ListingRelocated(id, IsAchievement: true));
        }

        foreach (var id in needs)
        {
            db.Raise(new ListingRelocated(id, IsAchievement: false));
        }
    }
}

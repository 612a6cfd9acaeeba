using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Infrastructure.Data;

/// <summary>
/// Fills the active-key columns (<see cref="IHasActiveKey"/>) of records written before those columns existed,
/// once, at start-up. Where older races left two active records for one key, the first keeps the key and the
/// others are logged for someone to resolve; the unique index then refuses any new duplicate. Written with
/// single-column updates, so neither the records' versions nor their audit columns change.
/// </summary>
public static class ActiveKeyBackfill
{
    public static async Task RunAsync(AppDbContext db, ILogger logger, CancellationToken ct)
    {
        var interests = await db.Interests.AsNoTracking().Where(i => i.ActiveKey == null && i.Status != InterestStatus.Declined)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(ct);
        var usedInterests = (await db.Interests.Where(i => i.ActiveKey != null).Select(i => i.ActiveKey!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var interest in interests)
        {
            interest.RefreshActiveKey();
            if (Claim(usedInterests, interest.ActiveKey, "interest", interest.Id, logger))
            {
                await db.Interests.Where(i => i.Id == interest.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ActiveKey, interest.ActiveKey), ct);
            }
        }

        var deals = await db.Deals.AsNoTracking().Where(d => d.OpenProposalId == null && d.ProposalId != null && d.Stage != DealStage.Closed)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct);
        var usedProposals = (await db.Deals.Where(d => d.OpenProposalId != null).Select(d => d.OpenProposalId!.Value).ToListAsync(ct)).Select(g => g.ToString()).ToHashSet();
        foreach (var deal in deals)
        {
            if (Claim(usedProposals, deal.ProposalId.ToString(), "deal", deal.Id, logger))
            {
                await db.Deals.Where(d => d.Id == deal.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.OpenProposalId, deal.ProposalId), ct);
            }
        }

        // Open deals on one pair written before the pair key: the oldest keeps it.
        var onPairs = await db.Deals.AsNoTracking()
            .Where(d => d.OpenAchievementId == null && d.AchievementId != null && d.NeedId != null && d.Stage != DealStage.Closed)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct);
        var usedPairs = (await db.Deals.Where(d => d.OpenAchievementId != null).Select(d => new { d.OpenAchievementId, d.OpenNeedId }).ToListAsync(ct))
            .Select(k => $"{k.OpenAchievementId}|{k.OpenNeedId}").ToHashSet(StringComparer.Ordinal);
        foreach (var deal in onPairs)
        {
            if (Claim(usedPairs, $"{deal.AchievementId}|{deal.NeedId}", "deal on a pair", deal.Id, logger))
            {
                await db.Deals.Where(d => d.Id == deal.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.OpenAchievementId, deal.AchievementId).SetProperty(d => d.OpenNeedId, deal.NeedId), ct);
            }
        }

        var requests = await db.MembershipRequests.AsNoTracking().Where(r => r.PendingUserId == null && r.Status == MembershipStatus.Pending)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var usedUsers = (await db.MembershipRequests.Where(r => r.PendingUserId != null).Select(r => r.PendingUserId!.Value).ToListAsync(ct)).Select(g => g.ToString()).ToHashSet();
        foreach (var request in requests)
        {
            if (Claim(usedUsers, request.UserId.ToString(), "membership request", request.Id, logger))
            {
                await db.MembershipRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.PendingUserId, request.UserId), ct);
            }
        }

        await ValidationApplicationsAsync(db, logger, ct);
    }

    /// <summary>Open validation applications written before <see cref="ValidationApplication.OpenCentreId"/> existed.</summary>
    private static async Task ValidationApplicationsAsync(AppDbContext db, ILogger logger, CancellationToken ct)
    {
        var open = await db.ValidationApplications.AsNoTracking().Where(a => a.OpenCentreId == null
                && (a.Status == ValidationApplicationStatus.Submitted || a.Status == ValidationApplicationStatus.InProgress))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
        var used = (await db.ValidationApplications.Where(a => a.OpenCentreId != null).Select(a => new { a.OpenCentreId, a.AchievementId }).ToListAsync(ct))
            .Select(k => $"{k.OpenCentreId}|{k.AchievementId}").ToHashSet(StringComparer.Ordinal);
        foreach (var application in open)
        {
            if (Claim(used, $"{application.CentreId}|{application.AchievementId}", "validation application", application.Id, logger))
            {
                await db.ValidationApplications.Where(a => a.Id == application.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.OpenCentreId, application.CentreId), ct);
            }
        }
    }

    private static bool Claim(HashSet<string> used, string? key, string what, Guid id, ILogger logger)
    {
        if (key is null || used.Add(key))
        {
            return key is not null;
        }

        logger.LogWarning("The {What} {Id} duplicates an active one; it keeps no unique key until someone resolves it", what, id);
        return false;
    }
}

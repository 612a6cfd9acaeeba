using Mediator;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>
/// Open calls' notifications. On publication the matcher's stored proposals for the call's needs name the likely
/// solvers (institutions whose achievements match), who are invited. On closing, every solver but the winner hears
/// the result with the reviewers' remarks on their proposal; the winner hears of its deal (DealOpened).
/// </summary>
public sealed class CallNotifications(AppDbContext db, NotificationDispatcher dispatcher)
    : INotificationHandler<CallPublished>,
      INotificationHandler<CallClosed>,
      INotificationHandler<CallProposalConsentChanged>
{
    public async ValueTask Handle(CallPublished e, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == e.CallId).Select(c => new { c.Id, c.Title, c.Deadline, c.RegionPrefix, c.EligibleKinds, c.OwnerOrganisationId })
            .FirstOrDefaultAsync(ct);
        if (call is null)
        {
            return;
        }

        var solvers = await LikelySolversAsync(db, e.CallId, ct);
        var eligible = await db.Organisations.AsNoTracking().Where(o => solvers.Contains(o.Id) && o.Id != call.OwnerOrganisationId)
            .Select(o => new { o.Id, o.Kind, o.RegionCode }).ToListAsync(ct);
        var invited = eligible.Where(o => call.EligibleKinds.Contains(o.Kind) && (call.RegionPrefix is null || o.RegionCode.StartsWith(call.RegionPrefix, StringComparison.Ordinal)))
            .Select(o => o.Id).ToList();
        if (invited.Count > 0)
        {
            await dispatcher.ToOrganisationMembersAsync(invited, NotificationKind.CallInvitation, new { CallId = call.Id, call.Title, call.Deadline }, $"/calls/{call.Id}", null, ct);
        }
    }

    public async ValueTask Handle(CallClosed e, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == e.CallId).Select(c => new { c.Id, c.Title, c.State }).FirstOrDefaultAsync(ct);
        if (call is null)
        {
            return;
        }

        var others = await db.CallProposals.AsNoTracking().Where(p => p.CallId == e.CallId && p.Id != e.WinnerProposalId)
            .Select(p => new { p.Id, p.OrganisationId, p.Rank, p.FinalScore }).ToListAsync(ct);
        foreach (var proposal in others)
        {
            // The reviewers' remarks, together and unsigned: the solver learns what to improve, not who said it.
            var remarks = await db.CallScores.AsNoTracking().Where(s => s.ProposalId == proposal.Id && s.Remarks != null)
                .OrderBy(s => s.CreatedAt).Select(s => s.Remarks!).ToListAsync(ct);
            await dispatcher.ToOrganisationMembersAsync([proposal.OrganisationId], NotificationKind.CallResult,
                new { CallId = call.Id, call.Title, proposal.Rank, proposal.FinalScore, Remarks = remarks }, $"/calls/{call.Id}", null, ct);
        }
    }

    /// <summary>A proposal waiting for consent is announced to the members who may decide; a decision to its author.</summary>
    public async ValueTask Handle(CallProposalConsentChanged e, CancellationToken ct)
    {
        var row = await db.CallProposals.AsNoTracking().Where(p => p.Id == e.ProposalId)
            .Join(db.Calls, p => p.CallId, c => c.Id, (p, c) => new { p.CallId, p.OrganisationId, p.SubmittedBy, p.ConsentReason, c.Title, c.Deadline })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return;
        }

        var data = new { row.CallId, row.Title, row.Deadline, Consent = e.Consent.ToString(), Reason = row.ConsentReason };
        if (e.Consent == ProposalConsent.Pending)
        {
            var deciders = await db.Users.AsNoTracking().Where(u => u.OrganisationId == row.OrganisationId && u.Id != row.SubmittedBy).Select(u => u.Id).ToListAsync(ct);
            await dispatcher.ToUsersAsync(deciders, NotificationKind.CallConsent, data, "/workspace/organisation", null, ct);
        }
        else
        {
            await dispatcher.ToUsersAsync([row.SubmittedBy], NotificationKind.CallConsent, data, $"/calls/{row.CallId}", null, ct);
        }
    }

    /// <summary>Organisations owning achievements the matcher proposed for the call's accepted needs, best score first.</summary>
    public static async Task<List<Guid>> LikelySolversAsync(AppDbContext db, Guid callId, CancellationToken ct)
    {
        var needs = db.CallNeeds.Where(n => n.CallId == callId && n.Status == CallNeedStatus.Accepted).Select(n => n.NeedId);
        var rows = await db.MatchProposals.AsNoTracking()
            .Where(p => needs.Contains(p.NeedId) && p.Status != ProposalStatus.Dismissed && p.Achievement!.Status == ListingStatus.Published)
            .Select(p => new { p.Achievement!.OrganisationId, p.Score }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.OrganisationId).OrderByDescending(g => g.Max(r => r.Score)).ThenBy(g => g.Key).Select(g => g.Key)];
    }
}

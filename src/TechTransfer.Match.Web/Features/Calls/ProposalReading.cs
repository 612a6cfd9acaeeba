using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Calls;

/// <summary>Proposals and scores read as views; result fields only once the call is final.</summary>
internal static class ProposalReading
{
    public static async Task<List<ProposalView>> ViewsAsync(AppDbContext db, Call call, IQueryable<CallProposal> proposals, bool withRemarks, CancellationToken ct)
    {
        var rows = await proposals.AsNoTracking()
            .Join(db.Organisations.AsNoTracking(), p => p.OrganisationId, o => o.Id, (p, o) => new { p, Org = new CallOrganisation(o.Id, o.NameZh, o.RegionCode) })
            .OrderBy(x => x.p.CreatedAt).ThenBy(x => x.p.Id)
            .ToListAsync(ct);
        var remarks = new Dictionary<Guid, List<string>>();
        if (withRemarks && call.IsFinal)
        {
            var ids = rows.Select(r => r.p.Id).ToList();
            remarks = (await db.CallScores.AsNoTracking().Where(s => ids.Contains(s.ProposalId) && s.Remarks != null)
                    .OrderBy(s => s.CreatedAt).Select(s => new { s.ProposalId, s.Remarks }).ToListAsync(ct))
                .GroupBy(s => s.ProposalId).ToDictionary(g => g.Key, g => g.Select(s => s.Remarks!).ToList());
        }

        return [.. rows.Select(r => View(call, r.p, r.Org, withRemarks && call.IsFinal ? remarks.GetValueOrDefault(r.p.Id, []) : null))];
    }

    public static ProposalView View(Call call, CallProposal p, CallOrganisation org, IReadOnlyList<string>? remarks) => new(
        p.Id, p.CallId, org, p.Approach, p.Team, [.. p.Milestones.Select(m => new CallMilestoneView(m.Title, m.Month))], p.Price, p.AchievementIds,
        p.CreatedAt, call.IsFinal ? p.FinalScore : null, call.IsFinal ? p.Rank : null, call.IsFinal ? p.Id == call.WinnerProposalId : null, remarks, p.Version,
        p.SubmittedBy, p.UpdatedAt, new ProposalConsentView(p.Consent, p.ConsentReason, p.ConsentAt, CallAccess.Counts(p)));

    public static ScoreView Score(Call call, CallScore s) => new(s.ReviewerUserId, [.. s.Scores.OrderBy(x => x.Criterion).Select(x => new CriterionScoreView(x.Criterion, x.Score))],
        s.Remarks, CallRanking.Weighted(call, s), s.Version);
}

using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Web.Features.Matching;

/// <summary>
/// After a listing is published or edited (the transaction has committed): index it and store its
/// proposals. Pairs once dismissed are never proposed again; untouched proposals that no longer
/// qualify are withdrawn.
/// </summary>
public sealed class ProposeMatches(
    AppDbContext db, MatchingIndex index, IOptions<ProposalOptions> proposals, IOptions<PlatformOptions> platform,
    ILogger<ProposeMatches> logger) : INotificationHandler<ListingPublished>, INotificationHandler<ListingWithdrawn>, INotificationHandler<ListingRelocated>
{
    public static readonly JsonSerializerOptions ExplanationJson = new(JsonSerializerDefaults.Web);

    public async ValueTask Handle(ListingPublished notification, CancellationToken cancellationToken) =>
        await ProposeForAsync(notification.ListingId, notification.IsAchievement, cancellationToken);

    /// <summary>Indexes one listing and stores its proposals; records the version it matched.</summary>
    public async Task ProposeForAsync(Guid listingId, bool isAchievement, CancellationToken cancellationToken)
    {
        var document = await index.SyncAsync(db, listingId, isAchievement, cancellationToken);
        if (document is null)
        {
            return;
        }

        var options = proposals.Value;
        // The serving model when ranking (a promotion in the instant between the two calls would record the previous one).
        var ranker = index.Engine.Ranker.Version;
        var results = index.Engine.FindMatches(document.Id, new MatchQuery(options.ProposalsPerListing * 2, MinScore: index.Options.ProposalThreshold))
            .Where(r => r.Explanation.Components.First(c => c.Name == "text").Value >= options.MinTextSimilarity)
            .Take(options.ProposalsPerListing)
            .ToList();

        var existing = await (isAchievement
                ? db.MatchProposals.Where(p => p.AchievementId == document.Id)
                : db.MatchProposals.Where(p => p.NeedId == document.Id))
            .ToDictionaryAsync(p => isAchievement ? p.NeedId : p.AchievementId, cancellationToken);
        var regions = await RegionsAsync(results.Select(r => r.Id).Append(document.Id), cancellationToken);
        var home = platform.Value;
        var created = new List<MatchProposal>();
        foreach (var result in results)
        {
            var (achievementId, needId) = isAchievement ? (document.Id, result.Id) : (result.Id, document.Id);
            var explanation = JsonSerializer.Serialize(result.Explanation, ExplanationJson);
            if (existing.Remove(result.Id, out var proposal))
            {
                if (proposal.Status == ProposalStatus.Dismissed)
                {
                    continue;
                }

                proposal.Score = result.Score;
                proposal.Explanation = explanation;
                proposal.RankerVersion = ranker;
                continue;
            }

            proposal = new MatchProposal
            {
                AchievementId = achievementId,
                NeedId = needId,
                Score = result.Score,
                Explanation = explanation,
                Status = ProposalStatus.Proposed,
                RankerVersion = ranker,
                SupplierIsLocal = home.IsInHomeCity(regions.GetValueOrDefault(achievementId)),
                BuyerIsLocal = home.IsInHomeCity(regions.GetValueOrDefault(needId)),
            };
            created.Add(proposal);
            db.MatchProposals.Add(proposal);
        }

        // Proposals nobody acted on that no longer qualify after an edit are withdrawn. One that is a positive outcome
        // (RankerOutcomes: a deal opened from it or naming its pair, a contract) or that any interest names was acted on
        // even when its status still says proposed (a broker opens a deal straight from a proposal): it stays, so the
        // outcome and the deal's origin are kept.
        var stale = existing.Values.Where(p => p.Status == ProposalStatus.Proposed).ToList();
        var ids = stale.Select(p => p.Id).ToList();
        var positive = RankerOutcomes.Positive(db);
        var actedOn = ids.Count == 0 ? [] : await db.MatchProposals
            .Where(p => ids.Contains(p.Id) && (db.Interests.Any(i => i.ProposalId == p.Id) || positive.Any(q => q.Id == p.Id)))
            .Select(p => p.Id).ToHashSetAsync(cancellationToken);
        db.MatchProposals.RemoveRange(stale.Where(p => !actedOn.Contains(p.Id)));
        foreach (var proposal in created)
        {
            // Stored with the proposals: the parties hear of each one exactly once.
            db.Raise(new MatchProposed(proposal.Id, proposal.AchievementId, proposal.NeedId, proposal.Score, document.Id));
        }

        await db.SaveChangesAsync(cancellationToken);

        // Bypasses the change tracker so recording the match does not bump the listing's version.
        if (isAchievement)
        {
            await db.Achievements.Where(a => a.Id == listingId).ExecuteUpdateAsync(u => u.SetProperty(a => a.MatchedVersion, a => a.Version), cancellationToken);
        }
        else
        {
            await db.Needs.Where(n => n.Id == listingId).ExecuteUpdateAsync(u => u.SetProperty(n => n.MatchedVersion, n => n.Version), cancellationToken);
        }

        logger.LogInformation("Listing {ListingId} indexed; {Created} new proposals", document.Id, created.Count);
    }

    public async ValueTask Handle(ListingWithdrawn notification, CancellationToken cancellationToken) =>
        await index.SyncAsync(db, notification.ListingId, notification.IsAchievement, cancellationToken);

    // The text is unchanged, so no new proposals: the index entry takes the new organisation and region.
    public async ValueTask Handle(ListingRelocated notification, CancellationToken cancellationToken) =>
        await index.SyncAsync(db, notification.ListingId, notification.IsAchievement, cancellationToken);

    private async Task<Dictionary<Guid, string>> RegionsAsync(IEnumerable<Guid> listingIds, CancellationToken ct)
    {
        var ids = listingIds.Distinct().ToList();
        var achievements = await db.Achievements.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Organisation!.RegionCode }).ToListAsync(ct);
        var needs = await db.Needs.AsNoTracking().Where(n => ids.Contains(n.Id))
            .Select(n => new { n.Id, n.Organisation!.RegionCode }).ToListAsync(ct);
        return achievements.Concat(needs).ToDictionary(x => x.Id, x => x.RegionCode);
    }
}

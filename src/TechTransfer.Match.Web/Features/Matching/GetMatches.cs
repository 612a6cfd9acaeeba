using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Matching;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Web.Features.Matching;

/// <summary>
/// The stored proposals of one listing, best first: achievements for a need, or needs for an
/// achievement (local enterprises first among near-equal scores). Dismissed pairs never appear.
/// </summary>
public sealed record GetMatches(Guid ListingId, bool ForAchievement, int Top = 10, bool LocalOnly = false, double MinScore = 0)
    : IQuery<Result<IReadOnlyList<MatchView>>>;

public sealed class GetMatchesValidator : AbstractValidator<GetMatches>
{
    public GetMatchesValidator(MatchingOptions options)
    {
        RuleFor(x => x.Top).InclusiveBetween(1, options.MaxTop);
        RuleFor(x => x.MinScore).InclusiveBetween(0, 1);
    }
}

public sealed class GetMatchesHandler(AppDbContext db, ListingAccess access, CurrentUser current, MatchingOptions options, IOptions<ProposalOptions> proposals)
    : IQueryHandler<GetMatches, Result<IReadOnlyList<MatchView>>>
{
    public async ValueTask<Result<IReadOnlyList<MatchView>>> Handle(GetMatches query, CancellationToken cancellationToken)
    {
        // The listing's own maturity and amounts: the reason compares them with each counterpart's.
        var owner = query.ForAchievement
            ? await db.Achievements.AsNoTracking().Where(a => a.Id == query.ListingId)
                .Select(a => new Side(a.OrganisationId, a.Status, a.Trl, a.PriceMin != null || a.PriceMax != null)).FirstOrDefaultAsync(cancellationToken)
            : await db.Needs.AsNoTracking().Where(n => n.Id == query.ListingId)
                .Select(n => new Side(n.OrganisationId, n.Status, n.RequiredTrl, n.BudgetMin != null || n.BudgetMax != null)).FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return Error.NotFound(query.ForAchievement ? "Achievement" : "Need");
        }

        if (owner.Status != ListingStatus.Published && !await access.MayReadUnpublishedAsync(owner.OrganisationId, cancellationToken))
        {
            return Error.NotFound(query.ForAchievement ? "Achievement" : "Need");
        }

        if (!await access.MaySeeProposalsAsync(owner.OrganisationId, cancellationToken))
        {
            // Proposals are for the listing's organisation and the people who broker or monitor them.
            return Error.Forbidden("Only the listing's organisation, technology managers and the bureau see its proposals.");
        }

        var proposals = db.MatchProposals.AsNoTracking().Where(p => p.Status != ProposalStatus.Dismissed && p.Score >= query.MinScore);
        List<MatchView> views;
        if (query.ForAchievement)
        {
            var rows = await proposals.Where(p => p.AchievementId == query.ListingId && (!query.LocalOnly || p.BuyerIsLocal))
                .OrderByDescending(p => p.Score).Take(Math.Min(query.Top * 2, options.MaxTop))
                .Select(p => new { p.Id, p.Score, p.Status, p.Explanation, p.CreatedAt, p.BuyerIsLocal, Need = p.Need!, Org = p.Need!.Organisation! })
                .ToListAsync(cancellationToken);
            views = rows.Select(r => View(r.Id, r.Score, r.Status, r.Explanation, r.CreatedAt,
                    Counterpart(r.Need.Id, "Need", r.Need.Title, r.Need.Field, r.Need.RequiredTrl, r.BuyerIsLocal, r.Need.Visibility, r.Org, r.Need.BudgetMin, r.Need.BudgetMax),
                    owner.Trl, r.Need.RequiredTrl, owner.HasAmount && (r.Need.BudgetMin != null || r.Need.BudgetMax != null)))
                .ToList();

            // Among near-equal scores, local enterprises come first.
            var delta = options.NearEqualScoreDelta;
            views = views.OrderByDescending(v => Math.Round(v.Score / delta)).ThenByDescending(v => v.Counterpart.IsLocal).ThenByDescending(v => v.Score).ToList();
        }
        else
        {
            var rows = await proposals.Where(p => p.NeedId == query.ListingId && (!query.LocalOnly || p.SupplierIsLocal))
                .OrderByDescending(p => p.Score).Take(query.Top)
                .Select(p => new { p.Id, p.Score, p.Status, p.Explanation, p.CreatedAt, p.SupplierIsLocal, Achievement = p.Achievement!, Org = p.Achievement!.Organisation! })
                .ToListAsync(cancellationToken);
            views = rows.Select(r => View(r.Id, r.Score, r.Status, r.Explanation, r.CreatedAt,
                    Counterpart(r.Achievement.Id, "Achievement", r.Achievement.Title, r.Achievement.Field, r.Achievement.Trl, r.SupplierIsLocal, r.Achievement.Visibility, r.Org,
                        r.Achievement.PriceMin, r.Achievement.PriceMax),
                    r.Achievement.Trl, owner.Trl, owner.HasAmount && (r.Achievement.PriceMin != null || r.Achievement.PriceMax != null)))
                .ToList();
        }

        views = views.Take(query.Top).ToList();
        return await WithOpenDealsAsync(views, query.ListingId, query.ForAchievement, cancellationToken);
    }

    /// <summary>Marks the pairs a deal is open on (DealAccess.OpenOnPair); the deal's id only for those who may read the deal.</summary>
    private async Task<List<MatchView>> WithOpenDealsAsync(List<MatchView> views, Guid listingId, bool forAchievement, CancellationToken ct)
    {
        (Guid Achievement, Guid Need) PairOf(MatchView v) => forAchievement ? (listingId, v.Counterpart.Id) : (v.Counterpart.Id, listingId);
        var ids = views.Select(v => (Guid?)v.ProposalId).ToList();
        var counterparts = views.Select(v => (Guid?)v.Counterpart.Id).ToList();
        var deals = await db.Deals.AsNoTracking()
            .Where(d => ids.Contains(d.OpenProposalId) || (d.Stage != DealStage.Closed
                && (forAchievement ? d.AchievementId == listingId && counterparts.Contains(d.NeedId) : d.NeedId == listingId && counterparts.Contains(d.AchievementId))))
            .Select(d => new Deal
            {
                Id = d.Id, Stage = d.Stage, OpenProposalId = d.OpenProposalId, AchievementId = d.AchievementId, NeedId = d.NeedId,
                ManagerUserId = d.ManagerUserId, SellerOrganisationId = d.SellerOrganisationId, BuyerOrganisationId = d.BuyerOrganisationId, CreatedAt = d.CreatedAt,
            })
            .ToListAsync(ct);
        // furthest along first, by the enum's order (stages may be stored as text), then newest
        deals = [.. deals.OrderByDescending(d => d.Stage).ThenByDescending(d => d.CreatedAt)];
        var result = new List<MatchView>(views.Count);
        foreach (var view in views)
        {
            var pair = PairOf(view);
            // one deal is open per pair since the pair key; two written before it may remain: the furthest along the reader may see, else the furthest along
            MatchDeal? shown = null;
            foreach (var deal in deals.Where(d => d.OpenProposalId == view.ProposalId || (d.AchievementId == pair.Achievement && d.NeedId == pair.Need)))
            {
                if (await DealAccess.MaySeeAsync(deal, current, ct))
                {
                    shown = new MatchDeal(deal.Id, deal.Stage);
                    break;
                }

                shown ??= new MatchDeal(null, deal.Stage);
            }

            result.Add(shown is null ? view : view with { Deal = shown });
        }

        return result;
    }

    private sealed record Side(Guid OrganisationId, ListingStatus Status, int? Trl, bool HasAmount);

    private MatchView View(
        Guid id, double score, ProposalStatus status, string json, DateTime proposedAt, MatchCounterpart counterpart, int? achievementTrl, int? requiredTrl, bool amountsKnown)
    {
        var explanation = JsonSerializer.Deserialize<MatchExplanation>(json, ProposeMatches.ExplanationJson) ?? new MatchExplanation([], []);
        var (points, parts) = MatchReading.Points(score, explanation.Components);
        var reason = MatchReading.Reason(explanation, counterpart.IsLocal, achievementTrl, requiredTrl, amountsKnown);
        return new MatchView(id, score, status, counterpart, explanation, proposedAt, points, parts, reason, score < proposals.Value.DisplayFloor, null);
    }

    /// <summary>The other side of a pair; who owns an "after consent" listing, and its price or budget, are shown on its own page to those entitled (ListingAccess).</summary>
    private static MatchCounterpart Counterpart(
        Guid id, string kind, string title, TechnicalField field, int? trl, bool isLocal, Visibility visibility, Organisation org, decimal? amountMin, decimal? amountMax)
    {
        var hide = visibility == Visibility.AfterConsent;
        return new MatchCounterpart(id, kind, title, field, trl, isLocal, ListingOwner.Shown(org, hide), hide, hide ? null : amountMin, hide ? null : amountMax);
    }

    public static async Task<Results<Ok<IReadOnlyList<MatchView>>, ValidationProblem, ProblemHttpResult>> ForNeed(
        Guid id, int? top, bool? localOnly, double? minScore, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetMatches(id, false, top ?? 10, localOnly ?? false, minScore ?? 0), ct)).ToOk();

    public static async Task<Results<Ok<IReadOnlyList<MatchView>>, ValidationProblem, ProblemHttpResult>> ForAchievement(
        Guid id, int? top, bool? localOnly, double? minScore, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetMatches(id, true, top ?? 10, localOnly ?? false, minScore ?? 0), ct)).ToOk();
}

using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;
using TechTransfer.Match.Web.Infrastructure.Matching;

namespace TechTransfer.Match.Web.Features.Guidelines;

public sealed record ClusterNeed(Guid Id, string Title, Guid OrganisationId, string Firm, decimal? Budget, DateTime? PublishedAt);

public sealed record ClusterInstitution(Guid OrganisationId, string Name, double BestScore, int NeedsCovered);

public sealed record ClusterFirm(Guid OrganisationId, string Name);

public sealed record DemandCluster(
    TechnicalField Field, IReadOnlyList<string> Terms, IReadOnlyList<ClusterNeed> Needs, IReadOnlyList<ClusterFirm> Firms, decimal CombinedBudget,
    IReadOnlyList<ClusterInstitution> ClosestInstitutions);

public sealed record DemandClusters(int MinAgeDays, double Threshold, int UnmetNeeds, int Singletons, IReadOnlyList<DemandCluster> Clusters);

/// <summary>
/// The bureau's unmet local needs (published, at least <see cref="MinAgeDays"/> old, no accepted interest) grouped by
/// field and text similarity (<see cref="DemandClusterer"/> over the matching engine's words); each group of two or
/// more with its firms, their combined budgets (each need's upper budget, else its lower one) and the institutions
/// whose achievements the matcher proposed for them.
/// </summary>
public sealed record GetUnmetDemandClusters(int MinAgeDays = 90, double Threshold = 0.3) : IQuery<Result<DemandClusters>>;

public sealed class GetUnmetDemandClustersValidator : AbstractValidator<GetUnmetDemandClusters>
{
    public GetUnmetDemandClustersValidator()
    {
        RuleFor(x => x.MinAgeDays).InclusiveBetween(0, 3650);
        RuleFor(x => x.Threshold).InclusiveBetween(0.05, 1);
    }
}

public sealed class GetUnmetDemandClustersHandler(AppDbContext db, MatchingIndex index, IOptions<PlatformOptions> platform, TimeProvider clock)
    : IQueryHandler<GetUnmetDemandClusters, Result<DemandClusters>>
{
    /// <summary>The newest unmet needs considered: the page answers in seconds even on a large catalogue.</summary>
    private const int MaxNeeds = 20_000;

    public async ValueTask<Result<DemandClusters>> Handle(GetUnmetDemandClusters query, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-query.MinAgeDays);
        var rows = await db.Needs.AsNoTracking()
            .Where(n => n.Status == ListingStatus.Published && n.PublishedAt <= before
                && !db.Interests.Any(i => i.NeedId == n.Id && i.Status == InterestStatus.Accepted))
            .OrderByDescending(n => n.PublishedAt).ThenBy(n => n.Id).Take(MaxNeeds)
            .Select(n => new
            {
                n.Id, n.Title, n.Background, n.Field, n.OrganisationId, Firm = n.Organisation!.NameZh, Region = n.Organisation.RegionCode,
                Budget = n.BudgetMax ?? n.BudgetMin, n.PublishedAt,
            })
            .ToListAsync(cancellationToken);
        var local = rows.Where(r => platform.Value.IsInHomeCity(r.Region)).ToList();
        var clusters = DemandClusterer.Cluster(
            [.. local.Select(r => new DemandText((int)r.Field, index.Engine.Tokenize(r.Title + "\n" + r.Background)))], query.Threshold);
        var groups = clusters.Where(c => c.Count >= 2).ToList();
        var clustered = groups.SelectMany(c => c).Select(i => local[i].Id).ToList();
        var proposals = await db.MatchProposals.AsNoTracking().Where(p => clustered.Contains(p.NeedId) && p.Status != ProposalStatus.Dismissed)
            .Select(p => new { p.NeedId, p.Score, p.Achievement!.OrganisationId, Name = p.Achievement.Organisation!.NameZh, p.Achievement.Organisation.Kind })
            .ToListAsync(cancellationToken);
        var result = groups.Select(members =>
        {
            var needs = members.Select(i => local[i]).ToList();
            var ids = needs.Select(n => n.Id).ToHashSet();
            var terms = members.SelectMany(i => index.Engine.Tokenize(local[i].Title)).GroupBy(t => t, StringComparer.Ordinal)
                .Where(g => g.Key.Length > 1).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5).Select(g => g.Key).ToList();
            var institutions = proposals.Where(p => ids.Contains(p.NeedId) && p.Kind == OrganisationKind.Institution).GroupBy(p => (p.OrganisationId, p.Name))
                .Select(g => new ClusterInstitution(g.Key.OrganisationId, g.Key.Name, Math.Round(g.Max(p => p.Score), 3), g.Select(p => p.NeedId).Distinct().Count()))
                .OrderByDescending(i => i.NeedsCovered).ThenByDescending(i => i.BestScore).Take(3).ToList();
            return new DemandCluster(needs[0].Field, terms,
                [.. needs.Select(n => new ClusterNeed(n.Id, n.Title, n.OrganisationId, n.Firm, n.Budget, n.PublishedAt))],
                [.. needs.Select(n => new ClusterFirm(n.OrganisationId, n.Firm)).Distinct()],
                needs.Sum(n => n.Budget ?? 0), institutions);
        }).OrderByDescending(c => c.Needs.Count).ThenByDescending(c => c.CombinedBudget).ToList();
        return new DemandClusters(query.MinAgeDays, query.Threshold, local.Count, clusters.Count(c => c.Count == 1), result);
    }

    public static async Task<Results<Ok<DemandClusters>, ValidationProblem, ProblemHttpResult>> Endpoint(
        int? minAgeDays, double? threshold, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetUnmetDemandClusters(minAgeDays ?? 90, threshold ?? 0.3), ct)).ToOk();
}

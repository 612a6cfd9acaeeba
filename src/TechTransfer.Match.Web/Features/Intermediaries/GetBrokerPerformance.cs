using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Intermediaries;

/// <summary>
/// The bureau's view of brokers' performance in a year (docs/programmes.md, Intermediary filing and manager
/// performance), per technology manager (the deal's manager) and per intermediary (the organisation the manager
/// belongs to now): deals opened in the year, deals signed in the year, the year's contracts recorded from their
/// deals (year and local rule of the indicators: <see cref="TechnologyContract.Year"/>, <see cref="TechnologyContract.IsLocal"/>)
/// with amount and local share, and the median days from the pair's proposal to first contact and to signing.
/// </summary>
public sealed record GetBrokerPerformance(int Year) : IQuery<Result<BrokerPerformance>>;

public sealed record BrokerPerformanceRow(
    Guid Id, string NameZh, string NameEn, int Deals, int Signed, int Contracts, decimal SignedAmount, int LocalContracts, decimal LocalAmount,
    decimal LocalAmountPct, double? MedianDaysToContact, double? MedianDaysToSign);

public sealed record BrokerPerformance(int Year, IReadOnlyList<BrokerPerformanceRow> Managers, IReadOnlyList<BrokerPerformanceRow> Intermediaries);

public sealed class GetBrokerPerformanceValidator : FluentValidation.AbstractValidator<GetBrokerPerformance>
{
    public GetBrokerPerformanceValidator(IOptions<IndicatorOptions> options, TimeProvider clock) => RuleFor(x => x.Year).KnownYear(options.Value, clock);
}

public sealed class GetBrokerPerformanceHandler(AppDbContext db) : IQueryHandler<GetBrokerPerformance, Result<BrokerPerformance>>
{
    private sealed record DealTimes(Guid Manager, DateTime ProposedAt, DateTime? At);

    private sealed record Figures(List<Guid> Opened, List<DealTimes> Contacted, List<DealTimes> Signed, List<(Guid Manager, bool Local, int Count, decimal Amount)> Contracts);

    public async ValueTask<Result<BrokerPerformance>> Handle(GetBrokerPerformance query, CancellationToken cancellationToken)
    {
        var from = new DateTime(query.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var managed = db.Deals.AsNoTracking().Where(d => d.ManagerUserId != null);
        var opened = await managed.Where(d => d.CreatedAt >= from && d.CreatedAt < to).Select(d => d.ManagerUserId!.Value).ToListAsync(cancellationToken);
        var contacted = await managed.Where(d => d.FirstContactAt >= from && d.FirstContactAt < to)
            .Select(d => new DealTimes(d.ManagerUserId!.Value, d.ProposedAt, d.FirstContactAt)).ToListAsync(cancellationToken);
        var signed = await managed.Where(d => d.SignedAt >= from && d.SignedAt < to)
            .Select(d => new DealTimes(d.ManagerUserId!.Value, d.ProposedAt, d.SignedAt)).ToListAsync(cancellationToken);

        // The year's counted contracts recorded from a deal, summed per deal and locality in SQL (the indicators' helper).
        var sums = await IndicatorQueries.CountAndSumAsync(db, db.CountedContracts.Where(c => c.Year == query.Year && c.DealId != null),
            c => new { DealId = c.DealId!.Value, c.IsLocal }, cancellationToken);
        var dealIds = sums.Keys.Select(k => k.DealId).Distinct().ToList();
        var managerOf = await managed.Where(d => dealIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.ManagerUserId!.Value, cancellationToken);
        var contracts = sums.Where(s => managerOf.ContainsKey(s.Key.DealId))
            .Select(s => (managerOf[s.Key.DealId], s.Key.IsLocal, s.Value.Count, s.Value.Amount)).ToList();

        var figures = new Figures(opened, contacted, signed, contracts);
        var managerIds = opened.Concat(contacted.Select(c => c.Manager)).Concat(signed.Select(s => s.Manager)).Concat(contracts.Select(c => c.Item1)).Distinct().ToList();
        var people = await (from u in db.Users.AsNoTracking()
                            where managerIds.Contains(u.Id)
                            join o in db.Organisations.AsNoTracking() on u.OrganisationId equals o.Id into orgs
                            from o in orgs.DefaultIfEmpty()
                            select new { u.Id, u.DisplayName, OrganisationId = o != null && o.Kind == OrganisationKind.Intermediary ? (Guid?)o.Id : null, o.NameZh, o.NameEn })
            .ToListAsync(cancellationToken);

        var managers = people.Select(p => Row(p.Id, p.DisplayName, p.DisplayName, figures, m => m == p.Id)).ToList();
        var intermediaries = people.Where(p => p.OrganisationId is not null).GroupBy(p => p.OrganisationId!.Value)
            .Select(g =>
            {
                var members = g.Select(p => p.Id).ToHashSet();
                return Row(g.Key, g.First().NameZh!, g.First().NameEn!, figures, members.Contains);
            }).ToList();
        return new BrokerPerformance(query.Year, Ordered(managers), Ordered(intermediaries));
    }

    private static List<BrokerPerformanceRow> Ordered(IEnumerable<BrokerPerformanceRow> rows) =>
        rows.OrderByDescending(r => r.SignedAmount).ThenByDescending(r => r.Deals).ThenBy(r => r.NameZh, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();

    private static BrokerPerformanceRow Row(Guid id, string nameZh, string nameEn, Figures f, Func<Guid, bool> of)
    {
        var contracts = f.Contracts.Where(c => of(c.Manager)).ToList();
        var amount = contracts.Sum(c => c.Amount);
        var local = contracts.Where(c => c.Local).ToList();
        var localAmount = local.Sum(c => c.Amount);
        return new BrokerPerformanceRow(
            id, nameZh, nameEn, f.Opened.Count(of), f.Signed.Count(s => of(s.Manager)), contracts.Sum(c => c.Count), amount, local.Sum(c => c.Count), localAmount,
            IndicatorRules.Percent(localAmount, amount), Median(f.Contacted.Where(c => of(c.Manager))), Median(f.Signed.Where(s => of(s.Manager))));
    }

    /// <summary>The median of the days from proposal to the event, to one decimal; null without any deal.</summary>
    private static double? Median(IEnumerable<DealTimes> deals)
    {
        var days = deals.Select(d => (d.At!.Value - d.ProposedAt).TotalDays).Order().ToList();
        if (days.Count == 0)
        {
            return null;
        }

        var middle = days.Count / 2;
        return Math.Round(days.Count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2, 1);
    }

    public static async Task<Results<Ok<BrokerPerformance>, ValidationProblem, ProblemHttpResult>> Endpoint(int year, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetBrokerPerformance(year), ct)).ToOk();
}

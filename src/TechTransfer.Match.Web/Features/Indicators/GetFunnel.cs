using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>
/// The platform funnel for a year: needs posted, proposals made, interests expressed, deals opened
/// (and where they stand), contracts signed from deals; per month and per field, with the conversion
/// between each step. Each step is counted by the date it happened, so a conversion compares the
/// year's counts (a need posted in December may convert in January).
/// </summary>
public sealed record GetFunnel(int Year, string? Format = null) : IQuery<Result<FunnelTable>>, IYearlyIndicator;

public sealed record FunnelStep(int Needs, int Proposals, int Interests, int Deals, int SignedDeals, int Contracts)
{
    public decimal ProposalsPerNeed => Needs == 0 ? 0 : Math.Round((decimal)Proposals / Needs, 4);
    public decimal InterestPct => IndicatorRules.Percent(Interests, Proposals);
    public decimal DealPct => IndicatorRules.Percent(Deals, Interests);
    public decimal SignedPct => IndicatorRules.Percent(SignedDeals, Deals);
    public decimal ContractPct => IndicatorRules.Percent(Contracts, Deals);

    public object?[] Cells() => [Needs, Proposals, Interests, Deals, SignedDeals, Contracts, ProposalsPerNeed, InterestPct, DealPct, SignedPct, ContractPct];
}

public sealed record FunnelMonth(int Month, FunnelStep Step);

public sealed record FunnelField(TechnicalField Field, FunnelStep Step);

public sealed record FunnelTable(int Year, IReadOnlyList<FunnelMonth> Months, IReadOnlyList<FunnelField> Fields,
    IReadOnlyDictionary<DealStage, int> DealsByStage, FunnelStep Total) : IExportable
{
    public ExportTable ToTable()
    {
        ExportColumn[] columns =
        [
            new("期间", "Period"), new("发布需求(项)", "Needs posted"), new("匹配推荐(项)", "Proposals"), new("意向(项)", "Interests"),
            new("对接项目(项)", "Deals"), new("已签约对接(项)", "Deals signed"), new("签订合同(项)", "Contracts"),
            new("每项需求推荐数", "Proposals per need"), new("推荐→意向(%)", "Proposal to interest (%)"), new("意向→对接(%)", "Interest to deal (%)"),
            new("对接→签约(%)", "Deal signed (%)"), new("对接→合同(%)", "Deal to contract (%)"),
        ];
        var rows = Months.Select(m => (object?[])[$"{Year}-{m.Month:D2}", .. m.Step.Cells()])
            .Concat(Fields.Select(f => (object?[])[FieldNames.Of(f.Field), .. f.Step.Cells()]))
            .Append([ExportText.Total, .. Total.Cells()])
            .ToList();
        return new ExportTable($"funnel-{Year}", columns, rows);
    }
}

public sealed class GetFunnelValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
    : IndicatorQueryValidator<GetFunnel>(options.Value, clock);

public sealed class GetFunnelHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetFunnel, Result<FunnelTable>>
{
    public async ValueTask<Result<FunnelTable>> Handle(GetFunnel query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, null, _ => AnswerAsync(query, cancellationToken), cancellationToken, membersAllowed: false);

    private async Task<Result<FunnelTable>> AnswerAsync(GetFunnel query, CancellationToken cancellationToken)
    {
        var from = new DateTime(query.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var ct = cancellationToken;

        var needs = db.Needs.AsNoTracking().Where(n => n.PublishedAt >= from && n.PublishedAt < to);
        var proposals = db.MatchProposals.AsNoTracking().Where(p => p.CreatedAt >= from && p.CreatedAt < to);
        var interests = db.Interests.AsNoTracking().Where(i => i.CreatedAt >= from && i.CreatedAt < to);
        var deals = db.Deals.AsNoTracking().Where(d => d.ProposedAt >= from && d.ProposedAt < to);
        var signedDeals = deals.Where(d => d.Stage == DealStage.Signed);
        // Contracts from deals are few: one grouped read of all of them through the partial index on DealId,
        // keeping the year's groups, rather than a walk over the year's every contract (which SQLite's
        // planner would choose for "Year = @y AND DealId IS NOT NULL").
        var fromDeals = (await db.CountedContracts.Where(c => c.DealId != null)
            .GroupBy(c => new { c.Year, c.SignedOn.Month, c.Field })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Field, Count = g.Count() })
            .ToListAsync(ct)).Where(x => x.Year == query.Year).ToList();

        // Per month: one grouped count per step.
        var needMonths = await needs.GroupBy(n => n.PublishedAt!.Value.Month).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var proposalMonths = await proposals.GroupBy(p => p.CreatedAt.Month).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var interestMonths = await interests.GroupBy(i => i.CreatedAt.Month).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var dealMonths = await deals.GroupBy(d => d.ProposedAt.Month).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var signedMonths = await signedDeals.GroupBy(d => d.ProposedAt.Month).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var contractMonths = fromDeals.GroupBy(c => c.Month).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var months = Enumerable.Range(1, 12).Select(m => new FunnelMonth(m, new FunnelStep(needMonths.GetValueOrDefault(m), proposalMonths.GetValueOrDefault(m),
            interestMonths.GetValueOrDefault(m), dealMonths.GetValueOrDefault(m), signedMonths.GetValueOrDefault(m), contractMonths.GetValueOrDefault(m)))).ToList();

        // Per field: the need's field, else the achievement's.
        var needFields = await needs.GroupBy(n => n.Field).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var proposalFields = await proposals.GroupBy(p => p.Need!.Field).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var interestFields = await ByListingField(interests.Select(i => new Ref { NeedId = i.NeedId, AchievementId = i.AchievementId }), ct);
        var dealFields = await ByListingField(deals.Select(d => new Ref { NeedId = d.NeedId, AchievementId = d.AchievementId }), ct);
        var signedFields = await ByListingField(signedDeals.Select(d => new Ref { NeedId = d.NeedId, AchievementId = d.AchievementId }), ct);
        var contractFields = fromDeals.GroupBy(c => c.Field).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var fields = Enum.GetValues<TechnicalField>()
            .Select(f => new FunnelField(f, new FunnelStep(needFields.GetValueOrDefault(f), proposalFields.GetValueOrDefault(f), interestFields.GetValueOrDefault(f),
                dealFields.GetValueOrDefault(f), signedFields.GetValueOrDefault(f), contractFields.GetValueOrDefault(f))))
            .Where(f => f.Step != new FunnelStep(0, 0, 0, 0, 0, 0))
            .ToList();

        var stages = await deals.GroupBy(d => d.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var byStage = Enum.GetValues<DealStage>().ToDictionary(s => s, s => stages.GetValueOrDefault(s));
        var total = new FunnelStep(months.Sum(m => m.Step.Needs), months.Sum(m => m.Step.Proposals), months.Sum(m => m.Step.Interests),
            months.Sum(m => m.Step.Deals), months.Sum(m => m.Step.SignedDeals), months.Sum(m => m.Step.Contracts));
        return new FunnelTable(query.Year, months, fields, byStage, total);
    }

    /// <summary>A member-init projection (not a constructor) so EF can keep composing on it.</summary>
    private sealed class Ref
    {
        public Guid? NeedId { get; init; }
        public Guid? AchievementId { get; init; }
    }

    /// <summary>Counts per field of the need when there is one, else of the achievement: two grouped joins.</summary>
    private async Task<Dictionary<TechnicalField, int>> ByListingField(IQueryable<Ref> refs, CancellationToken ct)
    {
        var byNeed = await refs.Where(r => r.NeedId != null)
            .Join(db.Needs, r => r.NeedId, n => (Guid?)n.Id, (r, n) => n.Field)
            .GroupBy(f => f).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byAchievement = await refs.Where(r => r.NeedId == null && r.AchievementId != null)
            .Join(db.Achievements, r => r.AchievementId, a => (Guid?)a.Id, (r, a) => a.Field)
            .GroupBy(f => f).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return byNeed.Concat(byAchievement).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
    }

    public static async Task<Results<Ok<FunnelTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        int year, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetFunnel(year, format), ct)).Respond(format, http);
}

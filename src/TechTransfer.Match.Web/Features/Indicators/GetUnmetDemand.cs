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
/// Unmet demand: published needs with no proposal at or above the threshold, and needs with no such
/// proposal from a local institution, per field. With a year, only needs published that year.
/// </summary>
public sealed record GetUnmetDemand(int? Year = null, double? Threshold = null, string? Format = null) : IQuery<Result<UnmetDemandTable>>, IIndicatorQuery;

public sealed record UnmetDemandRow(TechnicalField? Field, int PublishedNeeds, int WithoutMatch, int WithoutLocalSupplier,
    decimal WithoutMatchPct, decimal WithoutLocalSupplierPct);

public sealed record UnmetDemandTable(int? Year, double Threshold, IReadOnlyList<UnmetDemandRow> Rows, UnmetDemandRow Total) : IExportable
{
    public ExportTable ToTable()
    {
        ExportColumn[] columns =
        [
            new("技术领域", "Technical field"), new("已发布需求(项)", "Published needs"), new("无匹配需求(项)", "Needs without a match"),
            new("无本地供给需求(项)", "Needs without a local supplier"), new("无匹配占比(%)", "Without a match (%)"), new("无本地供给占比(%)", "Without a local supplier (%)"),
        ];
        var rows = Rows.Append(Total).Select(r => (object?[])[r.Field is { } f ? FieldNames.Of(f) : ExportText.Total, r.PublishedNeeds, r.WithoutMatch,
            r.WithoutLocalSupplier, r.WithoutMatchPct, r.WithoutLocalSupplierPct]).ToList();
        return new ExportTable(Year is { } y ? $"unmet-demand-{y}" : "unmet-demand", columns, rows);
    }
}

public sealed class GetUnmetDemandValidator : IndicatorQueryValidator<GetUnmetDemand>
{
    public GetUnmetDemandValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
        : base(options.Value, clock)
    {
        RuleFor(x => x.Year!.Value).KnownYear(options.Value, clock).When(x => x.Year is not null).OverridePropertyName("year");
        RuleFor(x => x.Threshold).InclusiveBetween(0, 1);
    }
}

public sealed class GetUnmetDemandHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options)
    : IQueryHandler<GetUnmetDemand, Result<UnmetDemandTable>>
{
    public async ValueTask<Result<UnmetDemandTable>> Handle(GetUnmetDemand query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, null, _ => AnswerAsync(query, cancellationToken), cancellationToken, membersAllowed: false);

    private async Task<Result<UnmetDemandTable>> AnswerAsync(GetUnmetDemand query, CancellationToken cancellationToken)
    {
        var threshold = query.Threshold ?? options.Value.ProposalThreshold;
        var needs = db.Needs.AsNoTracking().Where(n => n.Status == ListingStatus.Published);
        if (query.Year is { } year)
        {
            var (from, to) = (new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            needs = needs.Where(n => n.PublishedAt >= from && n.PublishedAt < to);
        }

        // Three grouped counts rather than subqueries inside aggregates, which SQL Server refuses.
        var published = await CountByField(needs, cancellationToken);
        var withoutMatch = await CountByField(
            needs.Where(n => !db.MatchProposals.Any(p => p.NeedId == n.Id && p.Score >= threshold)), cancellationToken);
        var withoutLocal = await CountByField(
            needs.Where(n => !db.MatchProposals.Any(p => p.NeedId == n.Id && p.Score >= threshold && p.SupplierIsLocal)), cancellationToken);
        var rows = published.OrderBy(p => p.Key)
            .Select(p => Row(p.Key, p.Value, withoutMatch.GetValueOrDefault(p.Key), withoutLocal.GetValueOrDefault(p.Key)))
            .ToList();
        var total = Row(null, rows.Sum(r => r.PublishedNeeds), rows.Sum(r => r.WithoutMatch), rows.Sum(r => r.WithoutLocalSupplier));
        return new UnmetDemandTable(query.Year, threshold, rows, total);
    }

    private static UnmetDemandRow Row(TechnicalField? field, int published, int withoutMatch, int withoutLocal) =>
        new(field, published, withoutMatch, withoutLocal, IndicatorRules.Percent(withoutMatch, published), IndicatorRules.Percent(withoutLocal, published));

    private static Task<Dictionary<TechnicalField, int>> CountByField(IQueryable<Need> needs, CancellationToken ct) =>
        needs.GroupBy(n => n.Field).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    public static async Task<Results<Ok<UnmetDemandTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        int? year, double? threshold, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetUnmetDemand(year, threshold, format), ct)).Respond(format, http);
}

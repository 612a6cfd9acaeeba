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
/// Local leakage: a year's non-local contracts whose achievement had a proposal at or above the
/// threshold with a local enterprise's need (a local buyer existed), per field, against all non-local
/// contracts of the field.
/// </summary>
public sealed record GetLeakage(int Year, double? Threshold = null, Guid? Institution = null, string? Format = null) : IQuery<Result<LeakageTable>>, IYearlyIndicator;

public sealed record LeakageRow(TechnicalField? Field, int NonLocalContracts, decimal NonLocalAmount, int LeakedContracts, decimal LeakedAmount,
    decimal LeakedCountPct, decimal LeakedAmountPct);

public sealed record LeakageTable(int Year, double Threshold, IReadOnlyList<LeakageRow> Rows, LeakageRow Total) : IExportable
{
    public ExportTable ToTable()
    {
        ExportColumn[] columns =
        [
            new("技术领域", "Technical field"), new("外地合同(项)", "Non-local contracts"), new("外地合同金额(元)", "Non-local amount (yuan)"),
            new("有本地买方的外地合同(项)", "Leaked contracts (a local buyer existed)"), new("有本地买方的外地合同金额(元)", "Leaked amount (yuan)"),
            new("流失占比(按项目数,%)", "Leakage by count (%)"), new("流失占比(按金额,%)", "Leakage by amount (%)"),
        ];
        var rows = Rows.Append(Total).Select(r => (object?[])[r.Field is { } f ? FieldNames.Of(f) : ExportText.Total, r.NonLocalContracts, r.NonLocalAmount,
            r.LeakedContracts, r.LeakedAmount, r.LeakedCountPct, r.LeakedAmountPct]).ToList();
        return new ExportTable($"leakage-{Year}", columns, rows);
    }
}

public sealed class GetLeakageValidator : IndicatorQueryValidator<GetLeakage>
{
    public GetLeakageValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
        : base(options.Value, clock)
    {
        RuleFor(x => x.Threshold).InclusiveBetween(0, 1);
    }
}

public sealed class GetLeakageHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options)
    : IQueryHandler<GetLeakage, Result<LeakageTable>>
{
    public async ValueTask<Result<LeakageTable>> Handle(GetLeakage query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, query.Institution, scope => AnswerAsync(query, scope, cancellationToken), cancellationToken);

    private async Task<Result<LeakageTable>> AnswerAsync(GetLeakage query, IndicatorScope scope, CancellationToken cancellationToken)
    {
        var threshold = query.Threshold ?? options.Value.ProposalThreshold;
        var nonLocal = db.CountedContracts.Where(c => c.Year == query.Year && !c.IsLocal);
        if (scope.InstitutionId is { } institution)
        {
            nonLocal = nonLocal.Where(c => c.SellerOrganisationId == institution);
        }

        var all = await SumByField(nonLocal, cancellationToken);
        var leaked = await SumByField(nonLocal.Where(c => c.AchievementId != null &&
            db.MatchProposals.Any(p => p.AchievementId == c.AchievementId && p.Score >= threshold && p.BuyerIsLocal)), cancellationToken);
        var rows = all.OrderByDescending(a => a.Value.Amount).ThenBy(a => a.Key)
            .Select(a => Row(a.Key, a.Value, leaked.GetValueOrDefault(a.Key)))
            .ToList();
        var total = Row(null, (rows.Sum(r => r.NonLocalContracts), rows.Sum(r => r.NonLocalAmount)),
            (rows.Sum(r => r.LeakedContracts), rows.Sum(r => r.LeakedAmount)));
        return new LeakageTable(query.Year, threshold, rows, total);
    }

    private static LeakageRow Row(TechnicalField? field, (int Count, decimal Amount) all, (int Count, decimal Amount) leaked) =>
        new(field, all.Count, all.Amount, leaked.Count, leaked.Amount, IndicatorRules.Percent(leaked.Count, all.Count), IndicatorRules.Percent(leaked.Amount, all.Amount));

    /// <summary>
    /// Grouped by locality and field (all non-local here) so that the groups come in the order of the index
    /// (Year, IsLocal, Field), which also holds the amount and achievement: SQLite then reads that index alone
    /// (it cannot seek on <c>NOT IsLocal</c> and, grouping by field only, would walk the year's rows in the
    /// table through the (Year, Field) index).
    /// </summary>
    private async Task<Dictionary<TechnicalField, (int Count, decimal Amount)>> SumByField(IQueryable<TechnologyContract> contracts, CancellationToken ct) =>
        (await IndicatorQueries.CountAndSumAsync(db, contracts, c => new { c.IsLocal, c.Field }, ct)).ToDictionary(x => x.Key.Field, x => x.Value);

    public static async Task<Results<Ok<LeakageTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        int year, double? threshold, Guid? institution, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetLeakage(year, threshold, institution, format), ct)).Respond(format, http);
}

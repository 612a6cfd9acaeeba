using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>
/// Technology turnover (paper Table 1): technology contracts and amount per seller institution for a
/// year and the year before, ranked by the year's amount, top N.
/// </summary>
public sealed record GetTurnover(int Year, int Top = 10, string? Categories = null, Guid? Institution = null, string? Format = null)
    : IQuery<Result<TurnoverTable>>, IYearlyIndicator, ICategorisedIndicator;

public sealed record TurnoverRow(int Rank, InstitutionRef Institution, int PreviousContracts, decimal PreviousAmount, int Contracts, decimal Amount);

/// <summary>Amounts in yuan; <c>Contracts</c>/<c>Amount</c> are the requested year's, <c>Previous*</c> the year before.</summary>
public sealed record TurnoverTable(int Year, int PreviousYear, int Top, IReadOnlyList<string> Categories, IReadOnlyList<TurnoverRow> Rows) : IExportable
{
    public ExportTable ToTable()
    {
        ExportColumn[] columns =
        [
            new("排名", "Rank"), new("单位", "Institution"),
            new($"{PreviousYear}年合同数(项)", $"Contracts {PreviousYear}"), new($"{PreviousYear}年成交额(元)", $"Amount {PreviousYear} (yuan)"),
            new($"{Year}年合同数(项)", $"Contracts {Year}"), new($"{Year}年成交额(元)", $"Amount {Year} (yuan)"),
        ];
        var rows = Rows.Select(r => (object?[])[r.Rank, ExportText.Of(r.Institution), r.PreviousContracts, r.PreviousAmount, r.Contracts, r.Amount]).ToList();
        return new ExportTable($"turnover-{Year}", columns, rows);
    }
}

public sealed class GetTurnoverValidator : IndicatorQueryValidator<GetTurnover>
{
    public GetTurnoverValidator(IOptions<IndicatorOptions> options, TimeProvider clock)
        : base(options.Value, clock)
    {
        RuleFor(x => x.Top).InclusiveBetween(1, options.Value.MaxTop);
    }
}

public sealed class GetTurnoverHandler(AppDbContext db, CurrentUser current, IOptions<IndicatorOptions> options)
    : IQueryHandler<GetTurnover, Result<TurnoverTable>>
{
    public async ValueTask<Result<TurnoverTable>> Handle(GetTurnover query, CancellationToken cancellationToken) =>
        await IndicatorScope.ReadAsync(current, db, query.Institution, scope => AnswerAsync(query, scope, cancellationToken), cancellationToken);

    private async Task<Result<TurnoverTable>> AnswerAsync(GetTurnover query, IndicatorScope scope, CancellationToken cancellationToken)
    {
        var categories = CategoryFilter.From(query.Categories, options.Value.DefaultTransformationCategories);
        var groups = await IndicatorQueries.InstitutionYearsAsync(db, query.Year - 1, query.Year, categories, scope.InstitutionId, cancellationToken);
        var ranked = groups.GroupBy(g => g.InstitutionId)
            .Select(g => (Id: g.Key, Previous: g.FirstOrDefault(x => x.Year == query.Year - 1), Current: g.FirstOrDefault(x => x.Year == query.Year)))
            .Where(x => x.Current is not null)
            .OrderByDescending(x => x.Current!.Amount).ThenByDescending(x => x.Current!.Projects).ThenBy(x => x.Id)
            .Take(query.Top)
            .ToList();
        var names = await IndicatorQueries.NamesAsync(db, ranked.Select(x => x.Id), cancellationToken);
        var rows = ranked.Select((x, i) => new TurnoverRow(i + 1, names[x.Id], x.Previous?.Projects ?? 0, x.Previous?.Amount ?? 0,
            x.Current!.Projects, x.Current.Amount)).ToList();
        return new TurnoverTable(query.Year, query.Year - 1, query.Top, [.. categories.Categories.Select(c => c.ToString())], rows);
    }

    public static async Task<Results<Ok<TurnoverTable>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Endpoint(
        int year, int? top, string? categories, Guid? institution, string? format, HttpContext http, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetTurnover(year, top ?? 10, categories, institution, format), ct)).Respond(format, http);
}

using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Trials;

public sealed record TrialStateCount(TrialState State, int Count);

public sealed record TrialCauseCount(TrialFailureCause Cause, int Count);

/// <summary>One institution's or field's trials: concluded = converted + returned + failed; the rate is converted / concluded.</summary>
/// <summary>One institution's or field's trials: counts by state, conversion rate, days to conversion and causes of failure.</summary>
public sealed record TrialGroup(
    string Key, string Name, int Total, int Running, int Converted, int Returned, int Failed, int Concluded, double? ConversionRate,
    double? AverageDaysToConversion, IReadOnlyList<TrialCauseCount> FailureCauses);

public sealed record TrialSummaryView(
    int Total, IReadOnlyList<TrialStateCount> ByState, int Concluded, int Converted, double? ConversionRate,
    double? AverageDaysToConversion, IReadOnlyList<TrialCauseCount> FailureCauses, IReadOnlyList<TrialGroup> ByInstitution, IReadOnlyList<TrialGroup> ByField);

/// <summary>
/// The bureau's view of use-before-transfer: trials by state; conversion rate (converted over concluded, so running
/// trials neither help nor hurt it); days from the trial's start to its conversion; causes of failure; the same
/// by institution (the seller) and by the achievement's field. Optionally only trials started in one year.
/// </summary>
public sealed record GetTrialSummary(int? Year) : IQuery<Result<TrialSummaryView>>;

public sealed class GetTrialSummaryValidator : AbstractValidator<GetTrialSummary>
{
    public GetTrialSummaryValidator() => RuleFor(x => x.Year).InclusiveBetween(2000, 2100);
}

public sealed class GetTrialSummaryHandler(AppDbContext db) : IQueryHandler<GetTrialSummary, Result<TrialSummaryView>>
{
    public async ValueTask<Result<TrialSummaryView>> Handle(GetTrialSummary query, CancellationToken cancellationToken)
    {
        var trials = db.Trials.AsNoTracking();
        if (query.Year is { } year)
        {
            trials = trials.Where(t => t.StartsOn >= new DateOnly(year, 1, 1) && t.StartsOn <= new DateOnly(year, 12, 31));
        }

        // Trials are few (one per brokered deal at most): summed in memory after one read.
        var rows = await trials.Select(t => new Row(
            t.State, t.FailureCause, t.StartsOn, t.ConcludedOn, t.SellerOrganisationId,
            db.Organisations.Where(o => o.Id == t.SellerOrganisationId).Select(o => o.NameZh).First(),
            db.Achievements.Where(a => a.Id == t.AchievementId).Select(a => (TechnicalField?)a.Field).FirstOrDefault()))
            .ToListAsync(cancellationToken);

        return new TrialSummaryView(
            rows.Count,
            [.. Enum.GetValues<TrialState>().Select(s => new TrialStateCount(s, rows.Count(r => r.State == s)))],
            rows.Count(r => r.State != TrialState.Running), rows.Count(r => r.State == TrialState.Converted), Rate(rows), DaysToConversion(rows), Causes(rows),
            Groups(rows.GroupBy(r => (Key: r.SellerId.ToString(), Name: r.SellerName))),
            Groups(rows.GroupBy(r => (Key: r.Field?.ToString() ?? "", Name: r.Field?.ToString() ?? ""))));
    }

    private static double? Rate(IReadOnlyCollection<Row> rows)
    {
        var concluded = rows.Count(r => r.State != TrialState.Running);
        return concluded == 0 ? null : Math.Round((double)rows.Count(r => r.State == TrialState.Converted) / concluded, 4);
    }

    /// <summary>Mean days from the start to the recorded conversion, over converted trials.</summary>
    private static double? DaysToConversion(IEnumerable<Row> rows)
    {
        var days = rows.Where(r => r.State == TrialState.Converted && r.ConcludedOn is not null)
            .Select(r => (double)(r.ConcludedOn!.Value.DayNumber - r.StartsOn.DayNumber)).ToList();
        return days.Count == 0 ? null : Math.Round(days.Average(), 1);
    }

    private static List<TrialCauseCount> Causes(IEnumerable<Row> rows) =>
        [.. rows.Where(r => r.FailureCause is not null).GroupBy(r => r.FailureCause!.Value).Select(g => new TrialCauseCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Cause)];

    private static List<TrialGroup> Groups(IEnumerable<IGrouping<(string Key, string Name), Row>> groups) =>
        [.. groups.Select(g => new TrialGroup(g.Key.Key, g.Key.Name, g.Count(), g.Count(r => r.State == TrialState.Running),
                g.Count(r => r.State == TrialState.Converted), g.Count(r => r.State == TrialState.Returned), g.Count(r => r.State == TrialState.Failed),
                g.Count(r => r.State != TrialState.Running), Rate([.. g]), DaysToConversion(g), Causes(g)))
            .OrderByDescending(g => g.Total).ThenBy(g => g.Name, StringComparer.Ordinal)];

    private sealed record Row(TrialState State, TrialFailureCause? FailureCause, DateOnly StartsOn, DateOnly? ConcludedOn, Guid SellerId, string SellerName, TechnicalField? Field);

    public static async Task<Results<Ok<TrialSummaryView>, ValidationProblem, ProblemHttpResult>> Endpoint(int? year, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetTrialSummary(year), ct)).ToOk();
}

using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Incentives;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Targets;

/// <summary>Cumulative figures to the end of a month: the year's (null for months still ahead) and the baseline year's.</summary>
public sealed record TargetMonth(int Month, LocalRate? Actual, LocalRate Baseline);

/// <summary>
/// Figures and forecast as docs/programmes.md defines them: the localization indicator's contracts (sold by the institution,
/// default transformation categories, duplicates left out), by the month of the date that gives the contract its year.
/// </summary>
public static class TargetProgress
{
    /// <summary>The paper's year: the demo carries its contracts, so an institution's 2023 is the baseline its targets are read against.</summary>
    public const int PaperBaselineYear = 2023;

    /// <summary>
    /// The share of the year that has passed: 1 for a past year, days elapsed (today included) over the year's days for the
    /// current one, 0 for a year still ahead (no forecast).
    /// </summary>
    public static decimal ElapsedShare(int year, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return year < today.Year ? 1m : year > today.Year ? 0m : (decimal)today.DayOfYear / (DateTime.IsLeapYear(year) ? 366 : 365);
    }

    /// <summary>Run rate to year end: the year-to-date counts and amounts divided by the elapsed share; the rates stay the year-to-date ones.</summary>
    public static LocalRate? Forecast(LocalRate actual, decimal elapsed) =>
        elapsed <= 0 ? null : LocalRate.Of(
            Math.Round(actual.Contracts / elapsed, 2, MidpointRounding.AwayFromZero), Math.Round(actual.LocalContracts / elapsed, 2, MidpointRounding.AwayFromZero),
            Math.Round(actual.Amount / elapsed, 2, MidpointRounding.AwayFromZero), Math.Round(actual.LocalAmount / elapsed, 2, MidpointRounding.AwayFromZero));

    /// <summary>Cumulative figures at the end of each month 1-12 of the year, two grouped statements (all and local contracts).</summary>
    public static async Task<LocalRate[]> MonthlyAsync(AppDbContext db, IndicatorOptions options, Guid institution, int year, CancellationToken ct)
    {
        var contracts = CategoryFilter.From(null, options.DefaultTransformationCategories).Apply(db.CountedContracts)
            .Where(c => c.SellerOrganisationId == institution && c.Year == year);
        var all = await IndicatorQueries.CountAndSumAsync(db, contracts, c => (c.RegisteredOn ?? c.SignedOn).Month, ct);
        var local = await IndicatorQueries.CountAndSumAsync(db, contracts.Where(c => c.IsLocal), c => (c.RegisteredOn ?? c.SignedOn).Month, ct);
        var months = new LocalRate[12];
        var (count, localCount, amount, localAmount) = (0, 0, 0m, 0m);
        for (var m = 1; m <= 12; m++)
        {
            var (c, a) = all.GetValueOrDefault(m);
            var (lc, la) = local.GetValueOrDefault(m);
            (count, localCount, amount, localAmount) = (count + c, localCount + lc, amount + a, localAmount + la);
            months[m - 1] = LocalRate.Of(count, localCount, amount, localAmount);
        }

        return months;
    }

    public static InstitutionTargetView View(InstitutionTarget t) => new(t.InstitutionId, t.Year, t.LocalContracts, t.LocalAmount, t.LocalRatePct, t.Version);

    public static Task<InstitutionTargetView?> TargetAsync(AppDbContext db, Guid institution, int year, CancellationToken ct) =>
        db.InstitutionTargets.AsNoTracking().Where(t => t.InstitutionId == institution && t.Year == year)
            .Select(t => new InstitutionTargetView(t.InstitutionId, t.Year, t.LocalContracts, t.LocalAmount, t.LocalRatePct, t.Version))
            .FirstOrDefaultAsync(ct);
}

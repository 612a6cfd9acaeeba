using FluentValidation;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>An indicator query: JSON or a CSV/XLSX download (<see cref="IndicatorExport"/>).</summary>
public interface IIndicatorQuery
{
    string? Format { get; }
}

/// <summary>An indicator of one year.</summary>
public interface IYearlyIndicator : IIndicatorQuery
{
    int Year { get; }
}

/// <summary>An indicator over contracts, narrowed to transformation categories (<see cref="CategoryFilter"/>).</summary>
public interface ICategorisedIndicator : IIndicatorQuery
{
    string? Categories { get; }
}

/// <summary>
/// The rules every indicator query shares, by what it carries: a known export format, a known year, known
/// categories. Each query's validator derives from it and adds its own.
/// </summary>
public abstract class IndicatorQueryValidator<T> : AbstractValidator<T>
    where T : IIndicatorQuery
{
    protected IndicatorQueryValidator(IndicatorOptions options, TimeProvider clock)
    {
        RuleFor(x => x.Format).KnownFormat();
        When(x => x is IYearlyIndicator, () => RuleFor(x => ((IYearlyIndicator)x).Year).KnownYear(options, clock).OverridePropertyName("Year"));
        When(x => x is ICategorisedIndicator, () => RuleFor(x => ((ICategorisedIndicator)x).Categories).KnownCategories().OverridePropertyName("Categories"));
    }
}

/// <summary>Rules every indicator query shares: a known year, known categories, a known export format.</summary>
public static class IndicatorRules
{
    public static readonly string[] Formats = ["json", "csv", "xlsx"];

    public static IRuleBuilderOptions<T, int> KnownYear<T>(this IRuleBuilder<T, int> rule, IndicatorOptions options, TimeProvider clock) =>
        rule.InclusiveBetween(options.EarliestYear, clock.GetUtcNow().Year)
            .WithMessage(_ => ValidationText.Format("The year must lie between {0} and {1}.", options.EarliestYear, clock.GetUtcNow().Year));

    public static IRuleBuilderOptions<T, string?> KnownCategories<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(csv => !CategoryFilter.Unknown(csv).Any())
            .WithMessage(_ => ValidationText.Format("Unknown category. Known: {0}.", string.Join(", ", CategoryFilter.Names.Keys.Where(k => k != "license"))));

    public static IRuleBuilderOptions<T, string?> KnownFormat<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(f => f is null || Formats.Contains(f, StringComparer.OrdinalIgnoreCase))
            .WithMessage("The format must be json, csv or xlsx.");

    /// <summary>part / whole in percent, rounded to 4 decimals; zero when the whole is zero (never a division error).</summary>
    public static decimal Percent(decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(part / whole * 100m, 4);

    /// <summary>An average rounded to the cent; zero for no items.</summary>
    public static decimal Average(decimal amount, int count) => count == 0 ? 0 : Math.Round(amount / count, 2);

    /// <summary>Rate of change in percent; null when the base is zero.</summary>
    public static decimal? Increase(decimal current, decimal previous) =>
        previous == 0 ? null : Math.Round((current - previous) / previous * 100m, 4);
}

using FluentValidation;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;

namespace TechTransfer.Match.Web.Features.Needs;

public sealed record NeedIndicatorInput(string Name, string Target, string? Unit);

/// <summary>The fields an enterprise member writes; the body of create and update.</summary>
public sealed record NeedInput(
    string Title,
    string? Background,
    IReadOnlyList<NeedIndicatorInput>? Indicators,
    string? Scenario,
    decimal? BudgetMin,
    decimal? BudgetMax,
    CooperationMode CooperationMode,
    DateOnly? Deadline,
    TechnicalField Field,
    int? RequiredTrl,
    Visibility Visibility,
    string? Language);

public sealed class NeedInputValidator : AbstractValidator<NeedInput>
{
    public NeedInputValidator(TimeProvider clock)
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Background).MaximumLength(4000);
        RuleFor(x => x.Scenario).MaximumLength(4000);
        RuleFor(x => x.Indicators).Must(i => i is null || i.Count <= 20).WithMessage("At most 20 indicators.");
        RuleForEach(x => x.Indicators).NotNull().ChildRules(i =>
        {
            i.RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
            i.RuleFor(x => x.Target).NotEmpty().MaximumLength(100);
            i.RuleFor(x => x.Unit).MaximumLength(30);
        });
        RuleFor(x => x.BudgetMin).GreaterThanOrEqualTo(0).LessThan(1e12m);
        RuleFor(x => x.BudgetMax).GreaterThanOrEqualTo(0).LessThan(1e12m);
        RuleFor(x => x.BudgetMax).GreaterThanOrEqualTo(x => x.BudgetMin).When(x => x.BudgetMin is not null && x.BudgetMax is not null)
            .WithMessage("The highest budget must not be below the lowest.");
        RuleFor(x => x.CooperationMode).IsInEnum();
        RuleFor(x => x.Deadline).Must(d => d is null || d.Value > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .WithMessage("The deadline must be in the future.");
        RuleFor(x => x.Field).IsInEnum();
        RuleFor(x => x.RequiredTrl).InclusiveBetween(1, 9);
        RuleFor(x => x.Visibility).IsInEnum();
        RuleFor(x => x.Language).Must(l => l is null or "zh" or "en").WithMessage("Language is zh or en.");
    }
}

public sealed record NeedView(
    Guid Id,
    string Title,
    string Background,
    IReadOnlyList<NeedIndicatorInput> Indicators,
    string Scenario,
    decimal? BudgetMin,
    decimal? BudgetMax,
    CooperationMode CooperationMode,
    DateOnly? Deadline,
    TechnicalField Field,
    int? RequiredTrl,
    string? RequiredMaturityStage,
    Visibility Visibility,
    string Language,
    ListingStatus Status,
    DateTime? PublishedAt,
    DateTime UpdatedAt,
    ListingOwner? Organisation,
    bool DetailsHidden,
    long Version)
{
    /// <summary>After-consent needs hide the firm's identity and budget from outsiders.</summary>
    public static NeedView From(Need n, Organisation? owner, bool full)
    {
        var hide = !full && n.Visibility == Visibility.AfterConsent;
        return new NeedView(
            n.Id, n.Title, n.Background, n.Indicators.Select(i => new NeedIndicatorInput(i.Name, i.Target, i.Unit)).ToList(), n.Scenario,
            hide ? null : n.BudgetMin, hide ? null : n.BudgetMax, n.CooperationMode, n.Deadline, n.Field, n.RequiredTrl,
            n.RequiredTrl is { } trl ? Maturity.StageOf(trl) : null,
            n.Visibility, n.Language, n.Status, n.PublishedAt, n.UpdatedAt,
            hide || owner is null ? null : new ListingOwner(owner.Id, owner.NameZh, owner.NameEn, owner.Kind, owner.RegionCode, owner.RegionName),
            hide, n.Version);
    }
}

internal static class NeedMapping
{
    public static void Apply(this Need n, NeedInput input)
    {
        n.Title = input.Title.Trim();
        n.Background = input.Background?.Trim() ?? "";
        n.Indicators = input.Indicators?.Select(i => new NeedIndicator { Name = i.Name.Trim(), Target = i.Target.Trim(), Unit = i.Unit?.Trim() }).ToList() ?? [];
        n.Scenario = input.Scenario?.Trim() ?? "";
        n.BudgetMin = input.BudgetMin;
        n.BudgetMax = input.BudgetMax;
        n.CooperationMode = input.CooperationMode;
        n.Deadline = input.Deadline;
        n.Field = input.Field;
        n.RequiredTrl = input.RequiredTrl;
        n.Visibility = input.Visibility;
        n.Language = input.Language ?? LanguageGuess.Of(input.Title + input.Background);
    }

    public static IReadOnlyList<QualityWarning> QualityWarnings(this Need n)
    {
        var warnings = new List<QualityWarning>();
        if (n.Indicators.Count == 0)
        {
            warnings.Add(new("no_indicators", "indicators", "No quantified technical indicators: suppliers cannot tell whether they can meet the need."));
        }

        if (n.RequiredTrl is null)
        {
            warnings.Add(new("no_maturity", "requiredTrl", "No required maturity: say whether a lab result or a proven product is wanted."));
        }

        if (n.Background.Length < QualityThresholds.MinSummaryChars(n.Language))
        {
            warnings.Add(new("summary_too_short", "background", "The background is too short to understand the problem."));
        }

        if (n.BudgetMin is null && n.BudgetMax is null)
        {
            warnings.Add(new("no_budget", "budgetMax", "No budget: suppliers cannot judge whether the cooperation is viable."));
        }

        return warnings;
    }
}

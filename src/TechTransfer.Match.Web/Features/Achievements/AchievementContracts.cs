using FluentValidation;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;

namespace TechTransfer.Match.Web.Features.Achievements;

/// <summary>The fields a member writes; the body of create and update.</summary>
public sealed record AchievementInput(
    string Title,
    string? Summary,
    string? ProblemSolved,
    string? Advantages,
    IReadOnlyList<string>? Keywords,
    TechnicalField Field,
    int? Trl,
    IpType IpType,
    IpStatus IpStatus,
    string? IpNumber,
    IReadOnlyList<TransferModes>? TransferModes,
    int? TrialPeriodMonths,
    decimal? PriceMin,
    decimal? PriceMax,
    Visibility Visibility,
    string? Language);

public sealed class AchievementInputValidator : AbstractValidator<AchievementInput>
{
    public AchievementInputValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Summary).MaximumLength(4000);
        RuleFor(x => x.ProblemSolved).MaximumLength(4000);
        RuleFor(x => x.Advantages).MaximumLength(4000);
        RuleFor(x => x.Keywords).Must(k => k is null || k.Count <= 12).WithMessage("At most 12 keywords.");
        RuleForEach(x => x.Keywords).NotEmpty().MaximumLength(40);
        RuleFor(x => x.Field).IsInEnum();
        RuleFor(x => x.Trl).InclusiveBetween(1, 9);
        RuleFor(x => x.IpType).IsInEnum();
        RuleFor(x => x.IpStatus).IsInEnum();
        RuleFor(x => x.IpNumber).MaximumLength(64);
        RuleForEach(x => x.TransferModes).IsInEnum().NotEqual(Domain.TransferModes.None);
        RuleFor(x => x.TrialPeriodMonths).NotNull().InclusiveBetween(1, 60)
            .When(x => x.TransferModes?.Contains(Domain.TransferModes.UseBeforeTransfer) == true)
            .WithMessage("Use-before-transfer needs a trial period of 1-60 months.");
        RuleFor(x => x.TrialPeriodMonths).Null()
            .When(x => x.TransferModes?.Contains(Domain.TransferModes.UseBeforeTransfer) != true)
            .WithMessage("A trial period only applies to use-before-transfer.");
        RuleFor(x => x.PriceMin).GreaterThanOrEqualTo(0).LessThan(1e12m);
        RuleFor(x => x.PriceMax).GreaterThanOrEqualTo(0).LessThan(1e12m);
        RuleFor(x => x.PriceMax).GreaterThanOrEqualTo(x => x.PriceMin).When(x => x.PriceMin is not null && x.PriceMax is not null)
            .WithMessage("The highest price must not be below the lowest.");
        RuleFor(x => x.Visibility).IsInEnum();
        RuleFor(x => x.Language).Must(l => l is null or "zh" or "en").WithMessage("Language is zh or en.");
    }
}

public sealed record AchievementView(
    Guid Id,
    string Title,
    string Summary,
    string ProblemSolved,
    string Advantages,
    IReadOnlyList<string> Keywords,
    TechnicalField Field,
    int? Trl,
    string? MaturityStage,
    IpType IpType,
    IpStatus IpStatus,
    string? IpNumber,
    IReadOnlyList<TransferModes> TransferModes,
    int? TrialPeriodMonths,
    decimal? PriceMin,
    decimal? PriceMax,
    Visibility Visibility,
    string Language,
    ListingStatus Status,
    DateTime? PublishedAt,
    DateTime UpdatedAt,
    ListingOwner? Organisation,
    bool DetailsHidden,
    long Version)
{
    /// <summary>Builds the view a given reader may see: after-consent listings hide owner, IP number and price from outsiders.</summary>
    public static AchievementView From(Achievement a, Organisation? owner, bool full)
    {
        var hide = !full && a.Visibility == Visibility.AfterConsent;
        return new AchievementView(
            a.Id, a.Title, a.Summary, a.ProblemSolved, a.Advantages, a.Keywords, a.Field, a.Trl,
            a.Trl is { } trl ? Maturity.StageOf(trl) : null,
            a.IpType, a.IpStatus, hide ? null : a.IpNumber,
            TransferModeList.From(a.TransferModes), a.TrialPeriodMonths,
            hide ? null : a.PriceMin, hide ? null : a.PriceMax,
            a.Visibility, a.Language, a.Status, a.PublishedAt, a.UpdatedAt,
            hide || owner is null ? null : new ListingOwner(owner.Id, owner.NameZh, owner.NameEn, owner.Kind, owner.RegionCode, owner.RegionName),
            hide, a.Version);
    }
}

public static class TransferModeList
{
    public static IReadOnlyList<TransferModes> From(TransferModes flags) =>
        Enum.GetValues<TransferModes>().Where(m => m != TransferModes.None && flags.HasFlag(m)).ToList();

    public static TransferModes ToFlags(IReadOnlyList<TransferModes>? modes) =>
        modes?.Aggregate(TransferModes.None, (all, m) => all | m) ?? TransferModes.None;
}

internal static class AchievementMapping
{
    public static void Apply(this Achievement a, AchievementInput input)
    {
        a.Title = input.Title.Trim();
        a.Summary = input.Summary?.Trim() ?? "";
        a.ProblemSolved = input.ProblemSolved?.Trim() ?? "";
        a.Advantages = input.Advantages?.Trim() ?? "";
        a.Keywords = input.Keywords?.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList() ?? [];
        a.Field = input.Field;
        a.Trl = input.Trl;
        a.IpType = input.IpType;
        a.IpStatus = input.IpStatus;
        a.IpNumber = string.IsNullOrWhiteSpace(input.IpNumber) ? null : input.IpNumber.Trim();
        a.TransferModes = TransferModeList.ToFlags(input.TransferModes);
        a.TrialPeriodMonths = input.TrialPeriodMonths;
        a.PriceMin = input.PriceMin;
        a.PriceMax = input.PriceMax;
        a.Visibility = input.Visibility;
        a.Language = input.Language ?? LanguageGuess.Of(input.Title + input.Summary);
    }

    public static IReadOnlyList<QualityWarning> QualityWarnings(this Achievement a)
    {
        var warnings = new List<QualityWarning>();
        if (string.IsNullOrWhiteSpace(a.Advantages))
        {
            warnings.Add(new("no_advantages", "advantages", "No advantages over existing solutions: buyers ask first what is better than what they have."));
        }

        if (a.Trl is null)
        {
            warnings.Add(new("no_maturity", "trl", "No maturity (TRL): buyers cannot judge how far the technology is from use."));
        }

        if (a.Summary.Length < QualityThresholds.MinSummaryChars(a.Language))
        {
            warnings.Add(new("summary_too_short", "summary", "The summary is too short to judge the technology."));
        }

        if (a.Keywords.Count == 0)
        {
            warnings.Add(new("no_keywords", "keywords", "No keywords: they weigh heavily in matching."));
        }

        return warnings;
    }
}

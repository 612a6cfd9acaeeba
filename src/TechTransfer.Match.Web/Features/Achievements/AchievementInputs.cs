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

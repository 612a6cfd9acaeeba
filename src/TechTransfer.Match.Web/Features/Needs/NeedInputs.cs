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

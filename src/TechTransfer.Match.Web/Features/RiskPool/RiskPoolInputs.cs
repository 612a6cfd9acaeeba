using FluentValidation;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.RiskPool;

/// <summary>
/// What the bureau states for a scheme: eligibility (local buyers only, fields, the largest trial price), the amount
/// rule (ratio of the trial's price, caps per case, per claiming organisation, per year) and the pool's budget, in yuan.
/// Every property is required; <see cref="Fields"/> empty covers every field.
/// </summary>
public record RiskSchemeInput(
    string Name, string? Description, bool LocalBuyersOnly, IReadOnlyList<TechnicalField> Fields, decimal MaxAmount, decimal Ratio,
    decimal CapPerCase, decimal CapPerInstitution, decimal CapPerYear, decimal Budget);

/// <summary>A revision: the whole scheme again, with the version read.</summary>
public sealed record ReviseRiskSchemeBody(
    string Name, string? Description, bool LocalBuyersOnly, IReadOnlyList<TechnicalField> Fields, decimal MaxAmount, decimal Ratio,
    decimal CapPerCase, decimal CapPerInstitution, decimal CapPerYear, decimal Budget, long Version)
    : RiskSchemeInput(Name, Description, LocalBuyersOnly, Fields, MaxAmount, Ratio, CapPerCase, CapPerInstitution, CapPerYear, Budget);

public sealed class RiskSchemeInputValidator : AbstractValidator<RiskSchemeInput>
{
    /// <summary>A trillion yuan: beyond any budget, and the fen still fit a 64-bit integer.</summary>
    public const decimal MaxYuan = 1_000_000_000_000m;

    public RiskSchemeInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(2000);
        RuleForEach(x => x.Fields).IsInEnum();
        RuleFor(x => x.Fields).Must(f => f.Distinct().Count() == f.Count).WithMessage("A field is named twice.");
        RuleFor(x => x.Ratio).GreaterThan(0).LessThanOrEqualTo(1).WithMessage("The compensation ratio lies above 0 and at most 1.")
            .PrecisionScale(5, 4, true).WithMessage("The compensation ratio has at most four decimals.");
        RuleFor(x => x.MaxAmount).Must(Positive).WithMessage("An amount is above zero, in yuan and fen.");
        RuleFor(x => x.CapPerCase).Must(Positive).WithMessage("An amount is above zero, in yuan and fen.");
        RuleFor(x => x.CapPerInstitution).Must(Positive).WithMessage("An amount is above zero, in yuan and fen.");
        RuleFor(x => x.CapPerYear).Must(Positive).WithMessage("An amount is above zero, in yuan and fen.");
        RuleFor(x => x.Budget).Must(Positive).WithMessage("An amount is above zero, in yuan and fen.");
    }

    /// <summary>Above zero, below <see cref="MaxYuan"/>, and in whole fen (the pool counts fen).</summary>
    public static bool Positive(decimal amount) => amount > 0 && amount < MaxYuan && decimal.Round(amount, 2) == amount;
}

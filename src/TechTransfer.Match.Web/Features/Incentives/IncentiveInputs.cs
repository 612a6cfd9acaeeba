using System.Text.Json;
using FluentValidation;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Indicators;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>The shape rules of a scheme's rules; the same for a new scheme and a revision.</summary>
public sealed class IncentiveRulesValidator : AbstractValidator<IncentiveRules>
{
    /// <summary>More tiers than this is a schedule, not a scheme; the simulation sums one column per tier.</summary>
    public const int MaxTiers = 5;

    public IncentiveRulesValidator()
    {
        RuleFor(x => x.Beneficiary).IsInEnum();
        RuleFor(x => x.Mode).IsInEnum();
        RuleFor(x => x.Basis).IsInEnum();
        RuleForEach(x => x.Fields).IsInEnum();
        RuleFor(x => x.Categories == null ? null : string.Join(",", x.Categories)).KnownCategories().OverridePropertyName("Categories");
        RuleFor(x => x.MinAmount).GreaterThanOrEqualTo(0).WithMessage("An amount must not be negative.");
        RuleFor(x => x.MaxAmount).GreaterThanOrEqualTo(0).WithMessage("An amount must not be negative.")
            .GreaterThanOrEqualTo(x => x.MinAmount).When(x => x.MinAmount is not null).WithMessage("The upper amount must not be below the lower amount.");
        RuleFor(x => x.CapPerBeneficiary).GreaterThanOrEqualTo(0).WithMessage("A cap must not be negative.");
        RuleFor(x => x.TotalCap).GreaterThanOrEqualTo(0).WithMessage("A cap must not be negative.");
        RuleFor(x => x.AssumedSwitchSharePct).InclusiveBetween(0, 100).WithMessage("A ratio must lie between 0 and 100 %.");

        When(x => x.Mode == IncentiveAmountMode.Percentage, () =>
            RuleFor(x => x.RatePct).NotNull().WithMessage("Give the percentage.").InclusiveBetween(0, 100).WithMessage("A ratio must lie between 0 and 100 %."));
        When(x => x.Mode == IncentiveAmountMode.FixedPerContract, () =>
            RuleFor(x => x.FixedAmount).NotNull().WithMessage("Give the amount per contract.").GreaterThanOrEqualTo(0).WithMessage("An amount must not be negative."));
        When(x => x.Mode == IncentiveAmountMode.Tiered, () =>
        {
            RuleFor(x => x.Tiers).NotEmpty().WithMessage("Give at least one tier.")
                .Must(t => t!.Count <= MaxTiers).WithMessage(_ => ValidationText.Format("Give at most {0} tiers.", MaxTiers))
                .Must(NotOverlap).WithMessage("Tiers must be in ascending order and must not overlap; only the last may be open.");
            RuleForEach(x => x.Tiers).ChildRules(tier =>
            {
                tier.RuleFor(t => t.FromAmount).GreaterThanOrEqualTo(0).WithMessage("An amount must not be negative.");
                tier.RuleFor(t => t.ToAmount).GreaterThan(t => t.FromAmount).When(t => t.ToAmount is not null)
                    .WithMessage("A tier must end above where it starts.");
                tier.RuleFor(t => t.RatePct).InclusiveBetween(0, 100).WithMessage("A ratio must lie between 0 and 100 %.");
            });
        });
    }

    /// <summary>Each tier starts at or after the previous one's end, and only the last is open-ended.</summary>
    private static bool NotOverlap(IReadOnlyList<IncentiveTier>? tiers)
    {
        for (var i = 1; i < (tiers?.Count ?? 0); i++)
        {
            if (tiers![i - 1].ToAmount is not { } end || tiers[i].FromAmount < end)
            {
                return false;
            }
        }

        return true;
    }
}

public static class IncentiveJson
{
    // Enums by name, like the API and the database: a stored revision stays readable when members are reordered.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static string Write(IncentiveRules rules) => JsonSerializer.Serialize(rules, Options);

    public static IncentiveRules Read(string json) =>
        JsonSerializer.Deserialize<IncentiveRules>(json, Options) ?? throw new InvalidOperationException("A stored scheme revision has no rules.");

    /// <summary>The rules' fields (JSON names) whose values differ, each as [old, new]: the audit's summary of a revision.</summary>
    public static Dictionary<string, object?[]> Changes(IncentiveRules? before, IncentiveRules after)
    {
        var old = before is null ? new Dictionary<string, JsonElement>() : JsonSerializer.SerializeToElement(before, Options).EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        return JsonSerializer.SerializeToElement(after, Options).EnumerateObject()
            .Where(p => !old.TryGetValue(p.Name, out var was) || was.GetRawText() != p.Value.GetRawText())
            .ToDictionary(p => p.Name, p => new object?[] { old.TryGetValue(p.Name, out var was) ? was : null, p.Value });
    }
}

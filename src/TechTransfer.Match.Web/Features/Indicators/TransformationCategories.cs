using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>
/// Transformation categories (转化方式) of the national annual report. A contract's category is
/// equity investment when its transformation mode says so, otherwise its registration category
/// (both development categories count as development).
/// </summary>
public enum TransformationCategory
{
    Transfer,
    Licence,
    EquityInvestment,
    Development,
    Consulting,
    Service,
}

/// <summary>Which contracts count as transformation projects for one request.</summary>
public sealed class CategoryFilter
{
    public static readonly IReadOnlyDictionary<string, TransformationCategory> Names =
        new Dictionary<string, TransformationCategory>(StringComparer.OrdinalIgnoreCase)
        {
            ["transfer"] = TransformationCategory.Transfer,
            ["licence"] = TransformationCategory.Licence,
            ["license"] = TransformationCategory.Licence,
            ["equity-investment"] = TransformationCategory.EquityInvestment,
            ["development"] = TransformationCategory.Development,
            ["consulting"] = TransformationCategory.Consulting,
            ["service"] = TransformationCategory.Service,
        };

    private CategoryFilter(IReadOnlySet<TransformationCategory> categories) => Categories = categories;

    public IReadOnlySet<TransformationCategory> Categories { get; }

    public bool IsAll => Categories.Count == Enum.GetValues<TransformationCategory>().Length;

    /// <summary>Names not in <see cref="Names"/>; empty when the list is valid.</summary>
    public static IEnumerable<string> Unknown(string? csv) => Split(csv).Where(n => !Names.ContainsKey(n));

    public static CategoryFilter From(string? csv, IEnumerable<string> defaults)
    {
        var names = Split(csv).ToList();
        if (names.Count == 0)
        {
            names = defaults.ToList();
        }

        return new CategoryFilter(names.Where(Names.ContainsKey).Select(n => Names[n]).ToHashSet());
    }

    private static IEnumerable<string> Split(string? csv) =>
        (csv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Narrows contracts to the categories; a no-op (no SQL) when all six are chosen.</summary>
    public IQueryable<TechnologyContract> Apply(IQueryable<TechnologyContract> contracts)
    {
        if (IsAll)
        {
            return contracts;
        }

        var registration = new List<ContractCategory>();
        foreach (var c in Categories)
        {
            registration.AddRange(c switch
            {
                TransformationCategory.Transfer => [ContractCategory.Transfer],
                TransformationCategory.Licence => [ContractCategory.Licence],
                TransformationCategory.Development => [ContractCategory.DevelopmentCommissioned, ContractCategory.DevelopmentCooperative],
                TransformationCategory.Consulting => [ContractCategory.Consulting],
                TransformationCategory.Service => [ContractCategory.Service],
                _ => Array.Empty<ContractCategory>(),
            });
        }

        return Categories.Contains(TransformationCategory.EquityInvestment)
            ? contracts.Where(c => c.TransformationMode == TransformationMode.EquityInvestment || registration.Contains(c.Category))
            : contracts.Where(c => c.TransformationMode != TransformationMode.EquityInvestment && registration.Contains(c.Category));
    }
}

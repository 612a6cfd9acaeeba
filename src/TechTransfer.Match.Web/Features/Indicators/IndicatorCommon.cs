using FluentValidation;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

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

/// <summary>Whose rows the reader may see: every institution's (bureau, administrators) or one institution's (its members).</summary>
public sealed record IndicatorScope(Guid? InstitutionId)
{
    public bool IsAll => InstitutionId is null;

    /// <summary>
    /// Bureau analysts and administrators see all and may narrow to one institution; an institution's
    /// members see their own institution only; everyone else is refused.
    /// </summary>
    public static async ValueTask<Result<IndicatorScope>> ResolveAsync(
        CurrentUser current, AppDbContext db, Guid? requested, CancellationToken ct, bool membersAllowed = true)
    {
        if (!current.IsAuthenticated)
        {
            return Error.Unauthorized();
        }

        if (current.IsInRole(Roles.Administrator) || current.IsInRole(Roles.BureauAnalyst))
        {
            if (requested is { } id &&
                !await db.Organisations.AsNoTracking().AnyAsync(o => o.Id == id && o.Kind == OrganisationKind.Institution, ct))
            {
                return Error.NotFound("Institution");
            }

            return new IndicatorScope(requested);
        }

        if (membersAllowed && current.IsInRole(Roles.InstitutionMember))
        {
            var (own, kind, _) = await current.OrganisationAsync(ct);
            if (own is null || kind != OrganisationKind.Institution)
            {
                return Error.Forbidden("Indicators are for the bureau and for members of an institution.");
            }

            if (requested is { } other && other != own)
            {
                return Error.Forbidden("An institution's members see their own institution's indicators only.");
            }

            return new IndicatorScope(own);
        }

        return Error.Forbidden(membersAllowed
            ? "Indicators are for the bureau and for members of an institution."
            : "This indicator is for the bureau and administrators.");
    }
}

/// <summary>Rules every indicator query shares: a known year, known categories, a known export format.</summary>
public static class IndicatorRules
{
    public static readonly string[] Formats = ["json", "csv", "xlsx"];

    public static IRuleBuilderOptions<T, int> KnownYear<T>(this IRuleBuilder<T, int> rule, IndicatorOptions options, TimeProvider clock) =>
        rule.InclusiveBetween(options.EarliestYear, clock.GetUtcNow().Year)
            .WithMessage($"The year must lie between {options.EarliestYear} and {clock.GetUtcNow().Year}.");

    public static IRuleBuilderOptions<T, string?> KnownCategories<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(csv => !CategoryFilter.Unknown(csv).Any())
            .WithMessage(x => "Unknown category. Known: " + string.Join(", ", CategoryFilter.Names.Keys.Where(k => k != "license")) + ".");

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

/// <summary>One institution's projects and amounts for one year, aggregated in the database.</summary>
public sealed record InstitutionYear(Guid InstitutionId, int Year, int Projects, int LocalProjects, decimal Amount, decimal LocalAmount);

public sealed record InstitutionRef(Guid Id, string NameZh, string NameEn);

public static class IndicatorQueries
{
    /// <summary>
    /// Contracts sold by institutions (universities and research institutes) in the years, grouped by seller
    /// and year in SQL: count, local count, amount (合同成交额) and local amount. The institutions are joined
    /// first and each one's range of the (seller, year) covering index is read. One or two years (turnover,
    /// localization, contract amounts) run one statement per year: with <c>Year = @y</c> PostgreSQL knows the
    /// year is fixed and aggregates the ranges in the order they come instead of sorting them (about a fifth
    /// less time); longer ranges (series) run one statement.
    /// </summary>
    public static async Task<List<InstitutionYear>> InstitutionYearsAsync(
        AppDbContext db, int fromYear, int toYear, CategoryFilter categories, Guid? institution, CancellationToken ct)
    {
        IQueryable<TechnologyContract> Sold(int from, int to)
        {
            var contracts = categories.Apply(db.Contracts.AsNoTracking()).Where(c => c.SellerOrganisation!.Kind == OrganisationKind.Institution);
            contracts = from == to ? contracts.Where(c => c.Year == from) : contracts.Where(c => c.Year >= from && c.Year <= to);
            return institution is { } id ? contracts.Where(c => c.SellerOrganisationId == id) : contracts;
        }

        if (toYear - fromYear > 1)
        {
            return await SellerYearsAsync(db, Sold(fromYear, toYear), ct);
        }

        var years = new List<InstitutionYear>();
        for (var year = fromYear; year <= toYear; year++)
        {
            years.AddRange(await SellerYearsAsync(db, Sold(year, year), ct));
        }

        return years;
    }

    private static async Task<List<InstitutionYear>> SellerYearsAsync(AppDbContext db, IQueryable<TechnologyContract> contracts, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // SQLite has no decimal type: EF sums decimals with a managed function called per row.
            // Whole cents as integers sum natively and exactly (see docs/indicators.md).
            var cents = await contracts
                .GroupBy(c => new { c.SellerOrganisationId, c.Year })
                .Select(g => new
                {
                    g.Key.SellerOrganisationId,
                    g.Key.Year,
                    Projects = g.Count(),
                    Local = g.Count(c => c.IsLocal),
                    Cents = g.Sum(c => (long)((double)c.TotalAmount * 100 + 0.5)),
                    LocalCents = g.Sum(c => c.IsLocal ? (long)((double)c.TotalAmount * 100 + 0.5) : 0L),
                })
                .ToListAsync(ct);
            return cents.Select(x => new InstitutionYear(x.SellerOrganisationId, x.Year, x.Projects, x.Local, x.Cents / 100m, x.LocalCents / 100m)).ToList();
        }

        return await contracts
            .GroupBy(c => new { c.SellerOrganisationId, c.Year })
            .Select(g => new InstitutionYear(
                g.Key.SellerOrganisationId,
                g.Key.Year,
                g.Count(),
                g.Count(c => c.IsLocal),
                g.Sum(c => c.TotalAmount),
                g.Sum(c => c.IsLocal ? c.TotalAmount : 0m)))
            .ToListAsync(ct);
    }

    /// <summary>Contracts and amount per key, summed in the database (whole cents on SQLite, decimals elsewhere).</summary>
    public static async Task<Dictionary<TKey, (int Count, decimal Amount)>> CountAndSumAsync<TKey>(
        AppDbContext db, IQueryable<TechnologyContract> contracts, System.Linq.Expressions.Expression<Func<TechnologyContract, TKey>> key, CancellationToken ct)
        where TKey : notnull
    {
        if (db.Database.IsSqlite())
        {
            var cents = await contracts.GroupBy(key)
                .Select(g => new { g.Key, Count = g.Count(), Cents = g.Sum(c => (long)((double)c.TotalAmount * 100 + 0.5)) })
                .ToListAsync(ct);
            return cents.ToDictionary(x => x.Key, x => (x.Count, x.Cents / 100m));
        }

        var sums = await contracts.GroupBy(key)
            .Select(g => new { g.Key, Count = g.Count(), Amount = g.Sum(c => c.TotalAmount) })
            .ToListAsync(ct);
        return sums.ToDictionary(x => x.Key, x => (x.Count, x.Amount));
    }

    public static async Task<Dictionary<Guid, InstitutionRef>> NamesAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organisations.AsNoTracking()
            .Where(o => list.Contains(o.Id))
            .Select(o => new InstitutionRef(o.Id, o.NameZh, o.NameEn))
            .ToDictionaryAsync(o => o.Id, ct);
    }
}

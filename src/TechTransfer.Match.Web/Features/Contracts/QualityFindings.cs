using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>A contract a finding names, with what the page's actions need (its version to mark it, its duplicate mark).</summary>
public sealed record QualityContract(Guid Id, string? RegistrationNumber, string ProjectName, decimal TotalAmount, DateOnly SignedOn,
    Guid? DuplicateOfContractId, long Version);

/// <summary>Who dismissed a finding, when and why.</summary>
public sealed record QualityDismissalView(Guid Id, string Reason, string? By, DateTime At);

/// <summary>
/// A data-quality finding: its kind (<c>code</c>), its identity (<c>key</c>: code and contracts, stable across requests),
/// the message in the request's language, its contracts; <c>resolved</c> when a probable duplicate has all its records
/// but one marked as duplicates; <c>dismissal</c> when the bureau dismissed it.
/// </summary>
public sealed record QualityFinding(string Code, string Key, string Message, IReadOnlyList<QualityContract> Contracts, bool Resolved, QualityDismissalView? Dismissal)
{
    public bool IsOpen => !Resolved && Dismissal is null;
}

/// <summary>
/// Computes the data-quality findings (docs/contracts.md, Data-quality page): income above total, signed after
/// registered, probable duplicates under different numbers (same parties, amount and signing date), and amounts far
/// outside their field's range (more than 20 times above or below the field's median, fields with at least 5
/// contracts). At most <see cref="Limit"/> findings of each kind; computed on every request, never stored.
/// </summary>
public static class QualityFindings
{
    public const string IncomeAboveTotal = "income_above_total";
    public const string SignedAfterRegistered = "signed_after_registered";
    public const string ProbableDuplicate = "probable_duplicate";
    public const string AmountOutlier = "amount_outlier";

    /// <summary>The kinds in the order the page shows them.</summary>
    public static readonly string[] Codes = [ProbableDuplicate, IncomeAboveTotal, SignedAfterRegistered, AmountOutlier];

    public const int Limit = 500;
    public const decimal OutlierFactor = 20m;

    /// <summary>A finding's identity: its code with a hash of its sorted contract ids (the same whatever the order given).</summary>
    public static string KeyOf(IEnumerable<Guid> contractIds)
    {
        var text = string.Join(",", contractIds.Order().Select(id => id.ToString("N")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private sealed record Raw(string Code, string Message, List<Guid> Ids);

    /// <summary>Every finding of the year (or of all years), with its contracts and its dismissal, in the page's order.</summary>
    public static async Task<(int Contracts, List<QualityFinding> Findings)> ComputeAsync(AppDbContext db, int? year, CancellationToken ct)
    {
        var contracts = db.Contracts.AsNoTracking();
        if (year is { } y)
        {
            contracts = contracts.Where(c => c.Year == y);
        }

        var total = await contracts.CountAsync(ct);
        var raw = new List<Raw>();
        var duplicateKeys = await contracts
            .GroupBy(c => new { c.SellerOrganisationId, c.BuyerOrganisationId, c.TotalAmount, c.SignedOn })
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .Take(Limit)
            .ToListAsync(ct);
        foreach (var key in duplicateKeys)
        {
            var ids = await contracts
                .Where(c => c.SellerOrganisationId == key.SellerOrganisationId && c.BuyerOrganisationId == key.BuyerOrganisationId
                    && c.TotalAmount == key.TotalAmount && c.SignedOn == key.SignedOn)
                .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
            raw.Add(new Raw(ProbableDuplicate, ValidationText.Localise("Same seller, buyer, amount and signing date under different registration numbers."), ids));
        }

        var incomeAbove = await contracts.Where(c => c.TechnologyIncome > c.TotalAmount).OrderBy(c => c.Id).Select(c => c.Id).Take(Limit).ToListAsync(ct);
        raw.AddRange(incomeAbove.Select(id => new Raw(IncomeAboveTotal, ValidationText.Localise("The technology income exceeds the total amount."), [id])));

        var signedAfter = await contracts.Where(c => c.RegisteredOn != null && c.SignedOn > c.RegisteredOn).OrderBy(c => c.Id).Select(c => c.Id).Take(Limit).ToListAsync(ct);
        raw.AddRange(signedAfter.Select(id => new Raw(SignedAfterRegistered, ValidationText.Localise("The contract was signed after it was registered."), [id])));

        var outliers = 0;
        // Medians per field: the database sorts, the application reads one value per field.
        foreach (var field in Enum.GetValues<TechnicalField>())
        {
            var inField = contracts.Where(c => c.Field == field);
            var count = await inField.CountAsync(ct);
            if (count < 5 || outliers >= Limit)
            {
                continue;
            }

            var median = await inField.OrderBy(c => c.TotalAmount).Skip(count / 2).Select(c => c.TotalAmount).FirstAsync(ct);
            if (median <= 0)
            {
                continue;
            }

            var (high, low) = (median * OutlierFactor, median / OutlierFactor);
            var found = await inField.Where(c => c.TotalAmount > high || c.TotalAmount < low).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.TotalAmount }).Take(Limit - outliers).ToListAsync(ct);
            outliers += found.Count;
            raw.AddRange(found.Select(o => new Raw(AmountOutlier, ValidationText.Format("The amount {0} yuan is far outside the {1} median of {2} yuan.",
                o.TotalAmount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
                Indicators.FieldNames.Of(field).In(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh"),
                median.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)), [o.Id])));
        }

        return (total, await DescribeAsync(db, raw, ct));
    }

    /// <summary>Adds the contracts' particulars and the dismissals, each read once for all findings.</summary>
    private static async Task<List<QualityFinding>> DescribeAsync(AppDbContext db, List<Raw> raw, CancellationToken ct)
    {
        var ids = raw.SelectMany(r => r.Ids).Distinct().ToList();
        var contracts = new Dictionary<Guid, QualityContract>();
        foreach (var chunk in ids.Chunk(1000))
        {
            var list = chunk.ToList();
            foreach (var c in await db.Contracts.AsNoTracking().Where(c => list.Contains(c.Id))
                .Select(c => new QualityContract(c.Id, c.RegistrationNumber, c.ProjectName, c.TotalAmount, c.SignedOn, c.DuplicateOfContractId, c.Version))
                .ToListAsync(ct))
            {
                contracts[c.Id] = c;
            }
        }

        var keyed = raw.Select(r => (Raw: r, Key: KeyOf(r.Ids))).ToList();
        var keys = keyed.Select(k => k.Key).Distinct().ToList();
        var dismissals = new Dictionary<(string, string), QualityDismissalView>();
        foreach (var chunk in keys.Chunk(1000))
        {
            var list = chunk.ToList();
            var rows = await db.QualityDismissals.AsNoTracking().Where(d => list.Contains(d.Key))
                .Select(d => new { d.Code, d.Key, View = new QualityDismissalView(d.Id, d.Reason, db.Users.Where(u => u.Id == d.CreatedBy).Select(u => u.DisplayName).FirstOrDefault(), d.CreatedAt) })
                .ToListAsync(ct);
            foreach (var d in rows)
            {
                dismissals[(d.Code, d.Key)] = d.View;
            }
        }

        return keyed.Select(k =>
        {
            var items = k.Raw.Ids.Where(contracts.ContainsKey).Select(id => contracts[id]).ToList();
            var resolved = k.Raw.Code == ProbableDuplicate && items.Count(c => c.DuplicateOfContractId is null) <= 1;
            return new QualityFinding(k.Raw.Code, k.Key, k.Raw.Message, items, resolved, dismissals.GetValueOrDefault((k.Raw.Code, k.Key)));
        }).ToList();
    }
}

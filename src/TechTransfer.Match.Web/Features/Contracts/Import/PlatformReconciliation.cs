using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Contracts.Import;

/// <summary>
/// Finds the platform's own record of a contract the registry file brings under a registration number the
/// platform does not know yet (docs/indicators.md, Reconciliation). A contract recorded on the platform at signing
/// has no registration number; the same seller and buyer, the same signing date and a total amount within 1 % make
/// it the same contract, and the row is written into that record instead of a second one. Rows close to platform
/// contracts but not surely the same (two sure matches, or a signing date within 31 days and an amount within 10 %)
/// are inserted and listed for a person to check.
/// </summary>
internal sealed class PlatformReconciliation(AppDbContext db)
{
    public const decimal SureShare = 0.01m;
    public const decimal NearShare = 0.10m;
    public const int NearDays = 31;
    private const int MaxListed = 10_000;

    private Dictionary<(Guid Seller, Guid Buyer), List<TechnologyContract>> _open = [];

    public List<ImportLink> Links { get; } = [];

    public List<ImportCandidate> Candidates { get; } = [];

    /// <summary>Loads (tracked) the unregistered platform and hand-entered contracts of these sellers.</summary>
    public async Task LoadAsync(IReadOnlyCollection<Guid> sellers, CancellationToken ct)
    {
        _open = sellers.Count == 0
            ? []
            : (await db.Contracts
                    .Where(c => c.RegistrationNumber == null && c.Source != ContractSource.Import && sellers.Contains(c.SellerOrganisationId))
                    .ToListAsync(ct))
                .GroupBy(c => (c.SellerOrganisationId, c.BuyerOrganisationId)).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>The platform contract the row surely is (taken out of the open ones), or null.</summary>
    public TechnologyContract? Match(ContractRow row, Guid sellerId, Guid buyerId)
    {
        if (!_open.TryGetValue((sellerId, buyerId), out var same))
        {
            return null;
        }

        var sure = same.Where(c => c.SignedOn == row.SignedOn && Within(c.TotalAmount, row.TotalAmount, SureShare)).ToList();
        if (sure.Count == 1)
        {
            same.Remove(sure[0]);
            if (Links.Count < MaxListed)
            {
                Links.Add(new ImportLink(row.Number, row.RegistrationNumber, sure[0].Id));
            }

            return sure[0];
        }

        var near = sure.Count > 1
            ? sure
            : same.Where(c => Math.Abs(c.SignedOn.DayNumber - row.SignedOn.DayNumber) <= NearDays && Within(c.TotalAmount, row.TotalAmount, NearShare)).ToList();
        if (near.Count > 0 && Candidates.Count < MaxListed)
        {
            Candidates.Add(new ImportCandidate(row.Number, row.RegistrationNumber, near.Select(c => c.Id).ToList()));
        }

        return null;
    }

    private static bool Within(decimal a, decimal b, decimal share) => Math.Abs(a - b) <= share * Math.Max(a, b);
}

using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.RiskPool;

/// <summary>The pool in yuan: balance = budget - committed (approved, not paid) - paid; never below zero.</summary>
public sealed record RiskPoolView(decimal Budget, decimal Committed, decimal Paid, decimal Balance, int Submitted, int Approved, int PaidClaims);

/// <summary>A scheme's rules; <see cref="Pool"/> only for the bureau and administrators.</summary>
public sealed record RiskSchemeView(
    Guid Id, string Name, string Description, bool LocalBuyersOnly, IReadOnlyList<TechnicalField> Fields, decimal MaxAmount, decimal Ratio,
    decimal CapPerCase, decimal CapPerInstitution, decimal CapPerYear, RiskPoolView? Pool, long Version, DateTime UpdatedAt);

/// <summary>The most the bureau may approve now, and each limit it is the least of (docs/programmes.md#risk-compensation).</summary>
public sealed record RiskClaimLimits(decimal Asked, decimal RatioOfPrice, decimal CapPerCase, decimal InstitutionLeft, decimal YearLeft, decimal Balance)
{
    public decimal Max => new[] { Asked, RatioOfPrice, CapPerCase, InstitutionLeft, YearLeft, Balance }.Min();
}

/// <summary>
/// A claim on a failed trial (<see cref="TrialId"/>, titled by its deal, priced at its agreed price, failed for the trial's
/// cause) or on a failed transfer (<see cref="ContractId"/>, titled by the contract's project, priced at its total amount,
/// failed for the cause the claimant gave).
/// </summary>
public sealed record RiskClaimView(
    Guid Id, Guid SchemeId, string SchemeName, Guid? TrialId, Guid? ContractId, string Title, DealOrganisation Claimant, DealOrganisation Seller,
    DealOrganisation Buyer, decimal Price, TrialFailureCause? FailureCause, string Evidence, decimal AmountAsked, RiskClaimState State, decimal? AmountApproved,
    string? DecisionNote, DateTime? DecidedAt, DateOnly? PaidOn, string? PaymentReference, DateTime CreatedAt, RiskClaimLimits? Limits, long Version);

internal static class RiskPoolRules
{
    public static long Fen(decimal yuan) => (long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal Yuan(long fen) => fen / 100m;

    /// <summary>What the claim's ratio applies to: the trial's agreed price, or the contract's total amount.</summary>
    public static Task<decimal> PriceAsync(AppDbContext db, RiskClaim claim, CancellationToken ct) => claim.TrialId is { } trial
        ? db.Trials.AsNoTracking().Where(t => t.Id == trial).Select(t => t.AgreedPrice).FirstAsync(ct)
        : db.Contracts.AsNoTracking().Where(c => c.Id == claim.ContractId).Select(c => c.TotalAmount).FirstAsync(ct);

    /// <summary>The scheme's share of the trial's price or contract's amount, rounded down to the fen (never more than the ratio allows).</summary>
    public static decimal RatioOfPrice(RiskScheme scheme, decimal price) => decimal.Floor(scheme.Ratio * price * 100m) / 100m;

    public static async Task<RiskSchemeView> SchemeViewAsync(AppDbContext db, RiskScheme s, bool withPool, CancellationToken ct)
    {
        RiskPoolView? pool = null;
        if (withPool)
        {
            var p = await db.RiskPools.AsNoTracking().FirstAsync(x => x.SchemeId == s.Id, ct);
            var states = await db.RiskClaims.AsNoTracking().Where(c => c.SchemeId == s.Id).GroupBy(c => c.State)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            int Count(RiskClaimState state) => states.FirstOrDefault(x => x.Key == state)?.Count ?? 0;
            pool = new RiskPoolView(Yuan(p.BudgetFen), Yuan(p.CommittedFen), Yuan(p.PaidFen), Yuan(p.BudgetFen - p.CommittedFen - p.PaidFen),
                Count(RiskClaimState.Submitted), Count(RiskClaimState.Approved), Count(RiskClaimState.Paid));
        }

        return new RiskSchemeView(s.Id, s.Name, s.Description, s.LocalBuyersOnly, s.Fields, s.MaxAmount, s.Ratio, s.CapPerCase, s.CapPerInstitution,
            s.CapPerYear, pool, s.Version, s.UpdatedAt);
    }

    /// <summary>
    /// Each limit on the amount approved for <paramref name="claim"/> in <paramref name="year"/>: the amount asked, the ratio of the
    /// trial's price (or contract's amount), the cap per case, what the claiming organisation's and the year's approvals under the scheme leave of their caps,
    /// and the pool's balance. Approvals are summed in memory: a scheme's claims are few.
    /// </summary>
    public static async Task<RiskClaimLimits> LimitsAsync(AppDbContext db, RiskScheme scheme, RiskClaim claim, decimal trialPrice, int year, CancellationToken ct)
    {
        var granted = await db.RiskClaims.AsNoTracking()
            .Where(c => c.SchemeId == scheme.Id && c.Id != claim.Id && (c.State == RiskClaimState.Approved || c.State == RiskClaimState.Paid))
            .Where(c => c.OrganisationId == claim.OrganisationId || c.DecisionYear == year)
            .Select(c => new { c.OrganisationId, c.DecisionYear, c.AmountApproved }).ToListAsync(ct);
        var pool = await db.RiskPools.AsNoTracking().FirstAsync(p => p.SchemeId == scheme.Id, ct);
        return new RiskClaimLimits(
            claim.AmountAsked, RatioOfPrice(scheme, trialPrice), scheme.CapPerCase,
            Math.Max(0, scheme.CapPerInstitution - granted.Where(g => g.OrganisationId == claim.OrganisationId).Sum(g => g.AmountApproved ?? 0)),
            Math.Max(0, scheme.CapPerYear - granted.Where(g => g.DecisionYear == year).Sum(g => g.AmountApproved ?? 0)),
            Yuan(pool.BudgetFen - pool.CommittedFen - pool.PaidFen));
    }

    /// <summary>The claims the caller may read: all for the bureau and administrators, else their organisation's own.</summary>
    public static async Task<IQueryable<RiskClaim>> VisibleAsync(AppDbContext db, CurrentUser current, CancellationToken ct)
    {
        var claims = db.RiskClaims.AsNoTracking();
        if (current.OverseesRecords)
        {
            return claims;
        }

        var mine = await current.OrganisationIdAsync(ct);
        return claims.Where(c => mine != null && c.OrganisationId == mine);
    }

    public static IQueryable<RiskClaimView> Project(AppDbContext db, IQueryable<RiskClaim> claims) =>
        // Left joins only (no correlated subqueries over the trial-or-contract choice): SQLite has no APPLY.
        from c in claims
        join s in db.RiskSchemes on c.SchemeId equals s.Id
        join t0 in db.Trials on c.TrialId equals (Guid?)t0.Id into tg
        from t in tg.DefaultIfEmpty()
        join k0 in db.Contracts on c.ContractId equals (Guid?)k0.Id into kg
        from k in kg.DefaultIfEmpty()
        join d0 in db.Deals on t!.DealId equals d0.Id into dg
        from d in dg.DefaultIfEmpty()
        join co in db.Organisations on c.OrganisationId equals co.Id
        join so in db.Organisations on t != null ? t.SellerOrganisationId : k!.SellerOrganisationId equals so.Id
        join bo in db.Organisations on t != null ? t.BuyerOrganisationId : k!.BuyerOrganisationId equals bo.Id
        select new RiskClaimView(
            c.Id, c.SchemeId, s.Name, c.TrialId, c.ContractId, t != null ? d!.Title : k!.ProjectName,
            new DealOrganisation(co.Id, co.NameZh, co.RegionCode), new DealOrganisation(so.Id, so.NameZh, so.RegionCode),
            new DealOrganisation(bo.Id, bo.NameZh, bo.RegionCode),
            t != null ? t.AgreedPrice : k!.TotalAmount, t != null ? t.FailureCause : c.ContractFailureCause, c.Evidence, c.AmountAsked, c.State,
            c.AmountApproved, c.DecisionNote, c.DecidedAt, c.PaidOn, c.PaymentReference, c.CreatedAt, null, c.Version);

    /// <summary>One claim as the caller may read it; the bureau also gets the limits of a claim waiting for its decision.</summary>
    public static async Task<RiskClaimView?> ClaimViewAsync(AppDbContext db, CurrentUser current, Guid id, TimeProvider clock, CancellationToken ct)
    {
        var view = await Project(db, (await VisibleAsync(db, current, ct)).Where(c => c.Id == id)).FirstOrDefaultAsync(ct);
        if (view is null || !current.OverseesRecords || view.State != RiskClaimState.Submitted)
        {
            return view;
        }

        var claim = await db.RiskClaims.AsNoTracking().FirstAsync(c => c.Id == id, ct);
        var scheme = await db.RiskSchemes.AsNoTracking().FirstAsync(s => s.Id == claim.SchemeId, ct);
        return view with { Limits = await LimitsAsync(db, scheme, claim, view.Price, clock.GetUtcNow().Year, ct) };
    }
}

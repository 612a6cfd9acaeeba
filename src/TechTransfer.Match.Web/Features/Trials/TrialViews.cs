using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Features.Trials;

public sealed record TrialMilestoneInput(string Title, DateOnly DueOn);

public sealed record TrialMilestoneView(Guid Id, string Title, DateOnly DueOn, DateTime? RemindedAt);

public sealed record TrialView(
    Guid Id, Guid DealId, string DealTitle, Guid? AchievementId, DealOrganisation Seller, DealOrganisation Buyer,
    DateOnly StartsOn, DateOnly EndsOn, TrialPaymentMode PaymentMode, decimal AgreedPrice, string? PaymentTerms,
    TrialState State, int Extensions, Guid? ContractId, TrialFailureCause? FailureCause, string? OutcomeNote, DateOnly? ConcludedOn,
    IReadOnlyList<TrialMilestoneView> Milestones, long Version, bool MayClaim);

/// <summary>Who acts on a trial (the deal's workers: its manager, its parties, administrators) and the trial's answer.</summary>
internal static class TrialRules
{
    /// <summary>
    /// The trial of the same deal, or of the same achievement by the same buyer, whose dates meet [starts, ends]:
    /// running or converted ones (a returned or failed trial frees the period).
    /// </summary>
    public static async Task<Error?> OverlapAsync(AppDbContext db, Guid? trialId, Guid dealId, Guid? achievementId, Guid buyerId,
        DateOnly starts, DateOnly ends, string field, CancellationToken ct)
    {
        var clash = await db.Trials.AsNoTracking()
            .Where(t => t.Id != trialId && (t.State == TrialState.Running || t.State == TrialState.Converted)
                && (t.DealId == dealId || (achievementId != null && t.AchievementId == achievementId && t.BuyerOrganisationId == buyerId))
                && t.StartsOn <= ends && starts <= t.EndsOn)
            .Select(t => new { t.StartsOn, t.EndsOn }).FirstOrDefaultAsync(ct);
        if (clash is null)
        {
            return null;
        }

        // ISO dates read the same in both languages.
        var from = clash.StartsOn.ToString("O", CultureInfo.InvariantCulture);
        var to = clash.EndsOn.ToString("O", CultureInfo.InvariantCulture);
        return Error.Invalid(field, ValidationText.Format("This buyer already has a trial of this achievement from {0} to {1}.", from, to));
    }

    /// <summary>The trial as <paramref name="current"/> reads it: <see cref="TrialView.MayClaim"/> only for a party's member, once it failed.</summary>
    public static async Task<TrialView> ViewAsync(AppDbContext db, Trial trial, CurrentUser current, CancellationToken ct)
    {
        var mine = await current.OrganisationIdAsync(ct);
        var mayClaim = trial.State == TrialState.Failed && mine is { } m && (m == trial.SellerOrganisationId || m == trial.BuyerOrganisationId);
        var orgs = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == trial.SellerOrganisationId || o.Id == trial.BuyerOrganisationId)
            .Select(o => new DealOrganisation(o.Id, o.NameZh, o.RegionCode)).ToListAsync(ct);
        var title = await db.Deals.AsNoTracking().Where(d => d.Id == trial.DealId).Select(d => d.Title).FirstAsync(ct);
        var milestones = await db.TrialMilestones.AsNoTracking().Where(m => m.TrialId == trial.Id).OrderBy(m => m.DueOn).ThenBy(m => m.Id)
            .Select(m => new TrialMilestoneView(m.Id, m.Title, m.DueOn, m.RemindedAt)).ToListAsync(ct);
        return new TrialView(
            trial.Id, trial.DealId, title, trial.AchievementId, orgs.First(o => o.Id == trial.SellerOrganisationId), orgs.First(o => o.Id == trial.BuyerOrganisationId),
            trial.StartsOn, trial.EndsOn, trial.PaymentMode, trial.AgreedPrice, trial.PaymentTerms, trial.State, trial.Extensions, trial.ContractId,
            trial.FailureCause, trial.OutcomeNote, trial.ConcludedOn, milestones, trial.Version, mayClaim);
    }

    /// <summary>The trial and its deal when the caller may read it (the deal's rule), else null; tracked for a change, not for a read.</summary>
    public static async Task<(Trial Trial, Deal Deal)?> FindAsync(AppDbContext db, Guid id, CurrentUser current, bool track, CancellationToken ct)
    {
        var trials = track ? db.Trials : db.Trials.AsNoTracking();
        var deals = track ? db.Deals : db.Deals.AsNoTracking();
        if (await trials.FirstOrDefaultAsync(t => t.Id == id, ct) is not { } trial || await deals.FirstOrDefaultAsync(d => d.Id == trial.DealId, ct) is not { } deal
            || !await DealAccess.MaySeeAsync(deal, current, ct))
        {
            return null;
        }

        return (trial, deal);
    }
}

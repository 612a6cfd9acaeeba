using Mediator;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Web.Features.Intermediaries;

/// <summary>
/// Tells a filed intermediary's members that the yearly review falls due, once per expiry date, when the filing expires
/// within <see cref="ListFilingsHandler.DueWithinDays"/> days (the bureau's "due" queue shows the same filings). Each
/// reminder is claimed by a conditional update in the same transaction as its outbox event, so a second node or a
/// repeated sweep sends nothing twice; a renewal moves the expiry and the next year's review is reminded again.
/// </summary>
public sealed class FilingReviewReminderSweep(AppDbContext db, TimeProvider clock, Infrastructure.Outbox.OutboxSignal outbox) : ISweep
{
    /// <summary>Sends the reminders due by now; returns how many this call sent.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var horizon = today.AddDays(ListFilingsHandler.DueWithinDays);
        var due = await db.IntermediaryFilings.AsNoTracking()
            .Where(f => f.State == FilingState.Filed && f.ExpiresOn != null && f.ExpiresOn <= horizon
                && (f.ReviewRemindedFor == null || f.ReviewRemindedFor != f.ExpiresOn))
            .Select(f => new FilingReviewDue(f.Id, f.OrganisationId, f.ExpiresOn!.Value))
            .ToListAsync(ct);

        var sent = 0;
        foreach (var filing in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // ExecuteUpdate leaves the filing's version alone: a reminder does not make the intermediary's copy stale.
            var claimed = await db.IntermediaryFilings
                .Where(f => f.Id == filing.FilingId && f.State == FilingState.Filed && f.ExpiresOn == filing.ExpiresOn
                    && (f.ReviewRemindedFor == null || f.ReviewRemindedFor != f.ExpiresOn))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.ReviewRemindedFor, filing.ExpiresOn), ct);
            if (claimed == 0)
            {
                continue;
            }

            db.Raise(filing);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            sent++;
        }

        if (sent > 0)
        {
            outbox.Nudge();
        }

        return sent;
    }
}

/// <summary>The intermediary's members hear of the review, linked to their filing page.</summary>
public sealed class FilingReviewNotifications(NotificationDispatcher dispatcher) : INotificationHandler<FilingReviewDue>
{
    public async ValueTask Handle(FilingReviewDue e, CancellationToken ct) =>
        await dispatcher.ToOrganisationMembersAsync([e.OrganisationId], NotificationKind.FilingReviewDue,
            new { e.FilingId, expiresOn = e.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, "/workspace/filing", null, ct);
}

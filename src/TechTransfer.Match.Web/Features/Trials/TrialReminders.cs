using Mediator;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Realtime;

namespace TechTransfer.Match.Web.Features.Trials;

/// <summary>
/// Reminds both parties of a running trial of each milestone and of its end, <see cref="LeadDays"/> days ahead.
/// Each reminder is claimed by a conditional update (only the update that still finds it unsent sends it), in the
/// same transaction as its outbox event, so a repeated sweep or a second node sends nothing twice and a
/// crash sends nothing half. Time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class TrialReminderSweep(AppDbContext db, TimeProvider clock, Infrastructure.Outbox.OutboxSignal outbox) : ISweep
{
    public const int LeadDays = 7;

    /// <summary>Sends the reminders due by now; returns how many this call sent.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var horizon = today.AddDays(LeadDays);
        // Dates already past are not announced: a reminder after the fact helps nobody.
        var milestones = await (from m in db.TrialMilestones.AsNoTracking()
                                join t in db.Trials.AsNoTracking() on m.TrialId equals t.Id
                                where t.State == TrialState.Running && m.RemindedAt == null && m.DueOn >= today && m.DueOn <= horizon
                                select new TrialReminderDue(t.Id, m.Id, m.Title, m.DueOn, t.SellerOrganisationId, t.BuyerOrganisationId)).ToListAsync(ct);
        var ends = await db.Trials.AsNoTracking()
            .Where(t => t.State == TrialState.Running && t.EndReminderSentAt == null && t.EndsOn >= today && t.EndsOn <= horizon)
            .Select(t => new TrialReminderDue(t.Id, null, null, t.EndsOn, t.SellerOrganisationId, t.BuyerOrganisationId)).ToListAsync(ct);

        var sent = 0;
        foreach (var due in milestones.Concat(ends))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // ExecuteUpdate leaves the trial's version alone: a reminder does not make the parties' copy stale.
            var claimed = due.MilestoneId is { } id
                ? await db.TrialMilestones.Where(m => m.Id == id && m.RemindedAt == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.RemindedAt, now), ct)
                : await db.Trials.Where(t => t.Id == due.TrialId && t.EndReminderSentAt == null && t.EndsOn == due.DueOn)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.EndReminderSentAt, now), ct);
            if (claimed == 0)
            {
                continue;
            }

            db.Raise(due);
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

/// <summary>Both parties' members hear of a reminder, linked to the trial.</summary>
public sealed class TrialNotifications(NotificationDispatcher dispatcher) : INotificationHandler<TrialReminderDue>
{
    public async ValueTask Handle(TrialReminderDue e, CancellationToken ct) =>
        await dispatcher.ToOrganisationMembersAsync([e.SellerOrganisationId, e.BuyerOrganisationId], NotificationKind.TrialReminder,
            new { e.TrialId, e.MilestoneId, title = e.Title, dueOn = e.DueOn.ToString("yyyy-MM-dd"), end = e.MilestoneId is null }, $"/workspace/trials/{e.TrialId}", null, ct);
}

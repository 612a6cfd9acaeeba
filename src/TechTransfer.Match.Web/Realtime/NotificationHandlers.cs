using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Realtime;

/// <summary>Turns committed domain events into notifications for the people concerned.</summary>
public sealed class NotificationHandlers(
    AppDbContext db, NotificationDispatcher dispatcher, IHubContext<NotificationsHub, INotificationsClient> hub, TimeProvider clock)
    : INotificationHandler<MatchProposed>,
      INotificationHandler<InterestExpressed>,
      INotificationHandler<InterestAccepted>,
      INotificationHandler<InterestDeclined>,
      INotificationHandler<DealOpened>,
      INotificationHandler<DealAssigned>,
      INotificationHandler<DealStageChanged>,
      INotificationHandler<ContractRecorded>,
      INotificationHandler<ContractProposalChanged>,
      INotificationHandler<ContractsImported>,
      INotificationHandler<ContractCountChanged>,
      INotificationHandler<ImportJobProgressed>,
      INotificationHandler<ImportJobFinished>
{
    public async ValueTask Handle(MatchProposed e, CancellationToken ct)
    {
        var pair = await db.MatchProposals.AsNoTracking().Where(p => p.Id == e.ProposalId)
            .Select(p => new
            {
                Supplier = p.Achievement!.OrganisationId, p.Achievement.Title,
                Buyer = p.Need!.OrganisationId, NeedTitle = p.Need.Title,
            }).FirstOrDefaultAsync(ct);
        if (pair is null)
        {
            return;
        }

        var data = new { e.ProposalId, e.AchievementId, e.NeedId, e.Score, AchievementTitle = pair.Title, NeedTitle = pair.NeedTitle, e.PublishedListingId };
        // One publication's proposals are one group for each party, though each links to the party's own record.
        var subject = e.PublishedListingId is { } published ? $"/listings/{published}/proposals" : null;
        await dispatcher.ToOrganisationMembersAsync([pair.Buyer], NotificationKind.MatchProposed, data, $"/needs/{e.NeedId}/matches", e.Score, ct, subject);
        await dispatcher.ToOrganisationMembersAsync([pair.Supplier], NotificationKind.MatchProposed, data, $"/achievements/{e.AchievementId}/matches", e.Score, ct, subject);
    }

    public async ValueTask Handle(InterestExpressed e, CancellationToken ct) =>
        await dispatcher.ToOrganisationMembersAsync([e.ToOrganisationId], NotificationKind.InterestReceived, e, $"/interests/{e.InterestId}", null, ct);

    public async ValueTask Handle(InterestAccepted e, CancellationToken ct) =>
        await dispatcher.ToOrganisationMembersAsync([e.FromOrganisationId], NotificationKind.InterestAccepted, e, $"/interests/{e.InterestId}", null, ct);

    public async ValueTask Handle(InterestDeclined e, CancellationToken ct) =>
        await dispatcher.ToOrganisationMembersAsync([e.FromOrganisationId], NotificationKind.InterestDeclined, e, $"/interests/{e.InterestId}", null, ct);

    /// <summary>
    /// Both parties' members hear that a deal was opened between them, and so do all technology managers
    /// when it has none; not the person who opened it, nor an assigned technology manager, who hears of
    /// it through <see cref="DealAssigned"/>.
    /// </summary>
    public async ValueTask Handle(DealOpened e, CancellationToken ct)
    {
        var openedBy = await db.DealEvents.AsNoTracking().Where(x => x.DealId == e.DealId && x.Kind == DealEventKind.Opened)
            .Select(x => x.ByUserId).FirstOrDefaultAsync(ct);
        var members = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId == e.SellerOrganisationId || u.OrganisationId == e.BuyerOrganisationId).Select(u => u.Id).ToListAsync(ct);
        if (e.ManagerUserId is null)
        {
            // Nobody brokers it yet: every technology manager hears of it and one takes it from the board.
            members.AddRange(await DealAccess.TechnologyManagerIds(db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).ToListAsync(ct));
        }

        var recipients = members.Where(u => u != openedBy && u != e.ManagerUserId).Distinct().ToList();
        await dispatcher.ToUsersAsync(recipients, NotificationKind.DealOpened,
            new { e.DealId, e.SellerOrganisationId, e.BuyerOrganisationId, e.ProposalId, e.InterestId, Unassigned = e.ManagerUserId is null }, $"/deals/{e.DealId}", null, ct);
    }

    public async ValueTask Handle(DealAssigned e, CancellationToken ct) =>
        await dispatcher.ToUsersAsync([e.ManagerUserId], NotificationKind.DealAssigned, e, $"/deals/{e.DealId}", null, ct);

    public async ValueTask Handle(DealStageChanged e, CancellationToken ct)
    {
        var manager = await db.Deals.AsNoTracking().Where(d => d.Id == e.DealId).Select(d => d.ManagerUserId).FirstOrDefaultAsync(ct);
        var members = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId == e.SellerOrganisationId || u.OrganisationId == e.BuyerOrganisationId).Select(u => u.Id).ToListAsync(ct);
        if (manager is { } id)
        {
            members.Add(id);
        }

        // The person who moved the deal already knows.
        await dispatcher.ToUsersAsync(members.Where(u => u != e.ByUserId).Distinct().ToList(), NotificationKind.DealStageChanged, e, $"/deals/{e.DealId}", null, ct);
    }

    public async ValueTask Handle(ContractRecorded e, CancellationToken ct)
    {
        await dispatcher.ToOrganisationMembersAsync([e.SellerOrganisationId, e.BuyerOrganisationId], NotificationKind.ContractRecorded,
            new { e.ContractId, e.Year, e.IsLocal, e.Field }, $"/contracts/{e.ContractId}", null, ct);
        await PushCountersAsync(e.Year, ct);
    }

    /// <summary>A proposal waits for the other party; a decision goes back to the proposing party.</summary>
    public async ValueTask Handle(ContractProposalChanged e, CancellationToken ct)
    {
        var to = e.Status == ContractProposalStatus.Pending ? e.ConfirmingOrganisationId : e.ProposedByOrganisationId;
        var title = await db.Deals.AsNoTracking().Where(d => d.Id == e.DealId).Select(d => d.Title).FirstOrDefaultAsync(ct);
        await dispatcher.ToOrganisationMembersAsync([to], NotificationKind.ContractProposal,
            new { e.ProposalId, e.DealId, Status = e.Status.ToString(), DealTitle = title }, $"/deals/{e.DealId}", null, ct);
    }

    public async ValueTask Handle(ContractsImported e, CancellationToken ct)
    {
        foreach (var year in e.Years.Distinct())
        {
            await PushCountersAsync(year, ct);
        }
    }

    /// <summary>A duplicate marked or unmarked: the bureau's dashboards read the year's figures again.</summary>
    public async ValueTask Handle(ContractCountChanged e, CancellationToken ct) => await PushCountersAsync(e.Year, ct);

    public async ValueTask Handle(ImportJobProgressed e, CancellationToken ct)
    {
        if (e.UserId is { } userId)
        {
            await hub.Clients.User(userId.ToString()).ImportProgress(new ImportProgressMessage(e.ImportJobId, e.RowsRead, e.RowsValid, e.RowsRejected));
        }
    }

    public async ValueTask Handle(ImportJobFinished e, CancellationToken ct)
    {
        if (e.UserId is { } userId)
        {
            await dispatcher.ToUsersAsync([userId], NotificationKind.ImportFinished, e, $"/bureau/imports/{e.ImportJobId}", null, ct);
        }
    }

    /// <summary>The bureau dashboard's live figures for a year: contracts and local share, counted in the database.</summary>
    private async Task PushCountersAsync(int year, CancellationToken ct)
    {
        if (year != clock.GetUtcNow().Year && year != clock.GetUtcNow().Year - 1)
        {
            return;
        }

        var totals = await db.CountedContracts.Where(c => c.Year == year)
            .GroupBy(c => c.IsLocal)
            .Select(g => new { IsLocal = g.Key, Count = g.Count(), Amount = g.Sum(c => (double)c.TotalAmount) })
            .ToListAsync(ct);
        var count = totals.Sum(t => t.Count);
        var local = totals.Where(t => t.IsLocal).Sum(t => t.Count);
        var amount = totals.Sum(t => t.Amount);
        var localAmount = totals.Where(t => t.IsLocal).Sum(t => t.Amount);
        var counters = new IndicatorCounters(year, count, local, (decimal)amount, (decimal)localAmount,
            count == 0 ? 0 : (double)local / count, amount == 0 ? 0 : localAmount / amount);
        await hub.Clients.Groups(NotificationsHub.RoleGroup(Roles.BureauAnalyst), NotificationsHub.RoleGroup(Roles.Administrator)).IndicatorsChanged(counters);
    }
}

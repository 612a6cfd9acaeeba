using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Deals;

public sealed record OpenDealInput(Guid? InterestId, Guid? ProposalId, Guid? ManagerUserId, string? Title, string? Note);

/// <summary>
/// Opens a deal from an accepted interest (either party, a technology manager or an administrator), or
/// from any proposal (technology managers and administrators), and assigns it to a technology manager.
/// </summary>
public sealed record OpenDeal(OpenDealInput Input) : ICommand<Result<DealView>>;

public sealed class OpenDealValidator : AbstractValidator<OpenDeal>
{
    public OpenDealValidator()
    {
        RuleFor(x => x.Input).NotNull();
        RuleFor(x => x.Input).Must(i => (i.InterestId is null) != (i.ProposalId is null)).When(x => x.Input is not null)
            .WithName("interestId").WithMessage("Name exactly one of interestId or proposalId.");
        RuleFor(x => x.Input.Title).MaximumLength(300).When(x => x.Input is not null);
        RuleFor(x => x.Input.Note).MaximumLength(2000).When(x => x.Input is not null);
    }
}

public sealed class OpenDealHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<OpenDeal, Result<DealView>>
{
    public async ValueTask<Result<DealView>> Handle(OpenDeal command, CancellationToken cancellationToken)
    {
        var input = command.Input;
        var userId = current.Id!.Value;
        var isManager = current.IsInRole(Roles.TechnologyManager);
        var isAdmin = current.IsInRole(Roles.Administrator);
        var mine = await current.OrganisationIdAsync(cancellationToken);
        var deal = new Deal { Stage = DealStage.Proposed };

        if (input.InterestId is { } interestId)
        {
            var interest = await db.Interests.FindAsync([interestId], cancellationToken);
            var party = mine is { } org && (interest?.FromOrganisationId == org || interest?.ToOrganisationId == org);
            if (interest is null || !(party || isManager || isAdmin))
            {
                if (await DealAccess.HasLapsedCertificationAsync(db, userId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken))
                {
                    return DealAccess.LapsedCertification();
                }

                return Error.NotFound("Interest");
            }

            if (interest.Status != InterestStatus.Accepted)
            {
                return Error.Conflict("interest_not_accepted", "A deal is opened from an accepted interest.");
            }

            if (await db.Deals.AnyAsync(d => d.InterestId == interestId, cancellationToken))
            {
                return Error.Conflict("deal_exists", "A deal is already open for this interest.");
            }

            // One open deal per pair, whatever it came from (the unique pair key settles a race between the two paths).
            if (interest.AchievementId is { } pairAchievement && interest.NeedId is { } pairNeed
                && await DealAccess.OpenOnPair(db, pairAchievement, pairNeed).AnyAsync(cancellationToken))
            {
                return Error.Conflict("deal_exists", "A deal is already open for this pair.");
            }

            deal.InterestId = interest.Id;
            deal.ProposalId = interest.ProposalId;
            deal.AchievementId = interest.AchievementId;
            deal.NeedId = interest.NeedId;
            deal.ProposedAt = interest.CreatedAt;
            var achievementOwner = interest.AchievementId is { } a
                ? await db.Achievements.Where(x => x.Id == a).Select(x => (Guid?)x.OrganisationId).FirstOrDefaultAsync(cancellationToken)
                : null;
            if (achievementOwner is { } seller)
            {
                deal.SellerOrganisationId = seller;
                deal.BuyerOrganisationId = seller == interest.FromOrganisationId ? interest.ToOrganisationId : interest.FromOrganisationId;
            }
            else
            {
                // Interest in a need: the need's owner buys, the one who answered it sells.
                deal.BuyerOrganisationId = interest.ToOrganisationId;
                deal.SellerOrganisationId = interest.FromOrganisationId;
            }
        }
        else
        {
            if (!isManager && !isAdmin)
            {
                if (await DealAccess.HasLapsedCertificationAsync(db, userId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken))
                {
                    return DealAccess.LapsedCertification();
                }

                return Error.Forbidden("Technology managers open deals on proposals; parties open them from an accepted interest.");
            }

            var proposal = await db.MatchProposals.AsNoTracking().Include(p => p.Achievement).Include(p => p.Need)
                .FirstOrDefaultAsync(p => p.Id == input.ProposalId, cancellationToken);
            if (proposal?.Achievement is null || proposal.Need is null)
            {
                return Error.NotFound("Proposal");
            }

            if (await DealAccess.OpenOnPair(db, proposal.Id, proposal.AchievementId, proposal.NeedId).AnyAsync(cancellationToken))
            {
                return Error.Conflict("deal_exists", "A deal is already open for this proposal.");
            }

            deal.ProposalId = proposal.Id;
            deal.AchievementId = proposal.AchievementId;
            deal.NeedId = proposal.NeedId;
            deal.SellerOrganisationId = proposal.Achievement.OrganisationId;
            deal.BuyerOrganisationId = proposal.Need.OrganisationId;
            deal.ProposedAt = proposal.CreatedAt;
        }

        var manager = input.ManagerUserId ?? (isManager ? userId : null);
        if (manager is { } m && !await DealAccess.IsTechnologyManagerAsync(db, m, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken))
        {
            return Error.Invalid("managerUserId", "The manager must be a technology manager.");
        }

        deal.ManagerUserId = manager;
        deal.Title = input.Title?.Trim() is { Length: > 0 } title ? title : await DefaultTitleAsync(deal, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        deal.Events.Add(new DealEvent { DealId = deal.Id, Kind = DealEventKind.Opened, ToStage = DealStage.Proposed, Note = input.Note?.Trim(), ByUserId = userId, At = now });
        if (manager is { } assigned)
        {
            deal.Events.Add(new DealEvent { DealId = deal.Id, Kind = DealEventKind.Assigned, Note = assigned.ToString(), ByUserId = userId, At = now });
        }

        deal.Raise(new DealOpened(deal.Id, deal.SellerOrganisationId, deal.BuyerOrganisationId, deal.ManagerUserId, deal.ProposalId, deal.InterestId));
        if (manager is { } assignedManager)
        {
            deal.Raise(new DealAssigned(deal.Id, assignedManager, null));
        }

        db.Deals.Add(deal);
        await db.SaveChangesAsync(cancellationToken);
        return await DealAccess.ViewAsync(db, deal, cancellationToken);
    }

    private async Task<string> DefaultTitleAsync(Deal deal, CancellationToken ct)
    {
        var achievement = deal.AchievementId is { } a ? await db.Achievements.Where(x => x.Id == a).Select(x => x.Title).FirstOrDefaultAsync(ct) : null;
        var need = deal.NeedId is { } n ? await db.Needs.Where(x => x.Id == n).Select(x => x.Title).FirstOrDefaultAsync(ct) : null;
        var title = string.Join(" × ", new[] { achievement, need }.Where(t => !string.IsNullOrEmpty(t)));
        return title.Length > 300 ? title[..300] : title;
    }

    public static async Task<Results<Created<DealView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        OpenDealInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new OpenDeal(body), ct)).ToCreated(d => $"/api/deals/{d.Id}");
}

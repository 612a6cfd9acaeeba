using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Interests;

/// <summary>The body: what the interest is about (exactly one of proposal, achievement, need) and a message.</summary>
public sealed record ExpressInterestInput(Guid? ProposalId, Guid? AchievementId, Guid? NeedId, string Message);

/// <summary>A member of either side of a proposal, or a member interested in a published listing, asks to meet the other side.</summary>
public sealed record ExpressInterest(ExpressInterestInput Input) : ICommand<Result<InterestView>>;

public sealed class ExpressInterestValidator : AbstractValidator<ExpressInterest>
{
    public ExpressInterestValidator()
    {
        RuleFor(x => x.Input).NotNull();
        RuleFor(x => x.Input.Message).NotEmpty().MaximumLength(2000).When(x => x.Input is not null);
        RuleFor(x => x.Input)
            .Must(i => new[] { i.ProposalId, i.AchievementId, i.NeedId }.Count(g => g is not null) == 1)
            .When(x => x.Input is not null)
            .WithName("proposalId")
            .WithMessage("Name exactly one of proposalId, achievementId or needId.");
    }
}

public sealed class ExpressInterestHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ExpressInterest, Result<InterestView>>
{
    public async ValueTask<Result<InterestView>> Handle(ExpressInterest command, CancellationToken cancellationToken)
    {
        var (orgId, _, _) = await current.OrganisationAsync(cancellationToken);
        if (orgId is not { } mine || current.Id is not { } userId)
        {
            return Error.Forbidden("Join an organisation before expressing interest.");
        }

        var input = command.Input;
        var interest = new Interest { FromOrganisationId = mine, FromUserId = userId, Message = input.Message.Trim(), Status = InterestStatus.Pending };
        if (input.ProposalId is { } proposalId)
        {
            var proposal = await db.MatchProposals.Include(p => p.Achievement).Include(p => p.Need)
                .FirstOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
            if (proposal?.Achievement is null || proposal.Need is null)
            {
                return Error.NotFound("Proposal");
            }

            if (proposal.Achievement.OrganisationId == mine)
            {
                interest.ToOrganisationId = proposal.Need.OrganisationId;
            }
            else if (proposal.Need.OrganisationId == mine)
            {
                interest.ToOrganisationId = proposal.Achievement.OrganisationId;
            }
            else
            {
                return Error.NotFound("Proposal");
            }

            // the pair is being brokered: the interest would only open a second deal beside it
            if (await DealAccess.OpenOnPair(db, proposal.Id, proposal.AchievementId, proposal.NeedId).AnyAsync(cancellationToken))
            {
                return Error.Conflict("deal_open", "A deal is already open on this proposal: follow it up on the deal's page.");
            }

            interest.ProposalId = proposal.Id;
            interest.AchievementId = proposal.AchievementId;
            interest.NeedId = proposal.NeedId;
            if (proposal.Status is ProposalStatus.Proposed or ProposalStatus.Viewed)
            {
                proposal.Status = ProposalStatus.Interest;
            }
        }
        else if (input.AchievementId is { } achievementId)
        {
            var achievement = await db.Achievements.FindAsync([achievementId], cancellationToken);
            if (achievement is not { Status: ListingStatus.Published })
            {
                return Error.NotFound("Achievement");
            }

            interest.AchievementId = achievement.Id;
            interest.ToOrganisationId = achievement.OrganisationId;
        }
        else if (input.NeedId is { } needId)
        {
            var need = await db.Needs.FindAsync([needId], cancellationToken);
            if (need is not { Status: ListingStatus.Published })
            {
                return Error.NotFound("Need");
            }

            interest.NeedId = need.Id;
            interest.ToOrganisationId = need.OrganisationId;
        }

        if (interest.ToOrganisationId == mine)
        {
            return Error.Conflict("own_record", "Your organisation owns this record.");
        }

        var duplicate = await db.Interests.AnyAsync(
            i => i.FromOrganisationId == mine && i.Status != InterestStatus.Declined
                && i.ProposalId == interest.ProposalId && i.AchievementId == interest.AchievementId && i.NeedId == interest.NeedId,
            cancellationToken);
        if (duplicate)
        {
            return Error.Conflict("already_interested", "Your organisation has already expressed interest in this record.");
        }

        interest.Raise(new InterestExpressed(interest.Id, interest.ProposalId, interest.AchievementId, interest.NeedId, interest.FromOrganisationId, interest.ToOrganisationId));
        db.Interests.Add(interest);
        await db.SaveChangesAsync(cancellationToken);
        return await InterestAccess.ViewAsync(db, interest, mine, privileged: false, cancellationToken);
    }

    public static async Task<Results<Created<InterestView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        ExpressInterestInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ExpressInterest(body), ct)).ToCreated(i => $"/api/interests/{i.Id}");
}

using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Matching;

public sealed record DismissMatchBody(DismissReason Reason, string? Text);

public sealed record DismissedMatch(Guid ProposalId, DismissReason Reason, string? Text);

/// <summary>Either side rejects a proposal with a structured reason; the pair is never proposed again.</summary>
public sealed record DismissMatch(Guid ProposalId, DismissReason Reason, string? Text) : ICommand<Result<DismissedMatch>>;

public sealed class DismissMatchValidator : AbstractValidator<DismissMatch>
{
    public DismissMatchValidator()
    {
        RuleFor(x => x.Reason).IsInEnum();
        RuleFor(x => x.Text).NotEmpty().When(x => x.Reason == DismissReason.Other).WithMessage("Say why when the reason is Other.");
        RuleFor(x => x.Text).MaximumLength(1000);
    }
}

public sealed class DismissMatchHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<DismissMatch, Result<DismissedMatch>>
{
    public async ValueTask<Result<DismissedMatch>> Handle(DismissMatch command, CancellationToken cancellationToken)
    {
        var proposal = await db.MatchProposals.FirstOrDefaultAsync(p => p.Id == command.ProposalId, cancellationToken);
        if (proposal is null)
        {
            return Error.NotFound("Proposal");
        }

        var sides = await db.MatchProposals.AsNoTracking().Where(p => p.Id == proposal.Id)
            .Select(p => new { Supplier = p.Achievement!.OrganisationId, Buyer = p.Need!.OrganisationId }).FirstAsync(cancellationToken);
        var mine = await current.OrganisationIdAsync(cancellationToken);
        if (mine != sides.Supplier && mine != sides.Buyer)
        {
            return current.OverseesRecords || current.IsVerifiedManager ? Error.Forbidden("Only the two parties dismiss a proposal.") : Error.NotFound("Proposal");
        }

        if (proposal.Status == ProposalStatus.Dismissed)
        {
            return Error.Conflict("already_dismissed", "The proposal is already dismissed.");
        }

        // A pair being brokered is not dismissed behind the deal's back: the deal is closed, with its reason, instead.
        if (await DealAccess.OpenOnPair(db, proposal.Id, proposal.AchievementId, proposal.NeedId).AnyAsync(cancellationToken))
        {
            return Error.Conflict("deal_open", "A deal is open on this proposal: close the deal, with its reason, instead of dismissing the proposal.");
        }

        proposal.Status = ProposalStatus.Dismissed;
        proposal.DismissReason = command.Reason;
        proposal.DismissText = command.Text?.Trim();
        proposal.DismissedBy = current.Id;
        proposal.DismissedAt = clock.GetUtcNow().UtcDateTime;
        return new DismissedMatch(proposal.Id, command.Reason, proposal.DismissText);
    }

    public static async Task<Results<Ok<DismissedMatch>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, DismissMatchBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DismissMatch(id, body.Reason, body.Text), ct)).ToOk();
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

public sealed record DecideContractBody(long Version, string? Reason = null);

/// <summary>The other party confirms a proposed contract (which records it) or rejects it with a reason.</summary>
public sealed record DecideContract(Guid Id, bool Confirm, long Version, string? Reason) : ICommand<Result<ContractProposalView>>;

public sealed class DecideContractValidator : AbstractValidator<DecideContract>
{
    public DecideContractValidator()
    {
        RuleFor(x => x.Reason).MaximumLength(1000);
        RuleFor(x => x.Reason).NotEmpty().When(x => !x.Confirm).WithMessage("Say why the contract is rejected.");
    }
}

public sealed class DecideContractHandler(AppDbContext db, CurrentUser current, IOptions<PlatformOptions> platform, TimeProvider clock)
    : ICommandHandler<DecideContract, Result<ContractProposalView>>
{
    public async ValueTask<Result<ContractProposalView>> Handle(DecideContract command, CancellationToken cancellationToken)
    {
        var mine = await current.OrganisationIdAsync(cancellationToken);
        var proposal = await db.ContractProposals.FirstOrDefaultAsync(p => p.Id == command.Id, cancellationToken);
        if (proposal is null || mine is null || (mine != proposal.ProposedByOrganisationId && mine != proposal.ConfirmingOrganisationId))
        {
            return Error.NotFound("Contract proposal");
        }

        if (mine != proposal.ConfirmingOrganisationId)
        {
            return Error.Forbidden("The other party confirms the contract your organisation proposed.");
        }

        if (!db.MatchesVersion(proposal, command.Version))
        {
            return Error.StaleVersion();
        }

        if (proposal.Status != ContractProposalStatus.Pending)
        {
            return Error.Conflict("already_decided", "The contract proposal was already decided.");
        }

        var deal = await db.Deals.AsNoTracking().FirstAsync(d => d.Id == proposal.DealId, cancellationToken);
        proposal.DecidedBy = current.Id;
        proposal.DecidedAt = clock.GetUtcNow().UtcDateTime;
        if (command.Confirm)
        {
            var recorded = await ContractRecording.RecordAsync(db, ContractProposals.InputOf(proposal), deal, platform.Value, cancellationToken);
            if (!recorded.IsSuccess)
            {
                return recorded.Error!;
            }

            proposal.Status = ContractProposalStatus.Confirmed;
            proposal.ContractId = recorded.Value!.Id;
        }
        else
        {
            proposal.Status = ContractProposalStatus.Rejected;
            proposal.RejectReason = command.Reason!.Trim();
        }

        proposal.Raise(new ContractProposalChanged(proposal.Id, deal.Id, proposal.Status, proposal.ProposedByOrganisationId, proposal.ConfirmingOrganisationId));

        await db.SaveChangesAsync(cancellationToken);
        return ContractProposals.View(proposal, deal.Title);
    }

    public static async Task<Results<Ok<ContractProposalView>, ValidationProblem, ProblemHttpResult>> Confirm(
        Guid id, DecideContractBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideContract(id, true, body.Version, body.Reason), ct)).ToOk();

    public static async Task<Results<Ok<ContractProposalView>, ValidationProblem, ProblemHttpResult>> Reject(
        Guid id, DecideContractBody body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DecideContract(id, false, body.Version, body.Reason), ct)).ToOk();
}

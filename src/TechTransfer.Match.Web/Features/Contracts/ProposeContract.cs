using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>
/// A party of a signed deal writes down the contract; it is recorded only when the other party confirms it
/// (ConfirmContract), so no one organisation alone puts figures into the bureau's tables.
/// </summary>
public sealed record ProposeContract(Guid DealId, ContractInput Input) : ICommand<Result<ContractProposalView>>;

public sealed class ProposeContractValidator : AbstractValidator<ProposeContract>
{
    public ProposeContractValidator() => RuleFor(x => x.Input).NotNull().SetValidator(new ContractInputValidator());
}

public sealed class ProposeContractHandler(AppDbContext db, CurrentUser current) : ICommandHandler<ProposeContract, Result<ContractProposalView>>
{
    public async ValueTask<Result<ContractProposalView>> Handle(ProposeContract command, CancellationToken cancellationToken)
    {
        var deal = await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == command.DealId, cancellationToken);
        if (deal is null || !await DealAccess.MaySeeAsync(deal, current, cancellationToken))
        {
            return Error.NotFound("Deal");
        }

        var mine = await current.OrganisationIdAsync(cancellationToken);
        if (mine != deal.SellerOrganisationId && mine != deal.BuyerOrganisationId)
        {
            return Error.Forbidden("Only a member of one of the deal's two organisations proposes its contract.");
        }

        if (deal.Stage != DealStage.Signed)
        {
            return Error.Conflict("deal_not_signed", "A contract is recorded from a deal once the deal is signed.");
        }

        if (await db.Contracts.AnyAsync(c => c.DealId == deal.Id, cancellationToken))
        {
            return Error.Conflict("contract_exists", "A contract is already recorded for this deal.");
        }

        if (await db.ContractProposals.AnyAsync(p => p.DealId == deal.Id && p.Status == ContractProposalStatus.Pending, cancellationToken))
        {
            return Error.Conflict("contract_proposed", "A contract for this deal already waits for confirmation.");
        }

        // The parties come from the deal whatever the form says.
        var input = command.Input with { DealId = deal.Id, SellerOrganisationId = deal.SellerOrganisationId, BuyerOrganisationId = deal.BuyerOrganisationId };
        var proposal = new ContractProposal
        {
            DealId = deal.Id,
            Input = JsonSerializer.Serialize(input, JsonSerializerOptions.Web),
            ProposedByOrganisationId = mine!.Value,
            ConfirmingOrganisationId = mine == deal.SellerOrganisationId ? deal.BuyerOrganisationId : deal.SellerOrganisationId,
            Status = ContractProposalStatus.Pending,
        };
        proposal.Raise(new ContractProposalChanged(proposal.Id, deal.Id, proposal.Status, proposal.ProposedByOrganisationId, proposal.ConfirmingOrganisationId));
        db.ContractProposals.Add(proposal);
        await db.SaveChangesAsync(cancellationToken);
        return ContractProposals.View(proposal, deal.Title);
    }

    public static async Task<Results<Created<ContractProposalView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, ContractInput body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ProposeContract(id, body), ct)).ToCreated(p => $"/api/contracts/proposals/{p.Id}");
}

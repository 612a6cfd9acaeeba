using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Deals;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

public sealed record ContractProposalView(
    Guid Id, Guid DealId, string DealTitle, ContractInput Contract, Guid ProposedByOrganisationId, Guid ConfirmingOrganisationId,
    ContractProposalStatus Status, string? RejectReason, Guid? ContractId, DateTime CreatedAt, DateTime? DecidedAt, long Version);

internal static class ContractProposals
{
    public static ContractInput InputOf(ContractProposal p) => JsonSerializer.Deserialize<ContractInput>(p.Input, JsonSerializerOptions.Web)!;

    public static ContractProposalView View(ContractProposal p, string dealTitle) => new(
        p.Id, p.DealId, dealTitle, InputOf(p), p.ProposedByOrganisationId, p.ConfirmingOrganisationId, p.Status, p.RejectReason, p.ContractId,
        p.CreatedAt, p.DecidedAt, p.Version);
}

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

/// <summary>The contract proposals my organisation made or must confirm, newest first.</summary>
public sealed record ListContractProposals(ContractProposalStatus? Status, int Page = 1, int PageSize = 20) : IQuery<Result<Paged<ContractProposalView>>>;

public sealed class ListContractProposalsValidator : AbstractValidator<ListContractProposals>
{
    public ListContractProposalsValidator()
    {
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListContractProposalsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListContractProposals, Result<Paged<ContractProposalView>>>
{
    public async ValueTask<Result<Paged<ContractProposalView>>> Handle(ListContractProposals query, CancellationToken cancellationToken)
    {
        if (await current.OrganisationIdAsync(cancellationToken) is not { } mine)
        {
            return Error.Forbidden("You do not belong to an organisation.");
        }

        var rows = db.ContractProposals.AsNoTracking().Where(p => p.ProposedByOrganisationId == mine || p.ConfirmingOrganisationId == mine);
        if (query.Status is { } status)
        {
            rows = rows.Where(p => p.Status == status);
        }

        var page = await rows.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new { Proposal = p, Title = db.Deals.Where(d => d.Id == p.DealId).Select(d => d.Title).First() })
            .ToPageAsync(query.Page, query.PageSize, cancellationToken);
        return new Paged<ContractProposalView>(page.Items.Select(x => ContractProposals.View(x.Proposal, x.Title)).ToList(), page.Page, page.PageSize, page.Total);
    }

    public static async Task<Results<Ok<Paged<ContractProposalView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        ContractProposalStatus? status, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 20) =>
        (await mediator.Send(new ListContractProposals(status, page, pageSize), ct)).ToOk();
}

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

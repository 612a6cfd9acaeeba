using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

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

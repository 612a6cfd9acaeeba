using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Deals;

public sealed record MyDeal(
    Guid Id, string Title, DealStage Stage, DealOrganisation Seller, DealOrganisation Buyer, Guid? ManagerUserId, Guid? ContractId,
    bool ContractAwaitsConfirmation, DateTime ProposedAt, DateTime UpdatedAt, long Version);

/// <summary>The deals my organisation is a party to, newest activity first, with whether their contract is recorded or waiting.</summary>
public sealed record ListMyDeals(DealStage? Stage, int Page = 1, int PageSize = 20) : IQuery<Result<Paged<MyDeal>>>;

public sealed class ListMyDealsValidator : AbstractValidator<ListMyDeals>
{
    public ListMyDealsValidator()
    {
        RuleFor(x => x.Stage).IsInEnum();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListMyDealsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListMyDeals, Result<Paged<MyDeal>>>
{
    public async ValueTask<Result<Paged<MyDeal>>> Handle(ListMyDeals query, CancellationToken cancellationToken)
    {
        if (await current.OrganisationIdAsync(cancellationToken) is not { } mine)
        {
            return Error.Forbidden("You do not belong to an organisation.");
        }

        var deals = db.Deals.AsNoTracking().Where(d => d.SellerOrganisationId == mine || d.BuyerOrganisationId == mine);
        if (query.Stage is { } stage)
        {
            deals = deals.Where(d => d.Stage == stage);
        }

        return await deals.OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id)
            .Select(d => new MyDeal(
                d.Id, d.Title, d.Stage,
                db.Organisations.Where(o => o.Id == d.SellerOrganisationId).Select(o => new DealOrganisation(o.Id, o.NameZh, o.RegionCode)).First(),
                db.Organisations.Where(o => o.Id == d.BuyerOrganisationId).Select(o => new DealOrganisation(o.Id, o.NameZh, o.RegionCode)).First(),
                d.ManagerUserId,
                db.Contracts.Where(c => c.DealId == d.Id).Select(c => (Guid?)c.Id).FirstOrDefault(),
                db.ContractProposals.Any(p => p.DealId == d.Id && p.Status == ContractProposalStatus.Pending),
                d.ProposedAt, d.UpdatedAt, d.Version))
            .ToPageAsync(query.Page, query.PageSize, cancellationToken);
    }

    public static async Task<Results<Ok<Paged<MyDeal>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        DealStage? stage, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 20) =>
        (await mediator.Send(new ListMyDeals(stage, page, pageSize), ct)).ToOk();
}

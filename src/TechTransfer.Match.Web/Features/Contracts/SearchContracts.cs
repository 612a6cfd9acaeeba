using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Contracts;

/// <summary>The contract list's filters; <c>Source</c> tells the platform's own (deal or hand-entered) from the registry's imports.</summary>
public sealed record ContractQuery(
    int? Year, TechnicalField? Field, bool? Local, Guid? OrganisationId, string? Q, ContractSource? Source = null, int Page = 1, int PageSize = 20);

/// <summary>
/// Contracts the reader may see: the bureau and administrators all of them; members their organisation's;
/// technology managers the ones they brokered.
/// </summary>
public sealed record SearchContracts(ContractQuery Query) : IQuery<Result<Paged<ContractView>>>;

public sealed class SearchContractsValidator : AbstractValidator<SearchContracts>
{
    public SearchContractsValidator()
    {
        RuleFor(x => x.Query.Year).InclusiveBetween(1985, 2200);
        RuleFor(x => x.Query.Field).IsInEnum();
        RuleFor(x => x.Query.Source).IsInEnum();
        RuleFor(x => x.Query.Q).MaximumLength(200);
        RuleFor(x => x.Query.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.Query.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class SearchContractsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<SearchContracts, Result<Paged<ContractView>>>
{
    public async ValueTask<Result<Paged<ContractView>>> Handle(SearchContracts search, CancellationToken cancellationToken)
    {
        IQueryable<TechnologyContract> contracts = db.Contracts.AsNoTracking().Include(c => c.SellerOrganisation).Include(c => c.BuyerOrganisation);
        if (!ContractAccess.ReadsAll(current))
        {
            var me = current.Id;
            var mine = await current.OrganisationIdAsync(cancellationToken);
            contracts = contracts.Where(c => c.BrokerUserId == me || (mine != null && (c.SellerOrganisationId == mine || c.BuyerOrganisationId == mine)));
        }

        var q = search.Query;
        if (q.Year is { } year)
        {
            contracts = contracts.Where(c => c.Year == year);
        }

        if (q.Field is { } field)
        {
            contracts = contracts.Where(c => c.Field == field);
        }

        if (q.Local is { } local)
        {
            contracts = contracts.Where(c => c.IsLocal == local);
        }

        if (q.Source is { } source)
        {
            contracts = contracts.Where(c => c.Source == source);
        }

        if (q.OrganisationId is { } org)
        {
            contracts = contracts.Where(c => c.SellerOrganisationId == org || c.BuyerOrganisationId == org);
        }

        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var term = q.Q.Trim();
            contracts = contracts.Where(c => c.ProjectName.Contains(term) || c.RegistrationNumber == term);
        }

        var page = await contracts.OrderByDescending(c => c.SignedOn).ThenBy(c => c.Id).ToPageAsync(q.Page, q.PageSize, cancellationToken);
        return new Paged<ContractView>(
            page.Items.Select(c => ContractView.From(c, c.SellerOrganisation!, c.BuyerOrganisation!)).ToList(), page.Page, page.PageSize, page.Total);
    }

    public static async Task<Results<Ok<Paged<ContractView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        [AsParameters] ContractQuery query, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchContracts(query), ct)).ToOk();
}

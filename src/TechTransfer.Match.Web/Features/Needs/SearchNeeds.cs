using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Needs;

/// <summary>The public catalogue of needs: published ones, filtered, sorted and paged, public fields only.</summary>
public sealed record SearchNeeds(ListingQuery Query, CooperationMode? CooperationMode, bool Mine = false, ListingStatus? Status = null)
    : IQuery<Result<Paged<NeedView>>>;

public sealed class SearchNeedsValidator : AbstractValidator<SearchNeeds>
{
    public SearchNeedsValidator()
    {
        RuleFor(x => x.Query).SetValidator(new ListingQueryValidator());
        RuleFor(x => x.CooperationMode).IsInEnum();
    }
}

public sealed class SearchNeedsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<SearchNeeds, Result<Paged<NeedView>>>
{
    public async ValueTask<Result<Paged<NeedView>>> Handle(SearchNeeds search, CancellationToken cancellationToken)
    {
        IQueryable<Need> needs = db.Needs.AsNoTracking().Include(n => n.Organisation);
        Guid? myOrganisation = null;
        if (search.Mine)
        {
            myOrganisation = await current.OrganisationIdAsync(cancellationToken);
            if (myOrganisation is null)
            {
                return Error.Forbidden("You do not belong to an organisation.");
            }

            needs = needs.Where(n => n.OrganisationId == myOrganisation);
            if (search.Status is { } status)
            {
                needs = needs.Where(n => n.Status == status);
            }
        }
        else
        {
            needs = needs.Where(n => n.Status == ListingStatus.Published);
        }

        var q = search.Query;
        myOrganisation ??= await current.OrganisationIdAsync(cancellationToken);
        needs = needs.Apply(q, myOrganisation);
        if (q.TrlMin is { } min)
        {
            needs = needs.Where(n => n.RequiredTrl >= min);
        }

        if (q.TrlMax is { } max)
        {
            needs = needs.Where(n => n.RequiredTrl <= max);
        }

        if (search.CooperationMode is { } mode)
        {
            needs = needs.Where(n => n.CooperationMode == mode);
        }

        needs = q.Sort switch
        {
            "oldest" => needs.OrderBy(n => n.PublishedAt).ThenBy(n => n.Id),
            "title" => needs.OrderBy(n => n.Title).ThenBy(n => n.Id),
            "maturity" => needs.OrderByDescending(n => n.RequiredTrl).ThenBy(n => n.Id),
            _ => needs.OrderByDescending(n => n.PublishedAt ?? n.CreatedAt).ThenBy(n => n.Id),
        };
        var page = await needs.ToPageAsync(q.Page, q.PageSize, cancellationToken);
        // The catalogue shows consent-gated fields to the owning organisation only (ListingAccess).
        return new Paged<NeedView>(
            page.Items.Select(n => NeedView.From(n, n.Organisation, n.OrganisationId == myOrganisation)).ToList(),
            page.Page, page.PageSize, page.Total);
    }

    public static async Task<Results<Ok<Paged<NeedView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        [AsParameters] ListingQuery query, CooperationMode? cooperationMode, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchNeeds(query, cooperationMode), ct)).ToOk();

    public static async Task<Results<Ok<Paged<NeedView>>, ValidationProblem, ProblemHttpResult>> Mine(
        [AsParameters] ListingQuery query, ListingStatus? status, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchNeeds(query, null, Mine: true, status), ct)).ToOk();
}

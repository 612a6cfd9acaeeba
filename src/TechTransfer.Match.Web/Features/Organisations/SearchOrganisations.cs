using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Organisations;

/// <summary>
/// The directory of organisations. Anyone sees verified ones; administrators also see pending and
/// rejected ones (their verification queue).
/// </summary>
public sealed record SearchOrganisations(string? Q, OrganisationKind? Kind, VerificationStatus? Verification, string? Region, int Page = 1, int PageSize = 20)
    : IQuery<Result<Paged<OrganisationView>>>;

public sealed class SearchOrganisationsValidator : AbstractValidator<SearchOrganisations>
{
    public SearchOrganisationsValidator()
    {
        RuleFor(x => x.Q).MaximumLength(200);
        RuleFor(x => x.Region).Matches("^[0-9]{2,6}$").When(x => x.Region is not null).WithMessage("Region is a GB/T 2260 code or its prefix.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class SearchOrganisationsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<SearchOrganisations, Result<Paged<OrganisationView>>>
{
    public async ValueTask<Result<Paged<OrganisationView>>> Handle(SearchOrganisations query, CancellationToken cancellationToken)
    {
        var organisations = db.Organisations.AsNoTracking();
        organisations = current.IsInRole(Roles.Administrator) && query.Verification is { } status
            ? organisations.Where(o => o.Verification == status)
            : current.IsInRole(Roles.Administrator) ? organisations : organisations.Where(o => o.Verification == VerificationStatus.Verified);
        if (query.Kind is { } kind)
        {
            organisations = organisations.Where(o => o.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            var prefix = RegionPrefix.Of(query.Region);
            organisations = organisations.Where(o => o.RegionCode.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim().ToLowerInvariant();
            organisations = organisations.Where(o => o.NameZh.ToLower().Contains(q) || o.NameEn.ToLower().Contains(q));
        }

        return await organisations.OrderBy(o => o.NameZh).Select(OrganisationView.Projection).ToPageAsync(query.Page, query.PageSize, cancellationToken);
    }

    public static async Task<Results<Ok<Paged<OrganisationView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        [AsParameters] SearchOrganisations query, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(query, ct)).ToOk();
}

public sealed record GetOrganisation(Guid Id) : IQuery<Result<OrganisationView>>;

public sealed class GetOrganisationHandler(AppDbContext db, CurrentUser current) : IQueryHandler<GetOrganisation, Result<OrganisationView>>
{
    public async ValueTask<Result<OrganisationView>> Handle(GetOrganisation query, CancellationToken cancellationToken)
    {
        var view = await db.Organisations.AsNoTracking().Where(o => o.Id == query.Id).Select(OrganisationView.Projection).FirstOrDefaultAsync(cancellationToken);
        if (view is null)
        {
            return Error.NotFound("Organisation");
        }

        // Unverified organisations are visible to their own members and administrators only.
        if (view.Verification != VerificationStatus.Verified && !current.IsInRole(Roles.Administrator) &&
            await current.OrganisationIdAsync(cancellationToken) != view.Id)
        {
            return Error.NotFound("Organisation");
        }

        return view;
    }

    public static async Task<Results<Ok<OrganisationView>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetOrganisation(id), ct)).ToOk();
}

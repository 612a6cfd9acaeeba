using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Listings;

public sealed record DisclosureView(Guid Id, DateTime At, Guid ListingId, bool IsAchievement, string? ListingTitle, Guid ViewerUserId, string ViewerName,
    Guid? ViewerOrganisationId, string? ViewerOrganisationName, IReadOnlyList<string> Fields, string Reason, Guid? BasisId);

/// <summary>Who outside my organisation saw the consent-gated fields of its listings: what, when and why; newest first.</summary>
public sealed record ListDisclosures(Guid? ListingId, int Page = 1, int PageSize = 50) : IQuery<Result<Paged<DisclosureView>>>;

public sealed class ListDisclosuresValidator : AbstractValidator<ListDisclosures>
{
    public ListDisclosuresValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
    }
}

public sealed class ListDisclosuresHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListDisclosures, Result<Paged<DisclosureView>>>
{
    public async ValueTask<Result<Paged<DisclosureView>>> Handle(ListDisclosures query, CancellationToken cancellationToken)
    {
        if (await current.OrganisationIdAsync(cancellationToken) is not { } mine)
        {
            return Error.Forbidden("You do not belong to an organisation.");
        }

        var rows = db.Disclosures.AsNoTracking().Where(d => d.OwnerOrganisationId == mine);
        if (query.ListingId is { } listingId)
        {
            rows = rows.Where(d => d.ListingId == listingId);
        }

        var page = await rows.OrderByDescending(d => d.At).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Id, d.At, d.ListingId, d.IsAchievement, d.ViewerUserId, d.ViewerOrganisationId, d.Fields, d.Reason, d.BasisId,
                Title = d.IsAchievement
                    ? db.Achievements.Where(a => a.Id == d.ListingId).Select(a => a.Title).FirstOrDefault()
                    : db.Needs.Where(n => n.Id == d.ListingId).Select(n => n.Title).FirstOrDefault(),
                Viewer = db.Users.Where(u => u.Id == d.ViewerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                Organisation = db.Organisations.Where(o => o.Id == d.ViewerOrganisationId).Select(o => o.NameZh).FirstOrDefault(),
            })
            .ToPageAsync(query.Page, query.PageSize, cancellationToken);
        return new Paged<DisclosureView>(
            page.Items.Select(d => new DisclosureView(d.Id, d.At, d.ListingId, d.IsAchievement, d.Title, d.ViewerUserId, d.Viewer ?? "", d.ViewerOrganisationId,
                d.Organisation, d.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries), d.Reason, d.BasisId)).ToList(),
            page.Page, page.PageSize, page.Total);
    }

    public static async Task<Results<Ok<Paged<DisclosureView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        Guid? listingId, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 50) =>
        (await mediator.Send(new ListDisclosures(listingId, page, pageSize), ct)).ToOk();
}

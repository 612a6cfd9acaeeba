using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Interests;

/// <summary>The interests my organisation sent or received, newest first.</summary>
public sealed record ListInterests(string? Direction, InterestStatus? Status, int Page = 1, int PageSize = 20) : IQuery<Result<Paged<InterestView>>>;

public sealed class ListInterestsValidator : FluentValidation.AbstractValidator<ListInterests>
{
    public ListInterestsValidator()
    {
        RuleFor(x => x.Direction).Must(d => d is null or "sent" or "received").WithMessage("Direction is sent or received.");
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListInterestsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<ListInterests, Result<Paged<InterestView>>>
{
    public async ValueTask<Result<Paged<InterestView>>> Handle(ListInterests query, CancellationToken cancellationToken)
    {
        if (await current.OrganisationIdAsync(cancellationToken) is not { } mine)
        {
            return Error.Forbidden("You do not belong to an organisation.");
        }

        var interests = db.Interests.AsNoTracking();
        interests = query.Direction switch
        {
            "sent" => interests.Where(i => i.FromOrganisationId == mine),
            "received" => interests.Where(i => i.ToOrganisationId == mine),
            _ => interests.Where(i => i.FromOrganisationId == mine || i.ToOrganisationId == mine),
        };
        if (query.Status is { } status)
        {
            interests = interests.Where(i => i.Status == status);
        }

        var page = await interests.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).ToPageAsync(query.Page, query.PageSize, cancellationToken);
        var items = new List<InterestView>();
        foreach (var interest in page.Items)
        {
            items.Add(await InterestAccess.ViewAsync(db, interest, mine, privileged: false, cancellationToken));
        }

        return new Paged<InterestView>(items, page.Page, page.PageSize, page.Total);
    }

    public static async Task<Results<Ok<Paged<InterestView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        string? direction, InterestStatus? status, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 20) =>
        (await mediator.Send(new ListInterests(direction, status, page, pageSize), ct)).ToOk();
}

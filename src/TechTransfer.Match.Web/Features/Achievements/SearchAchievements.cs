using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Achievements;

/// <summary>The public catalogue: published achievements, filtered, sorted and paged, public fields only.</summary>
public sealed record SearchAchievements(ListingQuery Query, TransferModes? TransferMode, bool Mine = false, ListingStatus? Status = null)
    : IQuery<Result<Paged<AchievementView>>>;

public sealed class SearchAchievementsValidator : AbstractValidator<SearchAchievements>
{
    public SearchAchievementsValidator()
    {
        RuleFor(x => x.Query).SetValidator(new ListingQueryValidator());
        RuleFor(x => x.TransferMode).IsInEnum();
    }
}

public sealed class SearchAchievementsHandler(AppDbContext db, CurrentUser current) : IQueryHandler<SearchAchievements, Result<Paged<AchievementView>>>
{
    public async ValueTask<Result<Paged<AchievementView>>> Handle(SearchAchievements search, CancellationToken cancellationToken)
    {
        IQueryable<Achievement> achievements = db.Achievements.AsNoTracking().Include(a => a.Organisation);
        Guid? myOrganisation = null;
        if (search.Mine)
        {
            myOrganisation = await current.OrganisationIdAsync(cancellationToken);
            if (myOrganisation is null)
            {
                return Error.Forbidden("You do not belong to an organisation.");
            }

            achievements = achievements.Where(a => a.OrganisationId == myOrganisation);
            if (search.Status is { } status)
            {
                achievements = achievements.Where(a => a.Status == status);
            }
        }
        else
        {
            achievements = achievements.Where(a => a.Status == ListingStatus.Published);
        }

        var q = search.Query;
        myOrganisation ??= await current.OrganisationIdAsync(cancellationToken);
        achievements = achievements.Apply(q, myOrganisation);
        if (q.TrlMin is { } min)
        {
            achievements = achievements.Where(a => a.Trl >= min);
        }

        if (q.TrlMax is { } max)
        {
            achievements = achievements.Where(a => a.Trl <= max);
        }

        if (search.TransferMode is { } mode and not TransferModes.None)
        {
            achievements = achievements.Where(a => (a.TransferModes & mode) == mode);
        }

        achievements = q.Sort switch
        {
            "oldest" => achievements.OrderBy(a => a.PublishedAt).ThenBy(a => a.Id),
            "title" => achievements.OrderBy(a => a.Title).ThenBy(a => a.Id),
            "maturity" => achievements.OrderByDescending(a => a.Trl).ThenBy(a => a.Id),
            _ => achievements.OrderByDescending(a => a.PublishedAt ?? a.CreatedAt).ThenBy(a => a.Id),
        };
        var page = await achievements.ToPageAsync(q.Page, q.PageSize, cancellationToken);
        // The catalogue shows consent-gated fields to the owning organisation only (ListingAccess).
        return new Paged<AchievementView>(
            page.Items.Select(a => AchievementView.From(a, a.Organisation, a.OrganisationId == myOrganisation)).ToList(),
            page.Page, page.PageSize, page.Total);
    }

    public static async Task<Results<Ok<Paged<AchievementView>>, ValidationProblem, ProblemHttpResult>> Endpoint(
        [AsParameters] ListingQuery query, TransferModes? transferMode, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchAchievements(query, transferMode), ct)).ToOk();

    public static async Task<Results<Ok<Paged<AchievementView>>, ValidationProblem, ProblemHttpResult>> Mine(
        [AsParameters] ListingQuery query, ListingStatus? status, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchAchievements(query, null, Mine: true, status), ct)).ToOk();
}

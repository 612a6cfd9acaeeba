using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Match.Web.Domain;
using TechTransfer.Match.Web.Features.Achievements;
using TechTransfer.Match.Web.Features.Needs;
using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Data;
using TechTransfer.Match.Web.Infrastructure.Http;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>The public catalogue of achievements (or my organisation's own), filtered, sorted and paged; also by transfer mode.</summary>
public sealed record SearchAchievements(ListingQuery Query, TransferModes? TransferMode, bool Mine = false, ListingStatus? Status = null)
    : IQuery<Result<ListingPage<AchievementView>>>;

/// <summary>The public catalogue of needs (or my organisation's own), filtered, sorted and paged; also by cooperation mode.</summary>
public sealed record SearchNeeds(ListingQuery Query, CooperationMode? CooperationMode, bool Mine = false, ListingStatus? Status = null)
    : IQuery<Result<ListingPage<NeedView>>>;

public sealed class SearchAchievementsValidator : AbstractValidator<SearchAchievements>
{
    public SearchAchievementsValidator()
    {
        RuleFor(x => x.Query).SetValidator(new ListingQueryValidator());
        RuleFor(x => x.TransferMode).IsInEnum();
    }
}

public sealed class SearchNeedsValidator : AbstractValidator<SearchNeeds>
{
    public SearchNeedsValidator()
    {
        RuleFor(x => x.Query).SetValidator(new ListingQueryValidator());
        RuleFor(x => x.CooperationMode).IsInEnum();
    }
}

public sealed class SearchListingsHandler(AppDbContext db, CurrentUser current, CatalogueRanking ranking)
    : IQueryHandler<SearchAchievements, Result<ListingPage<AchievementView>>>, IQueryHandler<SearchNeeds, Result<ListingPage<NeedView>>>
{
    public async ValueTask<Result<ListingPage<AchievementView>>> Handle(SearchAchievements search, CancellationToken cancellationToken) =>
        await AchievementLifecycle.SearchAsync(db, current, search.Query, search.Mine, search.Status,
            a => search.TransferMode is { } mode and not TransferModes.None ? a.Where(x => (x.TransferModes & mode) == mode) : a,
            text => ranking.Rank(text, TechTransfer.Match.Matching.ListingKind.Achievement), cancellationToken);

    public async ValueTask<Result<ListingPage<NeedView>>> Handle(SearchNeeds search, CancellationToken cancellationToken) =>
        await NeedLifecycle.SearchAsync(db, current, search.Query, search.Mine, search.Status,
            n => search.CooperationMode is { } mode ? n.Where(x => x.CooperationMode == mode) : n,
            text => ranking.Rank(text, TechTransfer.Match.Matching.ListingKind.Need), cancellationToken);

    public static async Task<Results<Ok<ListingPage<AchievementView>>, ValidationProblem, ProblemHttpResult>> Achievements(
        [AsParameters] ListingQuery query, TransferModes? transferMode, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchAchievements(query, transferMode), ct)).ToOk();

    public static async Task<Results<Ok<ListingPage<AchievementView>>, ValidationProblem, ProblemHttpResult>> MyAchievements(
        [AsParameters] ListingQuery query, ListingStatus? status, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchAchievements(query, null, Mine: true, status), ct)).ToOk();

    public static async Task<Results<Ok<ListingPage<NeedView>>, ValidationProblem, ProblemHttpResult>> Needs(
        [AsParameters] ListingQuery query, CooperationMode? cooperationMode, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchNeeds(query, cooperationMode), ct)).ToOk();

    public static async Task<Results<Ok<ListingPage<NeedView>>, ValidationProblem, ProblemHttpResult>> MyNeeds(
        [AsParameters] ListingQuery query, ListingStatus? status, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SearchNeeds(query, null, Mine: true, status), ct)).ToOk();
}

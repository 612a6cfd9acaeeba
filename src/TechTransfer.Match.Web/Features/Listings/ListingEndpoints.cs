using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Listings;

/// <summary>The two route families of one listing model: the same use cases for achievements and for needs.</summary>
public static class ListingEndpoints
{
    public static void MapListings(this IEndpointRouteBuilder app)
    {
        var achievements = app.MapGroup("/api/achievements").WithTags("Achievements");
        achievements.MapGet("/", SearchListingsHandler.Achievements).AllowAnonymous().WithName("SearchAchievements");
        achievements.MapGet("/mine", SearchListingsHandler.MyAchievements).RequireAuthorization(Policies.SignedIn).WithName("MyAchievements");
        achievements.MapGet("/{id:guid}", GetListingHandler.Achievement).AllowAnonymous().WithName("GetAchievement");
        achievements.MapPost("/", DraftListingHandler.Achievement).RequireAuthorization(Policies.SignedIn).WithName("DraftAchievement");
        achievements.MapPut("/{id:guid}", ReviseListingHandler.Achievement).RequireAuthorization(Policies.SignedIn).WithName("ReviseAchievement");
        achievements.MapPost("/{id:guid}/publish", PublishListingHandler.Achievement).RequireAuthorization(Policies.SignedIn).WithName("PublishAchievement");
        achievements.MapPost("/{id:guid}/archive", ArchiveListingHandler.Achievement).RequireAuthorization(Policies.SignedIn).WithName("ArchiveAchievement");
        achievements.MapPost("/{id:guid}/unpublish", UnpublishListingHandler.Achievement).RequireAuthorization(Policies.Administrator).WithName("UnpublishAchievement");
        achievements.MapDelete("/{id:guid}", DiscardListingDraftHandler.Achievement).RequireAuthorization(Policies.SignedIn).WithName("DiscardAchievementDraft");

        var needs = app.MapGroup("/api/needs").WithTags("Needs");
        needs.MapGet("/", SearchListingsHandler.Needs).AllowAnonymous().WithName("SearchNeeds");
        needs.MapGet("/mine", SearchListingsHandler.MyNeeds).RequireAuthorization(Policies.SignedIn).WithName("MyNeeds");
        needs.MapGet("/{id:guid}", GetListingHandler.Need).AllowAnonymous().WithName("GetNeed");
        needs.MapPost("/", DraftListingHandler.Need).RequireAuthorization(Policies.SignedIn).WithName("DraftNeed");
        needs.MapPut("/{id:guid}", ReviseListingHandler.Need).RequireAuthorization(Policies.SignedIn).WithName("ReviseNeed");
        needs.MapPost("/{id:guid}/publish", PublishListingHandler.Need).RequireAuthorization(Policies.SignedIn).WithName("PublishNeed");
        needs.MapPost("/{id:guid}/archive", ArchiveListingHandler.Need).RequireAuthorization(Policies.SignedIn).WithName("ArchiveNeed");
        needs.MapPost("/{id:guid}/unpublish", UnpublishListingHandler.Need).RequireAuthorization(Policies.Administrator).WithName("UnpublishNeed");
        needs.MapDelete("/{id:guid}", DiscardListingDraftHandler.Need).RequireAuthorization(Policies.SignedIn).WithName("DiscardNeedDraft");
    }
}

using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Achievements;

public static class AchievementEndpoints
{
    public static RouteGroupBuilder MapAchievements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/achievements").WithTags("Achievements");
        group.MapGet("/", SearchAchievementsHandler.Endpoint).AllowAnonymous().WithName("SearchAchievements");
        group.MapGet("/mine", SearchAchievementsHandler.Mine).RequireAuthorization(Policies.SignedIn).WithName("MyAchievements");
        group.MapGet("/{id:guid}", GetAchievementHandler.Endpoint).AllowAnonymous().WithName("GetAchievement");
        group.MapPost("/", DraftAchievementHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("DraftAchievement");
        group.MapPut("/{id:guid}", ReviseAchievementHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("ReviseAchievement");
        group.MapPost("/{id:guid}/publish", PublishAchievementHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("PublishAchievement");
        group.MapPost("/{id:guid}/archive", ArchiveAchievementHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("ArchiveAchievement");
        group.MapDelete("/{id:guid}", DiscardAchievementDraftHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("DiscardAchievementDraft");
        return group;
    }
}

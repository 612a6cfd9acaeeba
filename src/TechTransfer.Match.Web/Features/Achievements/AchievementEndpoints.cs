namespace TechTransfer.Match.Web.Features.Achievements;

public static class AchievementEndpoints
{
    public static RouteGroupBuilder MapAchievements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/achievements").WithTags("Achievements");
        group.MapGet("/", SearchAchievementsHandler.Endpoint).AllowAnonymous().WithName("SearchAchievements");
        group.MapGet("/mine", SearchAchievementsHandler.Mine).RequireAuthorization().WithName("MyAchievements");
        group.MapGet("/{id:guid}", GetAchievementHandler.Endpoint).AllowAnonymous().WithName("GetAchievement");
        group.MapPost("/", DraftAchievementHandler.Endpoint).RequireAuthorization().WithName("DraftAchievement");
        group.MapPut("/{id:guid}", ReviseAchievementHandler.Endpoint).RequireAuthorization().WithName("ReviseAchievement");
        group.MapPost("/{id:guid}/publish", PublishAchievementHandler.Endpoint).RequireAuthorization().WithName("PublishAchievement");
        group.MapPost("/{id:guid}/archive", ArchiveAchievementHandler.Endpoint).RequireAuthorization().WithName("ArchiveAchievement");
        group.MapDelete("/{id:guid}", DiscardAchievementDraftHandler.Endpoint).RequireAuthorization().WithName("DiscardAchievementDraft");
        return group;
    }
}

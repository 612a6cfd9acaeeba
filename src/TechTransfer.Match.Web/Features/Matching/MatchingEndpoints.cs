namespace TechTransfer.Match.Web.Features.Matching;

public static class MatchingEndpoints
{
    public static IEndpointRouteBuilder MapMatching(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/needs/{id:guid}/matches", GetMatchesHandler.ForNeed).RequireAuthorization().WithTags("Matching").WithName("GetNeedMatches");
        app.MapGet("/api/achievements/{id:guid}/matches", GetMatchesHandler.ForAchievement).RequireAuthorization().WithTags("Matching")
            .WithName("GetAchievementMatches");
        var group = app.MapGroup("/api/matches").WithTags("Matching").RequireAuthorization();
        group.MapPost("/{id:guid}/dismiss", DismissMatchHandler.Endpoint).WithName("DismissMatch");
        group.MapPost("/preview", PreviewMatchesHandler.Endpoint).WithName("PreviewMatches");
        return app;
    }
}

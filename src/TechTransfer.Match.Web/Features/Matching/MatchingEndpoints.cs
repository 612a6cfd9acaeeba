using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Matching;

public static class MatchingEndpoints
{
    public static IEndpointRouteBuilder MapMatching(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/needs/{id:guid}/matches", GetMatchesHandler.ForNeed).RequireAuthorization(Policies.SignedIn).WithTags("Matching").WithName("GetNeedMatches");
        app.MapGet("/api/achievements/{id:guid}/matches", GetMatchesHandler.ForAchievement).RequireAuthorization(Policies.SignedIn).WithTags("Matching")
            .WithName("GetAchievementMatches");
        app.MapGet("/api/needs/{id:guid}/dismissals", GetDismissalFeedbackHandler.ForNeed).RequireAuthorization(Policies.SignedIn).WithTags("Matching")
            .WithName("GetNeedDismissals");
        app.MapGet("/api/achievements/{id:guid}/dismissals", GetDismissalFeedbackHandler.ForAchievement).RequireAuthorization(Policies.SignedIn).WithTags("Matching")
            .WithName("GetAchievementDismissals");
        var group = app.MapGroup("/api/matches").WithTags("Matching").RequireAuthorization(Policies.SignedIn);
        group.MapPost("/{id:guid}/dismiss", DismissMatchHandler.Endpoint).WithName("DismissMatch");
        group.MapPost("/preview", PreviewMatchesHandler.Endpoint).WithName("PreviewMatches");
        var ranker = app.MapGroup("/api/admin/matching/ranker").WithTags("Matching").RequireAuthorization(Policies.Administrator);
        ranker.MapGet("", GetRankerModelsHandler.Endpoint).WithName("GetRankerModels");
        ranker.MapPost("/retrain", RetrainRankerHandler.Endpoint).WithName("RetrainRanker");
        return app;
    }
}

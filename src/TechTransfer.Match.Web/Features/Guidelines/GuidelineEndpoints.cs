using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Guidelines;

public static class GuidelineEndpoints
{
    /// <summary>From unmet demand to guidelines: the bureau and administrators only.</summary>
    public static RouteGroupBuilder MapGuidelines(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/guidelines").WithTags("Guidelines").RequireAuthorization(Policies.Oversight);
        group.MapGet("/unmet-clusters", GetUnmetDemandClustersHandler.Endpoint).WithName("GetUnmetDemandClusters");
        group.MapGet("/topics", ListGuidelineTopicsHandler.Endpoint).WithName("ListGuidelineTopics");
        group.MapGet("/topics/export", ListGuidelineTopicsHandler.Export).WithName("ExportGuidelineTopics");
        group.MapPost("/topics", DraftGuidelineTopicHandler.Endpoint).WithName("DraftGuidelineTopic");
        group.MapPost("/clusters/call", DraftCallFromClusterHandler.Endpoint).WithName("DraftCallFromCluster");
        group.MapPost("/topics/{id:guid}/status", SetGuidelineTopicStatusHandler.Endpoint).WithName("SetGuidelineTopicStatus");
        return group;
    }
}

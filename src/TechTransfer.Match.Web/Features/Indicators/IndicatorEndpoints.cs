using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Indicators;

/// <summary>
/// The bureau's indicators. Every endpoint answers JSON, or a CSV/XLSX download with <c>format=csv|xlsx</c>
/// (headers in Chinese or English by Accept-Language). Signed-in users only; the handlers decide who sees what.
/// </summary>
public static class IndicatorEndpoints
{
    public static RouteGroupBuilder MapIndicators(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/indicators").WithTags("Indicators").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/turnover", GetTurnoverHandler.Endpoint).WithName("GetTurnoverIndicator");
        group.MapGet("/fields", GetFieldCompositionHandler.Endpoint).WithName("GetFieldCompositionIndicator");
        group.MapGet("/localization", GetLocalizationHandler.Endpoint).WithName("GetLocalizationIndicator");
        group.MapGet("/contract-amounts", GetContractAmountsHandler.Endpoint).WithName("GetContractAmountsIndicator");
        group.MapGet("/collaboration", GetCollaborationHandler.Endpoint).WithName("GetCollaborationIndicator");
        group.MapGet("/funnel", GetFunnelHandler.Endpoint).WithName("GetFunnelIndicator");
        group.MapGet("/unmet-demand", GetUnmetDemandHandler.Endpoint).WithName("GetUnmetDemandIndicator");
        group.MapGet("/platform-share", GetPlatformShareHandler.Endpoint).WithName("GetPlatformShareIndicator");
        group.MapGet("/leakage", GetLeakageHandler.Endpoint).WithName("GetLeakageIndicator");
        group.MapGet("/institutions/{id:guid}/series", GetInstitutionSeriesHandler.Endpoint).WithName("GetInstitutionSeriesIndicator");
        return group;
    }
}

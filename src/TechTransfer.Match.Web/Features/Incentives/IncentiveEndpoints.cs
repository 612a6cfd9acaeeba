using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Incentives;

/// <summary>The bureau's incentive schemes: written, revised, simulated, compared (docs/programmes.md). Bureau and administrators only.</summary>
public static class IncentiveEndpoints
{
    public static IServiceCollection AddIncentives(this IServiceCollection services) => services.AddSingleton<IncentiveSimulationCache>();

    public static RouteGroupBuilder MapIncentives(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incentive-schemes").WithTags("Incentives").RequireAuthorization(Policies.Oversight);
        group.MapGet("/", ListIncentiveSchemesHandler.Endpoint).WithName("ListIncentiveSchemes");
        group.MapPost("/", DraftIncentiveSchemeHandler.Endpoint).WithName("DraftIncentiveScheme");
        group.MapGet("/compare", CompareIncentiveSchemesHandler.Endpoint).WithName("CompareIncentiveSchemes");
        group.MapGet("/{id:guid}", GetIncentiveSchemeHandler.Endpoint).WithName("GetIncentiveScheme");
        group.MapPut("/{id:guid}", ReviseIncentiveSchemeHandler.Endpoint).WithName("ReviseIncentiveScheme");
        group.MapGet("/{id:guid}/simulation", SimulateIncentiveSchemeHandler.Endpoint).WithName("SimulateIncentiveScheme");
        group.MapGet("/{id:guid}/simulation/cached", PeekIncentiveSimulationHandler.Endpoint).WithName("PeekIncentiveSimulation");
        group.MapPut("/{id:guid}/adoption", AdoptIncentiveSchemeHandler.Endpoint).WithName("AdoptIncentiveScheme");
        group.MapGet("/{id:guid}/entitlements", ListIncentiveEntitlementsHandler.Endpoint).WithName("ListIncentiveEntitlements");
        group.MapPost("/{id:guid}/entitlements", ComputeIncentiveEntitlementsHandler.Endpoint).WithName("ComputeIncentiveEntitlements");
        group.MapPost("/{id:guid}/entitlements/{period}/approval", ApproveIncentivePeriodHandler.Endpoint).WithName("ApproveIncentivePeriod");
        group.MapPost("/{id:guid}/entitlements/{entitlementId:guid}/decision", DecideIncentiveEntitlementHandler.Endpoint).WithName("DecideIncentiveEntitlement");
        // A beneficiary's own entitlements: any signed-in person, scoped to their organisation (or themselves, as a manager).
        app.MapGroup("/api/incentive-entitlements").WithTags("Incentives").RequireAuthorization(Policies.SignedIn)
            .MapGet("/mine", ListMyEntitlementsHandler.Endpoint).WithName("ListMyEntitlements");
        return group;
    }
}

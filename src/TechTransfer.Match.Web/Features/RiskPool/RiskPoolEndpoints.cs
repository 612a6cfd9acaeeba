using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.RiskPool;

/// <summary>Risk compensation (docs/programmes.md#risk-compensation): the bureau's schemes and pools, the parties' claims, the bureau's decisions.</summary>
public static class RiskPoolEndpoints
{
    public static IEndpointRouteBuilder MapRiskPool(this IEndpointRouteBuilder app)
    {
        var schemes = app.MapGroup("/api/risk-schemes").WithTags("RiskPool").RequireAuthorization(Policies.SignedIn);
        schemes.MapGet("/", ListRiskSchemesHandler.Endpoint).WithName("ListRiskSchemes");
        schemes.MapGet("/{id:guid}", GetRiskSchemeHandler.Endpoint).WithName("GetRiskScheme");
        schemes.MapPost("/", DefineRiskSchemeHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("DefineRiskScheme");
        schemes.MapPut("/{id:guid}", ReviseRiskSchemeHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("ReviseRiskScheme");

        var claims = app.MapGroup("/api/risk-claims").WithTags("RiskPool").RequireAuthorization(Policies.SignedIn);
        claims.MapGet("/", ListRiskClaimsHandler.Endpoint).WithName("ListRiskClaims");
        claims.MapGet("/{id:guid}", GetRiskClaimHandler.Endpoint).WithName("GetRiskClaim");
        claims.MapPost("/", SubmitRiskClaimHandler.Endpoint).WithName("SubmitRiskClaim");
        claims.MapPost("/{id:guid}/approve", ApproveRiskClaimHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("ApproveRiskClaim");
        claims.MapPost("/{id:guid}/reject", RejectRiskClaimHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("RejectRiskClaim");
        claims.MapPost("/{id:guid}/payout", PayRiskClaimHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("PayRiskClaim");
        return app;
    }
}

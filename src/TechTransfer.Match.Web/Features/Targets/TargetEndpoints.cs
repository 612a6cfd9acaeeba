using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Targets;

/// <summary>Institution targets: the bureau sets them; the bureau and each institution's members read progress (docs/programmes.md).</summary>
public static class TargetEndpoints
{
    public static RouteGroupBuilder MapTargets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/institution-targets").WithTags("Targets").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", ListInstitutionTargetsHandler.Endpoint).WithName("ListInstitutionTargets");
        group.MapPut("/{institutionId:guid}/{year:int}", SetInstitutionTargetHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("SetInstitutionTarget");
        group.MapGet("/{institutionId:guid}/{year:int}/progress", GetTargetProgressHandler.Endpoint).WithName("GetTargetProgress");
        return group;
    }
}

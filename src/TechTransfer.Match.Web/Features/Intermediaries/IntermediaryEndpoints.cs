using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Intermediaries;

public static class IntermediaryEndpoints
{
    public static RouteGroupBuilder MapIntermediaries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/intermediaries").WithTags("Intermediaries");
        group.MapGet("/", ListIntermediariesHandler.Endpoint).AllowAnonymous().WithName("ListIntermediaries");
        group.MapGet("/{id:guid}", GetIntermediaryHandler.Endpoint).AllowAnonymous().WithName("GetIntermediary");
        group.MapPut("/{id:guid}", SaveIntermediaryServicesHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("SaveIntermediaryServices");

        var managers = app.MapGroup("/api/technology-managers").WithTags("Intermediaries");
        managers.MapGet("/", ListTechnologyManagersHandler.Endpoint).AllowAnonymous().WithName("ListTechnologyManagers");
        managers.MapPut("/me", SaveTechnologyManagerProfileHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("SaveTechnologyManagerProfile");
        managers.MapGet("/{userId:guid}", GetTechnologyManagerHandler.Endpoint).AllowAnonymous().WithName("GetTechnologyManager");
        managers.MapPost("/{userId:guid}/verification", VerifyTechnologyManagerHandler.Endpoint)
            .RequireAuthorization(Policies.ManagerVerifier).WithName("VerifyTechnologyManager");
        return group;
    }
}

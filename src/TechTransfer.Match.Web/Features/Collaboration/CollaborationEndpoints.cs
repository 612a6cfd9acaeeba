using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Collaboration;

public static class CollaborationEndpoints
{
    public static RouteGroupBuilder MapCollaboration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/collaboration").WithTags("Collaboration").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", ListCollaborationHandler.Endpoint).WithName("ListCollaboration");
        group.MapPost("/joint-institutions", SaveJointRdInstitutionHandler.Create).WithName("RecordJointRdInstitution");
        group.MapPut("/joint-institutions/{id:guid}", SaveJointRdInstitutionHandler.Update).WithName("ReviseJointRdInstitution");
        group.MapPost("/spin-offs", SaveSpinOffHandler.Create).WithName("RecordSpinOff");
        group.MapPut("/spin-offs/{id:guid}", SaveSpinOffHandler.Update).WithName("ReviseSpinOff");
        group.MapPost("/validation-projects", SaveValidationProjectHandler.Create).WithName("RecordValidationProject");
        group.MapPut("/validation-projects/{id:guid}", SaveValidationProjectHandler.Update).WithName("ReviseValidationProject");
        group.MapPost("/imports", ImportCollaborationHandler.Endpoint)
            .RequireAuthorization(Policies.Oversight)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64L * 1024 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: 64L * 1024 * 1024)
            .WithName("ImportCollaboration");
        return group;
    }
}

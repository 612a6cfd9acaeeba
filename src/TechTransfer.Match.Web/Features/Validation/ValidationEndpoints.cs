using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Validation;

public static class ValidationEndpoints
{
    public static RouteGroupBuilder MapValidation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/validation").WithTags("Validation").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/centres", ListValidationCentresHandler.Endpoint).AllowAnonymous().WithName("ListValidationCentres");
        group.MapGet("/centres/{id:guid}", GetValidationCentreHandler.Endpoint).AllowAnonymous().WithName("GetValidationCentre");
        group.MapPost("/centres", SaveValidationCentreHandler.Create).RequireAuthorization(Policies.Administrator).WithName("RegisterValidationCentre");
        group.MapPut("/centres/{id:guid}", SaveValidationCentreHandler.Update).WithName("ReviseValidationCentre");
        group.MapPost("/applications", ApplyForValidationHandler.Endpoint).WithName("ApplyForValidation");
        group.MapGet("/applications", ListValidationApplicationsHandler.Endpoint).WithName("ListValidationApplications");
        group.MapGet("/applications/{id:guid}", GetValidationApplicationHandler.Endpoint).WithName("GetValidationApplication");
        group.MapPost("/applications/{id:guid}/accept", AcceptValidationApplicationHandler.Endpoint).WithName("AcceptValidationApplication");
        group.MapPost("/applications/{id:guid}/decline", DeclineValidationApplicationHandler.Endpoint).WithName("DeclineValidationApplication");
        group.MapPost("/applications/{id:guid}/milestones", RecordValidationMilestoneHandler.Endpoint).WithName("RecordValidationMilestone");
        group.MapPost("/applications/{id:guid}/complete", CompleteValidationHandler.Endpoint).WithName("CompleteValidation");
        group.MapGet("/pipeline", GetValidationPipelineHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("GetValidationPipeline");
        group.MapGet("/suggestions", SuggestValidationHandler.Endpoint).WithName("SuggestValidation");
        return group;
    }
}

using Microsoft.AspNetCore.Mvc;
using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Contracts;

public static class ContractEndpoints
{
    public static RouteGroupBuilder MapContracts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", SearchContractsHandler.Endpoint).WithName("SearchContracts");
        group.MapGet("/{id:guid}", GetContractHandler.Endpoint).WithName("GetContract");
        group.MapPost("/", RecordContractHandler.Endpoint).WithName("RecordContract");
        group.MapPut("/{id:guid}", ReviseContractHandler.Endpoint).WithName("ReviseContract");
        group.MapGet("/{id:guid}/registration-form", GetRegistrationFormHandler.Endpoint).WithName("GetRegistrationForm");
        group.MapGet("/{id:guid}/changes", ListContractChangesHandler.Endpoint).WithName("ListContractChanges");
        group.MapGet("/quality", GetContractQualityHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("GetContractQuality");
        group.MapGet("/quality/export", ExportContractQualityHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("ExportContractQuality");
        group.MapPost("/quality/dismissals", DismissQualityFindingHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("DismissQualityFinding");
        group.MapDelete("/quality/dismissals/{id:guid}", RestoreQualityFindingHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("RestoreQualityFinding");
        group.MapPost("/{id:guid}/duplicate", MarkDuplicateContractHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("MarkDuplicateContract");
        group.MapPost("/{id:guid}/duplicate/undo", UndoDuplicateContractHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("UndoDuplicateContract");
        group.MapGet("/export", ExportContractsHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("ExportContracts");
        group.MapPost("/imports", ImportContractsEndpoint.Upload)
            .RequireAuthorization(Policies.Oversight)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(256L * 1024 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: 256L * 1024 * 1024)
            .WithName("ImportContracts");
        group.MapGet("/imports/{id:guid}", GetImportJobHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("GetImportJob");
        group.MapPost("/imports/{id:guid}/commit", DecideImportPreviewHandler.Commit).RequireAuthorization(Policies.Oversight).WithName("CommitImportPreview");
        group.MapDelete("/imports/{id:guid}", DecideImportPreviewHandler.Cancel).RequireAuthorization(Policies.Oversight).WithName("CancelImportPreview");
        group.MapPost("/reconciliation", DecideReconciliationHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("DecideReconciliation");
        group.MapGet("/proposals", ListContractProposalsHandler.Endpoint).WithName("ListContractProposals");
        group.MapPost("/proposals/{id:guid}/confirm", DecideContractHandler.Confirm).WithName("ConfirmContract");
        group.MapPost("/proposals/{id:guid}/reject", DecideContractHandler.Reject).WithName("RejectContract");
        return group;
    }
}

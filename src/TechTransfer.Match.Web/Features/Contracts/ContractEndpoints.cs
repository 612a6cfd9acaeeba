using Microsoft.AspNetCore.Mvc;
using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Contracts;

public static class ContractEndpoints
{
    public static RouteGroupBuilder MapContracts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization();
        group.MapGet("/", SearchContractsHandler.Endpoint).WithName("SearchContracts");
        group.MapGet("/{id:guid}", GetContractHandler.Endpoint).WithName("GetContract");
        group.MapPost("/", RecordContractHandler.Endpoint).WithName("RecordContract");
        group.MapGet("/quality", GetContractQualityHandler.Endpoint).WithName("GetContractQuality");
        group.MapGet("/export", ExportContractsHandler.Endpoint).WithName("ExportContracts");
        group.MapPost("/imports", ImportContractsEndpoint.Upload)
            .RequireAuthorization(p => p.RequireRole(Roles.BureauAnalyst, Roles.Administrator))
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(256L * 1024 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: 256L * 1024 * 1024)
            .WithName("ImportContracts");
        group.MapGet("/imports/{id:guid}", GetImportJobHandler.Endpoint).WithName("GetImportJob");
        return group;
    }
}

using TechTransfer.Match.Web.Features.Contracts;
using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Deals;

public static class DealEndpoints
{
    public static RouteGroupBuilder MapDeals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deals").WithTags("Deals").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/workbench", GetWorkbenchHandler.Endpoint).RequireAuthorization(Policies.TechnologyManager).WithName("GetWorkbench");
        group.MapGet("/mine", ListMyDealsHandler.Endpoint).WithName("ListMyDeals");
        group.MapGet("/{id:guid}", GetDealHandler.Endpoint).WithName("GetDeal");
        group.MapPost("/", OpenDealHandler.Endpoint).WithName("OpenDeal");
        group.MapPost("/{id:guid}/assign", AssignDealHandler.Endpoint).WithName("AssignDeal");
        group.MapPost("/{id:guid}/stage", MoveDealStageHandler.Endpoint).WithName("MoveDealStage");
        group.MapPost("/{id:guid}/notes", AddDealNoteHandler.Endpoint).WithName("AddDealNote");
        // A deal made from an open call's winner: the call, the proposal and the reviewers' scores (Features/Calls).
        group.MapGet("/{id:guid}/call", Calls.GetDealCallHandler.Endpoint).WithName("GetDealCall");
        group.MapGet("/{id:guid}/contract-draft", DraftContractFromDealHandler.Endpoint).WithName("DraftContractFromDeal");
        group.MapPost("/{id:guid}/contract-proposal", ProposeContractHandler.Endpoint).WithName("ProposeContract");
        return group;
    }
}

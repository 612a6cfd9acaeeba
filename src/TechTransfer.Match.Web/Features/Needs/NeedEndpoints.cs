using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Needs;

public static class NeedEndpoints
{
    public static RouteGroupBuilder MapNeeds(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/needs").WithTags("Needs");
        group.MapGet("/", SearchNeedsHandler.Endpoint).AllowAnonymous().WithName("SearchNeeds");
        group.MapGet("/mine", SearchNeedsHandler.Mine).RequireAuthorization(Policies.SignedIn).WithName("MyNeeds");
        group.MapGet("/{id:guid}", GetNeedHandler.Endpoint).AllowAnonymous().WithName("GetNeed");
        group.MapPost("/", DraftNeedHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("DraftNeed");
        group.MapPut("/{id:guid}", ReviseNeedHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("ReviseNeed");
        group.MapPost("/{id:guid}/publish", PublishNeedHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("PublishNeed");
        group.MapPost("/{id:guid}/archive", ArchiveNeedHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("ArchiveNeed");
        group.MapDelete("/{id:guid}", DiscardNeedDraftHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("DiscardNeedDraft");
        return group;
    }
}

namespace TechTransfer.Match.Web.Features.Needs;

public static class NeedEndpoints
{
    public static RouteGroupBuilder MapNeeds(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/needs").WithTags("Needs");
        group.MapGet("/", SearchNeedsHandler.Endpoint).AllowAnonymous().WithName("SearchNeeds");
        group.MapGet("/mine", SearchNeedsHandler.Mine).RequireAuthorization().WithName("MyNeeds");
        group.MapGet("/{id:guid}", GetNeedHandler.Endpoint).AllowAnonymous().WithName("GetNeed");
        group.MapPost("/", DraftNeedHandler.Endpoint).RequireAuthorization().WithName("DraftNeed");
        group.MapPut("/{id:guid}", ReviseNeedHandler.Endpoint).RequireAuthorization().WithName("ReviseNeed");
        group.MapPost("/{id:guid}/publish", PublishNeedHandler.Endpoint).RequireAuthorization().WithName("PublishNeed");
        group.MapPost("/{id:guid}/archive", ArchiveNeedHandler.Endpoint).RequireAuthorization().WithName("ArchiveNeed");
        group.MapDelete("/{id:guid}", DiscardNeedDraftHandler.Endpoint).RequireAuthorization().WithName("DiscardNeedDraft");
        return group;
    }
}

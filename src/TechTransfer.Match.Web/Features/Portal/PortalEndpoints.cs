namespace TechTransfer.Match.Web.Features.Portal;

public static class PortalEndpoints
{
    public static RouteGroupBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/portal").WithTags("Portal").AllowAnonymous();
        group.MapGet("/", GetPortalHandler.Endpoint).WithName("GetPortal");
        return group;
    }
}

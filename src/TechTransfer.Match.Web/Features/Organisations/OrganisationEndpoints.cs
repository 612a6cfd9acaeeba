using TechTransfer.Match.Web.Domain;

namespace TechTransfer.Match.Web.Features.Organisations;

public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organisations").WithTags("Organisations");
        group.MapGet("/", SearchOrganisationsHandler.Endpoint).AllowAnonymous().WithName("SearchOrganisations");
        group.MapGet("/{id:guid}", GetOrganisationHandler.Endpoint).AllowAnonymous().WithName("GetOrganisation");
        group.MapPost("/", RegisterOrganisationHandler.Endpoint).RequireAuthorization().WithName("RegisterOrganisation");
        group.MapPut("/{id:guid}", UpdateOrganisationHandler.Endpoint).RequireAuthorization().WithName("UpdateOrganisation");
        group.MapPost("/{id:guid}/verification", VerifyOrganisationHandler.Endpoint).RequireAuthorization(p => p.RequireRole(Roles.Administrator))
            .WithName("VerifyOrganisation");
        group.MapPost("/{id:guid}/membership-requests", RequestMembershipHandler.Endpoint).RequireAuthorization().WithName("RequestMembership");
        group.MapGet("/{id:guid}/membership-requests", ListMembershipRequestsHandler.Endpoint).RequireAuthorization().WithName("ListMembershipRequests");
        group.MapPost("/{id:guid}/membership-requests/{requestId:guid}/approve", DecideMembershipHandler.Approve).RequireAuthorization()
            .WithName("ApproveMembership");
        group.MapPost("/{id:guid}/membership-requests/{requestId:guid}/reject", DecideMembershipHandler.Reject).RequireAuthorization()
            .WithName("RejectMembership");
        return group;
    }
}

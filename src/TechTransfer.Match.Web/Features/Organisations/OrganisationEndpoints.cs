using TechTransfer.Match.Web.Features.Listings;
using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Organisations;

public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organisations").WithTags("Organisations");
        group.MapGet("/", SearchOrganisationsHandler.Endpoint).AllowAnonymous().WithName("SearchOrganisations");
        group.MapGet("/{id:guid}", GetOrganisationHandler.Endpoint).AllowAnonymous().WithName("GetOrganisation");
        group.MapGet("/mine/disclosures", ListDisclosuresHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("ListDisclosures");
        group.MapPost("/", RegisterOrganisationHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("RegisterOrganisation");
        group.MapPut("/{id:guid}", UpdateOrganisationHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("UpdateOrganisation");
        group.MapPost("/{id:guid}/verification", VerifyOrganisationHandler.Endpoint).RequireAuthorization(Policies.Administrator)
            .WithName("VerifyOrganisation");
        // Organisation identity (issue 14): the drafts imports create, corrections of kind, merges. Administrators only.
        group.MapGet("/drafts", ListDraftOrganisationsHandler.Endpoint).RequireAuthorization(Policies.Administrator).WithName("ListDraftOrganisations");
        group.MapPost("/{id:guid}/confirm", ConfirmDraftOrganisationHandler.Endpoint).RequireAuthorization(Policies.Administrator)
            .WithName("ConfirmDraftOrganisation");
        group.MapPut("/{id:guid}/kind", CorrectOrganisationKindHandler.Endpoint).RequireAuthorization(Policies.Administrator).WithName("CorrectOrganisationKind");
        group.MapGet("/{id:guid}/merge", PreviewMergeHandler.Endpoint).RequireAuthorization(Policies.Administrator).WithName("PreviewOrganisationMerge");
        group.MapPost("/{id:guid}/merge", MergeOrganisationsHandler.Endpoint).RequireAuthorization(Policies.Administrator).WithName("MergeOrganisations");
        group.MapPost("/{id:guid}/membership-requests", RequestMembershipHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("RequestMembership");
        group.MapGet("/{id:guid}/membership-requests", ListMembershipRequestsHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("ListMembershipRequests");
        group.MapPost("/{id:guid}/membership-requests/{requestId:guid}/approve", DecideMembershipHandler.Approve).RequireAuthorization(Policies.SignedIn)
            .WithName("ApproveMembership");
        group.MapPost("/{id:guid}/membership-requests/{requestId:guid}/reject", DecideMembershipHandler.Reject).RequireAuthorization(Policies.SignedIn)
            .WithName("RejectMembership");
        return group;
    }
}

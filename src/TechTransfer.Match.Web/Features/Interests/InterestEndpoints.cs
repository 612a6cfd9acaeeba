using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Interests;

public static class InterestEndpoints
{
    public static RouteGroupBuilder MapInterests(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/interests").WithTags("Interests").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", ListInterestsHandler.Endpoint).WithName("ListInterests");
        group.MapGet("/{id:guid}", GetInterestHandler.Endpoint).WithName("GetInterest");
        group.MapPost("/", ExpressInterestHandler.Endpoint).WithName("ExpressInterest");
        group.MapPost("/{id:guid}/accept", DecideInterestHandler.Accept).WithName("AcceptInterest");
        group.MapPost("/{id:guid}/decline", DecideInterestHandler.Decline).WithName("DeclineInterest");
        group.MapPost("/{id:guid}/reveal", RevealInterestHandler.Endpoint).WithName("RevealInterest");
        return group;
    }
}

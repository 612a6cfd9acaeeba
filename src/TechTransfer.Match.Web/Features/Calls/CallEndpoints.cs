using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Calls;

public static class CallEndpoints
{
    public static RouteGroupBuilder MapCalls(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls").WithTags("Calls").RequireAuthorization(Policies.SignedIn);
        // The public face of a call: its terms, state, proposal count and winner.
        calls.MapGet("/", ListCallsHandler.Endpoint).AllowAnonymous().WithName("ListCalls");
        calls.MapGet("/{id:guid}", GetCallHandler.Endpoint).AllowAnonymous().WithName("GetCall");
        calls.MapGet("/managed", ListCallsHandler.Managed).WithName("ListManagedCalls");
        calls.MapGet("/reviewing", ListMyReviewsHandler.Endpoint).WithName("ListMyReviews");
        calls.MapGet("/consents", ListConsentRequestsHandler.Endpoint).WithName("ListCallConsentRequests");
        calls.MapPost("/", DraftCallHandler.Endpoint).WithName("DraftCall");
        calls.MapPut("/{id:guid}", ReviseCallHandler.Endpoint).WithName("ReviseCall");
        calls.MapPost("/{id:guid}/publish", PublishCallHandler.Endpoint).WithName("PublishCall");
        calls.MapPost("/{id:guid}/return", ReturnCallHandler.Endpoint).WithName("ReturnCall");
        calls.MapPost("/{id:guid}/deadline", ExtendCallDeadlineHandler.Endpoint).WithName("ExtendCallDeadline");
        calls.MapPost("/{id:guid}/needs/{needId:guid}/screening", ScreenCallNeedHandler.Endpoint).WithName("ScreenCallNeed");
        calls.MapPost("/{id:guid}/reviewers", AssignReviewerHandler.Endpoint).WithName("AssignReviewer");
        calls.MapPost("/{id:guid}/close", CloseCallHandler.Endpoint).WithName("CloseCall");
        calls.MapGet("/{id:guid}/ranking", GetCallRankingHandler.Endpoint).WithName("GetCallRanking");
        calls.MapPost("/{id:guid}/proposals", SubmitProposalHandler.Endpoint).WithName("SubmitCallProposal");
        calls.MapGet("/{id:guid}/proposals", ListCallProposalsHandler.Endpoint).WithName("ListCallProposals");
        calls.MapGet("/{id:guid}/proposals/mine", GetMyProposalHandler.Endpoint).WithName("GetMyCallProposal");
        calls.MapPut("/{id:guid}/proposals/mine", ReviseProposalHandler.Endpoint).WithName("ReviseCallProposal");
        calls.MapPost("/{id:guid}/proposals/{proposalId:guid}/consent", DecideProposalConsentHandler.Endpoint).WithName("DecideCallProposalConsent");
        calls.MapGet("/{id:guid}/review", GetReviewHandler.Endpoint).WithName("GetCallReview");
        calls.MapPost("/{id:guid}/review/conflicts", DeclareConflictsHandler.Endpoint).WithName("DeclareReviewConflicts");
        calls.MapPut("/{id:guid}/proposals/{proposalId:guid}/score", ScoreProposalHandler.Endpoint).WithName("ScoreCallProposal");
        calls.MapPost("/{id:guid}/review/finish", FinishReviewHandler.Endpoint).WithName("FinishCallReview");

        var reviewers = app.MapGroup("/api/reviewers").WithTags("Calls").RequireAuthorization(Policies.Oversight);
        reviewers.MapGet("/", ListReviewersHandler.Endpoint).WithName("ListReviewers");
        reviewers.MapPost("/", GrantReviewerHandler.Endpoint).WithName("GrantReviewer");
        return calls;
    }
}

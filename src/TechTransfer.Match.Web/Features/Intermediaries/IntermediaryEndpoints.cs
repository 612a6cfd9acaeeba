using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Intermediaries;

public static class IntermediaryEndpoints
{
    public static RouteGroupBuilder MapIntermediaries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/intermediaries").WithTags("Intermediaries");
        group.MapGet("/", ListIntermediariesHandler.Endpoint).AllowAnonymous().WithName("ListIntermediaries");
        group.MapGet("/{id:guid}", GetIntermediaryHandler.Endpoint).AllowAnonymous().WithName("GetIntermediary");
        group.MapPut("/{id:guid}", SaveIntermediaryServicesHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("SaveIntermediaryServices");

        var managers = app.MapGroup("/api/technology-managers").WithTags("Intermediaries");
        managers.MapGet("/", ListTechnologyManagersHandler.Endpoint).AllowAnonymous().WithName("ListTechnologyManagers");
        managers.MapPut("/me", SaveTechnologyManagerProfileHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("SaveTechnologyManagerProfile");
        managers.MapGet("/{userId:guid}", GetTechnologyManagerHandler.Endpoint).AllowAnonymous().WithName("GetTechnologyManager");
        managers.MapPost("/{userId:guid}/verification", VerifyTechnologyManagerHandler.Endpoint)
            .RequireAuthorization(Policies.ManagerVerifier).WithName("VerifyTechnologyManager");
        group.MapGet("/performance", GetBrokerPerformanceHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("GetBrokerPerformance");
        group.MapPost("/{id:guid}/filings", DraftFilingHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("DraftFiling");
        managers.MapPost("/me/training", RecordTrainingHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("RecordTraining");
        managers.MapDelete("/me/training/{id:guid}", DeleteTrainingHandler.Endpoint).RequireAuthorization(Policies.SignedIn).WithName("DeleteTraining");
        managers.MapGet("/{userId:guid}/training", ListTrainingHandler.Endpoint).AllowAnonymous().WithName("ListTraining");

        var filings = app.MapGroup("/api/intermediary-filings").WithTags("Intermediaries").RequireAuthorization(Policies.SignedIn);
        filings.MapGet("/", ListFilingsHandler.Endpoint).WithName("ListFilings");
        filings.MapGet("/{id:guid}", GetFilingHandler.Endpoint).WithName("GetFiling");
        filings.MapPut("/{id:guid}", ReviseFilingHandler.Endpoint).WithName("ReviseFiling");
        filings.MapPost("/{id:guid}/submit", SubmitFilingHandler.Endpoint).WithName("SubmitFiling");
        filings.MapPost("/{id:guid}/approve", ApproveFilingHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("ApproveFiling");
        filings.MapPost("/{id:guid}/return", ReturnFilingHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("ReturnFiling");
        filings.MapPost("/{id:guid}/review", ReviewFilingHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("ReviewFiling");
        return group;
    }

    public static IServiceCollection AddIntermediaries(this IServiceCollection services)
    {
        services.AddScoped<FilingReviewReminderSweep>();
        services.AddHostedService<HourlySweep<FilingReviewReminderSweep>>();
        return services;
    }
}

using TechTransfer.Match.Web.Infrastructure;
using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Features.Trials;

public static class TrialEndpoints
{
    public static RouteGroupBuilder MapTrials(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/trials").WithTags("Trials").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", ListTrialsHandler.Endpoint).WithName("ListTrials");
        group.MapGet("/summary", GetTrialSummaryHandler.Endpoint).RequireAuthorization(Policies.Oversight).WithName("GetTrialSummary");
        group.MapGet("/{id:guid}", GetTrialHandler.Endpoint).WithName("GetTrial");
        group.MapPost("/", StartTrialHandler.Endpoint).WithName("StartTrial");
        group.MapPost("/{id:guid}/outcome", RecordTrialOutcomeHandler.Endpoint).WithName("RecordTrialOutcome");
        return group;
    }

    public static IServiceCollection AddTrials(this IServiceCollection services)
    {
        services.AddScoped<TrialReminderSweep>();
        services.AddHostedService<HourlySweep<TrialReminderSweep>>();
        return services;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace TechTransfer.Match.Web.Infrastructure.Http;

/// <summary>
/// Turns the faults that reach the edge into ProblemDetails: unreadable requests become 400,
/// a lost optimistic-concurrency race 409, everything else 500 without internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, code) = exception switch
        {
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (413, "Payload Too Large", "The request body is larger than this endpoint accepts.", "body_too_large"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad Request", Describe(bad), "bad_request"),
            DbUpdateConcurrencyException => (409, "Conflict", Error.StaleVersion().Message, "stale_version"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client Closed Request", "", "cancelled"),
            _ => (500, "Internal Server Error", "An unexpected error occurred. It has been logged.", "fault"),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled fault on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        });
    }

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => $"The request body is not valid JSON for this endpoint: {json.Message}",
        { } inner => $"{bad.Message} {inner.Message}",
        _ => bad.Message,
    };
}

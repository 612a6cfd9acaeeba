using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Match.Web.Infrastructure.Behaviours;
using TechTransfer.Match.Web.Infrastructure.Data;

namespace TechTransfer.Match.Web.Infrastructure.Http;

/// <summary>
/// Turns the faults that reach the edge into ProblemDetails in the request's language: an unreadable
/// body becomes a 400 naming the field (missing, null, control characters, wrong type), a lost
/// optimistic-concurrency race or a unique-index clash a 409 naming the conflict, a deadlock or
/// serialization failure a 409 asking to send the request again, everything else a 500 without
/// internals. Only the 500s are logged as errors.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException { InnerException: JsonException json } && FieldErrors(json) is { } fields)
        {
            return await WriteAsync(httpContext, exception, new ValidationProblemDetails(fields)
            {
                Status = 400,
                Title = ValidationText.Localise("Validation failed"),
                Detail = ValidationText.Localise("One or more fields are invalid."),
                Extensions = { ["code"] = "validation" },
            });
        }

        var (status, title, detail, code) = exception switch
        {
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (413, "Payload Too Large", "The request body is larger than this endpoint accepts.", "body_too_large"),
            BadHttpRequestException { InnerException: JsonException } => (400, "Bad Request", "The request body is not valid JSON.", "bad_request"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad Request", "The request could not be read: a parameter is missing or has the wrong form.", "bad_request"),
            DbUpdateConcurrencyException => (409, "Conflict", Error.StaleVersion().Message, "stale_version"),
            DbUpdateException update when Unique(httpContext, update) is { } conflict => (409, "Conflict", conflict.Message, conflict.Code),
            _ when TransientConflicts.Is(exception) => (409, "Conflict", TransientConflicts.Message, TransientConflicts.Code),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client Closed Request", "", "cancelled"),
            _ => (500, "Internal Server Error", "An unexpected error occurred. It has been logged.", "fault"),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled fault on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (code == TransientConflicts.Code)
        {
            // worth watching (a hot row), but the client's retry resolves it
            logger.LogWarning(exception, "Concurrent transaction conflict on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await WriteAsync(httpContext, exception, new ProblemDetails
        {
            Status = status,
            Title = ValidationText.Localise(title),
            Detail = ValidationText.Localise(detail),
            Extensions = { ["code"] = code },
        });
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, ProblemDetails problem)
    {
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private static (string Code, string Message)? Unique(HttpContext httpContext, DbUpdateException exception) =>
        UniqueConflicts.Describe(exception, httpContext.RequestServices.GetRequiredService<AppDbContext>().Model);

    /// <summary>
    /// The JSON error as field errors keyed by the path the client wrote ("achievement.title",
    /// "keywords[0]"); null when the body is not JSON at all.
    /// </summary>
    internal static Dictionary<string, string[]>? FieldErrors(JsonException json)
    {
        var path = FieldPath(json.Path);
        if (MissingProperties().Match(json.Message) is { Success: true } missing)
        {
            return Quoted().Matches(missing.Groups[1].Value)
                .Select(m => Join(path, m.Groups[1].Value))
                .ToDictionary(f => f, _ => new[] { ValidationText.Localise("This field is required.") });
        }

        var message = json.Message switch
        {
            StrictJson.ControlCharacterMessage => StrictJson.ControlCharacterMessage,
            var m when m.Contains("null", StringComparison.OrdinalIgnoreCase) && m.Contains("allow", StringComparison.OrdinalIgnoreCase) => "This field cannot be null.",
            var m when m.Contains("could not be converted", StringComparison.Ordinal) || m.Contains("Expected a string", StringComparison.Ordinal) => "The value is not valid for this field.",
            _ => null,
        };
        if (message is null || path.Length == 0)
        {
            return null;
        }

        return new Dictionary<string, string[]> { [path] = [ValidationText.Localise(message)] };
    }

    private static string FieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string Join(string path, string property) => path.Length == 0 ? property : $"{path}.{property}";

    [GeneratedRegex("missing required properties including: (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}

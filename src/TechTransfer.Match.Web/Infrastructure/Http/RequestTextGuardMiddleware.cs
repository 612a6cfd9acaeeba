using Microsoft.AspNetCore.Mvc;
using TechTransfer.Match.Web.Infrastructure.Behaviours;

namespace TechTransfer.Match.Web.Infrastructure.Http;

/// <summary>
/// Refuses a query string or path carrying control characters (%00 and the other C0 characters but
/// tab, CR and LF) before anything binds it: bodies are checked by <see cref="StrictJson"/>, and
/// PostgreSQL refuses U+0000 in any text, which would otherwise surface as a 500 from a search.
/// </summary>
public sealed class RequestTextGuardMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var field = StrictJson.HasControlCharacters(context.Request.Path.Value) ? "path" : null;
        foreach (var (key, values) in context.Request.Query)
        {
            if (field is not null)
            {
                break;
            }

            if (StrictJson.HasControlCharacters(key) || values.Any(v => v is not null && StrictJson.HasControlCharacters(v)))
            {
                field = StrictJson.HasControlCharacters(key) ? "query" : key;
            }
        }

        if (field is null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [ValidationText.Localise(StrictJson.ControlCharacterMessage)] })
            {
                Status = 400,
                Title = ValidationText.Localise("Validation failed"),
                Detail = ValidationText.Localise("One or more fields are invalid."),
                Extensions = { ["code"] = "validation" },
            },
        });
    }
}

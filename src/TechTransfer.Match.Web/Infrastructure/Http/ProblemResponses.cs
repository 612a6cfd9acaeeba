using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using TechTransfer.Match.Web.Infrastructure.Accounts;

namespace TechTransfer.Match.Web.Infrastructure.Http;

/// <summary>
/// Declares in the OpenAPI document the ProblemDetails answers every endpoint can give, read from the endpoint's
/// metadata instead of being repeated on each endpoint: 400 (validation) when it takes a body or parameters, 401 and
/// 403 when it requires authorization, 404 when its route names a record (<c>{id}</c>, <c>{userId}</c>, …), 409 on
/// writes (stale versions, state conflicts), 413 on writes with a body, 429 (with Retry-After) under the "auth" rate
/// limit. A status the endpoint already declares is left as it is.
/// </summary>
public sealed class ProblemResponses : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";
    private const string ProblemSchema = nameof(ProblemDetails);
    private const string ValidationSchema = nameof(HttpValidationProblemDetails);

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? HttpMethods.Get;
        var write = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method);
        var hasBody = operation.RequestBody is not null;
        var parameters = operation.Parameters ?? [];
        var authorized = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var namesRecord = parameters.Any(p => p.In == ParameterLocation.Path && p.Name is { } name
            && (name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Id", StringComparison.Ordinal)));
        var authLimited = metadata.OfType<EnableRateLimitingAttribute>().Any(a => a.PolicyName == Policies.AuthRateLimit);

        var answers = new List<(int Status, string Schema)>();
        if (hasBody || parameters.Count > 0)
        {
            answers.Add((StatusCodes.Status400BadRequest, ValidationSchema));
        }

        if (authorized)
        {
            answers.Add((StatusCodes.Status401Unauthorized, ProblemSchema));
            answers.Add((StatusCodes.Status403Forbidden, ProblemSchema));
        }

        if (namesRecord)
        {
            answers.Add((StatusCodes.Status404NotFound, ProblemSchema));
        }

        if (write)
        {
            answers.Add((StatusCodes.Status409Conflict, ProblemSchema));
        }

        if (write && hasBody)
        {
            answers.Add((StatusCodes.Status413PayloadTooLarge, ProblemSchema));
        }

        if (authLimited)
        {
            answers.Add((StatusCodes.Status429TooManyRequests, ProblemSchema));
        }

        operation.Responses ??= [];
        foreach (var (status, schema) in answers)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key))
            {
                continue;
            }

            await EnsureComponentAsync(context, schema, cancellationToken);
            var response = new OpenApiResponse
            {
                Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schema, context.Document) },
                },
            };
            if (status == StatusCodes.Status429TooManyRequests)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    },
                };
            }

            operation.Responses[key] = response;
        }
    }

    /// <summary>
    /// Puts the problem schema into the document's components once, generated like any other schema, with the two
    /// extension members every problem of this API carries (<c>traceId</c>) or may carry (<c>code</c>).
    /// </summary>
    private static async Task EnsureComponentAsync(OpenApiOperationTransformerContext context, string name, CancellationToken cancellationToken)
    {
        if (context.Document is not { } document)
        {
            return;
        }

        if (document.Components?.Schemas?.TryGetValue(name, out var existing) != true)
        {
            var type = name == ValidationSchema ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            existing = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            document.AddComponent(name, existing);
        }

        if (existing is OpenApiSchema schema)
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties.TryAdd("code", new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null });
            schema.Properties.TryAdd("traceId", new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null });
        }
    }
}

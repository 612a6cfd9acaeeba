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
/// limit. Each answer is one shared response of the document's components, referenced by the operations; a status the
/// endpoint already declares is left as it is.
/// </summary>
public sealed class ProblemResponses : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";
    private const string ProblemSchema = nameof(ProblemDetails);
    private const string ValidationSchema = nameof(HttpValidationProblemDetails);

    /// <summary>The shared answers: status, component name, schema.</summary>
    private static readonly Dictionary<int, (string Name, string Schema)> Answers = new()
    {
        [StatusCodes.Status400BadRequest] = ("ValidationProblem", ValidationSchema),
        [StatusCodes.Status401Unauthorized] = ("Unauthorized", ProblemSchema),
        [StatusCodes.Status403Forbidden] = ("Forbidden", ProblemSchema),
        [StatusCodes.Status404NotFound] = ("NotFound", ProblemSchema),
        [StatusCodes.Status409Conflict] = ("Conflict", ProblemSchema),
        [StatusCodes.Status413PayloadTooLarge] = ("PayloadTooLarge", ProblemSchema),
        [StatusCodes.Status429TooManyRequests] = ("TooManyRequests", ProblemSchema),
    };

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

        var statuses = new List<int>();
        if (hasBody || parameters.Count > 0)
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        if (authorized)
        {
            statuses.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        }

        if (namesRecord)
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        if (write)
        {
            statuses.Add(StatusCodes.Status409Conflict);
        }

        if (write && hasBody)
        {
            statuses.Add(StatusCodes.Status413PayloadTooLarge);
        }

        if (authLimited)
        {
            statuses.Add(StatusCodes.Status429TooManyRequests);
        }

        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key) && context.Document is { } document)
            {
                var name = await EnsureResponseAsync(context, document, status, cancellationToken);
                operation.Responses[key] = new OpenApiResponseReference(name, document);
            }
        }
    }

    /// <summary>Puts the shared answer of the status into the document's components once.</summary>
    private static async Task<string> EnsureResponseAsync(OpenApiOperationTransformerContext context, OpenApiDocument document, int status, CancellationToken cancellationToken)
    {
        var (name, schema) = Answers[status];
        if (document.Components?.Responses?.ContainsKey(name) == true)
        {
            return name;
        }

        await EnsureSchemaAsync(context, document, schema, cancellationToken);
        var response = new OpenApiResponse
        {
            Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schema, document) },
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

        document.AddComponent<IOpenApiResponse>(name, response);
        return name;
    }

    /// <summary>
    /// Puts the problem schema into the document's components once, generated like any other schema, with the two
    /// extension members every problem of this API carries (<c>traceId</c>) or may carry (<c>code</c>).
    /// </summary>
    private static async Task EnsureSchemaAsync(OpenApiOperationTransformerContext context, OpenApiDocument document, string name, CancellationToken cancellationToken)
    {
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

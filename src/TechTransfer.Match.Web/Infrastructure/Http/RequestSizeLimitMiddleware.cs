using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace TechTransfer.Match.Web.Infrastructure.Http;

/// <summary>
/// Rejects bodies larger than the endpoint allows before anything reads them. Kestrel enforces the
/// same limit on streamed bodies; this also covers declared lengths and hosts without Kestrel.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IConfiguration configuration)
{
    private readonly long _defaultLimit = configuration.GetValue<long?>("Http:MaxRequestBodyBytes") ?? 1_048_576;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? _defaultLimit;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException($"Request body too large. The limit is {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TechTransfer.Match.Web.Infrastructure.Http;

/// <summary>
/// Makes the OpenAPI document say what <see cref="StrictJson"/> enforces: a property is required exactly when
/// the server refuses a body without it, and strings (read by StrictJson's converter, which the generator
/// cannot see through) are described as strings, nullable where null is accepted.
/// </summary>
public sealed class StrictJsonSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Type == typeof(string))
        {
            var nullable = context.JsonPropertyInfo is { } property && (property.IsGetNullable || property.IsSetNullable);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        else if (type.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Enumerable && type.ElementType == typeof(string) && schema.Items is null)
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        else if (type.Type.IsEnum && (schema.Enum is null || schema.Enum.Count == 0))
        {
            // Flags enums come out as a bare string; their members are the accepted names.
            schema.Enum = [.. Enum.GetNames(type.Type).Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n)!)];
        }
        else if (type.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object && type.Properties.Count > 0)
        {
            schema.Required = new HashSet<string>(type.Properties.Where(p => p.IsRequired).Select(p => p.Name), StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }
}

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TechTransfer.Match.Web.Infrastructure.Http;

/// <summary>
/// The request body is either what the endpoint declares or refused with a 400 that names the field:
/// a constructor parameter that is neither nullable nor defaulted must be present (a missing
/// <c>visibility</c> or <c>version</c> is not silently Public or 0), null is refused where the type is
/// not nullable, and strings carrying control characters (U+0000, which PostgreSQL cannot store, and
/// the other C0 characters but tab, CR and LF) never reach a handler or the database.
/// </summary>
public static class StrictJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.RespectNullableAnnotations = true;
        options.Converters.Add(new PlainTextConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RequireNonOptionalParameters);
    }

    private static void RequireNonOptionalParameters(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
            {
                property.IsRequired = true;
            }
        }
    }

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    /// <summary>Whether the text holds a control character other than tab, CR and LF.</summary>
    public static bool HasControlCharacters(ReadOnlySpan<char> text) => text.ContainsAny(Forbidden);

    public const string ControlCharacterMessage = "Control characters (such as U+0000) are not allowed.";

    private sealed class PlainTextConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("Expected a string.");
            }

            return Check(reader.GetString()!);
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Check(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);

        private static string Check(string value) =>
            HasControlCharacters(value) ? throw new JsonException(ControlCharacterMessage) : value;
    }
}

using System.Text.Json.Nodes;
using TechTransfer.Match.Tests.Infrastructure;

namespace TechTransfer.Match.Tests.Foundation;

/// <summary>
/// The web client is typed from the OpenAPI document committed in <c>web/src/api/openapi.json</c>. A server change
/// that changes the document (an endpoint, a property, a status) fails here until the document and the web types are
/// regenerated, and then the web's type-check shows what the change breaks there.
/// </summary>
public sealed class OpenApiDriftTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Regenerate = "cd web && npm run api:fetch && npm run api:types (with the server running)";

    [Fact]
    public async Task The_web_clients_committed_document_is_the_one_the_server_serves()
    {
        var served = Normalise(JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")));
        var path = Path.Combine(RepositoryFiles.Root, "web", "src", "api", "openapi.json");
        var committed = Normalise(JsonNode.Parse(await File.ReadAllTextAsync(path)));

        var difference = FirstDifference(committed, served, "$");
        if (difference is not null)
        {
            throw new ShouldAssertException(
                $"web/src/api/openapi.json differs from the server's /openapi/v1.json at {difference}.{Environment.NewLine}Regenerate it: {Regenerate}");
        }
    }

    /// <summary>Drops what depends on where the server runs (its address).</summary>
    private static JsonNode? Normalise(JsonNode? document)
    {
        document?.AsObject().Remove("servers");
        return document;
    }

    /// <summary>The first JSON path where the two differ (object members in any order, arrays in order), or null.</summary>
    private static string? FirstDifference(JsonNode? committed, JsonNode? served, string path)
    {
        switch (committed, served)
        {
            case (null, null):
                return null;
            case (JsonObject a, JsonObject b):
                foreach (var (key, value) in a)
                {
                    var at = Member(path, key);
                    if (!b.TryGetPropertyValue(key, out var other))
                    {
                        return $"{at} (in the committed document, not served)";
                    }

                    if (FirstDifference(value, other, at) is { } inner)
                    {
                        return inner;
                    }
                }

                return b.Select(p => p.Key).FirstOrDefault(k => !a.ContainsKey(k)) is { } extra
                    ? $"{Member(path, extra)} (served, not in the committed document)"
                    : null;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
                {
                    if (FirstDifference(a[i], b[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return a.Count == b.Count ? null : $"{path} ({a.Count} items committed, {b.Count} served)";
            default:
                return JsonNode.DeepEquals(committed, served)
                    ? null
                    : $"{path} (committed {committed?.ToJsonString() ?? "null"}, served {served?.ToJsonString() ?? "null"})";
        }
    }

    private static string Member(string path, string key) =>
        System.Text.RegularExpressions.Regex.IsMatch(key, "^[A-Za-z_][A-Za-z0-9_]*$") ? $"{path}.{key}" : $"{path}['{key}']";
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TechTransfer.Match.Tests.Infrastructure;
using TechTransfer.Match.Web.Domain;
using Xunit.Abstractions;

namespace TechTransfer.Match.Tests.Trust;

/// <summary>
/// Finding 3 and 7 of the trust review, kept as a corpus: every write endpoint of the OpenAPI document gets
/// malformed bodies generated from its request schema (each property missing, null, of the wrong type, with
/// U+0000 and other control characters, 100,000 characters long, lists holding null; bodies that are not JSON,
/// empty, null, an array), and every query parameter of every read gets U+0000 and very long values. None may
/// answer 500; a missing required property must answer 400 naming it. A new endpoint joins the corpus by
/// being in the document.
/// </summary>
public abstract class MalformedInputTests<TApp>(TApp app, ITestOutputHelper output) : IClassFixture<TApp>
    where TApp : TestApp
{
    private static readonly string Long = new('长', 100_000);

    [Fact]
    public async Task No_malformed_body_or_query_on_any_endpoint_answers_500_and_missing_required_properties_are_named()
    {
        var doc = JsonNode.Parse(await (await app.CreateClient().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!;
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var member = await app.CreateUserAsync(Roles.EnterpriseMember, OrganisationKind.Enterprise);
        var clients = new[] { ("administrator", app.Admin), ("member", member.Client) };

        var sent = 0;
        var faults = new List<string>();
        var unnamed = new List<string>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters")
                {
                    continue;
                }

                var url = Route(path);
                if (method == "get")
                {
                    foreach (var parameter in operation!["parameters"]?.AsArray() ?? [])
                    {
                        if (parameter!["in"]?.GetValue<string>() != "query")
                        {
                            continue;
                        }

                        var name = parameter["name"]!.GetValue<string>();
                        foreach (var value in new[] { "a\u0000b", "\u0001", new string('x', 5_000), "-1", "99999999999999999999", "null" })
                        {
                            foreach (var (who, client) in clients)
                            {
                                var response = await client.GetAsync($"{url}?{name}={Uri.EscapeDataString(value)}");
                                sent++;
                                if ((int)response.StatusCode >= 500)
                                {
                                    faults.Add($"{who} GET {url}?{name}={Show(value)} -> {(int)response.StatusCode}");
                                }
                            }
                        }
                    }

                    continue;
                }

                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is not { } bodySchema)
                {
                    continue;
                }

                var valid = Sample(bodySchema, schemas, 0);
                foreach (var (label, body, missing) in Mutations(valid, Resolve(bodySchema, schemas), schemas))
                {
                    foreach (var (who, client) in clients)
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                        {
                            Content = new StringContent(body, Encoding.UTF8, "application/json"),
                        };
                        var response = await client.SendAsync(request);
                        sent++;
                        var status = (int)response.StatusCode;
                        if (status >= 500)
                        {
                            faults.Add($"{who} {method.ToUpperInvariant()} {url} {label} -> {status}: {await response.Content.ReadAsStringAsync()}");
                        }
                        else if (missing is not null && status == 400)
                        {
                            var problem = await response.Content.ReadAsStringAsync();
                            if (problem.Contains("\"errors\"", StringComparison.Ordinal) && !problem.Contains($"\"{missing}\"", StringComparison.Ordinal))
                            {
                                unnamed.Add($"{who} {method.ToUpperInvariant()} {url} {label}: {problem}");
                            }
                        }
                        else if (missing is not null && status is >= 200 and < 300)
                        {
                            unnamed.Add($"{who} {method.ToUpperInvariant()} {url} {label} was accepted ({status}) without the required property");
                        }
                    }
                }
            }
        }

        output.WriteLine($"{sent} malformed requests, {faults.Count} answered 500, {unnamed.Count} missing properties not refused by name");
        sent.ShouldBeGreaterThan(2_000);
        faults.ShouldBeEmpty(string.Join('\n', faults.Take(30)));
        unnamed.ShouldBeEmpty(string.Join('\n', unnamed.Take(30)));
    }

    private static string Show(string value) => value.Length > 20 ? $"<{value.Length} chars>" : JsonSerializer.Serialize(value);

    /// <summary>Route parameters filled with ids that exist nowhere (the body is read before the record is looked up).</summary>
    private static string Route(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, "\\{([^}]+)\\}", m => m.Groups[1].Value == "role" ? "Reviewer" : Guid.NewGuid().ToString());

    private static JsonObject Resolve(JsonNode schema, JsonObject schemas)
    {
        // A nullable reference is "oneOf: [null, $ref]": the non-null alternative describes the value.
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray alternatives)
        {
            schema = alternatives.FirstOrDefault(a => a?["type"]?.ToString() != "null") ?? schema;
        }

        return schema["$ref"] is { } reference ? schemas[reference.GetValue<string>().Split('/')[^1]]!.AsObject() : schema.AsObject();
    }

    private static IEnumerable<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()),
        JsonValue type => [type.GetValue<string>()],
        _ => [],
    };

    /// <summary>A plausible value of the schema: the first enum member, a fresh id, a date, one item.</summary>
    private static JsonNode? Sample(JsonNode schema, JsonObject schemas, int depth)
    {
        var s = Resolve(schema, schemas);
        if (s["enum"] is JsonArray values)
        {
            return values.FirstOrDefault(v => v is not null && v.ToString() != "None")?.DeepClone();
        }

        var types = Types(s).Where(t => t != "null").ToList();
        if (s["format"]?.GetValue<string>() is { } format)
        {
            switch (format)
            {
                case "uuid": return Guid.NewGuid().ToString();
                case "date": return "2024-06-01";
                case "date-time": return "2024-06-01T08:00:00Z";
            }
        }

        if (types.Contains("integer"))
        {
            return 1;
        }

        if (types.Contains("number"))
        {
            return 1.5;
        }

        if (types.Contains("boolean"))
        {
            return true;
        }

        if (types.Contains("array"))
        {
            return s["items"] is { } items && depth < 4 ? new JsonArray(Sample(items, schemas, depth + 1)) : new JsonArray();
        }

        if (types.Contains("string"))
        {
            return "测试 text";
        }

        if (s["properties"] is JsonObject properties && depth < 4)
        {
            var result = new JsonObject();
            foreach (var (name, property) in properties)
            {
                result[name] = Sample(property!, schemas, depth + 1);
            }

            return result;
        }

        return types.Count == 0 ? "测试" : null;
    }

    private static IEnumerable<(string Label, string Body, string? MissingRequired)> Mutations(JsonNode? valid, JsonObject schema, JsonObject schemas)
    {
        yield return ("not JSON", "{\"title\": ", null);
        yield return ("empty", "", null);
        yield return ("null", "null", null);
        yield return ("array", "[]", null);
        yield return ("string", "\"\\u0000\"", null);
        if (valid is not JsonObject root || schema["properties"] is not JsonObject properties)
        {
            yield break;
        }

        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, propertySchema) in properties)
        {
            var resolved = Resolve(propertySchema!, schemas);
            var types = Types(resolved).ToList();
            JsonNode?[] values =
            [
                null, "a\u0000b", "\u0007", Long, 123, true, new JsonArray(), new JsonArray((JsonNode?)null), new JsonObject(), 1e300, -1, "9999-99-99",
            ];
            var without = root.DeepClone().AsObject();
            without.Remove(name);
            yield return ($"without {name}", without.ToJsonString(), required.Contains(name) ? name : null);
            foreach (var value in values)
            {
                var changed = root.DeepClone().AsObject();
                changed[name] = value?.DeepClone();
                yield return ($"{name}={Show(value?.ToJsonString() ?? "null")}", changed.ToJsonString(), null);
            }

            // One level down: nested objects and items of lists of objects.
            var inner = resolved["properties"] is JsonObject ? resolved : resolved["items"] is { } items ? Resolve(items, schemas) : null;
            if (inner?["properties"] is JsonObject innerProperties && root[name] is { } nested)
            {
                var target = nested is JsonArray array && array.Count > 0 ? array[0] as JsonObject : nested as JsonObject;
                if (target is null)
                {
                    continue;
                }

                foreach (var (innerName, _) in innerProperties)
                {
                    foreach (var value in new JsonNode?[] { null, "a\u0000b", Long, 1e300 })
                    {
                        var changed = root.DeepClone().AsObject();
                        var slot = changed[name] is JsonArray a ? (JsonObject)a[0]! : (JsonObject)changed[name]!;
                        slot[innerName] = value?.DeepClone();
                        yield return ($"{name}.{innerName}={Show(value?.ToJsonString() ?? "null")}", changed.ToJsonString(), null);
                    }
                }
            }
        }
    }
}

public sealed class SqliteMalformedInputTests(SqliteApp app, ITestOutputHelper output) : MalformedInputTests<SqliteApp>(app, output);

public sealed class PostgresMalformedInputTests(PostgresApp app, ITestOutputHelper output) : MalformedInputTests<PostgresApp>(app, output);

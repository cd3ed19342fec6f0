using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;

namespace ContractKit.OpenApi;

public enum OpenApiVersion
{
    /// <summary>OpenAPI 3.1.0: schemas are JSON Schema 2020-12, as in the contracts.</summary>
    V3_1,
    /// <summary>OpenAPI 3.0.3, for tools that read only 3.0: schemas are down-converted (see <see cref="OpenApiExporter"/>).</summary>
    V3_0,
}

/// <summary>
/// Builds one OpenAPI document per vendor from its contracts. The contracts stay the source of truth; the
/// document is for the OpenAPI tools a team already has (mock servers, fuzzers, diff tools).
/// </summary>
/// <remarks>
/// For 3.0 the schemas are rewritten: a type list with "null" becomes <c>nullable: true</c> (several other
/// types become <c>anyOf</c>, with <c>nullable</c> in its first branch, since 3.0.3 reads it only beside a type), <c>examples</c> becomes <c>example</c>, <c>const</c> becomes a one-value
/// <c>enum</c>, numeric <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> become the bound plus a boolean.
/// In both versions <c>$defs</c> move to <c>components/schemas</c>, page line numbers (<c>x-line</c>) are
/// dropped and the other <c>x-</c> marks (volatile, secret, override) stay as extensions.
/// </remarks>
public static class OpenApiExporter
{
    /// <summary>One document per vendor, in ordinal order of vendor.</summary>
    public static IReadOnlyList<(string Vendor, JsonObject Document)> Export(IEnumerable<Contract> contracts, OpenApiVersion version) =>
        contracts.GroupBy(c => c.Vendor, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Document(g.Key, g.OrderBy(c => c.Operation, StringComparer.Ordinal).ToList(), version)))
            .ToList();

    /// <summary>The deepest document the exporter writes (JSON levels).</summary>
    public const int MaxDocumentDepth = 256;

    public static byte[] ToUtf8Bytes(JsonObject document)
    {
        // A contract may nest 64 levels; the document puts its schemas some levels deeper, and the 3.0 spelling
        // can wrap a schema in anyOf/allOf, so the writer allows twice the contract's depth and more.
        var text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, MaxDepth = MaxDocumentDepth, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n") + "\n");
    }

    private static JsonObject Document(string vendor, List<Contract> contracts, OpenApiVersion version)
    {
        var components = new JsonObject();
        var schemas = new JsonObject();
        var securitySchemes = new JsonObject();
        var paths = new JsonObject();
        foreach (var contract in contracts)
        {
            var pathItem = paths[contract.Http.Path] as JsonObject ?? new JsonObject();
            paths[contract.Http.Path] = pathItem;
            pathItem[contract.Http.Method.ToLowerInvariant()] = Operation(contract, version, schemas, securitySchemes);
        }

        var document = new JsonObject
        {
            ["openapi"] = version == OpenApiVersion.V3_1 ? "3.1.0" : "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = $"{vendor} (ContractKit contracts)",
                ["description"] = "Derived by ContractKit from the vendor's documentation pages: " +
                    string.Join(", ", contracts.Select(c => c.Provenance.Page).Distinct(StringComparer.Ordinal)) + ". The contracts are the source; regenerate this file with `contractkit export openapi`.",
                ["version"] = Version(contracts),
            },
        };

        var servers = contracts.Select(c => c.Http.BaseUrl).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // A sandbox the pages name goes after the live servers, described as such (OpenAPI's first server is the default).
        var sandboxes = contracts.Select(c => c.Http.SandboxUrl).OfType<string>().Distinct(StringComparer.Ordinal).Where(s => !servers.Contains(s)).ToList();
        if (servers.Count + sandboxes.Count > 0)
        {
            document["servers"] = new JsonArray(servers.Select(s => (JsonNode)new JsonObject { ["url"] = s })
                .Concat(sandboxes.Select(s => (JsonNode)new JsonObject { ["url"] = s, ["description"] = "Sandbox" })).ToArray());
        }

        document["paths"] = paths;
        if (schemas.Count > 0)
        {
            components["schemas"] = schemas;
        }

        if (securitySchemes.Count > 0)
        {
            components["securitySchemes"] = securitySchemes;
        }

        if (components.Count > 0)
        {
            document["components"] = components;
        }

        return document;
    }

    /// <summary>The contracts' hashes, shortened: the document's version changes exactly when a contract's page does.</summary>
    private static string Version(List<Contract> contracts)
    {
        var joined = string.Join("\n", contracts.Select(c => c.Operation + ":" + c.Provenance.Sha256));
        return "docs-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..12].ToLowerInvariant();
    }

    private static JsonObject Operation(Contract contract, OpenApiVersion version, JsonObject schemas, JsonObject securitySchemes)
    {
        var prefix = ContractNames.Pascal(contract.Operation);
        var operation = new JsonObject { ["operationId"] = contract.Operation };
        if (contract.Title is not null)
        {
            operation["summary"] = contract.Title;
        }

        if (contract.Summary is not null)
        {
            operation["description"] = contract.Summary;
        }

        var authHeaders = contract.Http.Auth.Headers.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var parameters = new JsonArray();
        foreach (var parameter in contract.Http.Parameters)
        {
            // OpenAPI describes credentials as security schemes, and ignores Content-Type/Accept/Authorization parameters.
            if (parameter.In == ParameterLocations.Header &&
                (authHeaders.Contains(parameter.Name) || parameter.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ||
                 parameter.Name.Equals("Accept", StringComparison.OrdinalIgnoreCase) || parameter.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var item = new JsonObject { ["name"] = parameter.Name, ["in"] = parameter.In };
            if (parameter.Description is not null)
            {
                item["description"] = parameter.Description;
            }

            item["required"] = parameter.Required || parameter.In == ParameterLocations.Path;
            item["schema"] = Schema(parameter.Schema, version, schemas, prefix);
            parameters.Add(item);
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (contract.Request is { } request)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = Content(request.ContentType, request.Schema, contract.Examples.Request?.Body, version, schemas, prefix),
            };
        }

        var responses = new JsonObject();
        foreach (var response in contract.Responses)
        {
            var example = contract.Examples.Responses.FirstOrDefault(e => e.Status == response.Status)?.Body;
            var item = new JsonObject
            {
                ["description"] = response.Message is null ? response.Description ?? "" : $"{response.Description} Message: {response.Message}".Trim(),
            };
            if (response.Schema.Count > 0 || example is not null)
            {
                item["content"] = Content(response.ContentType, response.Schema, example, version, schemas, prefix);
            }

            responses[response.Status.ToUpperInvariant()] = item;
        }

        operation["responses"] = responses;
        var security = Security(contract.Http.Auth, securitySchemes);
        if (security is not null)
        {
            operation["security"] = new JsonArray(security);
        }

        return operation;
    }

    private static JsonObject Content(string contentType, JsonObject schema, JsonNode? example, OpenApiVersion version, JsonObject schemas, string prefix)
    {
        var media = new JsonObject { ["schema"] = Schema(schema, version, schemas, prefix) };
        if (example is not null)
        {
            media["example"] = example.DeepClone();
        }

        return new JsonObject { [contentType] = media };
    }

    private static JsonObject? Security(AuthSpec auth, JsonObject securitySchemes)
    {
        switch (auth.Scheme)
        {
            case AuthSchemes.Basic:
                securitySchemes["basicAuth"] = new JsonObject { ["type"] = "http", ["scheme"] = "basic" };
                return new JsonObject { ["basicAuth"] = new JsonArray() };
            case AuthSchemes.Bearer:
                securitySchemes["bearerAuth"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" };
                return new JsonObject { ["bearerAuth"] = new JsonArray() };
            case AuthSchemes.Headers:
                // Every header is needed at once: one requirement object naming them all.
                var requirement = new JsonObject();
                foreach (var header in auth.Headers)
                {
                    var name = string.Concat(header.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(Capital));
                    securitySchemes[name] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = header };
                    requirement[name] = new JsonArray();
                }

                return requirement;
            default:
                return null;
        }
    }

    private static string Capital(string part) => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant();


    /// <summary>A copy of a contract schema in the document's dialect, its $defs moved to components.</summary>
    private static JsonObject Schema(JsonObject schema, OpenApiVersion version, JsonObject schemas, string prefix)
    {
        var copy = (JsonObject)schema.DeepClone();
        if (copy["$defs"] is JsonObject definitions)
        {
            copy.Remove("$defs");
            foreach (var (name, definition) in definitions)
            {
                if (definition is JsonObject body)
                {
                    schemas[prefix + "_" + name] = Rewrite(body, version, prefix);
                }
            }
        }

        return Rewrite(copy, version, prefix);
    }

    private static JsonObject Rewrite(JsonObject schema, OpenApiVersion version, string prefix)
    {
        var result = new JsonObject();
        foreach (var (keyword, value) in schema)
        {
            switch (keyword)
            {
                case "x-line" or "$schema" or "$comment":
                    break;
                case "$ref" when value is JsonValue reference && reference.TryGetValue<string>(out var target):
                    result["$ref"] = target.StartsWith("#/$defs/", StringComparison.Ordinal)
                        ? "#/components/schemas/" + prefix + "_" + target["#/$defs/".Length..]
                        : target;
                    break;
                case "properties" or "$defs" when value is JsonObject members:
                    var converted = new JsonObject();
                    foreach (var (name, member) in members)
                    {
                        converted[name] = member is JsonObject memberSchema ? Rewrite(memberSchema, version, prefix) : member?.DeepClone();
                    }

                    result[keyword] = converted;
                    break;
                case "items" or "additionalProperties" or "not" when value is JsonObject nested:
                    result[keyword] = Rewrite(nested, version, prefix);
                    break;
                case "anyOf" or "oneOf" or "allOf" when value is JsonArray alternatives:
                    result[keyword] = new JsonArray(alternatives.Select(a => a is JsonObject o ? (JsonNode)Rewrite(o, version, prefix) : a?.DeepClone()).ToArray());
                    break;
                default:
                    result[keyword] = value?.DeepClone();
                    break;
            }
        }

        return version == OpenApiVersion.V3_0 ? DownConvert(result) : result;
    }

    /// <summary>The 3.0 spelling of what 3.1 (JSON Schema 2020-12) writes differently; see the remarks above.</summary>
    private static JsonObject DownConvert(JsonObject schema)
    {
        if (schema["type"] is JsonArray types)
        {
            var names = types.Select(t => t!.GetValue<string>()).ToList();
            var nullable = names.Remove("null");
            schema.Remove("type");
            if (names.Count == 1)
            {
                schema["type"] = names[0];
            }
            else if (names.Count > 1)
            {
                schema["anyOf"] = new JsonArray(names.Select(n => (JsonNode)new JsonObject { ["type"] = n }).ToArray());
                // 3.0.3 gives nullable effect only beside a type in the same schema object, so null goes in a branch.
                if (nullable)
                {
                    schema["anyOf"]![0]!["nullable"] = true;
                    nullable = false;
                }
            }

            if (nullable)
            {
                schema["nullable"] = true;
            }
        }

        if (schema["examples"] is JsonArray examples)
        {
            schema.Remove("examples");
            if (examples.Count > 0)
            {
                schema["example"] = examples[0]?.DeepClone();
            }
        }

        if (schema.ContainsKey("const"))
        {
            var value = schema["const"]?.DeepClone();
            schema.Remove("const");
            schema["enum"] = new JsonArray(value);
        }

        foreach (var (exclusive, bound) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
        {
            if (schema[exclusive] is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
            {
                schema.Remove(exclusive);
                schema[bound] = number.DeepClone();
                schema[exclusive] = true;
            }
        }

        return schema;
    }
}

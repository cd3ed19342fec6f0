using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContractKit.Contracts;

/// <summary>One documented field of a contract, flattened: what <c>contractkit describe</c> lists.</summary>
/// <param name="Part">"request" or "response".</param>
/// <param name="Status">The response status, or null for the request.</param>
/// <param name="In">"path", "query", "header" or "body".</param>
/// <param name="Path">Dotted, with <c>[]</c> for array items: <c>tagDetails[].tagId</c>.</param>
/// <param name="Type">The JSON Schema type other than null, or "any" where the contract does not constrain it.</param>
/// <param name="Constraints">The schema's other validation keywords (enum, format, maxLength...).</param>
/// <param name="Inferred">The page's tables do not document the field; only its sample shows it.</param>
public sealed record ContractField(
    string Part,
    string? Status,
    string In,
    string Path,
    string Type,
    bool Required,
    bool Nullable,
    JsonObject Constraints,
    int? Line,
    bool Volatile,
    bool Secret,
    bool Inferred);

public static class ContractFields
{
    /// <summary>Keywords that shape the tree or annotate it, rather than constrain the value.</summary>
    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal)
    {
        "type", "properties", "items", "required", "description", "examples", "title", "$comment",
    };

    public static IEnumerable<ContractField> List(Contract contract)
    {
        foreach (var parameter in contract.Http.Parameters)
        {
            yield return Field("request", null, parameter.In, parameter.Name, parameter.Schema, parameter.Required, parameter.Line, parameter.Secret);
        }

        if (contract.Request is { } request)
        {
            foreach (var field in Walk("request", null, request.Schema, ""))
            {
                yield return field;
            }
        }

        foreach (var response in contract.Responses)
        {
            foreach (var field in Walk("response", response.Status, response.Schema, ""))
            {
                yield return field;
            }
        }
    }

    private static IEnumerable<ContractField> Walk(string part, string? status, JsonObject schema, string path)
    {
        var properties = schema["properties"] as JsonObject;
        if (properties is not null)
        {
            var required = (schema["required"] as JsonArray)?.Select(r => r?.GetValue<string>()).ToHashSet() ?? [];
            foreach (var (name, value) in properties)
            {
                if (value is not JsonObject member)
                {
                    continue;
                }

                var memberPath = path.Length == 0 ? name : path + "." + name;
                yield return Field(part, status, "body", memberPath, member, required.Contains(name),
                    member["x-line"]?.GetValue<int>(), Flag(member, "x-secret"));
                foreach (var nested in Walk(part, status, member, memberPath))
                {
                    yield return nested;
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            foreach (var nested in Walk(part, status, items, path + "[]"))
            {
                yield return nested;
            }
        }
    }

    private static ContractField Field(string part, string? status, string location, string path, JsonObject schema, bool required, int? line, bool secret)
    {
        var constraints = new JsonObject();
        foreach (var (keyword, value) in schema)
        {
            if (!Structural.Contains(keyword) && !keyword.StartsWith("x-", StringComparison.Ordinal))
            {
                constraints[keyword] = value?.DeepClone();
            }
        }

        var types = schema["type"] switch
        {
            JsonValue single => [single.GetValue<string>()],
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            _ => new List<string>(),
        };
        var type = types.FirstOrDefault(t => t != "null") ?? (types.Count > 0 ? "null" : "any");
        return new ContractField(part, status, location, path, type, required, types.Contains("null") || types.Count == 0,
            constraints, line, Flag(schema, "x-volatile"), secret, Flag(schema, "x-inferred"));
    }

    private static bool Flag(JsonObject schema, string keyword) => schema[keyword]?.GetValueKind() == JsonValueKind.True;
}

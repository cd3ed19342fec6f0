using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;

namespace ContractKit.Import.OpenApi;

/// <summary>
/// Turns an OpenAPI schema object (3.0's dialect or 3.1's JSON Schema 2020-12) into the JSON Schema subset a contract
/// holds (docs/contract-format.md): local references are followed and written in place, 3.0's spellings become
/// 2020-12's, and keywords a contract cannot hold are left out with a finding, so the contract is never stricter than
/// the document.
/// </summary>
internal sealed class OpenApiSchemas(OpenApiText text, bool openApi30, List<Finding> findings)
{
    /// <summary>How many schema objects one operation may expand to once references are written in place.</summary>
    public const int MaxSchemaObjects = 100_000;

    private static readonly HashSet<string> Copied = new(StringComparer.Ordinal)
    {
        "title", "description", "default", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum",
        "minItems", "maxItems", "minProperties", "maxProperties", "required",
    };

    /// <summary>Annotations with no bearing on what a value may be; left out without a finding.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "readOnly", "writeOnly", "deprecated", "xml", "externalDocs", "discriminator", "$comment", "$schema", "$id", "$anchor",
        "contentMediaType", "contentEncoding", "nullable", "example", "examples",
    };

    /// <summary>Formats that name a representation (OpenAPI's data types) rather than assert anything a contract checks.</summary>
    private static readonly HashSet<string> RepresentationFormats = new(StringComparer.Ordinal)
    {
        "int32", "int64", "float", "double", "byte", "binary", "password",
    };

    private static readonly HashSet<string> ContractFormats = new(StringComparer.Ordinal) { "email", "date-time", "date", "uuid" };

    private int objects;
    private bool tooLarge;

    /// <summary>Resolves a local reference ("#/components/..."); null (with a finding) when it cannot be followed.</summary>
    public (JsonNode Node, string Pointer)? Resolve(string reference, string at)
    {
        if (!reference.StartsWith('#'))
        {
            Add(OpenApiFindingCodes.UnresolvableReference, FindingSeverity.Warning, at,
                $"the reference \"{reference}\" points outside the document; it was not followed (nothing is fetched), so the contract accepts any value there");
            return null;
        }

        var pointer = Uri.UnescapeDataString(reference[1..]);
        JsonNode? node = text.Root;
        foreach (var token in pointer.Split('/').Skip(1))
        {
            var key = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[key],
                JsonArray array when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
            if (node is null)
            {
                Add(OpenApiFindingCodes.UnresolvableReference, FindingSeverity.Warning, at,
                    $"the reference \"{reference}\" points to nothing in the document, so the contract accepts any value there");
                return null;
            }
        }

        return (node!, pointer);
    }

    /// <summary>The contract schema for the OpenAPI schema at this pointer.</summary>
    public JsonObject Convert(JsonNode? schema, string pointer) => Convert(schema, pointer, []);

    private JsonObject Convert(JsonNode? schema, string pointer, List<string> chain)
    {
        if (++objects > MaxSchemaObjects)
        {
            if (!tooLarge)
            {
                tooLarge = true;
                Add(OpenApiFindingCodes.UnresolvableReference, FindingSeverity.Error, pointer,
                    $"the operation's schemas expand to more than {MaxSchemaObjects:N0} schema objects once references are written in place; it is too large to import");
            }

            return [];
        }

        if (schema is JsonValue boolean && boolean.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (boolean.GetValueKind() == JsonValueKind.False)
            {
                Add(OpenApiFindingCodes.KeywordDropped, FindingSeverity.Warning, pointer, "the schema false (no value allowed) cannot be held by a contract; it accepts any value there");
            }

            return [];
        }

        if (schema is not JsonObject source)
        {
            return [];
        }

        var result = new JsonObject();
        if (source["$ref"] is JsonValue reference && reference.GetValueKind() == JsonValueKind.String)
        {
            var target = reference.GetValue<string>();
            if (chain.Contains(target, StringComparer.Ordinal))
            {
                Add(OpenApiFindingCodes.UnresolvableReference, FindingSeverity.Warning, pointer,
                    $"the reference \"{target}\" refers back to itself ({string.Join(" -> ", chain.SkipWhile(c => c != target))} -> {target}); a contract holds no recursive schema, so it accepts any value from here down");
                return [];
            }

            if (Resolve(target, pointer) is { } resolved)
            {
                result = Convert(resolved.Node, resolved.Pointer, [.. chain, target]);
            }

            // 3.0 ignores a reference's siblings; 3.1 applies them beside it. Only the description is worth carrying.
            if (!openApi30 && source["description"] is JsonValue description)
            {
                result["description"] = description.DeepClone();
            }

            return result;
        }

        foreach (var (key, value) in source)
        {
            var at = pointer + "/" + OpenApiText.Escape(key);
            switch (key)
            {
                case "type":
                    result["type"] = value?.DeepClone();
                    break;
                case var copied when Copied.Contains(copied):
                    result[key] = value?.DeepClone();
                    break;
                case "format":
                    var format = (value as JsonValue)?.GetValueKind() == JsonValueKind.String ? value!.GetValue<string>() : "";
                    if (ContractFormats.Contains(format))
                    {
                        result["format"] = format;
                    }
                    else if (!RepresentationFormats.Contains(format))
                    {
                        Add(OpenApiFindingCodes.KeywordDropped, FindingSeverity.Info, at, $"the format \"{format}\" is not one a contract checks (email, date-time, date, uuid); it was left out");
                    }

                    break;
                case "properties" when value is JsonObject properties:
                    var converted = new JsonObject();
                    foreach (var (name, member) in properties)
                    {
                        converted[name] = Convert(member, at + "/" + OpenApiText.Escape(name), chain);
                    }

                    result["properties"] = converted;
                    break;
                case "additionalProperties":
                    result["additionalProperties"] = value is JsonValue flag && flag.GetValueKind() is JsonValueKind.False ? false
                        : value is JsonValue any && any.GetValueKind() is JsonValueKind.True ? true
                        : Convert(value, at, chain);
                    break;
                case "items" when value is JsonObject or JsonValue:
                    result["items"] = Convert(value, at, chain);
                    break;
                case "anyOf" or "oneOf" when value is JsonArray alternatives && alternatives.Count > 0:
                    result[key] = new JsonArray(alternatives.Select((a, i) => (JsonNode)Convert(a, $"{at}/{i}", chain)).ToArray());
                    break;
                case "allOf" when value is JsonArray parts:
                    // A contract has no allOf: the parts are merged, which is exact for the usual composition of objects.
                    for (var i = 0; i < parts.Count; i++)
                    {
                        Merge(result, Convert(parts[i], $"{at}/{i}", chain));
                    }

                    Add(OpenApiFindingCodes.KeywordDropped, FindingSeverity.Info, at, "allOf was merged into one schema (properties and required joined; where parts disagree on another keyword, the first one's is kept)");
                    break;
                case "exclusiveMinimum" or "exclusiveMaximum":
                    var bound = key == "exclusiveMinimum" ? "minimum" : "maximum";
                    if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
                    {
                        result[bound] ??= number.DeepClone();
                    }

                    if (value is not JsonValue { } excluded || excluded.GetValueKind() != JsonValueKind.False)
                    {
                        Add(OpenApiFindingCodes.KeywordDropped, FindingSeverity.Warning, at, $"{key}: a contract has no exclusive bound, so the bound itself is allowed ({bound})");
                    }

                    break;
                case var annotation when Annotations.Contains(annotation) || annotation.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    Add(OpenApiFindingCodes.KeywordDropped, FindingSeverity.Warning, at, $"the keyword \"{key}\" is not one a contract can hold; it was left out, so the contract is laxer there");
                    break;
            }
        }

        // 3.0 writes a null-allowing type as nullable: true beside the type; 2020-12 lists "null" among the types.
        if (openApi30 && source["nullable"] is JsonValue nullable && nullable.GetValueKind() == JsonValueKind.True)
        {
            if (result["type"] is JsonValue single)
            {
                result["type"] = new JsonArray(single.GetValue<string>(), "null");
            }

            if (result["enum"] is JsonArray values && !values.Any(v => v is null))
            {
                values.Add(null);
            }
        }

        // 3.0's one example and 3.1's list of examples both become 2020-12's examples.
        var examples = source["examples"] is JsonArray list ? list.DeepClone().AsArray()
            : source.TryGetPropertyValue("example", out var example) ? new JsonArray(example?.DeepClone()) : null;
        if (examples is not null)
        {
            result["examples"] = examples;
        }

        if (text.LineOf(pointer) is { } line)
        {
            result["x-line"] = line;
        }

        return result;
    }

    private static void Merge(JsonObject into, JsonObject part)
    {
        foreach (var (key, value) in part)
        {
            switch (key)
            {
                case "properties" when value is JsonObject properties:
                    var merged = into["properties"] as JsonObject ?? [];
                    foreach (var (name, member) in properties)
                    {
                        merged[name] ??= member?.DeepClone();
                    }

                    into["properties"] = merged;
                    break;
                case "required" when value is JsonArray names:
                    var required = into["required"] as JsonArray ?? [];
                    foreach (var name in names.Select(n => n?.ToJsonString()).Where(n => n is not null && !required.Any(r => r?.ToJsonString() == n)))
                    {
                        required.Add(JsonNode.Parse(name!));
                    }

                    into["required"] = required;
                    break;
                default:
                    if (!into.ContainsKey(key))
                    {
                        into[key] = value?.DeepClone();
                    }

                    break;
            }
        }
    }

    private void Add(string code, FindingSeverity severity, string pointer, string message) =>
        findings.Add(new Finding(code, severity, $"{message} ({(pointer.Length == 0 ? "/" : pointer)})", text.LineOf(pointer)));
}

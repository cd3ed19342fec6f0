using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContractKit.Contracts;
using ContractKit.Import.Pages;
using ContractKit.Json;

namespace ContractKit.Import.Derivation;

/// <summary>The sample against the documented schema: reconciling the two, checking constraints, inferring what only the sample shows, and the fixed keyword order.</summary>
internal sealed partial class BodySchemaBuilder
{
    /// <summary>Checks a documented schema against the sample's value; the sample wins where they disagree.</summary>
    private JsonObject Reconcile(JsonObject schema, DocumentedField? field, JsonNode? value, string pointer, string path, JsonSample sample)
    {
        var line = sample.LineOf(pointer);
        var documented = PrimaryType(schema);
        if (documented is null)
        {
            return schema;
        }

        var actual = KindOf(value);
        var documentedAs = field?.TypeWord ?? documented;
        if (actual == "null")
        {
            if (!AllowsNull(schema))
            {
                schema["type"] = new JsonArray(documented, "null");
                findings.Add(new Finding(FindingCodes.NullInSample, FindingSeverity.Warning,
                    $"{path} is documented as {documentedAs} but the sample at line {line} is null; the contract allows null",
                    line, path));
            }
            else if (field is not null && ProseConstraints.SaysNullable(field.Description))
            {
                findings.Add(new Finding(FindingCodes.NullInSample, FindingSeverity.Info,
                    $"{path} is documented as {documentedAs} and may be null, as its description says; the sample at line {line} is null",
                    line, path));
            }

            return schema;
        }

        if (actual == documented || (documented == "number" && actual == "integer"))
        {
            CheckConstraints(schema, value!, line, path);
            return schema;
        }

        if (documented == "integer" && actual == "number")
        {
            SetPrimaryType(schema, "number");
            findings.Add(new Finding(FindingCodes.TypeMismatch, FindingSeverity.Warning,
                $"{path} is documented as {documentedAs} but the sample at line {line} is {Show(value)}, a number with a fraction; the contract allows numbers",
                line, path));
            return schema;
        }

        var inferred = Infer(value, pointer, sample);
        var nullable = AllowsNull(schema);
        if (nullable && inferred["type"] is JsonValue t)
        {
            inferred["type"] = new JsonArray(t.GetValue<string>(), "null");
        }

        findings.Add(new Finding(FindingCodes.TypeMismatch, FindingSeverity.Warning,
            $"{path} is documented as {documentedAs} but the sample at line {line} is {Article(actual)}; the contract follows the sample",
            line, path));
        if (inferred["properties"] is JsonObject members)
        {
            findings.Add(new Finding(FindingCodes.UndocumentedInSample, FindingSeverity.Info,
                $"the sample gives {path} {Count(members.Count, "field")} the tables do not document ({string.Join(", ", members.Select(m => m.Key))}); the contract adds them as optional, typed from the sample",
                line, path));
        }

        return inferred;
    }

    /// <summary>Drops a keyword read from prose when the sample's own value does not satisfy it.</summary>
    private void CheckConstraints(JsonObject schema, JsonNode value, int line, string path)
    {
        void Drop(string keyword, string why)
        {
            var said = schema[keyword]!.ToJsonString();
            schema.Remove(keyword);
            findings.Add(new Finding(FindingCodes.ConstraintContradicted, FindingSeverity.Warning,
                $"{path}: the description implies {keyword} {said} but the sample at line {line} {why}; the contract drops {keyword}",
                line, path));
        }

        var kind = value.GetValueKind();
        if (kind == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            var length = text.EnumerateRunes().Count();
            if (schema["format"]?.GetValue<string>() == "email" && !EmailShape().IsMatch(text))
            {
                Drop("format", $"is {Show(value)}, not an email address");
            }

            if (schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.ECMAScript))
            {
                Drop("pattern", $"is {Show(value)}");
            }

            if (schema["maxLength"] is { } max && length > max.GetValue<int>())
            {
                Drop("maxLength", $"has {length} characters");
            }

            if (schema["minLength"] is { } min && length < min.GetValue<int>())
            {
                Drop("minLength", $"has {length} characters");
            }
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            Drop("enum", $"is {Show(value)}, which the list does not name");
        }

        if (value is JsonObject obj)
        {
            if (schema["maxProperties"] is { } maxProperties && obj.Count > maxProperties.GetValue<int>())
            {
                Drop("maxProperties", $"has {obj.Count} members");
            }

            if (schema["additionalProperties"] is JsonObject each && each["maxLength"] is { } eachMax
                && obj.Any(m => m.Value?.GetValueKind() != JsonValueKind.String || m.Value.GetValue<string>().EnumerateRunes().Count() > eachMax.GetValue<int>()))
            {
                Drop("additionalProperties", "has a member that is not a string of that length");
            }
        }

        if (value is JsonArray array && schema["maxItems"] is { } maxItems && array.Count > maxItems.GetValue<int>())
        {
            Drop("maxItems", $"has {array.Count} items");
        }
    }

    /// <summary>A schema for a value the tables do not document: its type, and its members', from the sample.</summary>
    private static JsonObject Infer(JsonNode? value, string pointer, JsonSample sample)
    {
        var schema = new JsonObject();
        switch (value)
        {
            case null:
                // null says nothing of the type the field has when it is set.
                break;
            case JsonObject obj:
                schema["type"] = "object";
                if (obj.Count > 0)
                {
                    var properties = new JsonObject();
                    foreach (var (name, member) in obj)
                    {
                        var memberPointer = pointer + "/" + JsonLineIndex.EscapeSegment(name);
                        var memberSchema = Infer(member, memberPointer, sample);
                        memberSchema[InferredKeyword] = true;
                        if (Volatility.IsVolatile(name, ""))
                        {
                            memberSchema[VolatileKeyword] = true;
                        }

                        properties[name] = memberSchema;
                    }

                    schema["properties"] = properties;
                }

                break;
            case JsonArray array:
                schema["type"] = "array";
                if (array.Count > 0)
                {
                    schema["items"] = Infer(array[0], pointer + "/0", sample);
                }

                break;
            default:
                schema["type"] = KindOf(value);
                break;
        }

        schema[LineKeyword] = sample.LineOf(pointer);
        return Ordered(schema);
    }

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => IsInteger(value) ? "integer" : "number",
        _ => "null",
    };

    private static bool IsInteger(JsonNode value)
    {
        var text = value.ToJsonString();
        return !text.Contains('.') && !text.Contains('e') && !text.Contains('E')
               || (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d));
    }

    public static string? PrimaryType(JsonObject schema) => schema["type"] switch
    {
        JsonValue single => single.GetValue<string>(),
        JsonArray many => many.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => null,
    };

    private static void SetPrimaryType(JsonObject schema, string type) =>
        schema["type"] = AllowsNull(schema) ? new JsonArray(type, "null") : JsonValue.Create(type);

    private static bool AllowsNull(JsonObject schema) =>
        schema["type"] is JsonArray many && many.Any(t => t!.GetValue<string>() == "null");

    private static JsonObject EnsureItems(JsonObject arraySchema)
    {
        if (arraySchema["items"] is JsonObject items)
        {
            return items;
        }

        var created = new JsonObject { ["type"] = "object" };
        arraySchema["items"] = created;
        return created;
    }

    private static string Show(JsonNode? value)
    {
        // Strings are shown as the page has them (a JSON escape of a no-break space helps nobody).
        var text = value is JsonValue s && s.GetValueKind() == JsonValueKind.String
            ? "\"" + s.GetValue<string>() + "\""
            : value?.ToJsonString() ?? "null";
        return text.Length <= 50 ? text : text[..47] + "...";
    }

    private static string Article(string kind) => kind switch
    {
        "object" or "array" or "integer" => "an " + kind,
        _ => "a " + kind,
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>Keywords in one fixed order, so that contracts read alike and diff cleanly.</summary>
    private static readonly string[] KeywordOrder =
    [
        "type", "description", "enum", "const", "default", "format", "pattern", "minLength", "maxLength", "minimum", "maximum",
        "minItems", "maxItems", "items", "minProperties", "maxProperties", "required", "properties", "additionalProperties",
        LineKeyword, VolatileKeyword, InferredKeyword,
    ];

    public static JsonObject Ordered(JsonObject schema)
    {
        var ordered = new JsonObject();
        foreach (var keyword in KeywordOrder)
        {
            if (schema.TryGetPropertyValue(keyword, out var value))
            {
                ordered[keyword] = value?.DeepClone();
            }
        }

        foreach (var (keyword, value) in schema)
        {
            if (!ordered.ContainsKey(keyword))
            {
                ordered[keyword] = value?.DeepClone();
            }
        }

        return ordered;
    }
}

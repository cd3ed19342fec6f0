using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Validation;

namespace ContractKit.Contracts;

/// <summary>A quirk override that <c>contractkit triage</c> proposes for a drift it saw.</summary>
/// <param name="Status">The response status the drift was seen in.</param>
/// <param name="Field">The field path, as an override names it (<c>tagDetails[].tagId</c>).</param>
/// <param name="Formats">For date-format: the formats the value was in.</param>
/// <param name="Seen">What was seen, for the reason placeholder ("[] at /notes").</param>
public sealed record QuirkSuggestion(string Status, string Field, string Kind, IReadOnlyList<string>? Formats, string Seen)
{
    /// <summary>The reason written with the override: it says what was seen and asks the reviewer to complete it.</summary>
    public string ReasonPlaceholder => $"TODO (review): contractkit triage saw {Seen} in a live {Status} response; say where and when, or drop this override.";
}

/// <summary>A difference between a live response and its contract: the validation error, and the quirk that explains it, if one does.</summary>
public sealed record ObservedDrift(ValidationError Error, QuirkSuggestion? Suggestion);

/// <summary>
/// The one place that knows the quirk kinds (docs/contract-format.md, "Quirks"): reading them from an
/// overrides file, checking that one fits its field, recording it on the field's schema as <c>x-quirks</c>,
/// and proposing one for a drift seen live.
/// </summary>
public static class Quirks
{
    internal static string? ReadKind(JsonObject item, string at, string location, Func<string, bool, string?> text, Func<string, string, ContractFormatException> fail)
    {
        var kind = text("quirk", false);
        if (kind is null)
        {
            return null;
        }

        if (!QuirkRules.IsKind(kind))
        {
            throw fail($"{at}/quirk", $"unknown quirk kind \"{kind}\"; expected one of {string.Join(", ", QuirkRules.Kinds)}");
        }

        if (location is not ("request" or "response"))
        {
            throw fail($"{at}/quirk", $"a quirk names a body field: \"in\" must be request or response, found \"{location}\"");
        }

        return kind;
    }

    internal static IReadOnlyList<string>? ReadFormats(JsonObject item, string at, string? kind, Func<string, string, ContractFormatException> fail)
    {
        var node = item["formats"];
        if (kind != QuirkRules.DateFormat)
        {
            return node is null ? null : throw fail($"{at}/formats", "\"formats\" goes with \"quirk\": \"date-format\"");
        }

        if (node is not JsonArray list || list.Count == 0)
        {
            throw fail(node is null ? at : $"{at}/formats", $"the date-format quirk needs \"formats\": a non-empty array of {string.Join(", ", QuirkRules.DateFormatNames)}");
        }

        var names = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var name = list[i] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
            if (name is null || Array.IndexOf(QuirkRules.DateFormatNames, name) < 0)
            {
                throw fail($"{at}/formats/{i}", $"expected one of {string.Join(", ", QuirkRules.DateFormatNames)}, found {list[i]?.ToJsonString() ?? "null"}");
            }

            if (names.Contains(name))
            {
                throw fail($"{at}/formats/{i}", $"the format \"{name}\" is listed twice");
            }

            names.Add(name);
        }

        return names;
    }

    internal static List<string> TypesOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue one when one.TryGetValue<string>(out var name) => [name],
        JsonArray many => many.Select(t => t?.GetValue<string>() ?? "").Where(t => t != "null").ToList(),
        _ => schema["properties"] is not null || schema["additionalProperties"] is not null ? ["object"] : [],
    };

    /// <summary>
    /// The drifts of one live response: every validation error, each with the quirk override that would
    /// accept it where a quirk kind explains it.
    /// </summary>
    /// <param name="bodySchema">The response's body schema in the contract.</param>
    public static IReadOnlyList<ObservedDrift> Explain(string status, JsonObject bodySchema, JsonNode? body, ValidationResult result)
    {
        var drifts = new List<ObservedDrift>();
        foreach (var error in result.Errors)
        {
            var suggestions = Suggest(status, bodySchema, body, error);
            if (suggestions.Count == 0)
            {
                drifts.Add(new ObservedDrift(error, null));
            }

            drifts.AddRange(suggestions.Select(s => new ObservedDrift(error, s)));
        }

        return drifts;
    }

    private static List<QuirkSuggestion> Suggest(string status, JsonObject bodySchema, JsonNode? body, ValidationError error)
    {
        var suggestions = new List<QuirkSuggestion>();
        var keywordAt = error.KeywordLocation.LastIndexOf('/');
        if (keywordAt < 0)
        {
            return suggestions;
        }

        var schemaAt = error.KeywordLocation[..keywordAt];
        if (SchemaAt(bodySchema, schemaAt) is not { } schema || !TryFind(body, error.InstanceLocation, out var value))
        {
            return suggestions;
        }

        var types = TypesOf(schema);
        var format = schema["format"] is JsonValue f && f.TryGetValue<string>(out var name) ? name : null;
        QuirkSuggestion? At(string kind, IReadOnlyList<string>? formats, string seen) =>
            FieldPath(schemaAt) is { } field ? new QuirkSuggestion(status, field, kind, formats, $"{seen} at {Pointer(error.InstanceLocation)}") : null;

        QuirkSuggestion? suggestion = null;
        switch (error.Keyword)
        {
            case "type" when value is JsonArray { Count: 0 } && types.Contains("object") && schema["required"] is not JsonArray { Count: > 0 }:
                suggestion = At(QuirkRules.EmptyArrayAsObject, null, "[]");
                break;
            case "type" when value is JsonValue text && text.TryGetValue<string>(out var s):
                var utf8 = System.Text.Encoding.UTF8.GetBytes(s);
                if ((types.Contains("integer") && QuirkFormats.IsNumber(utf8, integer: true)) || (types.Contains("number") && QuirkFormats.IsNumber(utf8, integer: false)))
                {
                    suggestion = At(QuirkRules.NumberAsString, null, $"the string {text.ToJsonString()}");
                }
                else if (types is ["integer"] && QuirkFormats.FormatsOf(s, AllFormats) is { Count: > 0 } found)
                {
                    suggestion = At(QuirkRules.DateFormat, found, $"the date {text.ToJsonString()}");
                }

                break;
            case "type" when value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && format is "date-time" or "date"
                                                       && number.TryGetValue<long>(out var unix):
                suggestion = At(QuirkRules.DateFormat, [unix < 100_000_000_000 ? "unix-seconds" : "unix-milliseconds"], $"the number {unix}");
                break;
            case "format" when format is "date-time" or "date" && value is JsonValue text && text.TryGetValue<string>(out var date)
                                && QuirkFormats.FormatsOf(date, AllFormats & ~QuirkRules.DateFormats([format])) is { Count: > 0 } found:
                suggestion = At(QuirkRules.DateFormat, found, $"the date {text.ToJsonString()}");
                break;
            case "required" when value is JsonObject present && schema["required"] is JsonArray required:
                foreach (var missing in required.Select(r => r?.GetValue<string>()).Where(r => r is not null && !present.ContainsKey(r)))
                {
                    if (FieldPath(schemaAt + "/properties/" + Escape(missing!)) is { } field)
                    {
                        suggestions.Add(new QuirkSuggestion(status, field, QuirkRules.SometimesAbsent, null, $"no \"{missing}\" in the object at {Pointer(error.InstanceLocation)}"));
                    }
                }

                break;
        }

        if (suggestion is not null)
        {
            suggestions.Add(suggestion);
        }

        return suggestions;
    }

    private static readonly QuirkDateFormats AllFormats = QuirkRules.DateFormats(QuirkRules.DateFormatNames);

    private static string Pointer(string pointer) => pointer.Length == 0 ? "the root" : pointer;

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>The override field path of a schema location (<c>/properties/a/items/properties/b</c> is <c>a[].b</c>), or null where an override cannot name it.</summary>
    private static string? FieldPath(string schemaLocation)
    {
        var segments = schemaLocation.Split('/').Skip(1).Select(Unescape).ToList();
        var path = "";
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] == "properties" && i + 1 < segments.Count)
            {
                path += (path.Length == 0 ? "" : ".") + segments[++i];
            }
            else if (segments[i] == "items" && path.Length > 0)
            {
                path += "[]";
            }
            else
            {
                return null;
            }
        }

        return path.Length == 0 ? null : path;
    }

    private static JsonObject? SchemaAt(JsonObject root, string pointer)
    {
        JsonNode? current = root;
        foreach (var segment in pointer.Split('/').Skip(1).Select(Unescape))
        {
            current = current is JsonObject obj ? obj[segment] : null;
        }

        return current as JsonObject;
    }

    private static bool TryFind(JsonNode? root, string pointer, out JsonNode? value)
    {
        value = root;
        foreach (var segment in pointer.Split('/').Skip(1).Select(Unescape))
        {
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var member):
                    value = member;
                    break;
                case JsonArray array when int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count:
                    value = array[index];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}

using ContractKit.Validation;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContractKit.Contracts;

/// <summary>Edits an overrides file: the tool side of quirk overrides (<c>contractkit triage --write</c>).</summary>
public static class QuirkOverridesFile
{
    /// <summary>Why a quirk does not fit the field it names, or null when it does.</summary>
    internal static string? Misfit(FieldOverride entry, JsonObject schema, bool required)
    {
        var types = Quirks.TypesOf(schema);
        string Documented() => types.Count == 0 ? "no type" : string.Join("|", types);
        switch (entry.Quirk)
        {
            case QuirkRules.EmptyArrayAsObject:
                if (!types.Contains("object") || types.Contains("array"))
                {
                    return $"the quirk empty-array-as-object needs a field documented as an object (or map), but {entry.Target} is documented as {Documented()}";
                }

                if (schema["required"] is JsonArray { Count: > 0 } fields)
                {
                    return $"the quirk empty-array-as-object needs an object whose fields are all optional, but {entry.Target} requires {string.Join(", ", fields.Select(f => f?.ToJsonString()))}; [] could not stand for it";
                }

                return null;
            case QuirkRules.NumberAsString:
                return types.Contains("integer") || types.Contains("number")
                    ? types.Contains("string") ? $"{entry.Target} already allows a string; the quirk number-as-string changes nothing" : null
                    : $"the quirk number-as-string needs a field documented as an integer or number, but {entry.Target} is documented as {Documented()}";
            case QuirkRules.DateFormat:
                var format = schema["format"] is JsonValue f && f.TryGetValue<string>(out var name) ? name : null;
                return (types.Count == 1 && types[0] == "string" && format is "date-time" or "date") || (types.Count == 1 && types[0] == "integer")
                    ? null
                    : $"the quirk date-format needs a string with format date-time or date, or an integer (a Unix timestamp), but {entry.Target} is documented as {Documented()}{(format is null ? "" : " with format " + format)}";
            case QuirkRules.SometimesAbsent:
                return required ? null : $"the quirk sometimes-absent needs a required field, but {entry.Target} is optional already";
            default:
                return null;
        }
    }

    /// <summary>Adds the quirk to the schema's x-quirks; false when the same kind is already recorded there.</summary>
    internal static bool Record(JsonObject schema, FieldOverride entry, string overrideAt)
    {
        var list = schema[QuirkRules.ContractKeyword] as JsonArray;
        if (list?.Any(q => q?["kind"]?.GetValue<string>() == entry.Quirk) == true)
        {
            return false;
        }

        var annotation = new JsonObject
        {
            ["kind"] = entry.Quirk,
            ["reason"] = entry.Reason,
            ["override"] = overrideAt,
        };
        if (entry.Formats is { } formats)
        {
            annotation["formats"] = new JsonArray(formats.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        }

        if (list is null)
        {
            schema[QuirkRules.ContractKeyword] = list = [];
        }

        list.Add(annotation);
        return true;
    }

    /// <summary>
    /// The overrides file with the suggested quirk overrides added after its entries (the file is created
    /// when there is none); a suggestion already declared there, or twice in the list, is added once.
    /// </summary>
    /// <returns>The new file text and the suggestions actually added.</returns>
    public static (string Text, IReadOnlyList<QuirkSuggestion> Added) AddSuggestions(ContractOverrides? existing, string? existingText, IEnumerable<QuirkSuggestion> suggestions)
    {
        var root = existingText is null ? new JsonObject { ["overrides"] = new JsonArray() } : JsonNode.Parse(existingText)!.AsObject();
        var list = root["overrides"]!.AsArray();
        var declared = (existing?.Overrides ?? []).Where(o => o.Quirk is not null).Select(o => (o.Status, o.Field, o.Quirk!)).ToHashSet();
        var added = new List<QuirkSuggestion>();
        foreach (var suggestion in suggestions)
        {
            // An override without a status covers every response; one with this status covers it too.
            if (declared.Contains((null, suggestion.Field, suggestion.Kind)) || !declared.Add((suggestion.Status, suggestion.Field, suggestion.Kind)))
            {
                continue;
            }

            var entry = new JsonObject
            {
                ["in"] = "response",
                ["status"] = suggestion.Status,
                ["field"] = suggestion.Field,
                ["quirk"] = suggestion.Kind,
                ["reason"] = suggestion.ReasonPlaceholder,
            };
            if (suggestion.Formats is { } formats)
            {
                entry["formats"] = new JsonArray(formats.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
            }

            list.Add(entry);
            added.Add(suggestion);
        }

        var text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return (text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n", added);
    }
}

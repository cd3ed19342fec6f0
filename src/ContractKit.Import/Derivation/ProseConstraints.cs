using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContractKit.Import.Pages;

namespace ContractKit.Import.Derivation;

/// <summary>Turns constraints written in prose into JSON Schema keywords.</summary>
internal static partial class ProseConstraints
{
    [GeneratedRegex(@"\b(?:maximum|max\.?|up to|at most)\s+(?:of\s+)?(?<n>\d+)\s+key[- ]value\s+pairs", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPairs();

    [GeneratedRegex(@"\b(?:minimum|min\.?|at least)\s+(?:of\s+)?(?<n>\d+)\s+key[- ]value\s+pairs", RegexOptions.IgnoreCase)]
    private static partial Regex MinPairs();

    [GeneratedRegex(@"(?:(?<n>\d+)\s+characters\s*\(?(?:maximum|max)\)?|(?:maximum|max\.?|up to|at most)\s+(?:of\s+)?(?<n>\d+)\s+characters)(?<each>\s+each)?", RegexOptions.IgnoreCase)]
    private static partial Regex MaxCharacters();

    [GeneratedRegex(@"(?:(?<n>\d+)\s+characters\s*\(?(?:minimum|min)\)?|(?:minimum|min\.?|at least)\s+(?:of\s+)?(?<n>\d+)\s+characters)(?<each>\s+each)?", RegexOptions.IgnoreCase)]
    private static partial Regex MinCharacters();

    [GeneratedRegex(@"\b(?:maximum|max\.?|up to|at most)\s+(?:of\s+)?(?<n>\d+)\s+(?:items|elements|entries|values)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MaxItems();

    [GeneratedRegex(@"\b(?:minimum|min\.?|at least)\s+(?:of\s+)?(?<n>\d+)\s+(?:items|elements|entries|values)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MinItems();

    [GeneratedRegex(@"\bunix\b.*\b(?:timestamp|time|epoch)\b|\b(?:timestamp|epoch)\b.*\bunix\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnixTimestamp();

    [GeneratedRegex(@"\bYYYY(?<s1>[-/.])MM\k<s1>DD(?:(?<s2>[ T])HH:(?:II|MM):SS)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateMask();

    [GeneratedRegex(@"\bnull\b|\bnullable\b", RegexOptions.IgnoreCase)]
    private static partial Regex MentionsNull();

    // "contact_email" and "Email Id" both name an address; "_" counts as a boundary.
    [GeneratedRegex(@"(?<![A-Za-z])e-?mail(?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex MentionsEmail();

    // "Deprecated.", "This field is deprecated", "(deprecated)": the word itself, not "non-deprecated" or "undeprecated".
    [GeneratedRegex(@"(?<![\w-])deprecated\b", RegexOptions.IgnoreCase)]
    private static partial Regex MentionsDeprecated();

    public static bool SaysNullable(string description) => MentionsNull().IsMatch(description);

    public static bool SaysUnixTimestamp(string description) => UnixTimestamp().IsMatch(description);

    /// <summary>Adds the keywords the description implies to a schema whose type the table gave.</summary>
    public static void Apply(JsonObject schema, string name, DocumentedField field)
    {
        var type = schema["type"]?.GetValue<string>();
        var description = field.Description;
        if (MentionsDeprecated().IsMatch(description))
        {
            schema["deprecated"] = true;
        }

        switch (type)
        {
            case "object":
                if (MaxPairs().Match(description) is { Success: true } maxPairs)
                {
                    schema["maxProperties"] = Number(maxPairs);
                }

                if (MinPairs().Match(description) is { Success: true } minPairs)
                {
                    schema["minProperties"] = Number(minPairs);
                }

                // "256 characters (maximum) each" on an object constrains its (string) values.
                if (MaxCharacters().Match(description) is { Success: true } eachMax && eachMax.Groups["each"].Success)
                {
                    schema["additionalProperties"] = new JsonObject { ["type"] = "string", ["maxLength"] = Number(eachMax) };
                }

                break;
            case "string":
                if (MaxCharacters().Match(description) is { Success: true } maxLength && !maxLength.Groups["each"].Success)
                {
                    schema["maxLength"] = Number(maxLength);
                }

                if (MinCharacters().Match(description) is { Success: true } minLength && !minLength.Groups["each"].Success)
                {
                    schema["minLength"] = Number(minLength);
                }

                if (schema["format"] is null && DateMask().Match(description) is { Success: true } mask)
                {
                    if (mask.Groups["s2"].Success)
                    {
                        // "YYYY-MM-DD HH:II:SS" is not RFC 3339 (no 'T', no offset), so not format date-time.
                        schema["pattern"] = MaskToPattern(mask.Value);
                    }
                    else if (mask.Groups["s1"].Value == "-")
                    {
                        schema["format"] = "date";
                    }
                    else
                    {
                        schema["pattern"] = MaskToPattern(mask.Value);
                    }
                }

                if (schema["format"] is null && schema["pattern"] is null
                    && (MentionsEmail().IsMatch(name) || MentionsEmail().IsMatch(description)))
                {
                    schema["format"] = "email";
                }

                break;
            case "array":
                if (MaxItems().Match(description) is { Success: true } maxItems)
                {
                    schema["maxItems"] = Number(maxItems);
                }

                if (MinItems().Match(description) is { Success: true } minItems)
                {
                    schema["minItems"] = Number(minItems);
                }

                break;
            case "number" when SaysUnixTimestamp(description):
                // A Unix timestamp counts whole seconds.
                schema["type"] = "integer";
                break;
        }

        ApplyPossibleValues(schema, type, field.PossibleValues);
    }

    private static void ApplyPossibleValues(JsonObject schema, string? type, IReadOnlyList<PossibleValue> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var typed = values.Select(v => (Value: Typed(v.Value, type), v.IsDefault)).ToList();
        if (typed.Any(v => v.Value is null))
        {
            return;
        }

        // A boolean's two values need no enum; the default still says something.
        if (type != "boolean")
        {
            schema["enum"] = new JsonArray(typed.Select(v => v.Value!.DeepClone()).ToArray());
        }

        if (typed.FirstOrDefault(v => v.IsDefault).Value is { } defaultValue)
        {
            schema["default"] = defaultValue.DeepClone();
        }
    }

    private static JsonNode? Typed(string value, string? type) => type switch
    {
        "boolean" => value.ToLowerInvariant() switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ => null,
        },
        "integer" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : null,
        "number" => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null,
        "string" => JsonValue.Create(value),
        _ => null,
    };

    private static int Number(Match match) => int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);

    /// <summary>"YYYY-MM-DD HH:II:SS" becomes <c>^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$</c>.</summary>
    public static string MaskToPattern(string mask)
    {
        var pattern = new System.Text.StringBuilder("^");
        var i = 0;
        while (i < mask.Length)
        {
            if (string.Compare(mask, i, "YYYY", 0, 4, StringComparison.OrdinalIgnoreCase) == 0)
            {
                pattern.Append(@"\d{4}");
                i += 4;
            }
            else if (i + 1 < mask.Length && char.IsLetter(mask[i]) && char.ToUpperInvariant(mask[i]) == char.ToUpperInvariant(mask[i + 1]))
            {
                pattern.Append(@"\d{2}");
                i += 2;
            }
            else
            {
                // Separators are literal; only '.' (of the masks' separators) means something in a pattern.
                pattern.Append(mask[i] == '.' ? @"\." : mask[i].ToString());
                i++;
            }
        }

        return pattern.Append('$').ToString();
    }
}

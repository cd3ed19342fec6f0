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

    private const string Num = @"(?<n>-?\d+(?:\.\d+)?)";

    [GeneratedRegex(@"\b(?:minimum|min\.?)(?:\s+(?:value|amount))?(?:\s+(?:is|of))?\s*:?\s*" + Num + @"(?!\s*(?:characters|chars|letters|items|elements|entries|keys|key[- ]value|digits|-digit))(?!\d|\.\d)"
        + @"|\b(?:must\s+be\s+)?(?:at\s+least|greater\s+than\s+or\s+equal\s+to|no\s+less\s+than|>=)\s*" + Num + @"(?!\s*(?:characters|chars|letters|items|elements|entries|keys|key[- ]value|digits|-digit))(?!\d|\.\d)",
        RegexOptions.IgnoreCase)]
    private static partial Regex MinValue();

    [GeneratedRegex(@"\b(?:maximum|max\.?)(?:\s+(?:value|amount))?(?:\s+(?:is|of))?\s*:?\s*" + Num + @"(?!\s*(?:characters|chars|letters|items|elements|entries|keys|key[- ]value|digits|-digit))(?!\d|\.\d)"
        + @"|\b(?:must\s+be\s+)?(?:at\s+most|less\s+than\s+or\s+equal\s+to|no\s+more\s+than|<=)\s*" + Num + @"(?!\s*(?:characters|chars|letters|items|elements|entries|keys|key[- ]value|digits|-digit))(?!\d|\.\d)",
        RegexOptions.IgnoreCase)]
    private static partial Regex MaxValue();

    // "between 1 and 100", "from 1 to 100", "1-100" when no unit follows: a value range.
    [GeneratedRegex(@"\b(?:between\s+(?<a>-?\d+(?:\.\d+)?)\s+and\s+(?<b>-?\d+(?:\.\d+)?)|from\s+(?<a>-?\d+(?:\.\d+)?)\s+to\s+(?<b>-?\d+(?:\.\d+)?))(?:\s+\(?inclusive\)?)?(?!\s*(?:characters|chars|letters|items|elements|entries|keys|digits))(?!\d|\.\d)", RegexOptions.IgnoreCase)]
    private static partial Regex ValueRange();

    [GeneratedRegex(@"\b(?:minimum|min\.?)\s+length(?:\s+(?:is|of))?\s*:?\s*(?<n>\d+)|\bno\s+shorter\s+than\s+(?<n>\d+)\s+char", RegexOptions.IgnoreCase)]
    private static partial Regex MinLengthWords();

    [GeneratedRegex(@"\b(?:maximum|max\.?)\s+length(?:\s+(?:is|of))?\s*:?\s*(?<n>\d+)|\bno\s+longer\s+than\s+(?<n>\d+)\s+char|\b(?<n>\d+)\s+char(?:acter)?s?\s+or\s+(?:fewer|less)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxLengthWords();

    // "11 characters long", "exactly 10 characters", "a fixed length of 6"; not the end of a range or a limit
    // ("3 to 40 characters long", "at most 11 characters long"), nor a part of the value ("exactly 14 characters
    // after the pay_ prefix").
    [GeneratedRegex(@"\bexactly\s+(?<n>\d+)\s+char(?:acter)?s\b(?!\s+(?:after|before|following|besides|excluding|plus|not\s+counting|in\s+addition))|(?<!(?:\d\s*(?:-|–|to|and)|most|least|than|up\s+to|maximum|minimum|max\.?|min\.?)\s*)\b(?<n>\d+)\s+char(?:acter)?s\s+long\b|\b(?:fixed|exact)\s+length\s+(?:of\s+)?(?<n>\d+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExactLengthWords();

    // "between 3 and 40 characters", "3-40 characters", "3 to 40 characters long".
    [GeneratedRegex(@"(?:\bbetween\s+)?\b(?<a>\d+)\s*(?:-|–|to|and)\s*(?<b>\d+)\s+(?<unit>char(?:acter)?s|items|elements|entries|keys|key[- ]value\s+pairs)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountRange();

    [GeneratedRegex(@"\b(?:maximum|max\.?|up\s+to|at\s+most|no\s+more\s+than)\s+(?:of\s+)?(?<n>\d+)\s+(?:keys|properties)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MaxKeys();

    [GeneratedRegex(@"\b(?:minimum|min\.?|at\s+least)\s+(?:of\s+)?(?<n>\d+)\s+(?:keys|properties)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MinKeys();

    [GeneratedRegex(@"\bdefaults?(?:\s+value)?\s*(?:to|is|:|=)\s*(?<v>`[^`]+`|""[^""]+""|'[^']+'|[^\s.,;)]+)", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultValue();

    // Only a quoted or code-span value: "Here, it is contact." reads the same as ordinary prose.
    [GeneratedRegex(@"\b(?:here,?\s+it\s+is|(?:the\s+)?value\s+is\s+always|is\s+always|always|fixed\s+(?:value|to)|set\s+to|must\s+be|will\s+be)\s*:?\s*(?<v>`[^`]+`|""[^""]+"")\s*(?:[.;]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex FixedValue();

    [GeneratedRegex(@"\b(?:one\s+of|allowed\s+values?|possible\s+values?|valid\s+values?|accepted\s+values?|supported\s+values?|permitted\s+values?|(?:available|allowed|valid|possible)\s+options?|values?\s+(?:are|is)|can\s+be|either|enum(?:eration)?)\b\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex ValuesIntroduction();

    [GeneratedRegex(@"`(?<v>[^`]+)`|""(?<v>[^""]+)""|'(?<v>[^'\s]+)'")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"\b(?<n>\d{1,2})[- ]digits?\b", RegexOptions.IgnoreCase)]
    private static partial Regex DigitCount();

    // "8 to 12 digits", "between 8 and 12 digits", "8-12 digit".
    [GeneratedRegex(@"(?:\bbetween\s+)?\b(?<a>\d{1,2})\s*(?:-|–|to|and)\s*(?<b>\d{1,2})[- ]digits?\b", RegexOptions.IgnoreCase)]
    private static partial Regex DigitRange();

    /// <summary>The fewest and most digits a description allows: a range ("8 to 12 digits") or one count ("6 digits").</summary>
    private static (int Fewest, int Most)? Digits(string description)
    {
        if (DigitRange().Match(description) is { Success: true } range)
        {
            var (a, b) = (int.Parse(range.Groups["a"].Value, CultureInfo.InvariantCulture), int.Parse(range.Groups["b"].Value, CultureInfo.InvariantCulture));
            return a <= b ? (a, b) : null;
        }

        return DigitCount().Match(description) is { Success: true } count
            ? (int.Parse(count.Groups["n"].Value, CultureInfo.InvariantCulture), int.Parse(count.Groups["n"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"\bISO[- ]?8601\b|\bRFC[- ]?3339\b", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDateTime();

    // A date mask in any order of its parts: DD-MM-YYYY, MM/DD/YYYY, YYYY-MM-DD, optionally with a time.
    [GeneratedRegex(@"\b(?:DD(?<s>[-/.])MM\k<s>YYYY|MM(?<s>[-/.])DD\k<s>YYYY)(?:[ T]HH:(?:II|MM|mm):SS)?\b")]
    private static partial Regex OtherDateMask();

    // Conditions the contract cannot state: "Required when X is present", "Mandatory if the mode is UPI".
    [GeneratedRegex(@"\b(?:required|mandatory)\s+(?:only\s+)?(?:when|if|for|unless)\b[^.;\n]*|\bonly\s+(?:applicable|valid|allowed|used)\s+(?:when|if|for)\b[^.;\n]*", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionalConstraint();

    /// <summary>
    /// A phrase that reads as a constraint the importer cannot express in JSON Schema (a condition on another
    /// field), or null. The phrase stays in the description; the caller records a finding.
    /// </summary>
    public static string? UnexpressedConstraint(string description) =>
        ConditionalConstraint().Match(description) is { Success: true } match ? match.Value.Trim() : null;

    public static bool SaysNullable(string description) => MentionsNull().IsMatch(description);

    public static bool SaysUnixTimestamp(string description) => UnixTimestamp().IsMatch(description);

    /// <summary>Adds the keywords the description implies to a schema whose type the table gave.</summary>
    public static void Apply(JsonObject schema, string name, DocumentedField field)
    {
        var type = BodySchemaBuilder.PrimaryType(schema);
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
                // A Unix timestamp counts whole seconds; a nullable one stays nullable.
                schema["type"] = schema["type"] is JsonArray ? new JsonArray("integer", "null") : "integer";
                break;
        }

        ApplyWordedConstraints(schema, type, description);
        ApplyPossibleValues(schema, type, field.PossibleValues.Count > 0 ? field.PossibleValues : QuotedValues(description));
        if (schema["enum"] is null && schema["const"] is null && FixedValue().Match(description) is { Success: true } fixedValue
            && Typed(Unquote(fixedValue.Groups["v"].Value), type) is { } constant)
        {
            schema["const"] = constant;
        }

        if (schema["default"] is null && DefaultValue().Match(description) is { Success: true } defaultMatch
            && Typed(Unquote(defaultMatch.Groups["v"].Value), type) is { } defaultValue)
        {
            schema["default"] = defaultValue;
        }
    }

    /// <summary>The wordings vendors use for ranges, lengths, counts, digits and date formats; none overrides a keyword already set.</summary>
    private static void ApplyWordedConstraints(JsonObject schema, string? type, string description)
    {
        void Set(string keyword, JsonNode value)
        {
            if (schema[keyword] is null)
            {
                schema[keyword] = value;
            }
        }

        switch (type)
        {
            case "integer" or "number":
                if (ValueRange().Match(description) is { Success: true } range)
                {
                    Set("minimum", Numeric(range.Groups["a"].Value));
                    Set("maximum", Numeric(range.Groups["b"].Value));
                }

                if (MinValue().Match(description) is { Success: true } min)
                {
                    Set("minimum", Numeric(min.Groups["n"].Value));
                }

                if (MaxValue().Match(description) is { Success: true } max)
                {
                    Set("maximum", Numeric(max.Groups["n"].Value));
                }

                if (type == "integer" && Digits(description) is (int fewest, int most) && fewest > 0 && most < 19)
                {
                    Set("minimum", fewest == 1 ? 0 : (long)Math.Pow(10, fewest - 1));
                    Set("maximum", (long)Math.Pow(10, most) - 1);
                }

                break;
            case "string":
                if (CountRange().Match(description) is { Success: true } lengthRange && lengthRange.Groups["unit"].Value.StartsWith("char", StringComparison.OrdinalIgnoreCase))
                {
                    Set("minLength", int.Parse(lengthRange.Groups["a"].Value, CultureInfo.InvariantCulture));
                    Set("maxLength", int.Parse(lengthRange.Groups["b"].Value, CultureInfo.InvariantCulture));
                }

                if (MinLengthWords().Match(description) is { Success: true } minLength)
                {
                    Set("minLength", Number(minLength));
                }

                if (MaxLengthWords().Match(description) is { Success: true } maxLength)
                {
                    Set("maxLength", Number(maxLength));
                }

                if (schema["minLength"] is null && schema["maxLength"] is null && ExactLengthWords().Match(description) is { Success: true } exactLength)
                {
                    Set("minLength", Number(exactLength));
                    Set("maxLength", Number(exactLength));
                }

                if (schema["pattern"] is null && Digits(description) is (int fewestDigits, int mostDigits))
                {
                    Set("pattern", fewestDigits == mostDigits ? $@"^\d{{{fewestDigits}}}$" : $@"^\d{{{fewestDigits},{mostDigits}}}$");
                }

                if (schema["format"] is null && schema["pattern"] is null && IsoDateTime().IsMatch(description))
                {
                    Set("format", "date-time");
                }

                if (schema["format"] is null && schema["pattern"] is null && OtherDateMask().Match(description) is { Success: true } mask)
                {
                    Set("pattern", MaskToPattern(mask.Value));
                }

                break;
            case "array":
                if (CountRange().Match(description) is { Success: true } itemRange && !itemRange.Groups["unit"].Value.StartsWith("char", StringComparison.OrdinalIgnoreCase))
                {
                    Set("minItems", int.Parse(itemRange.Groups["a"].Value, CultureInfo.InvariantCulture));
                    Set("maxItems", int.Parse(itemRange.Groups["b"].Value, CultureInfo.InvariantCulture));
                }

                break;
            case "object":
                if (MaxKeys().Match(description) is { Success: true } maxKeys)
                {
                    Set("maxProperties", Number(maxKeys));
                }

                if (MinKeys().Match(description) is { Success: true } minKeys)
                {
                    Set("minProperties", Number(minKeys));
                }

                if (CountRange().Match(description) is { Success: true } keyRange && keyRange.Groups["unit"].Value.StartsWith("key", StringComparison.OrdinalIgnoreCase))
                {
                    Set("minProperties", int.Parse(keyRange.Groups["a"].Value, CultureInfo.InvariantCulture));
                    Set("maxProperties", int.Parse(keyRange.Groups["b"].Value, CultureInfo.InvariantCulture));
                }

                break;
        }
    }

    /// <summary>
    /// Allowed values written in code spans or quotes after an introduction ("One of `created`, `paid`",
    /// "Possible values: \"A\", \"B\""), inline or as bullets; at least two, or it is not a list.
    /// </summary>
    private static List<PossibleValue> QuotedValues(string description)
    {
        if (ValuesIntroduction().Match(description) is not { Success: true } introduction)
        {
            return [];
        }

        var values = new List<PossibleValue>();
        var rest = description[(introduction.Index + introduction.Length)..];
        foreach (Match value in QuotedValue().Matches(rest))
        {
            var text = value.Groups["v"].Value;
            var tail = rest[(value.Index + value.Length)..];
            var isDefault = tail.TrimStart().StartsWith("(default)", StringComparison.OrdinalIgnoreCase);
            if (values.All(v => v.Value != text))
            {
                values.Add(new PossibleValue(text, isDefault, null));
            }
        }

        return values.Count >= 2 ? values : [];
    }

    /// <summary>`"customer"` is written both ways at once: every layer of quoting comes off.</summary>
    private static string Unquote(string value)
    {
        while (value.Length >= 2 && value[0] is '`' or '"' or '\'' && value[^1] == value[0])
        {
            value = value[1..^1];
        }

        return value;
    }

    private static JsonNode Numeric(string text) =>
        text.Contains('.') ? JsonValue.Create(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))
            : JsonValue.Create(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));

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

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ContractKit.Import.Pages;

/// <summary>The words documentation tables use for types, and the JSON Schema each stands for.</summary>
internal static partial class TypeWords
{
    // Longest first, so that "Array of objects" wins over "Array" when cells run together.
    private static readonly (string Word, string Type, string? ItemType, string? Format)[] Words =
    [
        ("array of objects", "array", "object", null),
        ("array of strings", "array", "string", null),
        ("array of integers", "array", "integer", null),
        ("array of numbers", "array", "number", null),
        ("json object", "object", null, null),
        ("date-time", "string", null, "date-time"),
        ("datetime", "string", null, "date-time"),
        ("string[]", "array", "string", null),
        ("integer", "integer", null, null),
        ("boolean", "boolean", null, null),
        ("decimal", "number", null, null),
        ("number", "number", null, null),
        ("string", "string", null, null),
        ("object", "object", null, null),
        ("double", "number", null, null),
        ("float", "number", null, null),
        ("array", "array", null, null),
        ("int64", "integer", null, null),
        ("int32", "integer", null, null),
        ("long", "integer", null, null),
        ("bool", "boolean", null, null),
        ("json", "object", null, null),
        // A bare "enum": a string whose values the description lists.
        ("enum", "string", null, null),
        ("list", "array", null, null),
        ("date", "string", null, "date"),
        ("int", "integer", null, null),
    ];

    public static IEnumerable<string> All => Words.Select(w => w.Word);

    /// <summary>Whether the whole text is a type word (any case), e.g. a line "string" in a parameter block.</summary>
    public static bool IsTypeWord(string text) => Find(text.Trim()) is not null;

    /// <summary>The length of a type word at the start of <paramref name="text"/> (any case), or 0.</summary>
    public static int MatchAt(string text, int start)
    {
        foreach (var (word, _, _, _) in Words)
        {
            if (string.Compare(text, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && start + word.Length <= text.Length)
            {
                return word.Length;
            }
        }

        return 0;
    }

    /// <summary>String formats a type word may name in brackets: <c>string&lt;date-time&gt;</c>, <c>string (email)</c>.</summary>
    private static readonly HashSet<string> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        "date-time", "date", "time", "email", "uri", "url", "uuid", "ipv4", "ipv6", "hostname",
    };

    /// <summary>Widths and encodings a numeric type word may carry; they add nothing JSON Schema checks.</summary>
    private static readonly HashSet<string> NumericDetails = new(StringComparer.OrdinalIgnoreCase)
    {
        "int32", "int64", "float", "double", "decimal", "long",
    };

    [GeneratedRegex(@"^(?:nullable\s+(?<t>.+)|(?<t>.+?)\s*(?:\||\bor\b|,)\s*null|null\s*\|\s*(?<t>.+)|(?<t>.+?)\s*[,(]?\s*nullable\s*\)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Nullable();

    [GeneratedRegex(@"^(?:array|list)\s*(?:\[(?<i>[^\]]+)\]|<(?<i>[^>]+)>|\s+of\s+(?<i>.+))$|^(?<i>.+)\[\]$", RegexOptions.IgnoreCase)]
    private static partial Regex ArrayOf();

    [GeneratedRegex(@"^(?<t>[A-Za-z]+)\s*(?:\((?<d>[^)]+)\)|<(?<d>[^>]+)>)$")]
    private static partial Regex Detailed();

    /// <summary>
    /// The JSON Schema for a type word, or null when the word is not known. Besides the plain words it reads the
    /// forms API references write: <c>string (32)</c> (a maximum length), <c>string&lt;date-time&gt;</c> and
    /// <c>string (date)</c> (a format), <c>integer (int64)</c>, <c>enum&lt;string&gt;</c>, <c>string | null</c> and
    /// <c>nullable string</c>, <c>array of objects</c>, <c>object[]</c> and <c>array[string]</c>.
    /// </summary>
    public static JsonObject? ToSchema(string typeWord)
    {
        var text = typeWord.Trim().Trim('`').Trim();
        if (Find(text) is null)
        {
            return Compound(text, depth: 0);
        }

        var entry = Find(text)!.Value;

        var schema = new JsonObject { ["type"] = entry.Type };
        if (entry.Format is not null)
        {
            schema["format"] = entry.Format;
        }

        if (entry.ItemType is not null)
        {
            schema["items"] = new JsonObject { ["type"] = entry.ItemType };
        }

        return schema;
    }

    /// <summary>The JSON Schema type name for a type word ("String" gives "string"), or null.</summary>
    public static string? JsonType(string typeWord) => Find(typeWord.Trim())?.Type;

    private static JsonObject? Compound(string text, int depth)
    {
        if (depth > 3 || text.Length == 0)
        {
            return null;
        }

        if (Find(text) is not null)
        {
            return ToSchema(text);
        }

        if (Nullable().Match(text) is { Success: true } nullable && Compound(nullable.Groups["t"].Value.Trim(), depth + 1) is { } inner)
        {
            if (inner["type"] is JsonValue type)
            {
                inner["type"] = new JsonArray(type.GetValue<string>(), "null");
            }

            return inner;
        }

        if (ArrayOf().Match(text) is { Success: true } array)
        {
            var itemWord = array.Groups["i"].Value.Trim();
            // "array of objects" names the items in the plural.
            var items = Compound(itemWord, depth + 1)
                        ?? (itemWord.EndsWith('s') ? Compound(itemWord[..^1], depth + 1) : null)
                        // "array of Refund objects": items named after their own table are objects.
                        ?? (itemWord.EndsWith(" objects", StringComparison.OrdinalIgnoreCase) || itemWord.EndsWith(" object", StringComparison.OrdinalIgnoreCase)
                            ? new JsonObject { ["type"] = "object" } : null);
            return items is null ? null : new JsonObject { ["type"] = "array", ["items"] = items };
        }

        if (Detailed().Match(text) is { Success: true } detailed)
        {
            var baseWord = detailed.Groups["t"].Value;
            var detail = detailed.Groups["d"].Value.Trim();
            if (baseWord.Equals("enum", StringComparison.OrdinalIgnoreCase))
            {
                // enum<string>: the values come from the description.
                return Compound(detail, depth + 1);
            }

            if (ToSchema(baseWord) is not { } schema)
            {
                return null;
            }

            var type = schema["type"]!.GetValue<string>();
            if (type == "string" && int.TryParse(detail, NumberStyles.None, CultureInfo.InvariantCulture, out var maxLength))
            {
                schema["maxLength"] = maxLength;
                return schema;
            }

            if (type == "string" && Formats.Contains(detail))
            {
                schema["format"] = detail.ToLowerInvariant() == "url" ? "uri" : detail.ToLowerInvariant();
                return schema;
            }

            // "object (Customer)": the name of the object's own table says nothing more about its type.
            if (type == "object")
            {
                return schema;
            }

            return type is "integer" or "number" && NumericDetails.Contains(detail) ? schema : null;
        }

        return null;
    }

    private static (string Word, string Type, string? ItemType, string? Format)? Find(string text)
    {
        foreach (var entry in Words)
        {
            if (string.Equals(entry.Word, text, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}

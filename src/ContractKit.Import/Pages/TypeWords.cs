using System.Text.Json.Nodes;

namespace ContractKit.Import.Pages;

/// <summary>The words documentation tables use for types, and the JSON Schema each stands for.</summary>
internal static class TypeWords
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

    /// <summary>The JSON Schema for a type word, or null when the word is not known.</summary>
    public static JsonObject? ToSchema(string typeWord)
    {
        if (Find(typeWord.Trim()) is not { } entry)
        {
            return null;
        }

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

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ContractKit.Snapshots;

/// <summary>
/// Replaces values that change from call to call with numbered placeholders, Verify-style: the same value
/// gets the same placeholder everywhere in a document (so relations survive), a new value the next number.
/// Scrubbed are the contract's volatile fields (x-volatile: ids, timestamps, request references) and, in any
/// field, values that look like a uuid (Guid_1) or a date or date-time (Date_1).
/// </summary>
public sealed partial class JsonScrubber
{
    private readonly IReadOnlySet<string> volatilePaths;

    /// <param name="volatilePaths">Dotted paths with [] for array items (<c>data._id</c>, <c>items[].id</c>), as <c>describe</c> prints them.</param>
    public JsonScrubber(IEnumerable<string> volatilePaths) => this.volatilePaths = volatilePaths.ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLike();

    /// <summary>The scrubber for a contract's responses: its fields marked volatile.</summary>
    public static JsonScrubber ForResponses(ContractKit.Contracts.Contract contract) =>
        new(ContractKit.Contracts.ContractFields.List(contract).Where(f => f.Part == "response" && f.Volatile).Select(f => f.Path));

    /// <summary>A scrubbed copy of the document; the input is left as it is.</summary>
    public JsonNode? Scrub(JsonNode? document)
    {
        var counters = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        return Walk(document?.DeepClone(), "", counters);
    }

    private JsonNode? Walk(JsonNode? node, string path, Dictionary<string, Dictionary<string, string>> counters)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var childPath = path.Length == 0 ? name : path + "." + name;
                    var replaced = Walk(obj[name], childPath, counters);
                    if (!ReferenceEquals(replaced, obj[name]))
                    {
                        obj[name] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var replaced = Walk(array[i], path + "[]", counters);
                    if (!ReferenceEquals(replaced, array[i]))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            case JsonValue value:
                var kind = value.GetValueKind();
                var text = kind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                string? category = null;
                if (kind == JsonValueKind.String && Uuid().IsMatch(text))
                {
                    category = "Guid";
                }
                else if (kind == JsonValueKind.String && DateLike().IsMatch(text))
                {
                    category = "Date";
                }
                else if (volatilePaths.Contains(path) && kind is JsonValueKind.String or JsonValueKind.Number)
                {
                    category = LooksLikeTime(path) ? "Date" : "Id";
                }

                return category is null ? value : JsonValue.Create(Placeholder(category, text, counters));
            default:
                return node;
        }
    }

    private static bool LooksLikeTime(string path)
    {
        var leaf = path[(path.LastIndexOf('.') + 1)..].Replace("[]", "", StringComparison.Ordinal);
        return leaf.EndsWith("_at", StringComparison.Ordinal) || leaf.EndsWith("At", StringComparison.Ordinal)
               || leaf.Contains("time", StringComparison.OrdinalIgnoreCase) || leaf.Contains("date", StringComparison.OrdinalIgnoreCase);
    }

    private static string Placeholder(string category, string value, Dictionary<string, Dictionary<string, string>> counters)
    {
        if (!counters.TryGetValue(category, out var seen))
        {
            counters[category] = seen = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (!seen.TryGetValue(value, out var placeholder))
        {
            placeholder = category + "_" + (seen.Count + 1).ToString(CultureInfo.InvariantCulture);
            seen[value] = placeholder;
        }

        return placeholder;
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Json;

namespace ContractKit.Http;

/// <summary>
/// Values a live request needs that the documentation cannot know, such as the id of a sandbox contact:
/// the file <c>&lt;operation&gt;.scenario.json</c> beside the contract. Every member is optional; what it does
/// not give comes from the documented example.
/// <code>
/// {
///   "pathParameters": { "id": "cont_SANDBOX0000001" },
///   "query": { "expand": "bank" },
///   "body": { "active": true },         // merged into the documented body (JSON merge patch)
///   "allowWrites": true                 // this contract may change sandbox state in live mode
/// }
/// </code>
/// </summary>
/// <param name="AllowWrites">This contract's requests may change vendor state in live mode ("allowWrites": true).</param>
public sealed record ScenarioValues(IReadOnlyDictionary<string, string> PathParameters, IReadOnlyDictionary<string, string> Query, JsonNode? Body, bool AllowWrites = false)
{
    public static ScenarioValues None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>(), null);

    /// <summary>The scenario file beside a contract file.</summary>
    public static string PathFor(string contractPath) =>
        contractPath.EndsWith(".contract.json", StringComparison.OrdinalIgnoreCase)
            ? contractPath[..^".contract.json".Length] + ".scenario.json"
            : contractPath + ".scenario.json";

    /// <summary>Reads the scenario file beside the contract, or <see cref="None"/> when there is none.</summary>
    /// <exception cref="ContractFormatException">The file is not a valid scenario file (file, line and column named).</exception>
    public static ScenarioValues ForContract(string contractPath)
    {
        var path = PathFor(contractPath);
        if (!File.Exists(path))
        {
            return None;
        }

        var json = LocatedJson.Parse(File.ReadAllBytes(path), path);
        var root = json.Root;
        ContractFormatException Fail(string pointer, string problem) => json.Fail(pointer, problem);

        if (root is not JsonObject obj)
        {
            throw Fail("", "expected an object with pathParameters, query and body");
        }

        Dictionary<string, string> Strings(string member)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (obj[member] is null)
            {
                return result;
            }

            if (obj[member] is not JsonObject values)
            {
                throw Fail("/" + member, $"\"{member}\" must be an object of strings");
            }

            foreach (var (name, value) in values)
            {
                result[name] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw Fail($"/{member}/{name}", $"\"{name}\" must be a string");
            }

            return result;
        }

        foreach (var (name, _) in obj)
        {
            if (name is not ("pathParameters" or "query" or "body" or "allowWrites"))
            {
                throw Fail("/" + name, $"\"{name}\" is not a scenario member (expected pathParameters, query, body or allowWrites)");
            }
        }

        var allowWrites = obj["allowWrites"] switch
        {
            null => false,
            JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False => flag.GetValue<bool>(),
            _ => throw Fail("/allowWrites", "\"allowWrites\" must be true or false"),
        };
        return new ScenarioValues(Strings("pathParameters"), Strings("query"), obj["body"]?.DeepClone(), allowWrites);
    }

    /// <summary>The request path and query, relative to the base URL, with these values put in.</summary>
    public string RelativePath(Contract contract, RequestExample example)
    {
        var exampleUrl = new Uri(example.Url);
        var template = contract.Http.Path.Trim('/').Split('/');
        var documented = exampleUrl.AbsolutePath.Trim('/').Split('/');
        var offset = documented.Length - template.Length;
        var segments = new List<string>();
        for (var i = 0; i < template.Length; i++)
        {
            var segment = template[i];
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                var name = segment[1..^1];
                segment = PathParameters.TryGetValue(name, out var value)
                    ? Uri.EscapeDataString(value)
                    : offset >= 0 && offset + i < documented.Length ? documented[offset + i] : segment;
            }

            segments.Add(segment);
        }

        var query = System.Web.HttpUtility.ParseQueryString(exampleUrl.Query);
        foreach (var (name, value) in Query)
        {
            query[name] = value;
        }

        var queryText = query.Count == 0 ? "" : "?" + string.Join("&", query.AllKeys.Select(k => Uri.EscapeDataString(k ?? "") + "=" + Uri.EscapeDataString(query[k] ?? "")));
        return string.Join('/', segments) + queryText;
    }

    /// <summary>The documented body with this file's body merged in (RFC 7396: null removes a member).</summary>
    public JsonNode? MergeBody(JsonNode? documented) => Body is null ? documented?.DeepClone() : Merge(documented?.DeepClone(), Body.DeepClone());

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch;
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject.ToList())
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            var merged = Merge(result[name]?.DeepClone(), value.DeepClone());
            result[name] = merged;
        }

        return result;
    }
}

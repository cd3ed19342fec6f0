using System.Text.Json.Nodes;

namespace ContractKit.Validation;

/// <summary>
/// Finds <c>$ref</c> cycles in a body schema. Every tool that walks a schema (validators, the stub, describe,
/// export, the generator) would follow such a reference for ever and overflow the stack, so a cycle is
/// refused where the schema is read, with the location of the reference that closes it.
/// </summary>
public static class SchemaReferences
{
    private static readonly string[] SchemaMaps = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];
    private static readonly string[] SchemaValues = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
    private static readonly string[] SchemaLists = ["anyOf", "oneOf", "allOf", "prefixItems"];

    /// <summary>
    /// The JSON pointer (within <paramref name="schema"/>) of a <c>$ref</c> that leads back to a schema it is
    /// part of, or null when there is no cycle. References that do not resolve are not followed.
    /// </summary>
    public static string? FindCycle(JsonNode? schema)
    {
        // Every schema by its pointer, and the schemas each one applies to the same or a nested value.
        var byLocation = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var pending = new Stack<(JsonNode? Node, string Location)>();
        pending.Push((schema, ""));
        while (pending.Count > 0)
        {
            var (node, location) = pending.Pop();
            if (node is not JsonObject obj || byLocation.ContainsKey(location))
            {
                continue;
            }

            byLocation[location] = obj;
            var edges = children[location] = [];
            foreach (var keyword in SchemaMaps)
            {
                if (obj[keyword] is JsonObject map)
                {
                    foreach (var (name, value) in map)
                    {
                        var at = $"{location}/{keyword}/{Escape(name)}";
                        pending.Push((value, at));
                        // $defs are schemas only when referenced, so they are not edges of their parent.
                        if (keyword is not ("$defs" or "definitions"))
                        {
                            edges.Add(at);
                        }
                    }
                }
            }

            foreach (var keyword in SchemaValues)
            {
                if (obj[keyword] is JsonObject)
                {
                    pending.Push((obj[keyword], $"{location}/{keyword}"));
                    edges.Add($"{location}/{keyword}");
                }
            }

            foreach (var keyword in SchemaLists)
            {
                if (obj[keyword] is JsonArray list)
                {
                    for (var i = 0; i < list.Count; i++)
                    {
                        pending.Push((list[i], $"{location}/{keyword}/{i}"));
                        edges.Add($"{location}/{keyword}/{i}");
                    }
                }
            }
        }

        // Depth-first over schemas and references, without recursion: a reference to a schema still on the
        // path closes a cycle.
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        foreach (var start in byLocation.Keys.Order(StringComparer.Ordinal))
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            var path = new Stack<(string Location, IEnumerator<(string Target, bool ViaRef)> Next, bool EnteredByRef)>();
            state[start] = false;
            path.Push((start, Targets(start).GetEnumerator(), false));
            while (path.Count > 0)
            {
                var (location, next, _) = path.Peek();
                if (!next.MoveNext())
                {
                    state[location] = true;
                    path.Pop();
                    continue;
                }

                var (target, viaRef) = next.Current;
                if (!state.TryGetValue(target, out var done))
                {
                    state[target] = false;
                    path.Push((target, Targets(target).GetEnumerator(), viaRef));
                }
                else if (!done)
                {
                    // Subschemas nest, so a cycle holds a reference: the last one taken on the path closes it.
                    if (viaRef)
                    {
                        return location + "/$ref";
                    }

                    var entries = path.ToArray();
                    for (var i = 0; i < entries.Length - 1; i++)
                    {
                        if (entries[i].EnteredByRef)
                        {
                            return entries[i + 1].Location + "/$ref";
                        }
                    }
                }
            }
        }

        return null;

        IEnumerable<(string, bool)> Targets(string location)
        {
            foreach (var child in children[location])
            {
                if (byLocation.ContainsKey(child))
                {
                    yield return (child, false);
                }
            }

            if (byLocation[location]["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var text)
                && text.StartsWith('#') && byLocation.ContainsKey(Uri.UnescapeDataString(text[1..])))
            {
                yield return (Uri.UnescapeDataString(text[1..]), true);
            }
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

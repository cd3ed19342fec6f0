using System.Text.Json.Nodes;

using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>Seeded changes to JSON instances, shared by the differential, oracle and agreement tests.</summary>
internal static class JsonMutations
{
    private static readonly string[] Strings =
    [
        "", "x", "Gaurav Kumar", "2023-05-10 14:29:19", "2023-05-10 14:29:19\n", "2023-05-10T14:29:19", "2023-5-10 14:29:19",
        "someone@example.com", "te.s.t@example.com", "te..st@example.com", "\"quoted local\"@example.com", "joe@[127.0.0.1]",
        "no-at-sign", "a@b", "x@y.co", "émile@example.com", "😀😀", "tea 🍵", new string('a', 256), new string('a', 257),
        string.Concat(Enumerable.Repeat("😀", 200)), string.Concat(Enumerable.Repeat("😀", 129)), "LIVE", "null",
    ];

    /// <summary>One random change at a random depth: a member removed, added or replaced, an item replaced or added.</summary>
    internal static JsonNode Mutate(JsonNode root, Random random)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = containers[random.Next(containers.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(4) == 0:
                obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
                break;
            case JsonObject obj when random.Next(3) == 0:
                // Add fields: an undocumented one, or (for maps) one more entry.
                var extra = random.Next(1, 18);
                for (var k = 0; k < extra; k++)
                {
                    obj["k" + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture)] = RandomValue(random, 1);
                }

                break;
            case JsonObject obj when obj.Count > 0:
                obj[obj.ElementAt(random.Next(obj.Count)).Key] = RandomValue(random, 2);
                break;
            case JsonArray array when array.Count > 0:
                array[random.Next(array.Count)] = RandomValue(random, 1);
                break;
            case JsonArray array:
                array.Add(RandomValue(random, 1));
                break;
        }

        return root;
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        if (node is JsonObject obj)
        {
            containers.Add(obj);
            foreach (var (_, child) in obj)
            {
                Collect(child, containers);
            }
        }
        else if (node is JsonArray array)
        {
            containers.Add(array);
            foreach (var child in array)
            {
                Collect(child, containers);
            }
        }
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 0 ? 10 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 2_000_000_000)),
        3 => JsonNode.Parse(random.Next(3) switch { 0 => "1.0", 1 => "2.5", _ => "1545320320.0" }),
        4 or 5 or 6 or 7 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
        8 => new JsonArray(RandomValue(random, depth - 1), RandomValue(random, depth - 1)),
        _ => new JsonObject { ["a"] = RandomValue(random, depth - 1) },
    };

    /// <summary>Rewrites every member value the function returns a replacement for.</summary>
    internal static JsonNode Rewrite(JsonNode node, Func<string, JsonNode, JsonNode?> replace)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is not { } child)
                    {
                        continue;
                    }

                    if (replace(key, child) is { } replacement)
                    {
                        obj[key] = replacement;
                    }
                    else
                    {
                        Rewrite(child, replace);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not { } child)
                    {
                        continue;
                    }

                    if (replace("", child) is { } replacement)
                    {
                        array[i] = replacement;
                    }
                    else
                    {
                        Rewrite(child, replace);
                    }
                }

                break;
        }

        return node;
    }
}

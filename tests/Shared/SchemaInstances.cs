using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ContractKit.Testing;

/// <summary>
/// Random JSON instances of a schema, as a live sandbox's own data: fresh strings, numbers and booleans within
/// the documented constraints, optional members present about half the time, nullable values null about half
/// the time, arrays of 0 to 3 items, maps with 0 to 3 keys of their own. Formats and patterns are honoured
/// (a small regex generator covers the classes, groups, alternations and quantifiers vendors' patterns use).
/// </summary>
public sealed class SchemaInstances(Random random)
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    public JsonNode? Generate(JsonObject root) => Generate(root, root, 0);

    private JsonNode? Generate(JsonObject root, JsonObject schema, int depth)
    {
        schema = Deref(root, schema);
        if (schema.TryGetPropertyValue("const", out var constant))
        {
            return constant?.DeepClone();
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        var types = schema["type"] switch
        {
            JsonValue one => [one.GetValue<string>()],
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            _ => ["string"],
        };
        if (types.Contains("null") && (types.Count == 1 || random.Next(2) == 0))
        {
            return null;
        }

        var concrete = types.Where(t => t != "null").ToList();
        return concrete[random.Next(concrete.Count)] switch
        {
            "object" => Object(root, schema, depth),
            "array" => Array(root, schema, depth),
            "integer" => JsonValue.Create(Integer(schema)),
            "number" => JsonValue.Create(Math.Round(Integer(schema) + random.NextDouble(), 2)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            _ => JsonValue.Create(Text(schema)),
        };
    }

    private JsonObject Object(JsonObject root, JsonObject schema, int depth)
    {
        var result = new JsonObject();
        var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, member) in schema["properties"] as JsonObject ?? [])
        {
            if (member is JsonObject memberSchema && (required.Contains(name) || random.Next(2) == 0) && depth < 16)
            {
                result[name] = Generate(root, memberSchema, depth + 1);
            }
        }

        if (schema["additionalProperties"] is JsonObject values && depth < 16)
        {
            var max = Math.Min(3, Limit(schema, "maxProperties", 3) - result.Count);
            var count = Math.Max(Limit(schema, "minProperties", 0) - result.Count, random.Next(max + 1));
            for (var i = 0; i < count; i++)
            {
                result[$"{Word(3, 8)}_{i}"] = Generate(root, values, depth + 1);
            }
        }

        return result;
    }

    private JsonArray Array(JsonObject root, JsonObject schema, int depth)
    {
        var result = new JsonArray();
        if (schema["items"] is not JsonObject items || depth >= 16)
        {
            return result;
        }

        var min = Limit(schema, "minItems", 0);
        var count = random.Next(min, Math.Max(min, Math.Min(3, Limit(schema, "maxItems", 3))) + 1);
        for (var i = 0; i < count; i++)
        {
            result.Add(Generate(root, items, depth + 1));
        }

        return result;
    }

    private long Integer(JsonObject schema)
    {
        var min = schema["minimum"] is JsonValue lo ? (long)Math.Ceiling(lo.GetValue<double>()) : 0;
        var max = schema["maximum"] is JsonValue hi ? (long)Math.Floor(hi.GetValue<double>()) : min + 2_000_000_000L;
        return min + (long)(random.NextDouble() * (max - min + 1));
    }

    private string Text(JsonObject schema)
    {
        var minLength = Limit(schema, "minLength", 1);
        var maxLength = Limit(schema, "maxLength", int.MaxValue);
        var text = schema["format"]?.GetValue<string>() switch
        {
            "email" => $"{Word(3, 10).ToLowerInvariant()}.{Word(2, 8).ToLowerInvariant()}@{Word(3, 8).ToLowerInvariant()}.example",
            "date-time" => RandomTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "date" => RandomTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time" => RandomTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            "uuid" => new Guid(Bytes(16)).ToString(),
            "uri" => $"https://{Word(3, 8).ToLowerInvariant()}.example/{Word(1, 8)}",
            _ => null,
        };
        if (text is null && schema["pattern"] is JsonValue pattern)
        {
            var regex = new Regex(pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1));
            for (var attempt = 0; attempt < 50 && text is null; attempt++)
            {
                var candidate = new PatternText(pattern.GetValue<string>(), random).Generate();
                if (regex.IsMatch(candidate) && candidate.Length >= minLength && candidate.Length <= maxLength)
                {
                    text = candidate;
                }
            }

            if (text is null)
            {
                throw new InvalidOperationException($"no string for the pattern {pattern} could be made");
            }
        }

        text ??= Word(Math.Max(minLength, 1), Math.Max(minLength, Math.Min(maxLength, 24)));
        // Some values with characters beyond ASCII, as real names and notes have.
        if (schema["format"] is null && schema["pattern"] is null && random.Next(4) == 0 && text.Length < maxLength)
        {
            text = text[..^1] + "é";
        }

        return text;
    }

    private DateTime RandomTime() => new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 400_000_000));

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private string Word(int min, int max)
    {
        var length = random.Next(min, Math.Max(min, max) + 1);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(Letters[random.Next(Letters.Length)]);
        }

        return text.ToString();
    }

    private static int Limit(JsonObject schema, string keyword, int fallback) =>
        schema[keyword] is JsonValue value ? value.GetValue<int>() : fallback;

    private static JsonObject Deref(JsonObject root, JsonObject schema)
    {
        while (schema["$ref"] is JsonValue reference && reference.GetValue<string>() is ['#', .. var pointer])
        {
            JsonNode? node = root;
            foreach (var segment in pointer.TrimStart('/').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node?[segment];
            }

            schema = node as JsonObject ?? throw new InvalidOperationException($"$ref {reference} resolves to nothing");
        }

        return schema;
    }

    /// <summary>A string that an ECMA-style pattern matches, by recursive descent over the pattern.</summary>
    private sealed class PatternText(string pattern, Random random)
    {
        private int position;

        public string Generate()
        {
            position = 0;
            var text = new StringBuilder();
            Alternation(text);
            return text.ToString();
        }

        private void Alternation(StringBuilder text)
        {
            var branches = new List<StringBuilder> { new() };
            while (position < pattern.Length && pattern[position] != ')')
            {
                if (pattern[position] == '|')
                {
                    position++;
                    branches.Add(new StringBuilder());
                    continue;
                }

                Piece(branches[^1]);
            }

            text.Append(branches[random.Next(branches.Count)]);
        }

        private void Piece(StringBuilder text)
        {
            var atom = Atom();
            var (min, max) = Quantifier();
            var count = random.Next(min, max + 1);
            for (var i = 0; i < count; i++)
            {
                text.Append(atom());
            }
        }

        private Func<string> Atom()
        {
            var c = pattern[position++];
            switch (c)
            {
                case '^' or '$':
                    return () => "";
                case '.':
                    return () => Letters[random.Next(Letters.Length)].ToString();
                case '(':
                    if (pattern.AsSpan(position).StartsWith("?:"))
                    {
                        position += 2;
                    }

                    var groupStart = position;
                    var depth = 1;
                    // Find the group's end, then generate it afresh for every repetition.
                    for (var i = position; i < pattern.Length; i++)
                    {
                        if (pattern[i] == '\\')
                        {
                            i++;
                        }
                        else if (pattern[i] == '(')
                        {
                            depth++;
                        }
                        else if (pattern[i] == ')' && --depth == 0)
                        {
                            position = i + 1;
                            break;
                        }
                    }

                    var inner = pattern[groupStart..(position - 1)];
                    return () => new PatternText(inner, random).Generate();
                case '[':
                    var choices = Class();
                    return () => choices[random.Next(choices.Count)].ToString();
                case '\\':
                    var escaped = Escape(pattern[position++]);
                    return () => escaped[random.Next(escaped.Length)].ToString();
                default:
                    return () => c.ToString();
            }
        }

        private static string Escape(char c) => c switch
        {
            'd' => Digits,
            'w' => Letters + Digits + "_",
            's' => " ",
            'n' => "\n",
            't' => "\t",
            _ => c.ToString(),
        };

        private List<char> Class()
        {
            var negated = position < pattern.Length && pattern[position] == '^';
            if (negated)
            {
                position++;
            }

            var chars = new List<char>();
            while (position < pattern.Length && pattern[position] != ']')
            {
                var c = pattern[position++];
                if (c == '\\')
                {
                    chars.AddRange(Escape(pattern[position++]));
                }
                else if (position + 1 < pattern.Length && pattern[position] == '-' && pattern[position + 1] != ']')
                {
                    var end = pattern[position + 1];
                    position += 2;
                    for (var x = c; x <= end; x++)
                    {
                        chars.Add(x);
                    }
                }
                else
                {
                    chars.Add(c);
                }
            }

            position++;
            return negated ? (Letters + Digits).Where(x => !chars.Contains(x)).ToList() : chars;
        }

        private (int Min, int Max) Quantifier()
        {
            if (position >= pattern.Length)
            {
                return (1, 1);
            }

            switch (pattern[position])
            {
                case '?':
                    position++;
                    return (0, 1);
                case '*':
                    position++;
                    return (0, 3);
                case '+':
                    position++;
                    return (1, 4);
                case '{':
                    var end = pattern.IndexOf('}', position);
                    var parts = pattern[(position + 1)..end].Split(',');
                    position = end + 1;
                    var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
                    var max = parts.Length == 1 ? min : parts[1].Length == 0 ? min + 3 : int.Parse(parts[1], CultureInfo.InvariantCulture);
                    return (min, max);
                default:
                    return (1, 1);
            }
        }
    }
}

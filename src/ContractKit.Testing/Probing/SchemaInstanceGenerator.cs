using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContractKit.Validation;

namespace ContractKit.Probing;

/// <summary>
/// Instances of a schema made from a sequence of <see cref="Choices"/>: strings, numbers and booleans within
/// the documented constraints (lengths, minimum and maximum, enum, const, formats, patterns), optional members
/// present or not, nullable values null or not, arrays and maps sized within their documented counts. With
/// random choices this is a sandbox's own data; with recorded ones it is a request that can be replayed and
/// shrunk. The simplest choice (0 everywhere) gives the smallest valid instance.
/// </summary>
public sealed class SchemaInstanceGenerator(Choices choices)
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const int MaxDepth = 16;

    /// <summary>The longest string made where the schema sets no shorter maxLength (24 keeps data readable).</summary>
    public int LongestText { get; init; } = 24;

    /// <summary>The most items or keys made where the schema sets no smaller maxItems or maxProperties.</summary>
    public int MostItems { get; init; } = 3;

    /// <summary>Whether strings without a format or pattern sometimes end in a character beyond ASCII.</summary>
    public bool NonAscii { get; init; } = true;

    public Choices Choices => choices;

    /// <exception cref="InvalidOperationException">A $ref resolves to nothing, or no string matches a pattern.</exception>
    public JsonNode? Generate(JsonObject root) => Generate(root, root, 0);

    /// <summary>An instance of a schema inside <paramref name="root"/> (whose $refs it resolves against).</summary>
    public JsonNode? Generate(JsonObject root, JsonObject schema) => Generate(root, schema, 0);

    private JsonNode? Generate(JsonObject root, JsonObject schema, int depth)
    {
        schema = Deref(root, schema);
        if (schema.TryGetPropertyValue("const", out var constant))
        {
            return constant?.DeepClone();
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[choices.Next(values.Count, ChoiceKind.Pick)]?.DeepClone();
        }

        var types = TypesOf(schema) ?? ["string"];
        if (types.Contains("null") && (types.Count == 1 || choices.Next(2, ChoiceKind.Presence) == 0))
        {
            return null;
        }

        var concrete = types.Where(t => t != "null").ToList();
        return concrete[choices.Next(concrete.Count, ChoiceKind.Pick)] switch
        {
            "object" => Object(root, schema, depth),
            "array" => Array(root, schema, depth),
            "integer" => JsonValue.Create(Integer(schema)),
            "number" => JsonValue.Create(Number(schema)),
            "boolean" => JsonValue.Create(choices.Next(2, ChoiceKind.Pick) == 1),
            _ => JsonValue.Create(Text(schema)),
        };
    }

    /// <summary>The schema's "type" as a list; null where it names none.</summary>
    public static List<string>? TypesOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue one when one.TryGetValue<string>(out var name) => [name],
        JsonArray many => many.Select(t => t?.GetValue<string>() ?? "null").ToList(),
        _ => null,
    };

    private JsonObject Object(JsonObject root, JsonObject schema, int depth)
    {
        var result = new JsonObject();
        var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, member) in schema["properties"] as JsonObject ?? [])
        {
            if (member is not JsonObject memberSchema || depth >= MaxDepth)
            {
                continue;
            }

            if (required.Contains(name))
            {
                result[name] = Generate(root, memberSchema, depth + 1);
            }
            else
            {
                var start = choices.Position;
                if (choices.Next(2, ChoiceKind.Presence) == 1)
                {
                    result[name] = Generate(root, memberSchema, depth + 1);
                    choices.Span(SpanKind.OptionalMember, start);
                }
            }
        }

        if (schema["additionalProperties"] is JsonObject values && depth < MaxDepth)
        {
            var max = Math.Max(0, Math.Min(MostItems, Limit(schema, "maxProperties", MostItems) - result.Count));
            var count = Math.Max(Limit(schema, "minProperties", 0) - result.Count, choices.Next(max + 1, ChoiceKind.Size));
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
        if (schema["items"] is not JsonObject items || depth >= MaxDepth)
        {
            return result;
        }

        var min = Limit(schema, "minItems", 0);
        var max = Math.Max(min, Math.Min(MostItems, Limit(schema, "maxItems", MostItems)));
        var count = min + choices.Next(max - min + 1, ChoiceKind.Size);
        for (var i = 0; i < count; i++)
        {
            result.Add(Generate(root, items, depth + 1));
        }

        return result;
    }

    /// <summary>The documented range of an integer, exclusive bounds made inclusive; no maximum is 2e9 above the minimum.</summary>
    public static (long Min, long Max) IntegerRange(JsonObject schema)
    {
        var min = schema["minimum"] is JsonValue lo ? (long)Math.Ceiling(lo.GetValue<double>()) : 0;
        if (schema["exclusiveMinimum"] is JsonValue xlo)
        {
            min = Math.Max(min, (long)Math.Floor(xlo.GetValue<double>()) + 1);
        }

        var max = schema["maximum"] is JsonValue hi ? (long)Math.Floor(hi.GetValue<double>()) : min + 2_000_000_000L;
        if (schema["exclusiveMaximum"] is JsonValue xhi)
        {
            max = Math.Min(max, (long)Math.Ceiling(xhi.GetValue<double>()) - 1);
        }

        return (min, Math.Max(min, max));
    }

    private long Integer(JsonObject schema)
    {
        var (min, max) = IntegerRange(schema);
        return Math.Min(max, min + (long)(choices.NextFraction() * (max - min + 1)));
    }

    private double Number(JsonObject schema)
    {
        var (min, max) = IntegerRange(schema);
        var whole = Math.Min(max, min + (long)(choices.NextFraction() * (max - min + 1)));
        // Two decimals, never past a documented maximum.
        return whole == max ? whole : Math.Round(whole + choices.NextFraction(), 2) is var value && value <= max ? value : whole;
    }

    private string Text(JsonObject schema)
    {
        var minLength = Limit(schema, "minLength", 1);
        var maxLength = Limit(schema, "maxLength", int.MaxValue);
        var text = schema["format"]?.GetValue<string>() switch
        {
            "email" => $"{Word(3, 10).ToLowerInvariant()}.{Word(2, 8).ToLowerInvariant()}@{Word(3, 8).ToLowerInvariant()}.example",
            "date-time" => Time().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "date" => Time().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time" => Time().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            "uuid" => new Guid(Bytes(16)).ToString(),
            "uri" => $"https://{Word(3, 8).ToLowerInvariant()}.example/{Word(1, 8)}",
            _ => null,
        };
        if (text is null && schema["pattern"] is JsonValue pattern)
        {
            var regex = EcmaPattern.Create(pattern.GetValue<string>());
            for (var attempt = 0; attempt < 50 && text is null; attempt++)
            {
                var candidate = new PatternText(pattern.GetValue<string>(), choices).Generate();
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

        text ??= Word(Math.Max(minLength, 1), Math.Max(minLength, Math.Min(maxLength, LongestText)));
        // Some values with characters beyond ASCII, as real names and notes have.
        if (NonAscii && schema["format"] is null && schema["pattern"] is null && text.Length > 0 && choices.Next(4, ChoiceKind.Pick) == 3 && text.Length < maxLength)
        {
            text = text[..^1] + "é";
        }

        return text;
    }

    private DateTime Time() =>
        new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds((long)(choices.NextFraction() * 400_000_000));

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = (byte)choices.Next(256, ChoiceKind.Character);
        }

        return bytes;
    }

    private string Word(int min, int max)
    {
        var start = choices.Position;
        var length = min + choices.Next(Math.Max(min, max) - min + 1, ChoiceKind.Size);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(Letters[choices.Next(Letters.Length, ChoiceKind.Character)]);
        }

        choices.Span(SpanKind.Text, start);

        return text.ToString();
    }

    private static int Limit(JsonObject schema, string keyword, int fallback) =>
        schema[keyword] is JsonValue value && value.TryGetValue<double>(out var number) ? (int)Math.Clamp(number, 0, int.MaxValue) : fallback;

    /// <summary>The schema a local $ref points to (followed until it is not a $ref), with its pointer.</summary>
    public static JsonObject Deref(JsonObject root, JsonObject schema)
    {
        for (var hops = 0; schema["$ref"] is JsonValue reference && reference.GetValue<string>() is ['#', .. var pointer]; hops++)
        {
            JsonNode? node = root;
            foreach (var segment in pointer.TrimStart('/').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node is JsonObject obj ? obj[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)] : null;
            }

            schema = hops < 64 && node is JsonObject target ? target : throw new InvalidOperationException($"$ref {reference} resolves to nothing");
        }

        return schema;
    }

    /// <summary>A string that an ECMA-style pattern matches, by recursive descent over the pattern.</summary>
    private sealed class PatternText(string pattern, Choices choices)
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

            text.Append(branches[choices.Next(branches.Count, ChoiceKind.Pick)]);
        }

        private void Piece(StringBuilder text)
        {
            var atom = Atom();
            var (min, max) = Quantifier();
            var count = min + choices.Next(max - min + 1, ChoiceKind.Size);
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
                    return () => Letters[choices.Next(Letters.Length, ChoiceKind.Character)].ToString();
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

                    var inner = pattern[groupStart..Math.Max(groupStart, position - 1)];
                    return () => new PatternText(inner, choices).Generate();
                case '[':
                    var options = Class();
                    return () => options.Count == 0 ? "" : options[choices.Next(options.Count, ChoiceKind.Character)].ToString();
                case '\\' when position < pattern.Length:
                    var escaped = Escape(pattern[position++]);
                    return () => escaped[choices.Next(escaped.Length, ChoiceKind.Character)].ToString();
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
                if (c == '\\' && position < pattern.Length)
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
                case '{' when pattern.IndexOf('}', position) is var end and > 0:
                    var parts = pattern[(position + 1)..end].Split(',');
                    if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
                    {
                        return (1, 1);
                    }

                    position = end + 1;
                    var max = parts.Length == 1 ? min : parts[1].Length == 0 ? min + 3 : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : min;
                    return (Math.Min(min, 64), Math.Min(Math.Max(min, max), 64));
                default:
                    return (1, 1);
            }
        }
    }
}

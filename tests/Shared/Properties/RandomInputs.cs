using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using ContractKit.Probing;

namespace ContractKit.Testing;

/// <summary>Hostile input for robustness properties: random bytes, random JSON, and mutations of real files.</summary>
public static class RandomInputs
{
    public static Gen<byte[]> Bytes { get; } = Gen.Byte.Array[0, 3000];

    /// <summary>Any JSON text: nested objects and arrays of odd names, numbers, strings, booleans and nulls.</summary>
    public static Gen<string> Json { get; } = Gen.Int[0, 1 << 20].Array[0, 400].Select(c => Node(new ModuloChoices(c), 0)?.ToJsonString() ?? "null");

    /// <summary>One of the texts with a few line edits: lines deleted, duplicated, swapped, cut, or filled with junk.</summary>
    public static Gen<string> Mutated(IReadOnlyList<string> texts) => Gen.Int[0, 1 << 20].Array[1, 40].Select(c => Mutate(texts, new ModuloChoices(c)));

    /// <summary>A JSON document with a few members removed or replaced by random JSON.</summary>
    public static Gen<string> MutatedJson(IReadOnlyList<string> documents) => Gen.Int[0, 1 << 20].Array[1, 200].Select(c =>
    {
        var choices = new ModuloChoices(c);
        var root = JsonNode.Parse(documents[choices.Next(documents.Count, ChoiceKind.Pick)])!;
        for (var edits = 1 + choices.Next(4, ChoiceKind.Size); edits > 0; edits--)
        {
            var containers = Walk(root).ToList();
            if (containers.Count == 0)
            {
                // Earlier edits removed every member: nothing is left to edit.
                break;
            }

            var (parent, key) = containers[choices.Next(containers.Count, ChoiceKind.Pick)];
            if (choices.Next(2, ChoiceKind.Pick) == 0 && parent is JsonObject obj)
            {
                obj.Remove(key);
            }
            else if (parent is JsonObject o)
            {
                o[key] = Node(choices, 2);
            }
            else if (parent is JsonArray a)
            {
                a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = Node(choices, 2);
            }
        }

        return root.ToJsonString();
    });

    private static IEnumerable<(JsonNode Parent, string Key)> Walk(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    yield return (obj, name);
                    if (value is not null)
                    {
                        foreach (var inner in Walk(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (array[i] is { } item)
                    {
                        foreach (var inner in Walk(item))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private static readonly string[] Words = ["type", "properties", "required", "items", "$ref", "#/x", "string", "object", "integer", "null", "-1", "1e308", "", "\u0000", "é", "\ud800", "{{", "GET /v1/{id}"];

    private static JsonNode? Node(Choices choices, int depth) => choices.Next(depth > 4 ? 4 : 7, ChoiceKind.Pick) switch
    {
        0 => null,
        1 => JsonValue.Create(choices.Next(2, ChoiceKind.Pick) == 1),
        2 => JsonValue.Create((choices.Next(1 << 20, ChoiceKind.Number) - (1 << 19)) * Math.Pow(10, choices.Next(40, ChoiceKind.Number) - 20)),
        3 => JsonValue.Create(Words[choices.Next(Words.Length, ChoiceKind.Pick)]),
        4 => new JsonArray(Enumerable.Range(0, choices.Next(4, ChoiceKind.Size)).Select(_ => Node(choices, depth + 1)).ToArray()),
        _ => Object(choices, depth),
    };

    private static JsonObject Object(Choices choices, int depth)
    {
        var obj = new JsonObject();
        for (var i = choices.Next(5, ChoiceKind.Size); i > 0; i--)
        {
            obj[Words[choices.Next(Words.Length, ChoiceKind.Pick)] + i] = Node(choices, depth + 1);
        }

        return obj;
    }

    private static string Mutate(IReadOnlyList<string> texts, Choices choices)
    {
        var lines = texts[choices.Next(texts.Count, ChoiceKind.Pick)].Split('\n').ToList();
        for (var edits = 1 + choices.Next(6, ChoiceKind.Size); edits > 0 && lines.Count > 0; edits--)
        {
            var at = choices.Next(lines.Count, ChoiceKind.Pick);
            switch (choices.Next(6, ChoiceKind.Pick))
            {
                case 0:
                    lines.RemoveRange(at, Math.Min(lines.Count - at, 1 + choices.Next(20, ChoiceKind.Size)));
                    break;
                case 1:
                    lines.Insert(at, lines[choices.Next(lines.Count, ChoiceKind.Pick)]);
                    break;
                case 2:
                    var other = choices.Next(lines.Count, ChoiceKind.Pick);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                case 3:
                    lines[at] = lines[at][..choices.Next(lines[at].Length + 1, ChoiceKind.Size)];
                    break;
                case 4:
                    var junk = new StringBuilder();
                    for (var n = choices.Next(30, ChoiceKind.Size); n > 0; n--)
                    {
                        junk.Append("|{}[]\"`#:-* \tabc019é\u0001"[choices.Next(20, ChoiceKind.Character)]);
                    }

                    lines.Insert(at, junk.ToString());
                    break;
                default:
                    lines[at] = lines[at] + " " + Words[choices.Next(Words.Length, ChoiceKind.Pick)];
                    break;
            }
        }

        return string.Join('\n', lines);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Import.Pages;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ContractKit.Import.OpenApi;

/// <summary>
/// An OpenAPI document (JSON or YAML) read into a JSON tree, with the line of every object member and array item
/// (by JSON Pointer) so that findings can name lines. Strict where OpenAPI readers are lax: a key given twice in one
/// object is an error (JSON and YAML both leave its meaning open), and the document's size is bounded.
/// </summary>
public sealed class OpenApiText
{
    /// <summary>The largest document read: vendors' complete API descriptions run to a few megabytes.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>How deep a document may nest; real documents stay well under 64.</summary>
    public const int MaxDepth = 128;

    /// <summary>How many values a document may hold once YAML aliases are expanded (a guard against alias bombs).</summary>
    public const int MaxNodes = 2_000_000;

    private readonly Dictionary<string, int> lines;

    private OpenApiText(JsonObject root, Dictionary<string, int> lines, bool yaml)
    {
        Root = root;
        this.lines = lines;
        IsYaml = yaml;
    }

    public JsonObject Root { get; }

    public bool IsYaml { get; }

    /// <summary>The line of the value at this JSON Pointer, or of the nearest enclosing value that has one.</summary>
    public int? LineOf(string pointer)
    {
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (lines.TryGetValue(p, out var line))
            {
                return line;
            }

            if (p.Length == 0)
            {
                return null;
            }
        }
    }

    /// <summary>Whether the bytes are an OpenAPI document: a JSON or YAML mapping with a top-level <c>openapi</c> member.</summary>
    public static bool LooksLikeOpenApi(byte[] bytes)
    {
        var text = Decode(bytes).TrimStart();
        if (text.StartsWith('{'))
        {
            try
            {
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth });
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("openapi"u8))
                    {
                        return true;
                    }

                    reader.Skip();
                }
            }
            catch (JsonException)
            {
                return false;
            }

            return false;
        }

        // YAML: a top-level key at the start of a line.
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("openapi:", StringComparison.Ordinal) || line.StartsWith("\"openapi\":", StringComparison.Ordinal) || line.StartsWith("'openapi':", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a document; <see cref="PageFormatException"/> (with the line) when it cannot be read.</summary>
    public static OpenApiText Read(byte[] bytes, string path)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new PageFormatException(path, null, $"the document is {bytes.Length:N0} bytes; the most an OpenAPI document may have is {MaxBytes:N0}");
        }

        var text = Decode(bytes);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        JsonNode? root;
        var yaml = !text.TrimStart().StartsWith('{');
        try
        {
            root = yaml ? new YamlBuilder(text, path, lines).Build() : new JsonBuilder(text, path, lines).Build();
        }
        catch (JsonException e)
        {
            throw new PageFormatException(path, (int?)e.LineNumber + 1, "not valid JSON: " + FirstSentence(e.Message));
        }
        catch (YamlException e)
        {
            throw new PageFormatException(path, (int)e.Start.Line, "not valid YAML: " + e.Message);
        }

        if (root is not JsonObject obj)
        {
            throw new PageFormatException(path, 1, "an OpenAPI document is an object (a mapping) at the top");
        }

        return new OpenApiText(obj, lines, yaml);
    }

    private static string Decode(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    internal static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>JSON through Utf8JsonReader, recording each value's line from its byte offset.</summary>
    private sealed class JsonBuilder(string text, string path, Dictionary<string, int> lines)
    {
        private readonly byte[] utf8 = Encoding.UTF8.GetBytes(text);
        private int[] lineStarts = [];

        public JsonNode? Build()
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    starts.Add(i + 1);
                }
            }

            lineStarts = [.. starts];
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth });
            reader.Read();
            var value = Value(ref reader, "");
            if (reader.Read())
            {
                throw new PageFormatException(path, Line(reader.TokenStartIndex), "not valid JSON: more content after the document's end");
            }

            return value;
        }

        private int Line(long offset)
        {
            var index = Array.BinarySearch(lineStarts, (int)offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }

        private JsonNode? Value(ref Utf8JsonReader reader, string pointer)
        {
            lines[pointer] = Line(reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var obj = new JsonObject();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString()!;
                        var keyLine = Line(reader.TokenStartIndex);
                        if (obj.ContainsKey(key))
                        {
                            throw new PageFormatException(path, keyLine, $"the key \"{key}\" appears twice in one object (first at line {lines[pointer + "/" + Escape(key)]}); which one is meant is not defined");
                        }

                        reader.Read();
                        obj[key] = Value(ref reader, pointer + "/" + Escape(key));
                        lines[pointer + "/" + Escape(key)] = keyLine;
                    }

                    return obj;
                case JsonTokenType.StartArray:
                    var array = new JsonArray();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        array.Add(Value(ref reader, pointer + "/" + array.Count.ToString(CultureInfo.InvariantCulture)));
                    }

                    return array;
                case JsonTokenType.String:
                    return JsonValue.Create(reader.GetString());
                case JsonTokenType.Number:
                    return JsonNode.Parse(reader.ValueSpan);
                case JsonTokenType.True or JsonTokenType.False:
                    return JsonValue.Create(reader.GetBoolean());
                default:
                    return null;
            }
        }
    }

    /// <summary>YAML through YamlDotNet's event parser, typed by the YAML 1.2 core schema, aliases expanded within a budget.</summary>
    private sealed class YamlBuilder(string text, string path, Dictionary<string, int> lines)
    {
        private readonly Dictionary<string, JsonNode?> anchors = new(StringComparer.Ordinal);
        private int nodes;

        public JsonNode? Build()
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                throw new PageFormatException(path, 1, "the document is empty");
            }

            parser.Consume<DocumentStart>();
            var root = Value(parser, "", 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                throw new PageFormatException(path, (int)next.Start.Line, "the file holds more than one YAML document; an OpenAPI file holds one");
            }

            return root;
        }

        private JsonNode? Value(IParser parser, string pointer, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new PageFormatException(path, (int)parser.Current!.Start.Line, $"the document nests deeper than {MaxDepth} levels");
            }

            if (++nodes > MaxNodes)
            {
                throw new PageFormatException(path, (int)parser.Current!.Start.Line, $"the document holds more than {MaxNodes:N0} values (YAML aliases included)");
            }

            lines.TryAdd(pointer, (int)parser.Current!.Start.Line);
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new PageFormatException(path, (int)alias.Start.Line, $"the alias *{alias.Value.Value} names no anchor before it");
                }

                nodes += Count(target);
                if (nodes > MaxNodes)
                {
                    throw new PageFormatException(path, (int)alias.Start.Line, $"the document holds more than {MaxNodes:N0} values once its YAML aliases are expanded");
                }

                return target?.DeepClone();
            }

            JsonNode? result;
            string? anchor;
            if (parser.TryConsume<MappingStart>(out var mapping))
            {
                anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
                var obj = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Consume<Scalar>();
                    var key = keyEvent.Value;
                    var memberPointer = pointer + "/" + Escape(key);
                    if (obj.ContainsKey(key))
                    {
                        throw new PageFormatException(path, (int)keyEvent.Start.Line, $"the key \"{key}\" appears twice in one mapping (first at line {lines[memberPointer]}); which one is meant is not defined");
                    }

                    lines[memberPointer] = (int)keyEvent.Start.Line;
                    obj[key] = Value(parser, memberPointer, depth + 1);
                }

                result = obj;
            }
            else if (parser.TryConsume<SequenceStart>(out var sequence))
            {
                anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(Value(parser, pointer + "/" + array.Count.ToString(CultureInfo.InvariantCulture), depth + 1));
                }

                result = array;
            }
            else
            {
                var scalar = parser.Consume<Scalar>();
                anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                result = Scalar(scalar);
            }

            if (anchor is not null)
            {
                anchors[anchor] = result;
            }

            return result;
        }

        private static int Count(JsonNode? node) => node switch
        {
            JsonObject obj => 1 + obj.Sum(p => Count(p.Value)),
            JsonArray array => 1 + array.Sum(Count),
            _ => 1,
        };

        private static JsonNode? Scalar(Scalar scalar)
        {
            var value = scalar.Value;
            if (scalar.Style is not ScalarStyle.Plain)
            {
                return JsonValue.Create(value);
            }

            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return null;
                case "true" or "True" or "TRUE":
                    return JsonValue.Create(true);
                case "false" or "False" or "FALSE":
                    return JsonValue.Create(false);
            }

            if (System.Text.RegularExpressions.Regex.IsMatch(value, @"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$"))
            {
                return JsonNode.Parse(value.TrimStart('+'));
            }

            return JsonValue.Create(value);
        }
    }
}

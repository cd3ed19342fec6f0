using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;

namespace ContractKit.Json;

/// <summary>
/// A JSON file parsed together with the positions of its members, so that a problem found later can be
/// reported at its file, line and column.
/// </summary>
public sealed class LocatedJson
{
    private LocatedJson(string file, JsonNode? root, JsonLineIndex lines)
    {
        File = file;
        Root = root;
        Lines = lines;
    }

    public string File { get; }
    public JsonNode? Root { get; }
    public JsonLineIndex Lines { get; }

    /// <exception cref="ContractFormatException">Not valid JSON: the file, line and column of the first error.</exception>
    public static LocatedJson Parse(ReadOnlySpan<byte> utf8, string fileName)
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new ContractFormatException(fileName, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1,
                "not valid JSON: " + JsonErrors.Message(e));
        }

        if (FindAmbiguity(utf8) is { } ambiguity)
        {
            var (line, column) = LineAndColumn(utf8, ambiguity.Offset);
            throw new ContractFormatException(fileName, line, column, ambiguity.Problem);
        }

        return new LocatedJson(fileName, root, JsonLineIndex.Build(utf8));
    }

    /// <summary>
    /// What the JSON parser accepts but a reader of the file cannot trust: a member given twice (which
    /// value counts?) and a string that is not valid UTF-8 (it fails only when the value is read, later).
    /// </summary>
    private static (long Offset, string Problem)? FindAmbiguity(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        var members = new Stack<HashSet<string>>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    members.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.EndObject:
                    members.Pop();
                    break;
                case JsonTokenType.PropertyName:
                case JsonTokenType.String:
                    string text;
                    try
                    {
                        text = reader.GetString()!;
                    }
                    catch (InvalidOperationException)
                    {
                        return (reader.TokenStartIndex, "expected text in UTF-8, found a string with bytes that are not valid UTF-8");
                    }

                    if (reader.TokenType == JsonTokenType.PropertyName && !members.Peek().Add(text))
                    {
                        return (reader.TokenStartIndex, $"the member \"{text}\" appears twice in one object; expected each name once");
                    }

                    break;
            }
        }

        return null;
    }

    private static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    /// <summary>An error at the member an RFC 6901 pointer names (the whole file for "").</summary>
    public ContractFormatException Fail(string pointer, string problem)
    {
        var (line, column) = Lines.Locate(pointer);
        return new ContractFormatException(File, line, column, problem);
    }
}

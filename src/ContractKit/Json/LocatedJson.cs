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

        return new LocatedJson(fileName, root, JsonLineIndex.Build(utf8));
    }

    /// <summary>An error at the member an RFC 6901 pointer names (the whole file for "").</summary>
    public ContractFormatException Fail(string pointer, string problem)
    {
        var (line, column) = Lines.Locate(pointer);
        return new ContractFormatException(File, line, column, problem);
    }
}

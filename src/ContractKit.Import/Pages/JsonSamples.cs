using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Json;

namespace ContractKit.Import.Pages;

/// <summary>Finds JSON samples among page lines and parses them, keeping the page line of every member.</summary>
internal static class JsonSamples
{
    private static readonly JsonDocumentOptions Lenient = new()
    {
        // Documentation samples are hand-written: tolerate what a person would, never guess at more.
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>Whether a JSON sample plausibly starts on this line (an object or array opening).</summary>
    public static bool StartsSample(string trimmed)
    {
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return false;
        }

        var rest = trimmed[1..].TrimStart();
        return rest.Length == 0 || rest[0] is '"' or '{' or '[' or '}' or ']' or '-' || char.IsAsciiDigit(rest[0])
               || rest.StartsWith("true", StringComparison.Ordinal) || rest.StartsWith("false", StringComparison.Ordinal)
               || rest.StartsWith("null", StringComparison.Ordinal);
    }

    /// <summary>
    /// The index one past the last line of the bracketed block that starts at <paramref name="start"/>:
    /// brackets are counted outside strings until they balance. Returns -1 when they never do.
    /// </summary>
    public static int EndOfBlock(IReadOnlyList<PageLine> lines, int start)
    {
        var depth = 0;
        var inString = false;
        var escaped = false;
        for (var i = start; i < lines.Count; i++)
        {
            foreach (var c in lines[i].Text)
            {
                if (inString)
                {
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (c == '\\')
                    {
                        escaped = true;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }

                    continue;
                }

                switch (c)
                {
                    case '"':
                        inString = true;
                        break;
                    case '{' or '[':
                        depth++;
                        break;
                    case '}' or ']':
                        depth--;
                        if (depth == 0)
                        {
                            return i + 1;
                        }

                        break;
                }
            }

            // A string never spans lines in JSON; an unclosed quote is the sample's error, reported by the parser.
            inString = false;
            escaped = false;
        }

        return -1;
    }

    /// <summary>Parses lines as one JSON value. On failure, <paramref name="error"/> names the page line.</summary>
    public static JsonSample? Parse(IReadOnlyList<PageLine> lines, string label, out string? error, out int errorLine)
    {
        var text = string.Join('\n', lines.Select(l => l.Text));
        var bytes = Encoding.UTF8.GetBytes(text);
        try
        {
            var value = JsonNode.Parse(bytes, documentOptions: Lenient);
            var index = JsonLineIndex.Build(bytes, new JsonReaderOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
                MaxDepth = 64,
            });
            var pageLines = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var pointer in Pointers(value, ""))
            {
                if (index.TryGetLine(pointer, out var relative))
                {
                    pageLines[pointer] = lines[relative - 1].Number;
                }
            }

            error = null;
            errorLine = 0;
            return new JsonSample(value, lines[0].Number, lines[^1].Number, pageLines, label);
        }
        catch (JsonException e)
        {
            var relative = (int)(e.LineNumber ?? 0);
            errorLine = lines[Math.Clamp(relative, 0, lines.Count - 1)].Number;
            error = JsonErrors.Message(e);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // JsonObject rejects a member name given twice.
            errorLine = lines[0].Number;
            error = e.Message;
            return null;
        }
    }

    private static IEnumerable<string> Pointers(JsonNode? node, string pointer)
    {
        yield return pointer;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var p in Pointers(child, pointer + "/" + JsonLineIndex.EscapeSegment(name)))
                    {
                        yield return p;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var p in Pointers(array[i], pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    {
                        yield return p;
                    }
                }

                break;
        }
    }
}

using System.Text;
using System.Text.Json;

namespace ContractKit.Json;

/// <summary>
/// Maps every value of a JSON document to the line and column where it starts, keyed by its RFC 6901
/// pointer, so that an error about a value can name the place a person has to look.
/// For an object member the position is that of its property name.
/// </summary>
public sealed class JsonLineIndex
{
    private readonly Dictionary<string, (int Line, int Column)> positions;

    private JsonLineIndex(Dictionary<string, (int, int)> positions) => this.positions = positions;

    /// <summary>Builds the index; the document must already be known to be well-formed JSON.</summary>
    public static JsonLineIndex Build(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options = default)
    {
        var lineStarts = LineStarts(utf8Json);
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8Json, options);
        // Each frame is the pointer of a container and, for arrays, the index of the next item.
        var frames = new Stack<(string Pointer, bool IsArray, int NextIndex)>();
        string? pendingMember = null;
        (int, int) pendingPosition = default;

        while (reader.Read())
        {
            var position = Position(lineStarts, utf8Json, (int)reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingMember = frames.Peek().Pointer + "/" + EscapeSegment(reader.GetString()!);
                    pendingPosition = position;
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    frames.Pop();
                    continue;
                case JsonTokenType.Comment:
                    continue;
            }

            string pointer;
            if (pendingMember is not null)
            {
                pointer = pendingMember;
                position = pendingPosition;
                pendingMember = null;
            }
            else if (frames.Count > 0 && frames.Peek().IsArray)
            {
                var frame = frames.Pop();
                pointer = frame.Pointer + "/" + frame.NextIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
                frames.Push(frame with { NextIndex = frame.NextIndex + 1 });
            }
            else
            {
                pointer = "";
            }

            result[pointer] = position;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Push((pointer, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }

        return new JsonLineIndex(result);
    }

    /// <summary>The 1-based line and column of the value at <paramref name="pointer"/>, or of its nearest ancestor.</summary>
    public (int Line, int Column) Locate(string pointer)
    {
        while (true)
        {
            if (positions.TryGetValue(pointer, out var position))
            {
                return position;
            }

            var slash = pointer.LastIndexOf('/');
            if (slash < 0)
            {
                return (1, 1);
            }

            pointer = pointer[..slash];
        }
    }

    public bool TryGetLine(string pointer, out int line)
    {
        var found = positions.TryGetValue(pointer, out var position);
        line = position.Line;
        return found;
    }

    public static string EscapeSegment(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    private static List<int> LineStarts(ReadOnlySpan<byte> text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static (int Line, int Column) Position(List<int> lineStarts, ReadOnlySpan<byte> text, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        // Columns count characters, not bytes, as editors do.
        var column = Encoding.UTF8.GetCharCount(text.Slice(lineStarts[line], offset - lineStarts[line])) + 1;
        return (line + 1, column);
    }
}

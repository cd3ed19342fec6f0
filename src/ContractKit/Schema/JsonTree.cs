// Shared source: compiled into the runtime library and into the source generator (netstandard2.0).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ContractKit.Schema;

/// <summary>Where a JSON value starts and ends in the contract text (0-based offsets, lines and columns).</summary>
internal readonly record struct TextPosition(int Start, int End, int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>A JSON value of a contract file with its position, so that a diagnostic can point at it.</summary>
internal abstract class JsonNodeBase
{
    protected JsonNodeBase(TextPosition position) => Position = position;

    public TextPosition Position { get; }

    public abstract string KindName { get; }
}

internal sealed class JsonObjectNode : JsonNodeBase
{
    public JsonObjectNode(TextPosition position, List<JsonMember> members) : base(position) => Members = members;

    public List<JsonMember> Members { get; }

    public override string KindName => "an object";

    public JsonMember? Find(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }

    public JsonNodeBase? this[string name] => Find(name)?.Value;
}

internal sealed class JsonMember
{
    public JsonMember(string name, TextPosition namePosition, JsonNodeBase value)
    {
        Name = name;
        NamePosition = namePosition;
        Value = value;
    }

    public string Name { get; }

    public TextPosition NamePosition { get; }

    public JsonNodeBase Value { get; }
}

internal sealed class JsonArrayNode : JsonNodeBase
{
    public JsonArrayNode(TextPosition position, List<JsonNodeBase> items) : base(position) => Items = items;

    public List<JsonNodeBase> Items { get; }

    public override string KindName => "an array";
}

internal sealed class JsonStringNode : JsonNodeBase
{
    public JsonStringNode(TextPosition position, string value) : base(position) => Value = value;

    public string Value { get; }

    public override string KindName => "a string";
}

internal sealed class JsonNumberNode : JsonNodeBase
{
    public JsonNumberNode(TextPosition position, string text) : base(position) => Text = text;

    /// <summary>The number exactly as written.</summary>
    public string Text { get; }

    public override string KindName => "a number";

    public bool TryGetNonNegativeInteger(out int value)
    {
        if (decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d == decimal.Truncate(d) && d <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }

        value = 0;
        return false;
    }
}

internal sealed class JsonLiteralNode : JsonNodeBase
{
    public JsonLiteralNode(TextPosition position, bool? value) : base(position) => Value = value;

    /// <summary>true, false, or null for the JSON null.</summary>
    public bool? Value { get; }

    public override string KindName => Value is null ? "null" : "a boolean";
}

internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, TextPosition position) : base(message) => Position = position;

    public TextPosition Position { get; }
}

/// <summary>
/// A small strict JSON parser (RFC 8259) that keeps every value's position. It lives in the generator so
/// that no third-party assembly is loaded by the compiler.
/// </summary>
internal sealed class JsonTreeParser
{
    private const int MaxDepth = 128;
    private readonly string text;
    private int offset;
    private int line;
    private int lineStart;

    private JsonTreeParser(string text) => this.text = text;

    public static JsonNodeBase Parse(string text)
    {
        var parser = new JsonTreeParser(text);
        parser.SkipWhiteSpace();
        if (parser.offset >= text.Length)
        {
            throw new JsonSyntaxException("expected a JSON value, found the end of the file", parser.Here(0));
        }

        var value = parser.ParseValue(0);
        parser.SkipWhiteSpace();
        if (parser.offset < text.Length)
        {
            throw new JsonSyntaxException($"expected the end of the file after the JSON value, found '{text[parser.offset]}'", parser.Here(1));
        }

        return value;
    }

    private JsonNodeBase ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSyntaxException($"nesting deeper than {MaxDepth} levels", Here(1));
        }

        var c = text[offset];
        switch (c)
        {
            case '{':
                return ParseObject(depth);
            case '[':
                return ParseArray(depth);
            case '"':
                var (startLine, startColumn, start) = (line, offset - lineStart, offset);
                var value = ParseString();
                return new JsonStringNode(Span(start, startLine, startColumn), value);
            case 't':
                return ParseLiteral("true", true);
            case 'f':
                return ParseLiteral("false", false);
            case 'n':
                return ParseLiteral("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw new JsonSyntaxException($"expected a JSON value, found '{c}'", Here(1));
        }
    }

    private JsonObjectNode ParseObject(int depth)
    {
        var (startLine, startColumn, start) = (line, offset - lineStart, offset);
        offset++;
        var members = new List<JsonMember>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        SkipWhiteSpace();
        if (Peek() == '}')
        {
            offset++;
            return new JsonObjectNode(Span(start, startLine, startColumn), members);
        }

        while (true)
        {
            SkipWhiteSpace();
            if (Peek() != '"')
            {
                throw new JsonSyntaxException($"expected a member name in double quotes, found {Found()}", Here(1));
            }

            var (nameLine, nameColumn, nameStart) = (line, offset - lineStart, offset);
            var name = ParseString();
            var namePosition = Span(nameStart, nameLine, nameColumn);
            if (!names.Add(name))
            {
                throw new JsonSyntaxException($"the member \"{name}\" appears twice in one object", namePosition);
            }

            SkipWhiteSpace();
            Expect(':');
            SkipWhiteSpace();
            if (offset >= text.Length)
            {
                throw new JsonSyntaxException("expected a value, found the end of the file", Here(0));
            }

            members.Add(new JsonMember(name, namePosition, ParseValue(depth + 1)));
            SkipWhiteSpace();
            var next = Peek();
            offset++;
            if (next == '}')
            {
                return new JsonObjectNode(Span(start, startLine, startColumn), members);
            }

            if (next != ',')
            {
                offset--;
                throw new JsonSyntaxException($"expected ',' or '}}' after a member, found {Found()}", Here(1));
            }
        }
    }

    private JsonArrayNode ParseArray(int depth)
    {
        var (startLine, startColumn, start) = (line, offset - lineStart, offset);
        offset++;
        var items = new List<JsonNodeBase>();
        SkipWhiteSpace();
        if (Peek() == ']')
        {
            offset++;
            return new JsonArrayNode(Span(start, startLine, startColumn), items);
        }

        while (true)
        {
            SkipWhiteSpace();
            if (offset >= text.Length)
            {
                throw new JsonSyntaxException("expected a value, found the end of the file", Here(0));
            }

            items.Add(ParseValue(depth + 1));
            SkipWhiteSpace();
            var next = Peek();
            offset++;
            if (next == ']')
            {
                return new JsonArrayNode(Span(start, startLine, startColumn), items);
            }

            if (next != ',')
            {
                offset--;
                throw new JsonSyntaxException($"expected ',' or ']' after an item, found {Found()}", Here(1));
            }
        }
    }

    private string ParseString()
    {
        offset++;
        var builder = new StringBuilder();
        while (true)
        {
            if (offset >= text.Length)
            {
                throw new JsonSyntaxException("a string is not closed", Here(0));
            }

            var c = text[offset++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c == '\\')
            {
                if (offset >= text.Length)
                {
                    throw new JsonSyntaxException("a string is not closed", Here(0));
                }

                var e = text[offset++];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (offset + 4 > text.Length || !int.TryParse(text.Substring(offset, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new JsonSyntaxException("expected four hex digits after \\u", Here(1));
                        }

                        builder.Append((char)code);
                        offset += 4;
                        break;
                    default:
                        offset--;
                        throw new JsonSyntaxException($"'\\{e}' is not a JSON escape", Here(1));
                }

                continue;
            }

            if (c < ' ')
            {
                offset--;
                throw new JsonSyntaxException(c == '\n' ? "a string is not closed before the end of the line" : "a control character in a string must be escaped", Here(1));
            }

            builder.Append(c);
        }
    }

    private JsonNumberNode ParseNumber()
    {
        var (startLine, startColumn, start) = (line, offset - lineStart, offset);
        if (Peek() == '-')
        {
            offset++;
        }

        if (Peek() == '0')
        {
            offset++;
        }
        else if (!Digits())
        {
            throw new JsonSyntaxException($"expected a digit, found {Found()}", Here(1));
        }

        if (Peek() == '.')
        {
            offset++;
            if (!Digits())
            {
                throw new JsonSyntaxException($"expected a digit after '.', found {Found()}", Here(1));
            }
        }

        if (Peek() is 'e' or 'E')
        {
            offset++;
            if (Peek() is '+' or '-')
            {
                offset++;
            }

            if (!Digits())
            {
                throw new JsonSyntaxException($"expected a digit in the exponent, found {Found()}", Here(1));
            }
        }

        return new JsonNumberNode(Span(start, startLine, startColumn), text.Substring(start, offset - start));
    }

    private bool Digits()
    {
        var start = offset;
        while (offset < text.Length && text[offset] >= '0' && text[offset] <= '9')
        {
            offset++;
        }

        return offset > start;
    }

    private JsonLiteralNode ParseLiteral(string word, bool? value)
    {
        var (startLine, startColumn, start) = (line, offset - lineStart, offset);
        if (string.CompareOrdinal(text, offset, word, 0, word.Length) != 0)
        {
            throw new JsonSyntaxException($"expected a JSON value, found {Found()}", Here(1));
        }

        offset += word.Length;
        return new JsonLiteralNode(Span(start, startLine, startColumn), value);
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new JsonSyntaxException($"expected '{c}', found {Found()}", Here(1));
        }

        offset++;
    }

    private char Peek() => offset < text.Length ? text[offset] : '\0';

    private string Found() => offset >= text.Length ? "the end of the file" : $"'{text[offset]}'";

    private void SkipWhiteSpace()
    {
        while (offset < text.Length)
        {
            var c = text[offset];
            if (c == '\n')
            {
                line++;
                lineStart = offset + 1;
            }
            else if (c != ' ' && c != '\t' && c != '\r' && !(offset == 0 && c == '\uFEFF'))
            {
                return;
            }

            offset++;
        }
    }

    private TextPosition Here(int length) =>
        new(offset, Math.Min(offset + length, text.Length), line, offset - lineStart, line, offset - lineStart + length);

    private TextPosition Span(int start, int startLine, int startColumn) =>
        new(start, offset, startLine, startColumn, line, offset - lineStart);
}

using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Text;
using ContractKit.Schema;
using Microsoft.CodeAnalysis.CSharp;

namespace ContractKit.Generators.Emit;

/// <summary>C# names from contract names: PascalCase from kebab, snake and camel case, keywords escaped.</summary>
internal static class Names
{
    /// <summary>"activate-contact", "batch_id", "ipay_uuid", "tagDetails", "_id" become ActivateContact, BatchId, IpayUuid, TagDetails, Id.</summary>
    public static string Pascal(string name) => Identifier(Naming.Pascal(name));

    /// <summary>A C# keyword gets '@'; anything else passes through.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword
            ? "@" + name
            : name;

    /// <summary>A C# string literal for any text.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A UTF-8 string literal ("name"u8) for matching property names without allocating.</summary>
    public static string Utf8Literal(string value) => Literal(value) + "u8";

    /// <summary>
    /// Text safe inside a one-line XML doc comment. Every character C# ends a line at (\r, \n, U+0085, U+2028,
    /// U+2029) becomes a space, else the comment would end there and the rest of the contract's text compile
    /// as C#; other control characters become spaces too, as XML does not allow them.
    /// </summary>
    public static string Xml(string text) =>
        OneLine(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>The characters that end a line in C# source.</summary>
    public static bool IsLineTerminator(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>The text with every line terminator and control character replaced by a space.</summary>
    public static string OneLine(string text)
    {
        var firstUnsafe = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsLineTerminator(text[i]) || char.IsControl(text[i]))
            {
                firstUnsafe = i;
                break;
            }
        }

        if (firstUnsafe < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        for (var i = firstUnsafe; i < builder.Length; i++)
        {
            if (IsLineTerminator(builder[i]) || char.IsControl(builder[i]))
            {
                builder[i] = ' ';
            }
        }

        return builder.ToString();
    }

    /// <summary>The lines of a text, split at every C# line terminator (\r\n counts once).</summary>
    public static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsLineTerminator(text[i]))
            {
                continue;
            }

            yield return text.Substring(start, i - start);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
        }

        yield return text.Substring(start);
    }

    /// <summary>Text safe as a composite format string (braces doubled).</summary>
    public static string FormatSafe(string text) => SchemaMessages.FormatSafe(text);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The C# property name for a JSON field, before collisions are resolved.</summary>
    public static string MemberName(string jsonName) => Naming.MemberName(jsonName);

    /// <summary>C# property names for an object's fields: collisions get a number, in document order.</summary>
    public static List<string> UniqueMemberNames(IReadOnlyList<string> jsonNames) => Naming.UniqueMemberNames(jsonNames);

    /// <summary>Unique member names for values inside the type <paramref name="typeName"/>: none may equal it (CS0542).</summary>
    public static List<string> MemberNamesIn(string typeName, IEnumerable<string> values) =>
        Unique(values.Select(Pascal).Select(name => name == typeName || Naming.IsInheritedByEnum(name) ? name + "Value" : name));

    /// <summary>Makes names unique in order of appearance: the second "Id" becomes "Id2".</summary>
    public static List<string> Unique(IEnumerable<string> names) => Naming.Unique(names);
}

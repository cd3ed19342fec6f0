// Shared source: compiled into the runtime library and into the source generator (netstandard2.0).
using System.Globalization;

namespace ContractKit.Schema;

/// <summary>What a schema can get wrong; the generator reports each as its diagnostic (the CK id beside it).</summary>
internal enum SchemaProblemKind
{
    /// <summary>CK0003: a keyword, or a format, ContractKit does not implement.</summary>
    UnsupportedKeyword,

    /// <summary>CK0004: a pattern that is not a valid ECMA-262 regular expression.</summary>
    InvalidPattern,

    /// <summary>CK0005: a $ref that does not point at a schema of the same body schema.</summary>
    UnresolvedReference,

    /// <summary>CK0006 (a warning): two fields whose C# names are equal, or a reserved name.</summary>
    NameCollision,

    /// <summary>CK0008: a keyword whose value has the wrong shape.</summary>
    InvalidKeywordValue,

    /// <summary>CK0010: a $ref that leads back to a schema containing it.</summary>
    ReferenceCycle,
}

/// <summary>One problem of a schema: where it is in the text and in the schema, and its message arguments.</summary>
/// <param name="Location">The schema location (JSON pointer) the problem is at.</param>
/// <param name="Arguments">The arguments of <see cref="Format"/>; for a name collision: the first field, this field, the location, the natural and the generated name.</param>
internal sealed record SchemaProblem(SchemaProblemKind Kind, TextPosition Position, string Location, string[] Arguments)
{
    public bool IsError => Kind != SchemaProblemKind.NameCollision;

    /// <summary>The message templates of the problems; the generator's diagnostics use the same ones.</summary>
    public static string Format(SchemaProblemKind kind) => kind switch
    {
        SchemaProblemKind.UnsupportedKeyword => "The keyword '{0}' at '{1}' is not supported by ContractKit; remove it or express the rule with supported keywords",
        SchemaProblemKind.InvalidPattern => "The pattern '{0}' at '{1}' is not a valid regular expression: {2}",
        SchemaProblemKind.UnresolvedReference => "The reference '{0}' at '{1}' does not point at a schema in the same body schema",
        SchemaProblemKind.InvalidKeywordValue => "The keyword '{0}' at '{1}' {2}",
        SchemaProblemKind.ReferenceCycle => "The reference '{0}' at '{1}' leads back to a schema that contains it; recursive schemas are not supported",
        _ => "{0}",
    };

    /// <summary>The message, with field names shown by <paramref name="show"/> (the generator escapes control characters).</summary>
    public string Message(System.Func<string, string>? show = null)
    {
        if (Kind != SchemaProblemKind.NameCollision)
        {
            return string.Format(CultureInfo.InvariantCulture, Format(Kind), Arguments);
        }

        var other = show is null ? Arguments[0] : show(Arguments[0]);
        var shown = show is null ? Arguments[1] : show(Arguments[1]);
        return other == shown
            ? $"The field '{shown}' at '{Arguments[2]}' would be named '{Arguments[3]}', which generated code reserves; it is generated as '{Arguments[4]}'"
            : $"The fields '{other}' and '{shown}' at '{Arguments[2]}' both become '{Arguments[3]}'; '{shown}' is generated as '{Arguments[4]}'";
    }
}

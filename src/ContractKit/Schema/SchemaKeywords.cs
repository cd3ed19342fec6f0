// Shared source: compiled into the runtime library and into the source generator (netstandard2.0), so that
// the generator and the interpreter know one keyword set. Adding a keyword starts here (docs/contract-format.md).
using System;
using System.Collections.Generic;
using System.Linq;

namespace ContractKit.Schema;

/// <summary>The JSON types a schema names; None means any.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    Integer = 32,
    String = 64,
}

/// <summary>The keywords, formats and type names of the JSON Schema 2020-12 subset ContractKit supports.</summary>
internal static class SchemaKeywords
{
    /// <summary>Keywords with a meaning for validation or generated types, read by <see cref="SchemaCompiler"/>.</summary>
    public static readonly IReadOnlyList<string> Assertions = new[]
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "const",
        "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
        "minimum", "maximum", "pattern", "format", "anyOf", "oneOf", "$ref", "$defs",
    };

    /// <summary>Keywords that only annotate: accepted and never checked ("description", "default" and "deprecated" reach the DTOs).</summary>
    public static readonly IReadOnlyList<string> Annotations = new[]
    {
        "title", "description", "default", "examples", "$comment", "$schema", "deprecated", "readOnly", "writeOnly",
    };

    /// <summary>The prefix of ContractKit's own keywords (x-line, x-volatile, x-quirks, ...), and of any vendor extension.</summary>
    public const string ExtensionPrefix = "x-";

    /// <summary>Every keyword a contract's schema may use, except the x- extensions.</summary>
    public static IEnumerable<string> All => Assertions.Concat(Annotations);

    private static readonly HashSet<string> Known = new(Assertions.Concat(Annotations), StringComparer.Ordinal);

    /// <summary>Whether the compiler accepts the keyword: a supported one, an annotation or an x- extension.</summary>
    public static bool IsSupported(string keyword) =>
        Known.Contains(keyword) || keyword.StartsWith(ExtensionPrefix, StringComparison.Ordinal);

    /// <summary>The formats validated, in the order their names are listed.</summary>
    public static readonly IReadOnlyList<string> Formats = new[] { "email", "date-time", "date", "uuid" };

    /// <summary>The type names, in the order the type keyword's messages list them.</summary>
    public static readonly IReadOnlyList<(string Name, JsonTypes Type)> TypeNames = new[]
    {
        ("null", JsonTypes.Null), ("boolean", JsonTypes.Boolean), ("object", JsonTypes.Object), ("array", JsonTypes.Array),
        ("number", JsonTypes.Number), ("integer", JsonTypes.Integer), ("string", JsonTypes.String),
    };

    public static bool TryGetType(string name, out JsonTypes type)
    {
        foreach (var (typeName, value) in TypeNames)
        {
            if (typeName == name)
            {
                type = value;
                return true;
            }
        }

        type = JsonTypes.None;
        return false;
    }
}

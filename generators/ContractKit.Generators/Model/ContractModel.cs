using System;

namespace ContractKit.Generators.Model;

/// <summary>What the generator knows of one contract file: plain values only, so that the pipeline caches.</summary>
internal sealed record ContractSpec(
    string FilePath,
    string Vendor,
    string Operation,
    string Method,
    string Path,
    TextSpanInfo OperationSpan,
    EquatableArray<BodySpec> Bodies,
    bool HasRequestExample,
    string Text);

/// <summary>A request or response body: the name its generated types take, and its schema.</summary>
/// <param name="Kind">"Request", "Response" (the success) or "Error" + status ("Error4xx").</param>
/// <param name="Status">The response status, or null for the request.</param>
internal sealed record BodySpec(string Kind, string? Status, SchemaGraph Schema);

/// <summary>A schema as a flat list of nodes; node 0 is the root and nodes refer to each other by index.</summary>
internal sealed record SchemaGraph(EquatableArray<SchemaNode> Nodes);

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

/// <summary>Special values of a node reference.</summary>
internal static class NodeRef
{
    public const int Absent = -1;
    public const int False = -2;
    public const int True = -3;
}

/// <param name="Location">The schema location of this node, as a JSON pointer within the body schema ("" for its root).</param>
/// <param name="Line">The documentation page line (x-line), or 0.</param>
/// <param name="BooleanSchema">For a boolean schema: "true" or "false"; otherwise null.</param>
/// <param name="Types">The allowed types; None means any.</param>
/// <param name="AdditionalProperties">A node index, or <see cref="NodeRef"/>.</param>
/// <param name="HasEnum">Whether the schema has an enum (an empty enum allows nothing).</param>
/// <param name="Enum">The enum values as JSON text.</param>
/// <param name="Const">The const value as JSON text, or null.</param>
/// <param name="Minimum">The minimum as the contract writes it, or null.</param>
/// <param name="Deprecated">The contract marks the field deprecated: its DTO member gets [Obsolete].</param>
/// <param name="Default">The documented default as canonical JSON text, or null.</param>
/// <param name="Quirks">The field's accepted vendor quirks (x-quirks), in contract order.</param>
internal sealed record SchemaNode(
    string Location,
    int Line,
    string? BooleanSchema,
    JsonTypes Types,
    EquatableArray<PropertySpec> Properties,
    EquatableArray<string> Required,
    int AdditionalProperties,
    int Items,
    bool HasEnum,
    EquatableArray<string> Enum,
    string? Const,
    int MinLength,
    int MaxLength,
    string? Pattern,
    string? Format,
    string? Minimum,
    string? Maximum,
    int MinItems,
    int MaxItems,
    int MinProperties,
    int MaxProperties,
    EquatableArray<int> AnyOf,
    EquatableArray<int> OneOf,
    int Ref,
    string? Description,
    bool Volatile,
    bool Deprecated,
    string? Default,
    EquatableArray<QuirkSpec> Quirks);

/// <summary>One x-quirks entry: a vendor quirk the validators accept with a warning and the converters read.</summary>
/// <param name="Location">The entry's schema location (<c>/properties/notes/x-quirks/0</c>), the warning's keyword location.</param>
/// <param name="Override">Where the override is defined (<c>activate-contact.overrides.json:4</c>).</param>
/// <param name="FormatNames">For date-format: the formats' names, comma-separated.</param>
/// <param name="Formats">For date-format: the formats as <c>QuirkDateFormats</c> bits.</param>
internal sealed record QuirkSpec(string Kind, string Location, string Reason, string Override, string FormatNames, int Formats);

/// <param name="CsName">The C# property name, unique within its object (CK0006 reports a renamed one).</param>
internal sealed record PropertySpec(string Name, int Node, int Line, string CsName);

/// <summary>A place in a contract file, as plain values (a Location is rebuilt from it when reporting).</summary>
internal readonly record struct TextSpanInfo(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);

// Shared source: compiled into the runtime library and into the source generator (netstandard2.0). The
// generator's emitters and the run-time interpreter read this one compiled form of a body schema. Plain,
// equatable values only, so that the generator's pipeline caches them.
namespace ContractKit.Schema;

/// <summary>A schema as a flat list of nodes; node 0 is the root and nodes refer to each other by index.</summary>
internal sealed record SchemaGraph(EquatableArray<SchemaNode> Nodes);

/// <summary>Special values of a node reference.</summary>
internal static class NodeRef
{
    public const int Absent = -1;
    public const int False = -2;
    public const int True = -3;
}

/// <summary>
/// One schema: what applies to every value (types, enum, const, combinators, $ref, annotations, quirks),
/// then the keywords of each JSON type in their own part, each empty when the schema has none of them.
/// </summary>
/// <param name="Location">The schema location of this node, as a JSON pointer within the body schema ("" for its root).</param>
/// <param name="Line">The documentation page line (x-line), or 0.</param>
/// <param name="BooleanSchema">For a boolean schema: "true" or "false"; otherwise null.</param>
/// <param name="Types">The allowed types; None means any.</param>
/// <param name="HasEnum">Whether the schema has an enum (an empty enum allows nothing).</param>
/// <param name="Enum">The enum values as canonical JSON text.</param>
/// <param name="Const">The const value as canonical JSON text, or null.</param>
/// <param name="Ref">The node a $ref points at, or <see cref="NodeRef.Absent"/>.</param>
/// <param name="Annotations">What the DTOs show: description, default, deprecated, x-volatile.</param>
/// <param name="Quirks">The field's accepted vendor quirks (x-quirks), in contract order.</param>
internal sealed record SchemaNode(
    string Location,
    int Line,
    string? BooleanSchema,
    JsonTypes Types,
    bool HasEnum,
    EquatableArray<string> Enum,
    string? Const,
    EquatableArray<int> AnyOf,
    EquatableArray<int> OneOf,
    int Ref,
    SchemaAnnotations Annotations,
    EquatableArray<QuirkSpec> Quirks,
    ObjectRules Object,
    ArrayRules Array,
    StringRules String,
    NumberRules Number)
{
    /// <summary>No keyword at all: every value is valid and nothing is generated for it.</summary>
    public bool IsUnconstrained =>
        BooleanSchema is null && Types == JsonTypes.None && !HasEnum && Const is null && AnyOf.Count == 0 && OneOf.Count == 0
        && Ref < 0 && Object.IsEmpty && Array.IsEmpty && String.IsEmpty && Number.IsEmpty;
}

/// <param name="Description">The description, when it is a string.</param>
/// <param name="Deprecated">The contract marks the field deprecated: its DTO member gets [Obsolete].</param>
/// <param name="Default">The documented default as canonical JSON text, or null.</param>
/// <param name="Volatile">x-volatile: the value changes from call to call (snapshots leave it out).</param>
internal sealed record SchemaAnnotations(string? Description, bool Volatile, bool Deprecated, string? Default)
{
    public static SchemaAnnotations None { get; } = new(null, false, false, null);
}

/// <summary>The keywords of objects.</summary>
/// <param name="AdditionalProperties">A node index, or <see cref="NodeRef"/>.</param>
internal sealed record ObjectRules(
    EquatableArray<PropertySpec> Properties,
    EquatableArray<string> Required,
    int AdditionalProperties,
    int MinProperties,
    int MaxProperties)
{
    public static ObjectRules None { get; } = new(EquatableArray<PropertySpec>.Empty, EquatableArray<string>.Empty, NodeRef.Absent, -1, -1);

    public bool IsEmpty => Properties.Count == 0 && Required.Count == 0 && AdditionalProperties == NodeRef.Absent && MinProperties < 0 && MaxProperties < 0;
}

/// <summary>The keywords of arrays.</summary>
/// <param name="Items">A node index, or <see cref="NodeRef.Absent"/>.</param>
internal sealed record ArrayRules(int Items, int MinItems, int MaxItems)
{
    public static ArrayRules None { get; } = new(NodeRef.Absent, -1, -1);

    public bool IsEmpty => Items == NodeRef.Absent && MinItems < 0 && MaxItems < 0;
}

/// <summary>The keywords of strings; a count of -1 is absent.</summary>
internal sealed record StringRules(int MinLength, int MaxLength, string? Pattern, string? Format)
{
    public static StringRules None { get; } = new(-1, -1, null, null);

    public bool IsEmpty => MinLength < 0 && MaxLength < 0 && Pattern is null && Format is null;
}

/// <summary>The keywords of numbers, as the contract writes them.</summary>
internal sealed record NumberRules(string? Minimum, string? Maximum)
{
    public static NumberRules None { get; } = new(null, null);

    public bool IsEmpty => Minimum is null && Maximum is null;
}

/// <summary>One x-quirks entry: a vendor quirk the validators accept with a warning and the converters read.</summary>
/// <param name="Location">The entry's schema location (<c>/properties/notes/x-quirks/0</c>), the warning's keyword location.</param>
/// <param name="Override">Where the override is defined (<c>activate-contact.overrides.json:4</c>).</param>
/// <param name="FormatNames">For date-format: the formats' names, comma-separated.</param>
/// <param name="Formats">For date-format: the formats as <c>QuirkDateFormats</c> bits.</param>
internal sealed record QuirkSpec(string Kind, string Location, string Reason, string Override, string FormatNames, int Formats);

/// <param name="CsName">The C# property name, unique within its object (CK0006 reports a renamed one).</param>
internal sealed record PropertySpec(string Name, int Node, int Line, string CsName);

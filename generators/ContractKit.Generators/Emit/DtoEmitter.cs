using System.Collections.Generic;
using System.Linq;
using ContractKit.Schema;
using ContractKit.Generators.Model;
using ContractKit.Validation;

namespace ContractKit.Generators.Emit;

/// <summary>
/// Emits DTOs for one body: sealed records with [JsonPropertyName], nullability as the contract says,
/// nested records for nested objects, IReadOnlyList and IReadOnlyDictionary for arrays and maps, open
/// enums (strings with constants) for responses and closed enums for requests, extension data for
/// undocumented fields, and a reflection-free JsonConverter per record.
/// </summary>
internal static partial class DtoEmitter
{
    private const string Json = "global::System.Text.Json.";

    private const string Ser = "global::System.Text.Json.Serialization.";

    private const string Values = "global::ContractKit.Serialization.JsonValues.";

    private enum Kind
    {
        String,
        Int64,
        Decimal,
        Boolean,
        DateTimeOffset,
        DateOnly,
        Guid,
        Element,
        Record,
        List,
        Map,
        Enum,
    }

    private sealed class CsType
    {
        public Kind Kind;
        public string Name = "";
        public bool IsValueType;
        public bool Nullable;
        public CsType? Element;
        public RecordDef? Record;
        public EnumDef? Enum;

        public string Declared => Nullable ? Name + "?" : Name;
    }

    private sealed class RecordDef
    {
        public string Name = "";
        public string FullName = "";
        public int Node;
        public string? Description;
        public List<PropDef> Properties = new();
        public List<RecordDef> NestedRecords = new();
        public List<EnumDef> NestedEnums = new();
        public List<(string ClassName, string Property, List<string> Values)> OpenEnums = new();
        public HashSet<string> UsedNames = new(System.StringComparer.Ordinal);
    }

    private sealed class PropDef
    {
        public PropertySpec Spec = null!;
        public CsType Type = null!;
        public bool Required;
        public string? Description;
        public bool Deprecated;
        public EquatableArray<QuirkSpec> Quirks;
        public string? Default;

        public QuirkSpec? Quirk(string kind) => Quirks.FirstOrDefault(q => q.Kind == kind);
    }

    private sealed class EnumDef
    {
        public string Name = "";
        public string FullName = "";
        public List<(string Member, string Value)> Members = new();
    }

    public static string RootTypeName(ContractSpec contract, BodySpec body) => Names.Pascal(contract.Operation) + body.Kind;

    /// <summary>Whether the body gets a DTO: its root is an object with documented fields.</summary>
    public static bool HasDto(BodySpec body)
    {
        var root = Follow(body.Schema.Nodes, 0);
        return root.Object.Properties.Count > 0 && (root.Types == JsonTypes.None || (root.Types & ~JsonTypes.Null) == JsonTypes.Object)
               && root.AnyOf.Count == 0 && root.OneOf.Count == 0;
    }

    /// <summary>Writes the body's DTOs at the writer's place (inside the namespace <paramref name="ns"/>).</summary>
    public static void Emit(CodeWriter w, ContractSpec contract, BodySpec body, string ns)
    {
        var nodes = body.Schema.Nodes;
        var planner = new Planner(nodes, body.Status is null, ns);
        var rootName = RootTypeName(contract, body);
        var root = planner.Record(0, rootName, rootName);

        var what = body.Status is null ? "request body" : $"{body.Status} response body";
        EmitRecord(w, root, $"The {what} of {contract.Method} {contract.Path} ({contract.Vendor}/{contract.Operation}).");
    }
}

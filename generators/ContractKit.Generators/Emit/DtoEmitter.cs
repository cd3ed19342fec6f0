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

    internal enum Kind
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

    internal sealed class CsType : System.IEquatable<CsType>
    {
        public Kind Kind;
        public string Name = "";
        public bool IsValueType;
        public bool Nullable;
        public CsType? Element;
        public RecordDef? Record;
        public EnumDef? Enum;

        public string Declared => Nullable ? Name + "?" : Name;

        // A record or enum is compared where it is declared (its owner's nested lists); here by its name.
        public bool Equals(CsType? other) =>
            other is not null && Kind == other.Kind && Name == other.Name && IsValueType == other.IsValueType && Nullable == other.Nullable
            && Equals(Element, other.Element) && Record?.FullName == other.Record?.FullName && Enum?.FullName == other.Enum?.FullName;

        public override bool Equals(object? obj) => Equals(obj as CsType);

        public override int GetHashCode() => Name.GetHashCode();
    }

    internal sealed class RecordDef : System.IEquatable<RecordDef>
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

        public bool Equals(RecordDef? other) =>
            other is not null && Name == other.Name && FullName == other.FullName && Node == other.Node && Description == other.Description
            && Properties.SequenceEqual(other.Properties) && NestedRecords.SequenceEqual(other.NestedRecords) && NestedEnums.SequenceEqual(other.NestedEnums)
            && OpenEnums.Count == other.OpenEnums.Count
            && OpenEnums.Zip(other.OpenEnums, (a, b) => a.ClassName == b.ClassName && a.Property == b.Property && a.Values.SequenceEqual(b.Values)).All(same => same)
            && UsedNames.SetEquals(other.UsedNames);

        public override bool Equals(object? obj) => Equals(obj as RecordDef);

        public override int GetHashCode() => FullName.GetHashCode();
    }

    internal sealed class PropDef : System.IEquatable<PropDef>
    {
        public PropertySpec Spec = null!;
        public CsType Type = null!;
        public bool Required;
        public string? Description;
        public bool Deprecated;
        public EquatableArray<QuirkSpec> Quirks;
        public string? Default;

        public QuirkSpec? Quirk(string kind) => Quirks.FirstOrDefault(q => q.Kind == kind);

        public bool Equals(PropDef? other) =>
            other is not null && Spec == other.Spec && Type.Equals(other.Type) && Required == other.Required && Description == other.Description
            && Deprecated == other.Deprecated && Quirks == other.Quirks && Default == other.Default;

        public override bool Equals(object? obj) => Equals(obj as PropDef);

        public override int GetHashCode() => Spec.GetHashCode();
    }

    internal sealed class EnumDef : System.IEquatable<EnumDef>
    {
        public string Name = "";
        public string FullName = "";
        public List<(string Member, string Value)> Members = new();

        public bool Equals(EnumDef? other) => other is not null && Name == other.Name && FullName == other.FullName && Members.SequenceEqual(other.Members);

        public override bool Equals(object? obj) => Equals(obj as EnumDef);

        public override int GetHashCode() => FullName.GetHashCode();
    }

    /// <summary>The planned DTOs of one body: the root record (with everything nested in it) and its summary.</summary>
    internal sealed record BodyPlan(string Kind, RecordDef Root, string Summary);

    /// <summary>
    /// The DTO plan of one contract, a step of its own in the pipeline (<see cref="TrackingNames.DtoPlan"/>):
    /// compared by value, so an unchanged plan leaves its emission cached. <paramref name="Failure"/> is set
    /// when planning failed; the emission step reports it (CK0009).
    /// </summary>
    internal sealed record DtoPlan(EquatableArray<BodyPlan> Bodies, string? Failure)
    {
        public BodyPlan? For(BodySpec body) => Bodies.FirstOrDefault(b => b.Kind == body.Kind);
    }

    public static string RootTypeName(ContractSpec contract, BodySpec body) => Names.Pascal(contract.Operation) + body.Kind;

    /// <summary>Whether the body gets a DTO: its root is an object with documented fields.</summary>
    public static bool HasDto(BodySpec body)
    {
        var root = Follow(body.Schema.Nodes, 0);
        return root.Object.Properties.Count > 0 && (root.Types == JsonTypes.None || (root.Types & ~JsonTypes.Null) == JsonTypes.Object)
               && root.AnyOf.Count == 0 && root.OneOf.Count == 0;
    }

    /// <summary>Plans the DTOs of every body that has one; the names are those in the namespace <paramref name="ns"/>.</summary>
    public static DtoPlan Plan(ContractSpec contract, string ns)
    {
        try
        {
            var bodies = new List<BodyPlan>();
            foreach (var body in contract.Bodies.Where(HasDto))
            {
                var planner = new Planner(body.Schema.Nodes, body.Status is null, ns);
                var rootName = RootTypeName(contract, body);
                var root = planner.Record(0, rootName, rootName);
                var what = body.Status is null ? "request body" : $"{body.Status} response body";
                bodies.Add(new BodyPlan(body.Kind, root, $"The {what} of {contract.Method} {contract.Path} ({contract.Vendor}/{contract.Operation})."));
            }

            return new DtoPlan(bodies.ToEquatableArray(), null);
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            return new DtoPlan(EquatableArray<BodyPlan>.Empty, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>Writes the body's planned DTOs at the writer's place.</summary>
    public static void Emit(CodeWriter w, BodyPlan plan) => EmitRecord(w, plan.Root, plan.Summary);
}

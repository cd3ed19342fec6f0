using System.Collections.Generic;
using System.Linq;
using ContractKit.Schema;
using ContractKit.Generators.Model;
using ContractKit.Validation;

namespace ContractKit.Generators.Emit;

/// <summary>The plan: the C# type of every schema node, with the records and enums it creates.</summary>
internal static partial class DtoEmitter
{
    /// <summary>Decides the C# type of every schema node, creating records and enums as it goes.</summary>
    private sealed class Planner(EquatableArray<SchemaNode> nodes, bool isRequest, string ns)
    {
        private readonly Dictionary<int, RecordDef> records = new();

        public RecordDef Record(int node, string name, string fullName)
        {
            if (records.TryGetValue(node, out var existing))
            {
                return existing;
            }

            var schema = nodes[node];
            var record = new RecordDef { Name = name, FullName = fullName, Node = node, Description = schema.Annotations.Description };
            records[node] = record;
            foreach (var property in schema.Object.Properties)
            {
                record.UsedNames.Add(property.CsName);
            }

            record.UsedNames.Add(name);
            foreach (var declared in schema.Object.Properties)
            {
                // A member may not share its record's name (CS0542): "activate_contact_response" in
                // ActivateContactResponse, "notes_object" in NotesObject. It becomes ...Value.
                var property = declared.CsName == name ? declared with { CsName = Unique(record, declared.CsName + "Value") } : declared;
                var type = TypeOf(property.Node, property.CsName, record, out var openValues);
                var required = schema.Object.Required.Contains(property.Name);
                if (!required)
                {
                    type.Nullable = true;
                }

                record.Properties.Add(new PropDef
                {
                    Spec = property,
                    Type = type,
                    Required = required,
                    Description = Follow(nodes, property.Node).Annotations.Description,
                    Deprecated = Follow(nodes, property.Node).Annotations.Deprecated,
                    Quirks = nodes[property.Node].Quirks,
                    Default = nodes[property.Node].Annotations.Default,
                });
                if (openValues is not null)
                {
                    record.OpenEnums.Add((Unique(record, property.CsName + "Values"), property.CsName, openValues));
                }
            }

            return record;
        }

        private string Unique(RecordDef owner, string name)
        {
            var candidate = name;
            for (var n = 2; !owner.UsedNames.Add(candidate); n++)
            {
                candidate = name + Names.Int(n);
            }

            return candidate;
        }

        private CsType TypeOf(int index, string memberName, RecordDef owner, out List<string>? openValues, bool isTypeName = false)
        {
            openValues = null;
            var node = Follow(nodes, index);
            var nullable = (node.Types & JsonTypes.Null) != 0;
            var types = node.Types & ~JsonTypes.Null;
            CsType Simple(Kind kind, string name, bool valueType) => new() { Kind = kind, Name = name, IsValueType = valueType, Nullable = nullable };

            if (node.BooleanSchema is not null || node.AnyOf.Count > 0 || node.OneOf.Count > 0)
            {
                return Simple(Kind.Element, Json + "JsonElement", true);
            }

            if (types == JsonTypes.None && node.Object.Properties.Count > 0)
            {
                types = JsonTypes.Object;
            }

            switch (types)
            {
                case JsonTypes.String:
                    if (node.HasEnum && node.Enum.Count > 0 && node.Enum.All(v => v.StartsWith("\"", System.StringComparison.Ordinal)))
                    {
                        var values = node.Enum.Select(v => Unquote(v)).ToList();
                        if (isRequest)
                        {
                            var enumName = Unique(owner, memberName + "Kind");
                            // Qualified from global::, as records are: a member named like an enclosing type ("refund_request"
                            // inside RefundRequest.NotesObject) would otherwise stand for that member (CS0120).
                            var def = new EnumDef { Name = enumName, FullName = "global::" + ns + "." + owner.FullName + "." + enumName };
                            var memberNames = Names.MemberNamesIn(enumName, values);
                            for (var i = 0; i < values.Count; i++)
                            {
                                def.Members.Add((memberNames[i], values[i]));
                            }

                            owner.NestedEnums.Add(def);
                            return new CsType { Kind = Kind.Enum, Name = def.FullName, IsValueType = true, Nullable = nullable, Enum = def };
                        }

                        openValues = values;
                    }

                    return node.String.Format switch
                    {
                        "date-time" => Simple(Kind.DateTimeOffset, "global::System.DateTimeOffset", true),
                        "date" => Simple(Kind.DateOnly, "global::System.DateOnly", true),
                        "uuid" => Simple(Kind.Guid, "global::System.Guid", true),
                        _ => Simple(Kind.String, "string", false),
                    };
                case JsonTypes.Integer:
                    return Simple(Kind.Int64, "long", true);
                case JsonTypes.Number:
                case JsonTypes.Number | JsonTypes.Integer:
                    return Simple(Kind.Decimal, "decimal", true);
                case JsonTypes.Boolean:
                    return Simple(Kind.Boolean, "bool", true);
                case JsonTypes.Array:
                    var item = node.Array.Items >= 0 ? TypeOf(node.Array.Items, Singular(memberName) + "Item", owner, out _, isTypeName: true) : Simple(Kind.Element, Json + "JsonElement", true);
                    if (node.Array.Items < 0)
                    {
                        item.Nullable = false;
                    }

                    return new CsType
                    {
                        Kind = Kind.List,
                        Name = $"global::System.Collections.Generic.IReadOnlyList<{item.Declared}>",
                        Nullable = nullable,
                        Element = item,
                    };
                case JsonTypes.Object:
                    if (node.Object.Properties.Count > 0)
                    {
                        var target = FollowIndex(nodes, index);
                        if (!records.TryGetValue(target, out var nested))
                        {
                            var nestedName = Unique(owner, DefinitionName(nodes[target].Location) ?? (isTypeName ? memberName : memberName + "Object"));
                            nested = Record(target, nestedName, owner.FullName + "." + nestedName);
                            owner.NestedRecords.Add(nested);
                        }

                        return new CsType { Kind = Kind.Record, Name = "global::" + ns + "." + nested.FullName, Nullable = nullable, Record = nested };
                    }

                    var value = node.Object.AdditionalProperties >= 0
                        ? TypeOf(node.Object.AdditionalProperties, memberName + "Value", owner, out _, isTypeName: true)
                        : Simple(Kind.Element, Json + "JsonElement", true);
                    if (node.Object.AdditionalProperties < 0)
                    {
                        value.Nullable = false;
                    }

                    return new CsType
                    {
                        Kind = Kind.Map,
                        Name = $"global::System.Collections.Generic.IReadOnlyDictionary<string, {value.Declared}>",
                        Nullable = nullable,
                        Element = value,
                    };
                default:
                    // Several types, or none: the value is kept as JSON.
                    return Simple(Kind.Element, Json + "JsonElement", true);
            }
        }
    }

    private static SchemaNode Follow(EquatableArray<SchemaNode> nodes, int index) => nodes[FollowIndex(nodes, index)];

    /// <summary>A node that is only a $ref stands for its target.</summary>
    private static int FollowIndex(EquatableArray<SchemaNode> nodes, int index)
    {
        for (var hops = 0; hops < 32 && nodes[index].Ref >= 0 && IsOnlyRef(nodes[index]); hops++)
        {
            index = nodes[index].Ref;
        }

        return index;
    }

    private static bool IsOnlyRef(SchemaNode node) =>
        node.Types == JsonTypes.None && node.Object.Properties.Count == 0 && node.Array.Items == NodeRef.Absent && !node.HasEnum && node.Const is null
        && node.AnyOf.Count == 0 && node.OneOf.Count == 0 && node.Object.AdditionalProperties == NodeRef.Absent;

    private static string? DefinitionName(string location)
    {
        const string prefix = "/$defs/";
        return location.StartsWith(prefix, System.StringComparison.Ordinal) && location.IndexOf('/', prefix.Length) < 0
            ? Names.Pascal(location.Substring(prefix.Length))
            : null;
    }

    private static string Singular(string name) =>
        name.EndsWith("ies", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 3) + "y"
        : name.EndsWith("s", System.StringComparison.Ordinal) && !name.EndsWith("ss", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 1)
        : name;

    private static string Unquote(string json) => json.Substring(1, json.Length - 2).Replace("\\\"", "\"").Replace("\\\\", "\\");
}

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
internal static class DtoEmitter
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
                            var def = new EnumDef { Name = enumName, FullName = owner.FullName + "." + enumName };
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

    private static void EmitRecord(CodeWriter w, RecordDef record, string? fallbackDescription)
    {
        Summary(w, record.Description ?? fallbackDescription);
        w.Line($"[{Ser}JsonConverter(typeof({record.Name}.Converter))]");
        w.Line(GeneratorInfo.GeneratedCodeAttribute);
        w.Line($"public sealed partial record {record.Name}");
        w.Open();
        var first = true;
        foreach (var property in record.Properties)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            Summary(w, property.Description);
            if (property.Deprecated)
            {
                w.Line($"[global::System.Obsolete({Names.Literal($"The vendor's documentation marks {property.Spec.Name} as deprecated.")})]");
            }

            w.Line($"[{Ser}JsonPropertyName({Names.Literal(property.Spec.Name)})]");
            // C# forbids [Obsolete] on a required member (CS9042): a deprecated one is set by the converter, not demanded of callers.
            var required = property.Required && !property.Deprecated;
            var initializer = property.Required && property.Deprecated ? " = default!;" : "";
            w.Line($"public {(required ? "required " : "")}{property.Type.Declared} {property.Spec.CsName} {{ get; init; }}{initializer}");
        }

        w.Line();
        w.Line("/// <summary>Fields the contract does not document, kept so that they survive a round trip.</summary>");
        w.Line($"[{Ser}JsonExtensionData]");
        w.Line($"public global::System.Collections.Generic.IDictionary<string, {Json}JsonElement>? AdditionalFields {{ get; init; }}");

        foreach (var (className, property, values) in record.OpenEnums)
        {
            w.Line();
            w.Line($"/// <summary>The values the contract documents for <see cref=\"{property}\"/>; the vendor may send others.</summary>");
            w.Line($"public static class {className}");
            w.Open();
            var names = Names.MemberNamesIn(className, values);
            for (var i = 0; i < values.Count; i++)
            {
                w.Line($"public const string {names[i]} = {Names.Literal(values[i])};");
            }

            w.Close();
        }

        foreach (var enumDef in record.NestedEnums)
        {
            w.Line();
            EmitEnum(w, enumDef);
        }

        foreach (var nested in record.NestedRecords)
        {
            w.Line();
            EmitRecord(w, nested, null);
        }

        w.Line();
        EmitConverter(w, record);
        w.Close();
    }

    private static void EmitEnum(CodeWriter w, EnumDef enumDef)
    {
        w.Line("/// <summary>The values the contract allows.</summary>");
        w.Line($"public enum {enumDef.Name}");
        w.Open();
        foreach (var (member, value) in enumDef.Members)
        {
            w.Line($"/// <summary>{Names.Xml(value)}</summary>");
            w.Line($"{member},");
        }

        w.Close();
        w.Line();
        w.Line($"/// <summary>Reads and writes <see cref=\"{enumDef.Name}\"/> as the strings the contract documents.</summary>");
        w.Line($"public static class {enumDef.Name}Json");
        w.Open();
        w.Line($"public static {enumDef.Name} Read(ref {Json}Utf8JsonReader reader)");
        w.Open();
        foreach (var (member, value) in enumDef.Members)
        {
            w.Line($"if (reader.TokenType == {Json}JsonTokenType.String && reader.ValueTextEquals({Names.Utf8Literal(value)}))");
            w.Open();
            w.Line($"return {enumDef.Name}.{member};");
            w.Close();
            w.Line();
        }

        w.Line($"throw {Values}Unexpected(ref reader, {Names.Literal("one of " + string.Join(", ", enumDef.Members.Select(m => "\"" + m.Value + "\"")))});");
        w.Close();
        w.Line();
        w.Line($"public static string ToJson({enumDef.Name} value) => value switch");
        w.Open();
        foreach (var (member, value) in enumDef.Members)
        {
            w.Line($"{enumDef.Name}.{member} => {Names.Literal(value)},");
        }

        w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(value)),");
        w.Unindent();
        w.Line("};");
        w.Close();
    }

    private static void EmitConverter(CodeWriter w, RecordDef record)
    {
        var type = record.Name;
        w.Line($"/// <summary>Reads and writes <see cref=\"{type}\"/> without reflection.</summary>");
        w.Line($"public sealed class Converter : {Ser}JsonConverter<{type}>");
        w.Open();
        w.Line("public static Converter Instance { get; } = new Converter();");
        w.Line();
        w.Line($"public override {type} Read(ref {Json}Utf8JsonReader reader, global::System.Type typeToConvert, {Json}JsonSerializerOptions options)");
        w.Open();
        w.Line($"if (reader.TokenType != {Json}JsonTokenType.StartObject)");
        w.Open();
        w.Line($"throw {Values}Unexpected(ref reader, \"an object\");");
        w.Close();
        w.Line();
        for (var i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            w.Line($"{NullableOf(property.Type)} p{i} = default;");
            if (property.Required)
            {
                w.Line($"var has{i} = false;");
            }
        }

        w.Line($"global::System.Collections.Generic.Dictionary<string, {Json}JsonElement>? extra = null;");
        // The member being read, so that a failure inside it names the field ($.active).
        w.Line("string? field = null;");
        w.Line("try");
        w.Open();
        w.Line($"while (reader.Read() && reader.TokenType == {Json}JsonTokenType.PropertyName)");
        w.Open();
        for (var i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            w.Line($"{(i == 0 ? "if" : "else if")} (reader.ValueTextEquals({Names.Utf8Literal(property.Spec.Name)}))");
            w.Open();
            w.Line($"field = {Names.Literal(property.Spec.Name)};");
            w.Line("reader.Read();");
            if (property.Required)
            {
                w.Line($"has{i} = true;");
            }

            w.Line($"p{i} = reader.TokenType == {Json}JsonTokenType.Null ? default({NullableOf(property.Type)}) : {PropertyRead(property)};");
            w.Close();
        }

        if (record.Properties.Count > 0)
        {
            w.Line("else");
            w.Open();
        }

        w.Line("field = null;");
        w.Line("var name = reader.GetString()!;");
        w.Line("reader.Read();");
        w.Line($"(extra ??= new global::System.Collections.Generic.Dictionary<string, {Json}JsonElement>(global::System.StringComparer.Ordinal))[name] = {Json}JsonElement.ParseValue(ref reader);");
        if (record.Properties.Count > 0)
        {
            w.Close();
        }

        w.Close();
        w.Close();
        w.Line($"catch ({Json}JsonException e) when (field is not null)");
        w.Open();
        w.Line("throw global::ContractKit.Serialization.JsonFieldErrors.InField(e, field);");
        w.Close();
        w.Line();
        for (var i = 0; i < record.Properties.Count; i++)
        {
            if (record.Properties[i].Required && record.Properties[i].Quirk(QuirkRules.SometimesAbsent) is null)
            {
                w.Line($"if (!has{i})");
                w.Open();
                w.Line($"throw {Values}MissingRequired({Names.Literal(type)}, {Names.Literal(record.Properties[i].Spec.Name)});");
                w.Close();
                w.Line();
            }
        }

        w.Line($"return new {type}");
        w.Open();
        for (var i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            var value = property.Required && !property.Type.Nullable
                ? $"p{i} ?? throw new {Json}JsonException({Names.Literal($"{type}: \"{property.Spec.Name}\" must not be null")})"
                : $"p{i}";
            if (property.Required && !property.Type.Nullable && property.Quirk(QuirkRules.SometimesAbsent) is not null)
            {
                // sometimes-absent: the member keeps its type; an absent value is the documented default, else the type's default.
                value = $"has{i} ? ({value}) : {AbsentValue(property)}";
            }
            w.Line($"{property.Spec.CsName} = {value},");
        }

        w.Line("AdditionalFields = extra,");
        w.Unindent();
        w.Line("};");
        w.Close();
        w.Line();
        w.Line($"public override void Write({Json}Utf8JsonWriter writer, {type} value, {Json}JsonSerializerOptions options)");
        w.Open();
        w.Line("writer.WriteStartObject();");
        foreach (var property in record.Properties)
        {
            var access = "value." + property.Spec.CsName;
            var nonNull = property.Type.Nullable && property.Type.IsValueType ? access + ".Value" : access;
            var name = Names.Utf8Literal(property.Spec.Name);
            if (!property.Type.Nullable)
            {
                w.Line($"writer.WritePropertyName({name});");
                w.Line(WriteStatement(property.Type, access, "writer", "options", 1));
            }
            else if (property.Required)
            {
                w.Line($"writer.WritePropertyName({name});");
                w.Line($"if ({access} is null)");
                w.Open();
                w.Line("writer.WriteNullValue();");
                w.Close();
                w.Line("else");
                w.Open();
                w.Line(WriteStatement(property.Type, nonNull, "writer", "options", 1));
                w.Close();
            }
            else
            {
                w.Line($"if ({access} is not null)");
                w.Open();
                w.Line($"writer.WritePropertyName({name});");
                w.Line(WriteStatement(property.Type, nonNull, "writer", "options", 1));
                w.Close();
            }
        }

        w.Line("if (value.AdditionalFields is { } extra)");
        w.Open();
        w.Line("foreach (var pair in extra)");
        w.Open();
        w.Line("writer.WritePropertyName(pair.Key);");
        w.Line("pair.Value.WriteTo(writer);");
        w.Close();
        w.Close();
        w.Line();
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Close();
    }

    /// <summary>The declared type of a local that holds the value while reading: always nullable.</summary>
    private static string NullableOf(CsType type) => type.Name + "?";

    private const string Quirky = "global::ContractKit.Serialization.QuirkValues.";

    /// <summary>How a member is read: as documented, and where it has a quirk, the quirky value into the same type.</summary>
    private static string PropertyRead(PropDef property)
    {
        var type = property.Type;
        var documented = ReadExpression(type, "reader", "options", 1);
        if (property.Quirk(QuirkRules.EmptyArrayAsObject) is not null && type.Kind is Kind.Map or Kind.Record)
        {
            var empty = type.Kind == Kind.Map
                ? $"new global::System.Collections.Generic.Dictionary<string, {type.Element!.Declared}>()"
                : $"new {type.Name}()";
            return $"{Quirky}SkipEmptyArray(ref reader) ? {empty} : {documented}";
        }

        if (property.Quirk(QuirkRules.NumberAsString) is not null && type.Kind is Kind.Int64 or Kind.Decimal)
        {
            return type.Kind == Kind.Int64 ? $"{Quirky}ReadQuotedInt64(ref reader)" : $"{Quirky}ReadQuotedDecimal(ref reader)";
        }

        if (property.Quirk(QuirkRules.DateFormat) is { } date)
        {
            var formats = QuirkRules.DateFormatsExpression((QuirkDateFormats)date.Formats);
            switch (type.Kind)
            {
                case Kind.DateTimeOffset: return $"{Quirky}ReadDateTimeOffset(ref reader, {formats})";
                case Kind.DateOnly: return $"{Quirky}ReadDateOnly(ref reader, {formats})";
                case Kind.Int64: return $"{Quirky}ReadUnixSeconds(ref reader, {formats})";
            }
        }

        return documented;
    }

    /// <summary>The value of an absent sometimes-absent member: its documented default where C# can write it, else default.</summary>
    private static string AbsentValue(PropDef property)
    {
        var text = property.Default;
        switch (property.Type.Kind)
        {
            case Kind.Boolean when text is "true" or "false":
                return text!;
            case Kind.Int64 when text is not null && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var integer):
                return integer.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L";
            case Kind.Decimal when text is not null && decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number):
                return number.ToString(System.Globalization.CultureInfo.InvariantCulture) + "m";
            case Kind.String when text is not null && text.StartsWith("\"", System.StringComparison.Ordinal):
                return Names.Literal(Unquote(text));
            default:
                return $"default({property.Type.Name})!";
        }
    }

    private static string ReadExpression(CsType type, string reader, string options, int depth)
    {
        switch (type.Kind)
        {
            case Kind.String: return $"{Values}ReadString(ref {reader})";
            case Kind.Int64: return $"{Values}ReadInt64(ref {reader})";
            case Kind.Decimal: return $"{Values}ReadDecimal(ref {reader})";
            case Kind.Boolean: return $"{Values}ReadBoolean(ref {reader})";
            case Kind.DateTimeOffset: return $"{Values}ReadDateTimeOffset(ref {reader})";
            case Kind.DateOnly: return $"{Values}ReadDateOnly(ref {reader})";
            case Kind.Guid: return $"{Values}ReadGuid(ref {reader})";
            case Kind.Element: return $"{Values}ReadElement(ref {reader})";
            case Kind.Enum: return $"{type.Enum!.FullName}Json.Read(ref {reader})";
            case Kind.Record: return $"{type.Name}.Converter.Instance.Read(ref {reader}, typeof({type.Name}), {options})";
            case Kind.List:
            case Kind.Map:
                var r = "r" + Names.Int(depth);
                var o = "o" + Names.Int(depth);
                var item = type.Element!;
                var itemRead = ReadExpression(item, r, o, depth + 1);
                var body = item.Nullable ? $"{r}.TokenType == {Json}JsonTokenType.Null ? default({item.Declared}) : {itemRead}" : itemRead;
                var method = type.Kind == Kind.List ? "ReadList" : "ReadMap";
                return $"{Values}{method}<{item.Declared}>(ref {reader}, {options}, static (ref {Json}Utf8JsonReader {r}, {Json}JsonSerializerOptions {o}) => {body})";
            default:
                return $"{Values}ReadElement(ref {reader})";
        }
    }

    private static string WriteStatement(CsType type, string value, string writer, string options, int depth)
    {
        switch (type.Kind)
        {
            case Kind.String:
            case Kind.DateTimeOffset:
            case Kind.Guid:
                return $"{writer}.WriteStringValue({value});";
            case Kind.Int64:
            case Kind.Decimal:
                return $"{writer}.WriteNumberValue({value});";
            case Kind.Boolean:
                return $"{writer}.WriteBooleanValue({value});";
            case Kind.DateOnly:
                return $"{Values}WriteDateOnly({writer}, {value});";
            case Kind.Element:
                return $"{value}.WriteTo({writer});";
            case Kind.Enum:
                return $"{writer}.WriteStringValue({type.Enum!.FullName}Json.ToJson({value}));";
            case Kind.Record:
                return $"{type.Name}.Converter.Instance.Write({writer}, {value}, {options});";
            default:
                var w = "w" + Names.Int(depth);
                var o = "o" + Names.Int(depth);
                var item = "item" + Names.Int(depth);
                var element = type.Element!;
                var itemValue = element.Nullable && element.IsValueType ? item + ".Value" : item;
                var write = WriteStatement(element, itemValue, w, o, depth + 1).TrimEnd(';');
                var body = element.Nullable ? $"{{ if ({item} is null) {{ {w}.WriteNullValue(); }} else {{ {write}; }} }}" : write;
                var method = type.Kind == Kind.List ? "WriteList" : "WriteMap";
                return $"{Values}{method}<{element.Declared}>({writer}, {value}, {options}, static ({w}, {item}, {o}) => {body});";
        }
    }

    private static void Summary(CodeWriter w, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        w.Line("/// <summary>");
        foreach (var line in Names.Lines(text!))
        {
            w.Line("/// " + Names.Xml(line.Trim()));
        }

        w.Line("/// </summary>");
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

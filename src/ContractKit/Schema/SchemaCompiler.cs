// Shared source: compiled into the runtime library and into the source generator (netstandard2.0). The
// generator turns its problems into diagnostics (CK0003...CK0010); the interpreter throws on the first error.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ContractKit.Validation;

namespace ContractKit.Schema;

/// <summary>
/// Compiles one body schema, read by the dependency-free <see cref="JsonTreeParser"/>, into a
/// <see cref="SchemaGraph"/>, reporting every keyword it cannot honour. Supported: the keywords of
/// <see cref="SchemaKeywords"/> (docs/contract-format.md), annotations, and x- keywords.
/// </summary>
internal sealed class SchemaCompiler
{
    private readonly List<SchemaProblem> problems;
    private readonly List<Builder> nodes = new();
    private readonly Dictionary<string, int> byLocation = new(StringComparer.Ordinal);
    private readonly List<(int Node, string Reference, JsonNodeBase At, string Location)> references = new();

    private SchemaCompiler(List<SchemaProblem> problems) => this.problems = problems;

    /// <summary>Compiles the schema; whatever it cannot honour is added to <paramref name="problems"/>, in document order.</summary>
    public static SchemaGraph Compile(JsonNodeBase schema, List<SchemaProblem> problems)
    {
        var reader = new SchemaCompiler(problems);
        reader.ReadNode(schema, "", 0);
        reader.ResolveReferences();
        reader.RefuseCycles();
        return new SchemaGraph(reader.nodes.Select(n => n.Build()).ToEquatableArray());
    }

    private sealed class Builder
    {
        public string Location = "";
        public int Line;
        public string? BooleanSchema;
        public JsonTypes Types;
        public List<PropertySpec> Properties = new();
        public List<string> Required = new();
        public int AdditionalProperties = NodeRef.Absent;
        public int Items = NodeRef.Absent;
        public bool HasEnum;
        public List<string> Enum = new();
        public string? Const;
        public int MinLength = -1, MaxLength = -1, MinItems = -1, MaxItems = -1, MinProperties = -1, MaxProperties = -1;
        public string? Pattern, Format, Minimum, Maximum, Description;
        public List<int> AnyOf = new(), OneOf = new();
        public int Ref = NodeRef.Absent;
        public bool Volatile;
        public bool Deprecated;
        public string? Default;
        public List<QuirkSpec> Quirks = new();

        public SchemaNode Build()
        {
            var objectRules = new ObjectRules(Properties.ToEquatableArray(), Required.ToEquatableArray(), AdditionalProperties, MinProperties, MaxProperties);
            var arrayRules = new ArrayRules(Items, MinItems, MaxItems);
            var stringRules = new StringRules(MinLength, MaxLength, Pattern, Format);
            var numberRules = new NumberRules(Minimum, Maximum);
            var annotations = new SchemaAnnotations(Description, Volatile, Deprecated, Default);
            return new SchemaNode(
                Location, Line, BooleanSchema, Types, HasEnum, Enum.ToEquatableArray(), Const, AnyOf.ToEquatableArray(), OneOf.ToEquatableArray(), Ref,
                annotations == SchemaAnnotations.None ? SchemaAnnotations.None : annotations,
                Quirks.ToEquatableArray(),
                objectRules.IsEmpty ? ObjectRules.None : objectRules,
                arrayRules.IsEmpty ? ArrayRules.None : arrayRules,
                stringRules.IsEmpty ? StringRules.None : stringRules,
                numberRules.IsEmpty ? NumberRules.None : numberRules);
        }
    }

    /// <summary>Reads a schema (object or boolean) and returns its node index.</summary>
    private int ReadNode(JsonNodeBase json, string location, int inheritedLine)
    {
        var index = nodes.Count;
        var node = new Builder { Location = location, Line = inheritedLine };
        nodes.Add(node);
        byLocation[location] = index;

        if (json is JsonLiteralNode { Value: { } flag })
        {
            node.BooleanSchema = flag ? "true" : "false";
            return index;
        }

        if (json is not JsonObjectNode schema)
        {
            Report(SchemaProblemKind.InvalidKeywordValue, json, location, "(schema)", Display(location), $"must be a schema (an object or a boolean), found {json.KindName}");
            node.BooleanSchema = "true";
            return index;
        }

        if (schema["x-line"] is JsonNumberNode lineNumber && lineNumber.TryGetNonNegativeInteger(out var line))
        {
            node.Line = line;
        }

        foreach (var member in schema.Members)
        {
            var keywordLocation = location + "/" + Escape(member.Name);
            var value = member.Value;
            switch (member.Name)
            {
                case "type":
                    node.Types = ReadTypes(value, keywordLocation);
                    break;
                case "properties":
                    if (Expect<JsonObjectNode>(value, member.Name, keywordLocation, "must be an object of schemas") is { } properties)
                    {
                        var csNames = Naming.UniqueMemberNames(properties.Members.Select(p => p.Name).ToList());
                        for (var i = 0; i < properties.Members.Count; i++)
                        {
                            var property = properties.Members[i];
                            var child = ReadNode(property.Value, keywordLocation + "/" + Escape(property.Name), 0);
                            node.Properties.Add(new PropertySpec(property.Name, child, nodes[child].Line, csNames[i]));
                            var natural = Naming.MemberName(property.Name);
                            if (csNames[i] != natural)
                            {
                                // The first field with that name (the field itself when the name is reserved), this field, ...
                                var other = properties.Members.First(p => Naming.MemberName(p.Name) == natural).Name;
                                Report(SchemaProblemKind.NameCollision, property.NamePosition, keywordLocation,
                                    other, property.Name, Display(keywordLocation), natural, csNames[i]);
                            }
                        }
                    }

                    break;
                case "required":
                    if (Expect<JsonArrayNode>(value, member.Name, keywordLocation, "must be an array of strings") is { } required)
                    {
                        foreach (var item in required.Items)
                        {
                            if (item is JsonStringNode name)
                            {
                                if (!node.Required.Contains(name.Value))
                                {
                                    node.Required.Add(name.Value);
                                }
                            }
                            else
                            {
                                Report(SchemaProblemKind.InvalidKeywordValue, item, keywordLocation, member.Name, Display(keywordLocation), $"must list strings, found {item.KindName}");
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    node.AdditionalProperties = ReadNode(value, keywordLocation, 0);
                    if (nodes[node.AdditionalProperties].BooleanSchema is { } ap)
                    {
                        node.AdditionalProperties = ap == "true" ? NodeRef.True : NodeRef.False;
                    }

                    break;
                case "items":
                    node.Items = ReadNode(value, keywordLocation, 0);
                    break;
                case "enum":
                    if (Expect<JsonArrayNode>(value, member.Name, keywordLocation, "must be an array") is { } values)
                    {
                        node.HasEnum = true;
                        node.Enum.AddRange(values.Items.Select(Canonical));
                    }

                    break;
                case "const":
                    node.Const = Canonical(value);
                    break;
                case "minLength":
                    node.MinLength = Count(value, member.Name, keywordLocation);
                    break;
                case "maxLength":
                    node.MaxLength = Count(value, member.Name, keywordLocation);
                    break;
                case "minItems":
                    node.MinItems = Count(value, member.Name, keywordLocation);
                    break;
                case "maxItems":
                    node.MaxItems = Count(value, member.Name, keywordLocation);
                    break;
                case "minProperties":
                    node.MinProperties = Count(value, member.Name, keywordLocation);
                    break;
                case "maxProperties":
                    node.MaxProperties = Count(value, member.Name, keywordLocation);
                    break;
                case "minimum":
                    node.Minimum = Expect<JsonNumberNode>(value, member.Name, keywordLocation, "must be a number")?.Text;
                    break;
                case "maximum":
                    node.Maximum = Expect<JsonNumberNode>(value, member.Name, keywordLocation, "must be a number")?.Text;
                    break;
                case "pattern":
                    if (Expect<JsonStringNode>(value, member.Name, keywordLocation, "must be a string") is { } pattern)
                    {
                        if (EcmaPattern.Translate(pattern.Value, out var error) is null)
                        {
                            Report(SchemaProblemKind.InvalidPattern, value, keywordLocation, pattern.Value, Display(keywordLocation), error ?? "");
                        }
                        else
                        {
                            node.Pattern = pattern.Value;
                        }
                    }

                    break;
                case "format":
                    if (Expect<JsonStringNode>(value, member.Name, keywordLocation, "must be a string") is { } format)
                    {
                        if (SchemaKeywords.Formats.Contains(format.Value))
                        {
                            node.Format = format.Value;
                        }
                        else
                        {
                            Report(SchemaProblemKind.UnsupportedKeyword, value, keywordLocation, "format: " + format.Value, Display(keywordLocation));
                        }
                    }

                    break;
                case "anyOf":
                case "oneOf":
                    if (Expect<JsonArrayNode>(value, member.Name, keywordLocation, "must be a non-empty array of schemas") is { } alternatives)
                    {
                        if (alternatives.Items.Count == 0)
                        {
                            Report(SchemaProblemKind.InvalidKeywordValue, value, keywordLocation, member.Name, Display(keywordLocation), "must be a non-empty array of schemas");
                        }

                        var list = member.Name == "anyOf" ? node.AnyOf : node.OneOf;
                        for (var i = 0; i < alternatives.Items.Count; i++)
                        {
                            list.Add(ReadNode(alternatives.Items[i], keywordLocation + "/" + i.ToString(CultureInfo.InvariantCulture), 0));
                        }
                    }

                    break;
                case "$ref":
                    if (Expect<JsonStringNode>(value, member.Name, keywordLocation, "must be a string") is { } reference)
                    {
                        references.Add((index, reference.Value, value, keywordLocation));
                    }

                    break;
                case "$defs":
                    if (Expect<JsonObjectNode>(value, member.Name, keywordLocation, "must be an object of schemas") is { } definitions)
                    {
                        foreach (var definition in definitions.Members)
                        {
                            ReadNode(definition.Value, keywordLocation + "/" + Escape(definition.Name), 0);
                        }
                    }

                    break;
                case "x-volatile":
                    node.Volatile = value is JsonLiteralNode { Value: true };
                    break;
                case "x-line":
                    break;
                case QuirkRules.ContractKeyword:
                    if (Expect<JsonArrayNode>(value, member.Name, keywordLocation, "must be an array of quirks") is { } quirks)
                    {
                        for (var i = 0; i < quirks.Items.Count; i++)
                        {
                            if (ReadQuirk(quirks.Items[i], keywordLocation + "/" + i.ToString(CultureInfo.InvariantCulture)) is { } quirk)
                            {
                                node.Quirks.Add(quirk);
                            }
                        }
                    }

                    break;
                case "default":
                    node.Default = Canonical(value);
                    break;
                case "deprecated":
                    node.Deprecated = value is JsonLiteralNode { Value: true };
                    break;
                default:
                    if (member.Name == "description" && value is JsonStringNode description)
                    {
                        node.Description = description.Value;
                    }
                    else if (!SchemaKeywords.IsSupported(member.Name))
                    {
                        Report(SchemaProblemKind.UnsupportedKeyword, member.NamePosition, location, member.Name, Display(location));
                    }

                    break;
            }
        }

        return index;
    }

    /// <summary>An x-quirks entry: {"kind", "reason", "override", "formats"?}, as the overrides importer writes it.</summary>
    private QuirkSpec? ReadQuirk(JsonNodeBase entry, string location)
    {
        if (Expect<JsonObjectNode>(entry, QuirkRules.ContractKeyword, location, "must be an object with kind, reason and override") is not { } quirk)
        {
            return null;
        }

        string? Text(string name)
        {
            if (quirk[name] is JsonStringNode text)
            {
                return text.Value;
            }

            Report(SchemaProblemKind.InvalidKeywordValue, entry, location, QuirkRules.ContractKeyword, Display(location), $"needs a string \"{name}\"");
            return null;
        }

        var kind = Text("kind");
        var reason = Text("reason");
        var at = Text("override");
        if (kind is null || reason is null || at is null)
        {
            return null;
        }

        if (!QuirkRules.IsKind(kind))
        {
            Report(SchemaProblemKind.InvalidKeywordValue, quirk["kind"]!, location, QuirkRules.ContractKeyword, Display(location),
                $"\"{kind}\" is not a quirk kind; expected one of {string.Join(", ", QuirkRules.Kinds)}");
            return null;
        }

        var names = new List<string>();
        if (quirk["formats"] is JsonArrayNode formats)
        {
            foreach (var format in formats.Items)
            {
                if (format is JsonStringNode name && Array.IndexOf(QuirkRules.DateFormatNames, name.Value) >= 0)
                {
                    names.Add(name.Value);
                }
                else
                {
                    Report(SchemaProblemKind.InvalidKeywordValue, format, location, QuirkRules.ContractKeyword, Display(location),
                        $"formats must name {string.Join(", ", QuirkRules.DateFormatNames)}");
                }
            }
        }

        return new QuirkSpec(kind, location, reason, at, string.Join(", ", names), (int)QuirkRules.DateFormats(names));
    }

    private JsonTypes ReadTypes(JsonNodeBase value, string location)
    {
        var names = value switch
        {
            JsonStringNode single => new List<JsonNodeBase> { single },
            JsonArrayNode many => many.Items,
            _ => null,
        };
        if (names is null)
        {
            Report(SchemaProblemKind.InvalidKeywordValue, value, location, "type", Display(location), $"must be a type name or an array of them, found {value.KindName}");
            return JsonTypes.None;
        }

        var types = JsonTypes.None;
        foreach (var name in names)
        {
            if (name is JsonStringNode text && SchemaKeywords.TryGetType(text.Value, out var type))
            {
                types |= type;
            }
            else
            {
                Report(SchemaProblemKind.InvalidKeywordValue, name, location, "type", Display(location),
                    "must name null, boolean, object, array, number, integer or string, found " + (name is JsonStringNode s ? "\"" + s.Value + "\"" : name.KindName));
            }
        }

        return types;
    }

    private int Count(JsonNodeBase value, string keyword, string location)
    {
        if (value is JsonNumberNode number && number.TryGetNonNegativeInteger(out var count))
        {
            return count;
        }

        Report(SchemaProblemKind.InvalidKeywordValue, value, location, keyword, Display(location), "must be a non-negative integer");
        return -1;
    }

    private T? Expect<T>(JsonNodeBase value, string keyword, string location, string requirement)
        where T : JsonNodeBase
    {
        if (value is T typed)
        {
            return typed;
        }

        Report(SchemaProblemKind.InvalidKeywordValue, value, location, keyword, Display(location), $"{requirement}, found {value.KindName}");
        return null;
    }

    private void ResolveReferences()
    {
        foreach (var (node, reference, at, location) in references)
        {
            var target = Resolve(reference);
            if (target is null)
            {
                Report(SchemaProblemKind.UnresolvedReference, at, location, reference, Display(location));
                continue;
            }

            nodes[node].Ref = target.Value;
        }
    }

    /// <summary>
    /// A $ref that leads back to a schema containing it would make every generated validator, and the
    /// generator's own walks, recurse for ever: it is reported (CK0010) and cut. Walks without recursion.
    /// </summary>
    private void RefuseCycles()
    {
        var state = new int[nodes.Count]; // 0: not seen, 1: on the path, 2: done
        for (var start = 0; start < nodes.Count; start++)
        {
            if (state[start] != 0)
            {
                continue;
            }

            var path = new Stack<(int Node, IEnumerator<(int Target, bool ViaRef)> Next, bool EnteredByRef)>();
            state[start] = 1;
            path.Push((start, Targets(start).GetEnumerator(), false));
            while (path.Count > 0)
            {
                var (node, next, _) = path.Peek();
                if (!next.MoveNext())
                {
                    state[node] = 2;
                    path.Pop();
                    continue;
                }

                var (target, viaRef) = next.Current;
                if (state[target] == 0)
                {
                    state[target] = 1;
                    path.Push((target, Targets(target).GetEnumerator(), viaRef));
                }
                else if (state[target] == 1)
                {
                    // Subschemas nest, so the cycle (from target up to here) holds a reference: cut the last one taken.
                    var closing = viaRef ? node : ClosingReference(path.ToArray(), target);
                    if (closing >= 0 && references.FirstOrDefault(r => r.Node == closing) is { At: not null } reference)
                    {
                        Report(SchemaProblemKind.ReferenceCycle, reference.At, reference.Location, reference.Reference, Display(reference.Location));
                        nodes[closing].Ref = NodeRef.Absent;
                    }
                }
            }
        }

        IEnumerable<(int, bool)> Targets(int index)
        {
            var node = nodes[index];
            foreach (var property in node.Properties)
            {
                yield return (property.Node, false);
            }

            foreach (var child in new[] { node.AdditionalProperties, node.Items }.Concat(node.AnyOf).Concat(node.OneOf))
            {
                if (child >= 0)
                {
                    yield return (child, false);
                }
            }

            if (node.Ref >= 0)
            {
                yield return (node.Ref, true);
            }
        }

        // The path, top first: the node whose reference was the last one followed before coming back to target.
        static int ClosingReference((int Node, IEnumerator<(int, bool)> Next, bool EnteredByRef)[] path, int target)
        {
            for (var i = 0; i < path.Length - 1 && path[i].Node != target; i++)
            {
                if (path[i].EnteredByRef)
                {
                    return path[i + 1].Node;
                }
            }

            return -1;
        }
    }

    private int? Resolve(string reference)
    {
        if (!reference.StartsWith("#", StringComparison.Ordinal))
        {
            return null;
        }

        // The fragment is a JSON pointer, possibly percent-encoded as a URI fragment.
        var pointer = Uri.UnescapeDataString(reference.Substring(1));
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            return null;
        }

        return byLocation.TryGetValue(pointer, out var index) ? index : null;
    }

    /// <summary>Canonical JSON text of a value, as the generated code will parse it back.</summary>
    private static string Canonical(JsonNodeBase value)
    {
        var builder = new StringBuilder();
        Write(value, builder);
        return builder.ToString();
    }

    private static void Write(JsonNodeBase value, StringBuilder builder)
    {
        switch (value)
        {
            case JsonObjectNode obj:
                builder.Append('{');
                for (var i = 0; i < obj.Members.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    WriteString(obj.Members[i].Name, builder);
                    builder.Append(':');
                    Write(obj.Members[i].Value, builder);
                }

                builder.Append('}');
                break;
            case JsonArrayNode array:
                builder.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(array.Items[i], builder);
                }

                builder.Append(']');
                break;
            case JsonStringNode text:
                WriteString(text.Value, builder);
                break;
            case JsonNumberNode number:
                builder.Append(number.Text);
                break;
            case JsonLiteralNode literal:
                builder.Append(literal.Value switch { true => "true", false => "false", _ => "null" });
                break;
        }
    }

    public static void WriteString(string value, StringBuilder builder)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    private static string Display(string location) => "#" + location;

    private void Report(SchemaProblemKind kind, JsonNodeBase at, string location, params string[] arguments) =>
        Report(kind, at.Position, location, arguments);

    private void Report(SchemaProblemKind kind, TextPosition at, string location, params string[] arguments) =>
        problems.Add(new SchemaProblem(kind, at, location, arguments));
}

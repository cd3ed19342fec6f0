using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ContractKit.Validation;

/// <summary>A body schema that uses something ContractKit does not support, or is malformed.</summary>
public sealed class UnsupportedSchemaException(string location, string problem)
    : Exception($"{(location.Length == 0 ? "#" : "#" + location)}: {problem}")
{
    public string Location { get; } = location;
}

/// <summary>
/// Validates documents against a body schema read at run time, with the same semantics, the same output
/// units and the same order of errors as the generated validators: it walks the same decisions the
/// generator writes out as code. Used where nothing is compiled (<c>contractkit verify</c>).
/// </summary>
public sealed class SchemaInterpreter : IJsonValidator
{
    [Flags]
    private enum Types
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

    private const int Absent = -1;
    private const int False = -2;
    private const int True = -3;

    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "title", "description", "default", "examples", "$comment", "$schema", "deprecated", "readOnly", "writeOnly",
    };

    private sealed class Node
    {
        public string Location = "";
        public int Line;
        public bool? BooleanSchema;
        public Types Types;
        public List<(byte[] Name, string Text, int Node, int Line)> Properties = [];
        public List<string> Required = [];
        public List<byte[]> RequiredUtf8 = [];
        public int AdditionalProperties = Absent;
        public int Items = Absent;
        public JsonConstant[]? Enum;
        public JsonConstant? Const;
        public string? ConstText;
        public int MinLength = -1, MaxLength = -1, MinItems = -1, MaxItems = -1, MinProperties = -1, MaxProperties = -1;
        public Regex? Pattern;
        public string? PatternText;
        public JsonFormat? Format;
        public string? FormatText;
        public JsonNumber? Minimum, Maximum;
        public string? MinimumText, MaximumText;
        public List<int> AnyOf = [], OneOf = [];
        public int Ref = Absent;
        public string? RefText;
        public List<Quirk> Quirks = [];

        public Quirk? QuirkOf(string kind) => Quirks.Find(q => q.Kind == kind);
    }

    /// <summary>One entry of a field's x-quirks: a known vendor quirk its validator accepts with a warning.</summary>
    private sealed record Quirk(string Kind, string Location, string Reason, string Override, QuirkDateFormats Formats, string FormatNames)
    {
        public string Message(string subject) => QuirkRules.Message(Kind, Override, Reason, Kind == QuirkRules.DateFormat ? FormatNames : subject);
    }

    private readonly List<Node> nodes = [];
    private readonly Dictionary<string, int> byLocation = new(StringComparer.Ordinal);

    private SchemaInterpreter()
    {
    }

    /// <exception cref="UnsupportedSchemaException">The schema uses an unsupported keyword or a malformed value.</exception>
    public static SchemaInterpreter Create(JsonNode? schema)
    {
        if (SchemaReferences.FindCycle(schema) is { } cycle)
        {
            throw new UnsupportedSchemaException(cycle, "this $ref leads back to a schema that contains it (a $ref cycle); recursive schemas are not supported");
        }

        var interpreter = new SchemaInterpreter();
        interpreter.Read(schema, "");
        foreach (var node in interpreter.nodes.Where(n => n.RefText is not null))
        {
            var pointer = node.RefText!.StartsWith('#') ? Uri.UnescapeDataString(node.RefText[1..]) : null;
            node.Ref = pointer is not null && interpreter.byLocation.TryGetValue(pointer, out var target)
                ? target
                : throw new UnsupportedSchemaException(node.Location, $"the reference \"{node.RefText}\" does not point at a schema in this body schema");
        }

        return interpreter;
    }

    private int Read(JsonNode? json, string location)
    {
        var index = nodes.Count;
        var node = new Node { Location = location };
        nodes.Add(node);
        byLocation[location] = index;
        if (json is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            node.BooleanSchema = flag.GetValueKind() == JsonValueKind.True;
            return index;
        }

        if (json is not JsonObject schema)
        {
            throw new UnsupportedSchemaException(location, "a schema must be an object or a boolean");
        }

        node.Line = schema["x-line"] is JsonValue line && line.TryGetValue<int>(out var l) ? l : 0;
        foreach (var (keyword, value) in schema)
        {
            var at = location + "/" + Escape(keyword);
            switch (keyword)
            {
                case "type":
                    foreach (var name in value is JsonArray many ? many.Select(t => t) : [value])
                    {
                        node.Types |= name?.GetValueKind() == JsonValueKind.String
                            ? name.GetValue<string>() switch
                            {
                                "null" => Types.Null,
                                "boolean" => Types.Boolean,
                                "object" => Types.Object,
                                "array" => Types.Array,
                                "number" => Types.Number,
                                "integer" => Types.Integer,
                                "string" => Types.String,
                                var other => throw new UnsupportedSchemaException(at, $"\"{other}\" is not a JSON type"),
                            }
                            : throw new UnsupportedSchemaException(at, "type must name JSON types");
                    }

                    break;
                case "properties":
                    foreach (var (name, child) in Expect<JsonObject>(value, at))
                    {
                        var childIndex = Read(child, at + "/" + Escape(name));
                        node.Properties.Add((Encoding.UTF8.GetBytes(name), name, childIndex, nodes[childIndex].Line));
                    }

                    break;
                case "required":
                    foreach (var name in Expect<JsonArray>(value, at))
                    {
                        var text = name?.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : throw new UnsupportedSchemaException(at, "required lists strings");
                        if (!node.Required.Contains(text))
                        {
                            node.Required.Add(text);
                            node.RequiredUtf8.Add(Encoding.UTF8.GetBytes(text));
                        }
                    }

                    break;
                case "additionalProperties":
                    var ap = Read(value, at);
                    node.AdditionalProperties = nodes[ap].BooleanSchema switch { true => True, false => False, _ => ap };
                    break;
                case "items":
                    node.Items = Read(value, at);
                    break;
                case "enum":
                    node.Enum = Expect<JsonArray>(value, at).Select(v => JsonConstant.Parse(v?.ToJsonString() ?? "null")).ToArray();
                    break;
                case "const":
                    node.ConstText = value?.ToJsonString() ?? "null";
                    node.Const = JsonConstant.Parse(node.ConstText);
                    break;
                case "minLength": node.MinLength = Count(value, at); break;
                case "maxLength": node.MaxLength = Count(value, at); break;
                case "minItems": node.MinItems = Count(value, at); break;
                case "maxItems": node.MaxItems = Count(value, at); break;
                case "minProperties": node.MinProperties = Count(value, at); break;
                case "maxProperties": node.MaxProperties = Count(value, at); break;
                case "minimum":
                    node.MinimumText = Number(value, at);
                    node.Minimum = JsonNumber.Parse(node.MinimumText);
                    break;
                case "maximum":
                    node.MaximumText = Number(value, at);
                    node.Maximum = JsonNumber.Parse(node.MaximumText);
                    break;
                case "pattern":
                    node.PatternText = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw new UnsupportedSchemaException(at, "pattern must be a string");
                    var translated = EcmaPattern.Translate(node.PatternText, out var error) ?? throw new UnsupportedSchemaException(at, "invalid pattern: " + error);
                    node.Pattern = EcmaPattern.ForTranslated(translated);
                    break;
                case "format":
                    node.FormatText = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
                    node.Format = node.FormatText switch
                    {
                        "email" => JsonFormat.Email,
                        "date-time" => JsonFormat.DateTime,
                        "date" => JsonFormat.Date,
                        "uuid" => JsonFormat.Uuid,
                        _ => throw new UnsupportedSchemaException(at, $"the format \"{node.FormatText}\" is not supported"),
                    };
                    break;
                case "anyOf" or "oneOf":
                    var list = keyword == "anyOf" ? node.AnyOf : node.OneOf;
                    var alternatives = Expect<JsonArray>(value, at);
                    for (var i = 0; i < alternatives.Count; i++)
                    {
                        list.Add(Read(alternatives[i], at + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    break;
                case "$ref":
                    node.RefText = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw new UnsupportedSchemaException(at, "$ref must be a string");
                    break;
                case "$defs":
                    foreach (var (name, child) in Expect<JsonObject>(value, at))
                    {
                        Read(child, at + "/" + Escape(name));
                    }

                    break;
                case QuirkRules.ContractKeyword:
                    var entries = Expect<JsonArray>(value, at);
                    for (var i = 0; i < entries.Count; i++)
                    {
                        node.Quirks.Add(ReadQuirk(entries[i], at + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    break;
                default:
                    if (!Annotations.Contains(keyword) && !keyword.StartsWith("x-", StringComparison.Ordinal))
                    {
                        throw new UnsupportedSchemaException(location, $"the keyword \"{keyword}\" is not supported");
                    }

                    break;
            }
        }

        return index;
    }

    private static Quirk ReadQuirk(JsonNode? entry, string at)
    {
        var quirk = Expect<JsonObject>(entry, at);
        string Text(string name) => quirk[name] is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw new UnsupportedSchemaException(at, $"a quirk needs a string \"{name}\"");
        var kind = Text("kind");
        if (!QuirkRules.IsKind(kind))
        {
            throw new UnsupportedSchemaException(at + "/kind", $"\"{kind}\" is not a quirk kind; expected one of {string.Join(", ", QuirkRules.Kinds)}");
        }

        var names = quirk["formats"] is JsonArray formats ? formats.Select(f => f?.GetValue<string>() ?? "").ToList() : [];
        return new Quirk(kind, at, Text("reason"), Text("override"), QuirkRules.DateFormats(names), string.Join(", ", names));
    }

    private static T Expect<T>(JsonNode? value, string at)
        where T : JsonNode =>
        value as T ?? throw new UnsupportedSchemaException(at, $"expected {(typeof(T) == typeof(JsonObject) ? "an object" : "an array")}");

    private static int Count(JsonNode? value, string at) =>
        value is JsonValue v && v.TryGetValue<decimal>(out var d) && d >= 0 && d == decimal.Truncate(d) && d <= int.MaxValue
            ? (int)d
            : throw new UnsupportedSchemaException(at, "expected a non-negative integer");

    private static string Number(JsonNode? value, string at) =>
        value?.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : throw new UnsupportedSchemaException(at, "expected a number");

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public bool IsValid(ReadOnlySpan<byte> utf8Json)
    {
        Span<PathSegment> path = stackalloc PathSegment[JsonValidation.MaxDepth];
        var v = new JsonValidation(utf8Json, path, collect: false);
        try
        {
            return v.Begin() && Validate(0, ref v) && v.End();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public ValidationResult Validate(ReadOnlySpan<byte> utf8Json)
    {
        Span<PathSegment> path = stackalloc PathSegment[JsonValidation.MaxDepth];
        var v = new JsonValidation(utf8Json, path, collect: true);
        var valid = false;
        try
        {
            if (v.Begin())
            {
                valid = Validate(0, ref v);
                v.End();
            }
        }
        catch (JsonException e)
        {
            v.FailJson(e);
            valid = false;
        }

        return v.ToResult(valid);
    }

    /// <summary>The same decisions, in the same order, as a generated node method.</summary>
    private bool Validate(int index, ref JsonValidation v)
    {
        var node = nodes[index];
        if (node.BooleanSchema == false)
        {
            v.Fail("false", node.Location, node.Line, "no value is allowed here");
            v.Skip();
            return false;
        }

        if (node.BooleanSchema == true)
        {
            v.Skip();
            return true;
        }

        var ok = true;
        if (node.Enum is { } values)
        {
            var matched = false;
            foreach (var value in values)
            {
                if (v.EqualsConstant(value))
                {
                    matched = true;
                    break;
                }
            }

            if (!matched && !Failed(ref ok, v.FailWithValue("enum", node.Location + "/enum", node.Line, "{0} is not one of the allowed values")))
            {
                return false;
            }
        }

        if (node.Const is { } constant && !v.EqualsConstant(constant)
            && !Failed(ref ok, v.FailWithValue("const", node.Location + "/const", node.Line, "{0} is not the required value " + Shorten(node.ConstText!).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal))))
        {
            return false;
        }

        if (node.Ref >= 0)
        {
            var fork = v.Fork();
            var refOk = Validate(node.Ref, ref fork);
            v.Join(ref fork);
            if (!refOk)
            {
                if (!v.Collecting)
                {
                    return false;
                }

                ok = false;
            }
        }

        if (node.AnyOf.Count > 0)
        {
            var anyMatched = false;
            foreach (var alternative in node.AnyOf)
            {
                var probe = v.Probe();
                if (Validate(alternative, ref probe))
                {
                    anyMatched = true;
                    break;
                }
            }

            if (!anyMatched && !Failed(ref ok, v.Fail("anyOf", node.Location + "/anyOf", node.Line, "the value matches none of the alternatives")))
            {
                return false;
            }
        }

        if (node.OneOf.Count > 0)
        {
            var oneMatched = 0;
            foreach (var alternative in node.OneOf)
            {
                var probe = v.Probe();
                if (Validate(alternative, ref probe))
                {
                    oneMatched++;
                }
            }

            if (oneMatched != 1 && !Failed(ref ok, v.Fail("oneOf", node.Location + "/oneOf", node.Line,
                    oneMatched == 0 ? "the value matches none of the alternatives" : "the value matches more than one alternative")))
            {
                return false;
            }
        }

        switch (v.TokenType)
        {
            case JsonTokenType.StartObject:
                if (!Allows(node, Types.Object))
                {
                    return TypeFailure(node, ref v);
                }

                return ValidateObject(node, ref v) && ok;
            case JsonTokenType.StartArray:
                if (!Allows(node, Types.Array))
                {
                    if (node.QuirkOf(QuirkRules.EmptyArrayAsObject) is { } emptyArray && v.IsEmptyArray())
                    {
                        v.Quirk(emptyArray.Location, node.Line, emptyArray.Message(""));
                        v.Skip();
                        return ok;
                    }

                    return TypeFailure(node, ref v);
                }

                return ValidateArray(node, ref v) && ok;
            case JsonTokenType.String:
                if (!Allows(node, Types.String))
                {
                    if (node.QuirkOf(QuirkRules.NumberAsString) is { } quoted && v.StringIsNumber(integer: (node.Types & Types.Number) == 0))
                    {
                        v.Quirk(quoted.Location, node.Line, quoted.Message(""));
                        if (node.Minimum is { } quotedMinimum && v.CompareQuotedNumber(quotedMinimum) < 0
                            && !Failed(ref ok, v.FailWithValue("minimum", node.Location + "/minimum", node.Line, "{0} is less than the minimum " + node.MinimumText)))
                        {
                            return false;
                        }

                        if (node.Maximum is { } quotedMaximum && v.CompareQuotedNumber(quotedMaximum) > 0
                            && !Failed(ref ok, v.FailWithValue("maximum", node.Location + "/maximum", node.Line, "{0} is more than the maximum " + node.MaximumText)))
                        {
                            return false;
                        }

                        return ok;
                    }

                    if (node.QuirkOf(QuirkRules.DateFormat) is { } stringDate && v.HasDateFormat(stringDate.Formats))
                    {
                        v.Quirk(stringDate.Location, node.Line, stringDate.Message(""));
                        return ok;
                    }

                    return TypeFailure(node, ref v);
                }

                if ((node.MinLength >= 0 || node.MaxLength >= 0) && !v.StringLengthWithin(node.MinLength, node.MaxLength, out var length))
                {
                    if (node.MinLength >= 0 && length < node.MinLength
                        && !Failed(ref ok, v.Fail("minLength", node.Location + "/minLength", node.Line, $"the text has {{0}} characters, fewer than the minimum {node.MinLength}", length)))
                    {
                        return false;
                    }

                    if (node.MaxLength >= 0 && length > node.MaxLength
                        && !Failed(ref ok, v.Fail("maxLength", node.Location + "/maxLength", node.Line, $"the text has {{0}} characters, more than the maximum {node.MaxLength}", length)))
                    {
                        return false;
                    }
                }

                if (node.Pattern is { } pattern && !v.Matches(pattern)
                    && !Failed(ref ok, v.FailWithValue("pattern", node.Location + "/pattern", node.Line, JsonValidation.PatternMessage(node.PatternText!))))
                {
                    return false;
                }

                if (node.Format is { } format && !v.HasFormat(format))
                {
                    if (node.QuirkOf(QuirkRules.DateFormat) is { } otherDate && v.HasDateFormat(otherDate.Formats))
                    {
                        v.Quirk(otherDate.Location, node.Line, otherDate.Message(""));
                    }
                    else if (!Failed(ref ok, v.FailWithValue("format", node.Location + "/format", node.Line, "{0} is not a valid " + node.FormatText)))
                    {
                        return false;
                    }
                }

                return ok;
            case JsonTokenType.Number:
                if (node.Types != Types.None && (node.Types & (Types.Number | Types.Integer)) == 0)
                {
                    if (node.QuirkOf(QuirkRules.DateFormat) is { } unixDate && v.HasDateFormat(unixDate.Formats))
                    {
                        v.Quirk(unixDate.Location, node.Line, unixDate.Message(""));
                        return ok;
                    }

                    return TypeFailure(node, ref v);
                }

                if (node.Types != Types.None && (node.Types & Types.Number) == 0 && !v.IsInteger())
                {
                    v.FailType(node.Location + "/type", node.Line, Expected(node.Types));
                    return false;
                }

                if (node.Minimum is { } minimum && v.CompareNumber(minimum) < 0
                    && !Failed(ref ok, v.FailWithValue("minimum", node.Location + "/minimum", node.Line, "{0} is less than the minimum " + node.MinimumText)))
                {
                    return false;
                }

                if (node.Maximum is { } maximum && v.CompareNumber(maximum) > 0
                    && !Failed(ref ok, v.FailWithValue("maximum", node.Location + "/maximum", node.Line, "{0} is more than the maximum " + node.MaximumText)))
                {
                    return false;
                }

                return ok;
            case JsonTokenType.True or JsonTokenType.False:
                return Allows(node, Types.Boolean) ? ok : TypeFailure(node, ref v);
            case JsonTokenType.Null:
                return Allows(node, Types.Null) ? ok : TypeFailure(node, ref v);
            default:
                return ok;
        }
    }

    private bool ValidateObject(Node node, ref JsonValidation v)
    {
        var ok = true;
        if (node.Properties.Count == 0 && node.Required.Count == 0 && node.AdditionalProperties == Absent && node.MinProperties < 0 && node.MaxProperties < 0)
        {
            v.Skip();
            return true;
        }

        Span<bool> seen = node.Required.Count <= 64 ? stackalloc bool[node.Required.Count] : new bool[node.Required.Count];
        var count = 0;
        v.EnterObject();
        while (v.NextProperty())
        {
            count++;
            v.CheckName();
            var property = -1;
            for (var i = 0; i < node.Properties.Count; i++)
            {
                if (v.PropertyIs(node.Properties[i].Name))
                {
                    property = i;
                    break;
                }
            }

            for (var r = 0; r < node.Required.Count; r++)
            {
                if (!seen[r] && v.PropertyIs(node.RequiredUtf8[r]))
                {
                    seen[r] = true;
                }
            }

            v.ReadValue();
            if (property >= 0)
            {
                if (!Validate(node.Properties[property].Node, ref v) && !Failed(ref ok, v.Collecting))
                {
                    return false;
                }

                continue;
            }

            switch (node.AdditionalProperties)
            {
                case False:
                    if (!v.Fail("additionalProperties", node.Location + "/additionalProperties", node.Line, "the contract does not allow this field"))
                    {
                        return false;
                    }

                    ok = false;
                    v.Skip();
                    break;
                case True:
                    v.Skip();
                    break;
                case Absent:
                    if (node.Properties.Count > 0)
                    {
                        v.Undocumented(node.Location + "/properties");
                    }

                    v.Skip();
                    break;
                default:
                    if (!Validate(node.AdditionalProperties, ref v) && !Failed(ref ok, v.Collecting))
                    {
                        return false;
                    }

                    break;
            }
        }

        v.ExitObject();
        for (var r = 0; r < node.Required.Count; r++)
        {
            if (seen[r])
            {
                continue;
            }

            var missing = node.Properties.FirstOrDefault(p => p.Text == node.Required[r]);
            var line = missing.Line;
            if (missing.Name is not null && nodes[missing.Node].QuirkOf(QuirkRules.SometimesAbsent) is { } absent)
            {
                v.Quirk(absent.Location, line != 0 ? line : node.Line, absent.Message(node.Required[r]));
                continue;
            }

            if (!Failed(ref ok, v.Fail("required", node.Location + "/required", line != 0 ? line : node.Line, $"the required field \"{node.Required[r]}\" is missing")))
            {
                return false;
            }
        }

        if (node.MinProperties >= 0 && count < node.MinProperties
            && !Failed(ref ok, v.Fail("minProperties", node.Location + "/minProperties", node.Line, $"the object has {{0}} fields, fewer than the minimum {node.MinProperties}", count)))
        {
            return false;
        }

        if (node.MaxProperties >= 0 && count > node.MaxProperties
            && !Failed(ref ok, v.Fail("maxProperties", node.Location + "/maxProperties", node.Line, $"the object has {{0}} fields, more than the maximum {node.MaxProperties}", count)))
        {
            return false;
        }

        return ok;
    }

    private bool ValidateArray(Node node, ref JsonValidation v)
    {
        var ok = true;
        var itemsTrivial = node.Items == Absent || nodes[node.Items].BooleanSchema == true;
        if (itemsTrivial && node.MinItems < 0 && node.MaxItems < 0)
        {
            v.Skip();
            return true;
        }

        var count = 0;
        v.EnterArray();
        while (v.NextItem())
        {
            count++;
            if (itemsTrivial)
            {
                v.Skip();
            }
            else if (!Validate(node.Items, ref v) && !Failed(ref ok, v.Collecting))
            {
                return false;
            }
        }

        v.ExitArray();
        if (node.MinItems >= 0 && count < node.MinItems
            && !Failed(ref ok, v.Fail("minItems", node.Location + "/minItems", node.Line, $"the array has {{0}} items, fewer than the minimum {node.MinItems}", count)))
        {
            return false;
        }

        if (node.MaxItems >= 0 && count > node.MaxItems
            && !Failed(ref ok, v.Fail("maxItems", node.Location + "/maxItems", node.Line, $"the array has {{0}} items, more than the maximum {node.MaxItems}", count)))
        {
            return false;
        }

        return ok;
    }

    /// <summary>Records a failed check: the run goes on (returns true) only when collecting.</summary>
    private static bool Failed(ref bool ok, bool goOn)
    {
        ok = false;
        return goOn;
    }

    private static bool Allows(Node node, Types type) => node.Types == Types.None || (node.Types & type) != 0;

    private static bool TypeFailure(Node node, ref JsonValidation v)
    {
        if (v.FailType(node.Location + "/type", node.Line, Expected(node.Types)))
        {
            v.Skip();
        }

        return false;
    }

    private static string Expected(Types types) => string.Join(" or ", new[]
    {
        (Types.String, "string"), (Types.Integer, "integer"), (Types.Number, "number"), (Types.Boolean, "boolean"),
        (Types.Object, "object"), (Types.Array, "array"), (Types.Null, "null"),
    }.Where(t => (types & t.Item1) != 0).Select(t => t.Item2));

    private static string Shorten(string json) => json.Length <= 60 ? json : json[..57] + "...";
}

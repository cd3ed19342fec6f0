using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContractKit.Schema;

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
    private const int Absent = NodeRef.Absent;
    private const int False = NodeRef.False;
    private const int True = NodeRef.True;

    private sealed class Node
    {
        public string Location = "";
        public int Line;
        public bool? BooleanSchema;
        public JsonTypes Types;
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
        public List<Quirk> Quirks = [];

        public Quirk? QuirkOf(string kind) => Quirks.Find(q => q.Kind == kind);

        /// <summary>The evaluator's form of a compiled node: parsed constants, numbers, formats and the pattern's regex.</summary>
        public static Node From(SchemaNode schema)
        {
            var node = new Node
            {
                Location = schema.Location,
                Line = schema.Line,
                BooleanSchema = schema.BooleanSchema is null ? null : schema.BooleanSchema == "true",
                Types = schema.Types,
                AdditionalProperties = schema.Object.AdditionalProperties,
                Items = schema.Array.Items,
                Enum = schema.HasEnum ? schema.Enum.Select(JsonConstant.Parse).ToArray() : null,
                ConstText = schema.Const,
                Const = schema.Const is null ? null : JsonConstant.Parse(schema.Const),
                MinLength = schema.String.MinLength,
                MaxLength = schema.String.MaxLength,
                MinItems = schema.Array.MinItems,
                MaxItems = schema.Array.MaxItems,
                MinProperties = schema.Object.MinProperties,
                MaxProperties = schema.Object.MaxProperties,
                PatternText = schema.String.Pattern,
                FormatText = schema.String.Format,
                Format = schema.String.Format is { } format ? FormatOf(format) : null,
                MinimumText = schema.Number.Minimum,
                Minimum = schema.Number.Minimum is { } minimum ? JsonNumber.Parse(minimum) : null,
                MaximumText = schema.Number.Maximum,
                Maximum = schema.Number.Maximum is { } maximum ? JsonNumber.Parse(maximum) : null,
                AnyOf = [.. schema.AnyOf],
                OneOf = [.. schema.OneOf],
                Ref = schema.Ref,
                Quirks = [.. schema.Quirks.Select(q => new Quirk(q.Kind, q.Location, q.Reason, q.Override, (QuirkDateFormats)q.Formats, q.FormatNames))],
            };
            if (schema.String.Pattern is { } pattern)
            {
                // The compiler has checked the pattern translates.
                node.Pattern = EcmaPattern.ForTranslated(EcmaPattern.Translate(pattern, out _)!);
            }

            foreach (var property in schema.Object.Properties)
            {
                node.Properties.Add((Encoding.UTF8.GetBytes(property.Name), property.Name, property.Node, property.Line));
            }

            foreach (var required in schema.Object.Required)
            {
                node.Required.Add(required);
                node.RequiredUtf8.Add(Encoding.UTF8.GetBytes(required));
            }

            return node;
        }

        private static JsonFormat FormatOf(string format) => format switch
        {
            "email" => JsonFormat.Email,
            "date-time" => JsonFormat.DateTime,
            "date" => JsonFormat.Date,
            "uuid" => JsonFormat.Uuid,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "a format the schema compiler does not accept"),
        };
    }

    /// <summary>One entry of a field's x-quirks: a known vendor quirk its validator accepts with a warning.</summary>
    private sealed record Quirk(string Kind, string Location, string Reason, string Override, QuirkDateFormats Formats, string FormatNames)
    {
        public string Message(string subject) => QuirkRules.Message(Kind, Override, Reason, Kind == QuirkRules.DateFormat ? FormatNames : subject);
    }

    private readonly Node[] nodes;

    private SchemaInterpreter(Node[] nodes) => this.nodes = nodes;

    /// <summary>
    /// Compiles the schema with the compiler the source generator runs (<c>Schema/SchemaCompiler.cs</c>), so that
    /// the interpreter accepts exactly what the build accepts, and refuses it with the build's message.
    /// </summary>
    /// <exception cref="UnsupportedSchemaException">The schema uses an unsupported keyword or a malformed value (the first problem).</exception>
    public static SchemaInterpreter Create(JsonNode? schema)
    {
        JsonNodeBase tree;
        try
        {
            tree = JsonTreeParser.Parse(schema?.ToJsonString() ?? "null");
        }
        catch (JsonSyntaxException e)
        {
            throw new UnsupportedSchemaException("", e.Message);
        }

        var problems = new List<SchemaProblem>();
        var graph = SchemaCompiler.Compile(tree, problems);
        if (problems.FirstOrDefault(p => p.IsError) is { } problem)
        {
            throw new UnsupportedSchemaException(problem.Location, problem.Message());
        }

        return new SchemaInterpreter([.. graph.Nodes.Select(Node.From)]);
    }

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
            v.Fail("false", node.Location, node.Line, SchemaMessages.NoValueAllowed);
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

            if (!matched && !Failed(ref ok, v.FailWithValue("enum", node.Location + "/enum", node.Line, SchemaMessages.NotInEnum)))
            {
                return false;
            }
        }

        if (node.Const is { } constant && !v.EqualsConstant(constant)
            && !Failed(ref ok, v.FailWithValue("const", node.Location + "/const", node.Line, SchemaMessages.NotConst(node.ConstText!))))
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

            if (!anyMatched && !Failed(ref ok, v.Fail("anyOf", node.Location + "/anyOf", node.Line, SchemaMessages.NoAlternative)))
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
                    oneMatched == 0 ? SchemaMessages.NoAlternative : SchemaMessages.SeveralAlternatives)))
            {
                return false;
            }
        }

        switch (v.TokenType)
        {
            case JsonTokenType.StartObject:
                if (!Allows(node, JsonTypes.Object))
                {
                    return TypeFailure(node, ref v);
                }

                return ValidateObject(node, ref v) && ok;
            case JsonTokenType.StartArray:
                if (!Allows(node, JsonTypes.Array))
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
                if (!Allows(node, JsonTypes.String))
                {
                    if (node.QuirkOf(QuirkRules.NumberAsString) is { } quoted && v.StringIsNumber(integer: (node.Types & JsonTypes.Number) == 0))
                    {
                        v.Quirk(quoted.Location, node.Line, quoted.Message(""));
                        if (node.Minimum is { } quotedMinimum && v.CompareQuotedNumber(quotedMinimum) < 0
                            && !Failed(ref ok, v.FailWithValue("minimum", node.Location + "/minimum", node.Line, SchemaMessages.BelowMinimum(node.MinimumText!))))
                        {
                            return false;
                        }

                        if (node.Maximum is { } quotedMaximum && v.CompareQuotedNumber(quotedMaximum) > 0
                            && !Failed(ref ok, v.FailWithValue("maximum", node.Location + "/maximum", node.Line, SchemaMessages.AboveMaximum(node.MaximumText!))))
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
                        && !Failed(ref ok, v.Fail("minLength", node.Location + "/minLength", node.Line, SchemaMessages.TooShort(node.MinLength), length)))
                    {
                        return false;
                    }

                    if (node.MaxLength >= 0 && length > node.MaxLength
                        && !Failed(ref ok, v.Fail("maxLength", node.Location + "/maxLength", node.Line, SchemaMessages.TooLong(node.MaxLength), length)))
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
                    else if (!Failed(ref ok, v.FailWithValue("format", node.Location + "/format", node.Line, SchemaMessages.NotOfFormat(node.FormatText!))))
                    {
                        return false;
                    }
                }

                return ok;
            case JsonTokenType.Number:
                if (node.Types != JsonTypes.None && (node.Types & (JsonTypes.Number | JsonTypes.Integer)) == 0)
                {
                    if (node.QuirkOf(QuirkRules.DateFormat) is { } unixDate && v.HasDateFormat(unixDate.Formats))
                    {
                        v.Quirk(unixDate.Location, node.Line, unixDate.Message(""));
                        return ok;
                    }

                    return TypeFailure(node, ref v);
                }

                if (node.Types != JsonTypes.None && (node.Types & JsonTypes.Number) == 0 && !v.IsInteger())
                {
                    v.FailType(node.Location + "/type", node.Line, Expected(node.Types));
                    return false;
                }

                if (node.Minimum is { } minimum && v.CompareNumber(minimum) < 0
                    && !Failed(ref ok, v.FailWithValue("minimum", node.Location + "/minimum", node.Line, SchemaMessages.BelowMinimum(node.MinimumText!))))
                {
                    return false;
                }

                if (node.Maximum is { } maximum && v.CompareNumber(maximum) > 0
                    && !Failed(ref ok, v.FailWithValue("maximum", node.Location + "/maximum", node.Line, SchemaMessages.AboveMaximum(node.MaximumText!))))
                {
                    return false;
                }

                return ok;
            case JsonTokenType.True or JsonTokenType.False:
                return Allows(node, JsonTypes.Boolean) ? ok : TypeFailure(node, ref v);
            case JsonTokenType.Null:
                return Allows(node, JsonTypes.Null) ? ok : TypeFailure(node, ref v);
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
                    if (!v.Fail("additionalProperties", node.Location + "/additionalProperties", node.Line, SchemaMessages.FieldNotAllowed))
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

            if (!Failed(ref ok, v.Fail("required", node.Location + "/required", line != 0 ? line : node.Line, SchemaMessages.RequiredMissing(node.Required[r]))))
            {
                return false;
            }
        }

        if (node.MinProperties >= 0 && count < node.MinProperties
            && !Failed(ref ok, v.Fail("minProperties", node.Location + "/minProperties", node.Line, SchemaMessages.TooFewFields(node.MinProperties), count)))
        {
            return false;
        }

        if (node.MaxProperties >= 0 && count > node.MaxProperties
            && !Failed(ref ok, v.Fail("maxProperties", node.Location + "/maxProperties", node.Line, SchemaMessages.TooManyFields(node.MaxProperties), count)))
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
            && !Failed(ref ok, v.Fail("minItems", node.Location + "/minItems", node.Line, SchemaMessages.TooFewItems(node.MinItems), count)))
        {
            return false;
        }

        if (node.MaxItems >= 0 && count > node.MaxItems
            && !Failed(ref ok, v.Fail("maxItems", node.Location + "/maxItems", node.Line, SchemaMessages.TooManyItems(node.MaxItems), count)))
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

    private static bool Allows(Node node, JsonTypes type) => node.Types == JsonTypes.None || (node.Types & type) != 0;

    private static bool TypeFailure(Node node, ref JsonValidation v)
    {
        if (v.FailType(node.Location + "/type", node.Line, Expected(node.Types)))
        {
            v.Skip();
        }

        return false;
    }

    private static string Expected(JsonTypes types) => SchemaMessages.Expected(types);

}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContractKit.Contracts;
using ContractKit.Import.Pages;
using ContractKit.Json;

namespace ContractKit.Import.Derivation;

/// <summary>Which side of the exchange a body belongs to: it decides what "required" means.</summary>
internal enum BodyPart
{
    Request,
    Response,
}

/// <summary>
/// Builds the JSON Schema of a body from its documented fields and checks it against the page's sample.
/// Where the two disagree the schema follows what the sample proves and a finding says so.
/// </summary>
internal sealed partial class BodySchemaBuilder(BodyPart part, List<Finding> findings)
{
    /// <summary>Annotation keywords ContractKit adds to schemas; all start with "x-".</summary>
    /// <summary>
    /// The deepest dotted field name a page may document ("a.b.c" is 3). Each level nests the contract two
    /// JSON levels deeper, and contract files are read with a depth limit of 64.
    /// </summary>
    public const int MaxFieldDepth = 16;

    public const string LineKeyword = "x-line";
    public const string VolatileKeyword = "x-volatile";
    public const string InferredKeyword = "x-inferred";

    [GeneratedRegex(@"\b(?:if|when|only|optional|optionally|may not)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaysConditional();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    private sealed class Node(string name)
    {
        public string Name { get; } = name;
        public DocumentedField? Field { get; set; }
        public bool IsArray { get; set; }
        public List<Node> Children { get; } = [];

        public Node Child(string name)
        {
            var child = Children.FirstOrDefault(c => c.Name == name);
            if (child is null)
            {
                child = new Node(name);
                Children.Add(child);
            }

            return child;
        }
    }

    private static string Shorten(string name) => name.Length <= 80 ? name : name[..77] + "...";

    public JsonObject Build(IReadOnlyList<DocumentedField> fields, JsonSample? sample)
    {
        var root = new Node("");
        foreach (var field in fields)
        {
            var node = root;
            var segments = field.Name.Split('.');
            if (segments.Length > MaxFieldDepth)
            {
                throw new FieldTooDeepException(field.Line,
                    $"the field {Shorten(field.Name)} is nested {segments.Length} levels deep; expected at most {MaxFieldDepth} dotted segments");
            }

            for (var s = 0; s < segments.Length; s++)
            {
                var segment = segments[s];
                var isArray = segment.EndsWith("[]", StringComparison.Ordinal);
                node = node.Child(isArray ? segment[..^2] : segment);
                node.IsArray |= isArray;
            }

            if (node.Field is not null)
            {
                findings.Add(new Finding(FindingCodes.DuplicateField, FindingSeverity.Warning,
                    $"{field.Name} is documented twice (first at line {node.Field.Line}); the first is used", field.Line, field.Name));
                continue;
            }

            node.Field = field;
        }

        var schema = new JsonObject { ["type"] = "object" };
        BuildObjectMembers(schema, root.Children, sample?.Value as JsonObject, "", "", sample);
        if (sample is not null && sample.Value is not JsonObject)
        {
            findings.Add(new Finding(FindingCodes.TypeMismatch, FindingSeverity.Warning,
                "the sample body is not a JSON object; the body is described by the table only", sample.StartLine));
        }

        return schema;
    }

    private void BuildObjectMembers(JsonObject schema, List<Node> children, JsonObject? sampleObject, string pointer, string path, JsonSample? sample)
    {
        var properties = new JsonObject();
        var required = new List<string>();
        foreach (var child in children)
        {
            var childPointer = pointer + "/" + JsonLineIndex.EscapeSegment(child.Name);
            var childPath = path.Length == 0 ? child.Name : path + "." + child.Name;
            var present = sampleObject is not null && sampleObject.ContainsKey(child.Name);
            var childSample = present ? sampleObject![child.Name] : null;
            properties[child.Name] = BuildNode(child, childSample, present, childPointer, childPath, sample);
            if (IsRequired(child, present, sampleObject is not null, childPath, sample))
            {
                required.Add(child.Name);
            }
        }

        if (sampleObject is not null)
        {
            var undocumented = new List<string>();
            foreach (var (name, value) in sampleObject)
            {
                if (children.Any(c => c.Name == name))
                {
                    continue;
                }

                var memberPointer = pointer + "/" + JsonLineIndex.EscapeSegment(name);
                var inferred = Infer(value, memberPointer, sample!);
                inferred[InferredKeyword] = true;
                properties[name] = inferred;
                undocumented.Add(name);
            }

            if (undocumented.Count > 0)
            {
                var where = path.Length == 0 ? "the body" : path;
                findings.Add(new Finding(FindingCodes.UndocumentedInSample, FindingSeverity.Info,
                    $"the sample gives {where} {Count(undocumented.Count, "field")} the tables do not document ({string.Join(", ", undocumented)}); the contract adds them as optional, typed from the sample",
                    sample!.LineOf(pointer + "/" + JsonLineIndex.EscapeSegment(undocumented[0])), path.Length == 0 ? null : path));
            }
        }

        if (properties.Count > 0)
        {
            schema["properties"] = properties;
        }

        if (required.Count > 0)
        {
            schema["required"] = new JsonArray(required.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }
    }

    private bool IsRequired(Node node, bool presentInSample, bool haveSample, string path, JsonSample? sample)
    {
        if (node.Field is null)
        {
            // A parent documented only through its members: in a request it is required when one of
            // them is; in a response, when the sample shows it (or, with no sample, as its members are).
            return part == BodyPart.Request
                ? node.Children.Any(c => c.Field?.Required == true)
                : !haveSample || presentInSample;
        }

        if (part == BodyPart.Request || node.Field.Required is not null)
        {
            return node.Field.Required == true;
        }

        // A response table lists what the API returns; the sample proves a field is returned.
        if (haveSample)
        {
            if (!presentInSample)
            {
                findings.Add(new Finding(FindingCodes.MissingFromSample, FindingSeverity.Info,
                    $"{path} is documented but absent from the sample (line {sample!.StartLine}); the contract makes it optional",
                    node.Field.Line, path));
            }

            return presentInSample;
        }

        return !SaysConditional().IsMatch(node.Field.Description);
    }

    private JsonObject BuildNode(Node node, JsonNode? value, bool present, string pointer, string path, JsonSample? sample)
    {
        var field = node.Field;
        JsonObject schema;
        if (field is null)
        {
            schema = ParentSchema(node, value, present, path, sample);
        }
        else if (TypeWords.ToSchema(field.TypeWord) is { } typed)
        {
            schema = typed;
            if (node.IsArray && PrimaryType(typed) != "array")
            {
                schema = new JsonObject { ["type"] = "array", ["items"] = typed };
            }
        }
        else
        {
            findings.Add(new Finding(FindingCodes.UnknownType, FindingSeverity.Error,
                $"{path} has the type \"{field.TypeWord}\", which the importer does not know (expected one of {string.Join(", ", TypeWords.All)})",
                field.Line, path));
            schema = [];
        }

        if (field is not null)
        {
            ProseConstraints.Apply(schema, node.Name, field);
            if (ProseConstraints.SaysNullable(field.Description) && schema["type"] is JsonValue)
            {
                schema["type"] = new JsonArray(schema["type"]!.GetValue<string>(), "null");
            }
        }

        if (present && sample is not null)
        {
            schema = Reconcile(schema, field, value, pointer, path, sample);
        }

        // Members documented with dotted names describe the object (or each array item) below.
        if (node.Children.Count > 0)
        {
            var container = PrimaryType(schema) == "array" ? EnsureItems(schema) : schema;
            if (PrimaryType(container) == "object")
            {
                var itemSample = PrimaryType(schema) == "array" ? (value as JsonArray)?.FirstOrDefault() as JsonObject : value as JsonObject;
                var itemPointer = PrimaryType(schema) == "array" ? pointer + "/0" : pointer;
                var itemPath = PrimaryType(schema) == "array" ? path + "[]" : path;
                BuildObjectMembers(container, node.Children, itemSample, itemPointer, itemPath, itemSample is null ? null : sample);
            }
        }
        else if (present && value is JsonObject sampleObject && PrimaryType(schema) == "object" && schema["properties"] is null
                 && schema["additionalProperties"] is null && field is not null && sampleObject.Count > 0
                 && schema[InferredKeyword] is null)
        {
            // An object the table documents without members: the sample's members are all we know of it.
            BuildObjectMembers(schema, [], sampleObject, pointer, path, sample);
        }

        if (field is not null)
        {
            schema["description"] = field.Description;
            schema[LineKeyword] = field.Line;
        }
        else if (sample is not null && present)
        {
            schema[LineKeyword] = sample.LineOf(pointer);
        }

        if (Volatility.IsVolatile(node.Name, field?.Description ?? ""))
        {
            schema[VolatileKeyword] = true;
        }

        return Ordered(schema);
    }

    /// <summary>A field the page names only as the parent of dotted members: the sample says what it is.</summary>
    private JsonObject ParentSchema(Node node, JsonNode? value, bool present, string path, JsonSample? sample)
    {
        var childLine = node.Children.Select(c => c.Field?.Line).FirstOrDefault(l => l is not null);
        if (node.IsArray || value is JsonArray)
        {
            var reason = node.IsArray ? "its members are written with []" : $"the sample (line {sample!.StartLine}) shows an array of objects";
            findings.Add(new Finding(FindingCodes.ParentInferred, FindingSeverity.Info,
                $"{path} is documented only through its members; it is an array of objects because {reason}", childLine, path));
            return new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" } };
        }

        findings.Add(new Finding(FindingCodes.ParentInferred, FindingSeverity.Info,
            present
                ? $"{path} is documented only through its members; the sample shows an object"
                : $"{path} is documented only through its members and the sample does not show it; taken to be an object",
            childLine, path));
        return new JsonObject { ["type"] = "object" };
    }
}

/// <summary>A documented field nested deeper than <see cref="BodySchemaBuilder.MaxFieldDepth"/>; the importer reports it against the page.</summary>
internal sealed class FieldTooDeepException(int line, string problem) : Exception(problem)
{
    public int Line { get; } = line;
}

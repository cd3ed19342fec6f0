using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Validation;

namespace ContractKit.Snapshots;

/// <summary>A value of a documented field that breaks the contract: the keyword, where, and the validator's message.</summary>
public sealed record FieldBreak(string Keyword, string InstanceLocation, string Message, int? Line);

/// <summary>
/// One documented response field as a response showed it.
/// </summary>
/// <param name="Path">Dotted, as <c>describe</c> prints it, with <c>[]</c> for array items and <c>*</c> for map values.</param>
/// <param name="Documented">The documented shape: JSON types, "optional", and the value where the contract fixes it.</param>
/// <param name="Found">The JSON types the response had there ("absent" where a parent had no such member); empty when no parent was present.</param>
public sealed record ObservedField(string Path, string Documented, bool Required, int? Line, IReadOnlyList<string> Found, IReadOnlyList<FieldBreak> Breaks)
{
    public bool Broken => Breaks.Count > 0;

    /// <summary>The snapshot entry: the documented shape while the values conform, else what each value breaks.</summary>
    public string SnapshotEntry => Breaks.Count == 0
        ? Documented
        : $"{Documented}; breaks {string.Join(", ", Breaks.Select(b => b.Keyword).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}, found {string.Join(" | ", Found)}";
}

/// <summary>A field the contract does not document, by dotted path and the JSON types it had.</summary>
public sealed record UndocumentedField(string Path, IReadOnlyList<string> Types, IReadOnlyList<string> InstanceLocations, bool Breaks);

/// <summary>A quirk override recorded in the contract on a documented field.</summary>
/// <param name="SchemaLocation">Where validators report it: the <c>x-quirks</c> entry within the body schema.</param>
public sealed record DocumentedQuirk(string Path, string SchemaLocation, string Kind, string Reason, int? Line);

/// <summary>A known vendor quirk the validator accepted because an override names it.</summary>
public sealed record ObservedQuirk(string Path, string InstanceLocation, string KeywordLocation, string Message, int? Line);

/// <summary>
/// What a response showed of its contract's shape: per documented field its presence, JSON types and the
/// keywords it breaks; the undocumented fields; the quirks accepted. <see cref="ToSnapshot"/> is what a
/// contract test compares with its verified snapshot: it holds no data, so one verified snapshot holds for
/// the stub and for every conforming sandbox, whatever values they send (docs/runtime.md).
/// </summary>
public sealed class ShapeObservation
{
    internal ShapeObservation(string status, IReadOnlyList<ObservedField> fields, IReadOnlyList<UndocumentedField> undocumented, IReadOnlyList<ObservedQuirk> quirks)
    {
        Status = status;
        Fields = fields;
        Undocumented = undocumented;
        Quirks = quirks;
    }

    /// <summary>The documented status the response matched ("200", "4xx").</summary>
    public string Status { get; }

    public IReadOnlyList<ObservedField> Fields { get; }

    public IReadOnlyList<UndocumentedField> Undocumented { get; }

    public IReadOnlyList<ObservedQuirk> Quirks { get; }

    public bool Conforms => Fields.All(f => !f.Broken) && Undocumented.All(u => !u.Breaks);

    /// <summary>The snapshot document: status, every documented field in contract order, undocumented fields in ordinal order.</summary>
    public JsonObject ToSnapshot()
    {
        var fields = new JsonObject();
        foreach (var field in Fields)
        {
            fields[field.Path] = field.SnapshotEntry;
        }

        var snapshot = new JsonObject { ["status"] = Status, ["fields"] = fields };
        if (Undocumented.Count > 0)
        {
            var undocumented = new JsonObject();
            foreach (var field in Undocumented.OrderBy(u => u.Path, StringComparer.Ordinal))
            {
                undocumented[field.Path] = string.Join(" | ", field.Types) + (field.Breaks ? "; breaks additionalProperties" : "");
            }

            snapshot["undocumented"] = undocumented;
        }

        return snapshot;
    }
}

/// <summary>
/// Reads a response against its documented schema and the validator's result into a <see cref="ShapeObservation"/>.
/// The validator (generated or interpreted) decides what breaks the contract and which quirks apply; this
/// class only places each of its output units on a documented field.
/// </summary>
public static class ContractShape
{
    /// <summary>The path of the document itself in snapshots and messages.</summary>
    public const string RootPath = "(root)";

    /// <param name="schema">The documented response schema.</param>
    /// <param name="status">The documented status the response matched.</param>
    /// <param name="body">The response body (null when it is not JSON).</param>
    /// <param name="result">The validator's result for that body.</param>
    public static ShapeObservation Observe(JsonObject schema, string status, JsonNode? body, bool bodyIsJson, ValidationResult result)
    {
        var documented = Documented(schema);
        var byPath = documented.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var found = documented.ToDictionary(f => f.Path, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        if (bodyIsJson)
        {
            Collect(schema, schema, body, RootPath, found, new HashSet<JsonObject>(ReferenceEqualityComparer.Instance));
        }

        var breaks = documented.ToDictionary(f => f.Path, _ => new List<FieldBreak>(), StringComparer.Ordinal);
        var undocumented = new SortedDictionary<string, (SortedSet<string> Types, List<string> Locations, bool Breaks)>(StringComparer.Ordinal);
        var quirks = new List<ObservedQuirk>();

        void AddUndocumented(ValidationError unit, bool breaking)
        {
            var path = Locate(schema, body, unit.InstanceLocation, out _);
            if (!undocumented.TryGetValue(path, out var entry))
            {
                undocumented[path] = entry = (new SortedSet<string>(StringComparer.Ordinal), [], false);
            }

            entry.Types.Add(KindOf(Resolve(body, unit.InstanceLocation)));
            entry.Locations.Add(unit.InstanceLocation);
            undocumented[path] = entry with { Breaks = entry.Breaks || breaking };
        }

        foreach (var error in result.Errors)
        {
            if (!bodyIsJson || error.Keyword == "json")
            {
                breaks[RootPath].Add(new FieldBreak(error.Keyword, error.InstanceLocation, error.Message, error.Line));
                continue;
            }

            if (error.Keyword == "additionalProperties")
            {
                AddUndocumented(error, breaking: true);
                continue;
            }

            var path = Locate(schema, body, error.InstanceLocation, out var documentedHere);
            if (error.Keyword == "required" && documentedHere)
            {
                // The unit sits on the object; the break belongs to each required member it lacks.
                foreach (var member in MissingMembers(byPath[path], Resolve(body, error.InstanceLocation), error.Line))
                {
                    var memberPath = Child(path, member);
                    breaks[memberPath].Add(new FieldBreak("required", Pointer(error.InstanceLocation, member), error.Message, error.Line));
                    found[memberPath].Add("absent");
                }

                continue;
            }

            if (documentedHere)
            {
                breaks[path].Add(new FieldBreak(error.Keyword, error.InstanceLocation, error.Message, error.Line));
            }
            else
            {
                AddUndocumented(error, breaking: true);
            }
        }

        foreach (var warning in result.Warnings)
        {
            if (warning.Keyword == "undocumented")
            {
                AddUndocumented(warning, breaking: false);
            }
            else
            {
                quirks.Add(new ObservedQuirk(Locate(schema, body, warning.InstanceLocation, out _), warning.InstanceLocation, warning.KeywordLocation, warning.Message, warning.Line));
            }
        }

        var fields = documented.Select(f => new ObservedField(f.Path, f.Shape, f.Required, f.Line, found[f.Path].ToList(), breaks[f.Path])).ToList();
        return new ShapeObservation(status, fields,
            undocumented.Select(u => new UndocumentedField(u.Key, u.Value.Types.ToList(), u.Value.Locations, u.Value.Breaks)).ToList(), quirks);
    }

    // A contract's schemas are read once and not changed while tests run: their field lists are kept, so that
    // a check does not describe every documented field again on every response.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonObject, List<DocumentedField>> DocumentedFields = new();

    private static List<DocumentedField> Documented(JsonObject schema) => DocumentedFields.GetValue(schema, root =>
    {
        var fields = new List<DocumentedField>();
        ListFields(root, root, RootPath, true, fields, new HashSet<JsonObject>(ReferenceEqualityComparer.Instance));
        return fields;
    });

    private sealed record DocumentedField(string Path, JsonObject Schema, string Shape, bool Required, int? Line, string SchemaLocation);

    /// <summary>Every quirk override recorded on a documented field (<c>x-quirks</c>), with the schema location validators report it at.</summary>
    public static IEnumerable<DocumentedQuirk> Quirks(JsonObject schema)
    {
        foreach (var field in Documented(schema))
        {
            if (field.Schema["x-quirks"] is not JsonArray quirks)
            {
                continue;
            }

            for (var i = 0; i < quirks.Count; i++)
            {
                var quirk = quirks[i] as JsonObject;
                yield return new DocumentedQuirk(field.Path, $"{field.SchemaLocation}/x-quirks/{i.ToString(CultureInfo.InvariantCulture)}",
                    quirk?["kind"]?.ToString() ?? "?", quirk?["reason"]?.ToString() ?? "", field.Line);
            }
        }
    }

    private static void ListFields(JsonObject root, JsonObject schema, string path, bool required, List<DocumentedField> fields, HashSet<JsonObject> open, string location = "")
    {
        var resolved = Deref(root, schema);
        fields.Add(new DocumentedField(path, resolved, Describe(resolved, required), required, LineOf(schema) ?? LineOf(resolved), location));
        // A schema that contains itself (through $ref) is listed once: its shape is already named.
        if (!open.Add(resolved))
        {
            return;
        }

        if (resolved["properties"] is JsonObject properties)
        {
            var requiredNames = RequiredNames(resolved);
            foreach (var (name, member) in properties)
            {
                if (member is JsonObject memberSchema)
                {
                    ListFields(root, memberSchema, Child(path, name), requiredNames.Contains(name), fields, open, $"{location}/properties/{Escape(name)}");
                }
            }
        }

        if (resolved["items"] is JsonObject items)
        {
            ListFields(root, items, ItemsOf(path), true, fields, open, location + "/items");
        }

        if (resolved["additionalProperties"] is JsonObject values)
        {
            ListFields(root, values, Child(path, "*"), true, fields, open, location + "/additionalProperties");
        }

        open.Remove(resolved);
    }

    /// <summary>Gathers, per documented field, the JSON types the document has there.</summary>
    private static void Collect(JsonObject root, JsonObject schema, JsonNode? value, string path, Dictionary<string, SortedSet<string>> found, HashSet<JsonObject> open)
    {
        var resolved = Deref(root, schema);
        if (!found.TryGetValue(path, out var kinds))
        {
            return;
        }

        kinds.Add(KindOf(value));
        if (!open.Add(resolved))
        {
            return;
        }

        if (value is JsonObject obj)
        {
            var properties = resolved["properties"] as JsonObject;
            foreach (var (name, member) in properties ?? [])
            {
                if (member is not JsonObject memberSchema)
                {
                    continue;
                }

                if (obj.TryGetPropertyValue(name, out var child))
                {
                    Collect(root, memberSchema, child, Child(path, name), found, open);
                }
                else if (found.TryGetValue(Child(path, name), out var absent))
                {
                    absent.Add("absent");
                }
            }

            if (resolved["additionalProperties"] is JsonObject values)
            {
                foreach (var (name, child) in obj)
                {
                    if (properties?.ContainsKey(name) != true)
                    {
                        Collect(root, values, child, Child(path, "*"), found, open);
                    }
                }
            }
        }
        else if (value is JsonArray array && resolved["items"] is JsonObject items)
        {
            foreach (var item in array)
            {
                Collect(root, items, item, ItemsOf(path), found, open);
            }
        }

        open.Remove(resolved);
    }

    /// <summary>
    /// The dotted path of an instance location: documented names stay, array indexes become <c>[]</c>, map keys
    /// <c>*</c>. Where the location leaves the documented schema the rest is spelled out from the document.
    /// </summary>
    public static string Locate(JsonObject root, JsonNode? document, string pointer, out bool documented)
    {
        var path = RootPath;
        JsonObject? schema = root;
        var node = document;
        documented = true;
        foreach (var segment in Segments(pointer))
        {
            var resolved = schema is null ? null : Deref(root, schema);
            if (node is JsonArray array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path = ItemsOf(path);
                node = index < array.Count ? array[index] : null;
                schema = resolved?["items"] as JsonObject;
            }
            else
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
                if (resolved?["properties"] is JsonObject properties && properties[segment] is JsonObject member)
                {
                    path = Child(path, segment);
                    schema = member;
                }
                else if (resolved?["additionalProperties"] is JsonObject values)
                {
                    path = Child(path, "*");
                    schema = values;
                }
                else
                {
                    path = Child(path, segment);
                    schema = null;
                }
            }

            documented &= schema is not null;
        }

        return path;
    }

    /// <summary>The documented shape of a field: its JSON types, the value where the contract fixes it, whether it may be absent.</summary>
    private static string Describe(JsonObject schema, bool required)
    {
        var types = schema["type"] switch
        {
            JsonValue one when one.TryGetValue<string>(out var name) => [name],
            JsonArray many => many.Select(t => t is JsonValue v && v.TryGetValue<string>(out var name) ? name : "?").ToList(),
            _ => new List<string>(),
        };
        // null last, so that ["null", "string"] and ["string", "null"] read the same.
        var shape = types.Count == 0 ? "any" : string.Join(" | ", types.Where(t => t != "null").Concat(types.Where(t => t == "null")));
        if (schema.TryGetPropertyValue("const", out var constant))
        {
            shape += " = " + Literal(constant);
        }
        else if (schema["enum"] is JsonArray values)
        {
            shape += values.Count == 1 ? " = " + Literal(values[0]) : ", one of " + string.Join(", ", values.Select(Literal));
        }

        return required ? shape : shape + ", optional";
    }

    private static string Literal(JsonNode? value) => value?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";

    /// <summary>The documented required members an object lacks; where the unit names a member's page line, that member first.</summary>
    private static IEnumerable<string> MissingMembers(DocumentedField owner, JsonNode? value, int? line)
    {
        if (value is not JsonObject obj || owner.Schema["properties"] is not JsonObject properties)
        {
            return [];
        }

        var missing = RequiredNames(owner.Schema).Where(name => !obj.ContainsKey(name) && properties[name] is JsonObject).ToList();
        var exact = missing.Where(name => line is not null && LineOf((JsonObject)properties[name]!) == line).ToList();
        return exact.Count > 0 ? exact.Take(1) : missing;
    }

    private static HashSet<string> RequiredNames(JsonObject schema) =>
        (schema["required"] as JsonArray)?.Select(r => r is JsonValue v && v.TryGetValue<string>(out var name) ? name : null)
        .OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];

    /// <summary>Follows a local <c>$ref</c> (<c>#/$defs/x</c>) within the body schema; anything else stays as it is.</summary>
    private static JsonObject Deref(JsonObject root, JsonObject schema)
    {
        for (var hops = 0; hops < 32 && schema["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith('#'); hops++)
        {
            JsonNode? node = root;
            foreach (var segment in Segments(target[1..]))
            {
                node = node is JsonObject obj ? obj[segment] : null;
            }

            if (node is not JsonObject next)
            {
                break;
            }

            schema = next;
        }

        return schema;
    }

    private static JsonNode? Resolve(JsonNode? document, string pointer)
    {
        var node = document;
        foreach (var segment in Segments(pointer))
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    private static IEnumerable<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));

    private static string Pointer(string parent, string member) => parent + "/" + Escape(member);

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Child(string path, string name) => path == RootPath ? name : path + "." + name;

    private static string ItemsOf(string path) => path == RootPath ? "[]" : path + "[]";

    private static int? LineOf(JsonObject schema) => schema["x-line"] is JsonValue v && v.TryGetValue<int>(out var line) ? line : null;

    /// <summary>The JSON type of a value as JSON Schema names it (a number without a fraction is an integer).</summary>
    public static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsInteger(value.ToJsonString()) ? "integer" : "number",
        _ => "boolean",
    };

    /// <summary>JSON Schema counts 1.0 as an integer: a number whose value has no fraction.</summary>
    private static bool IsInteger(string text) =>
        text.IndexOfAny(['.', 'e', 'E']) < 0
        || (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == decimal.Truncate(value));
}

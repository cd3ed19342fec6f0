using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Json;

namespace ContractKit.Contracts;

/// <summary>
/// One thing a team learned about a vendor beyond its docs, applied to the derived contract on every import
/// (docs/contract-format.md, "Overrides").
/// </summary>
/// <param name="Line">The override's line in its file.</param>
/// <param name="In">"request", "response", "path", "query" or "header".</param>
/// <param name="Status">For "response": the status ("200", "4xx"); null means every documented response with the field.</param>
/// <param name="Field">Dotted body path (<c>tagDetails[].tagId</c>) or, for a parameter, its name.</param>
/// <param name="Patch">A JSON merge patch (RFC 7396) onto the field's schema, applied last.</param>
/// <param name="Quirk">A quirk kind (<see cref="ContractKit.Validation.QuirkRules.Kinds"/>) recorded on the field without changing its type.</param>
/// <param name="Formats">For the date-format quirk: the alternative formats' names.</param>
/// <param name="QuirkAt">Line and column of the "quirk" member, for errors found when the quirk meets the field.</param>
public sealed record FieldOverride(
    int Line,
    string In,
    string? Status,
    string Field,
    string Reason,
    JsonNode? Type,
    bool? Nullable,
    bool? Required,
    JsonArray? AddEnum,
    bool? Deprecated,
    JsonObject? Patch,
    string? Quirk = null,
    IReadOnlyList<string>? Formats = null,
    (int Line, int Column) QuirkAt = default)
{
    public string Target => In switch
    {
        "response" => $"response {Status ?? "*"} {Field}",
        "request" => $"request body {Field}",
        _ => $"{In} parameter {Field}",
    };
}

/// <summary>What applying one override did.</summary>
/// <param name="Applied">It matched a field and changed it.</param>
/// <param name="Stale">It matched no field of the derived contract (the page no longer documents it).</param>
/// <param name="Changes">What it changed, e.g. "type object -> array|object"; empty when the page already says the same.</param>
/// <param name="PageLine">The page line of the field it matched, if any.</param>
public sealed record OverrideOutcome(FieldOverride Override, bool Applied, bool Stale, IReadOnlyList<string> Changes, int? PageLine);

/// <summary>An overrides file (<c>&lt;operation&gt;.overrides.json</c> beside the contract).</summary>
public sealed class ContractOverrides
{
    private static readonly string[] Locations = ["request", "response", "path", "query", "header"];
    private static readonly HashSet<string> Members = new(StringComparer.Ordinal)
    {
        "in", "status", "field", "reason", "type", "nullable", "required", "addEnum", "deprecated", "patch", "quirk", "formats",
    };

    private static readonly HashSet<string> TypeNames = new(StringComparer.Ordinal)
    {
        "string", "integer", "number", "boolean", "object", "array", "null",
    };

    private ContractOverrides(string file, IReadOnlyList<FieldOverride> overrides)
    {
        File = file;
        Overrides = overrides;
    }

    public string File { get; }
    public IReadOnlyList<FieldOverride> Overrides { get; }

    /// <summary>The overrides file that belongs to a contract file (<c>x.contract.json</c> has <c>x.overrides.json</c>).</summary>
    public static string PathFor(string contractPath)
    {
        var name = Path.GetFileName(contractPath);
        var stem = name.EndsWith(".contract.json", StringComparison.Ordinal) ? name[..^".contract.json".Length] : Path.GetFileNameWithoutExtension(name);
        return Path.Combine(Path.GetDirectoryName(contractPath) ?? "", stem + ".overrides.json");
    }

    /// <exception cref="ContractFormatException">The file is not valid JSON or not a valid overrides file (file, line, column).</exception>
    public static ContractOverrides Read(ReadOnlySpan<byte> utf8, string fileName)
    {
        var json = LocatedJson.Parse(utf8, fileName);
        var (root, lines) = (json.Root, json.Lines);
        ContractFormatException Fail(string pointer, string problem) => json.Fail(pointer, problem);

        if (root is not JsonObject obj)
        {
            throw Fail("", "expected an object with an \"overrides\" array");
        }

        if (obj["overrides"] is not JsonArray list)
        {
            throw Fail(obj.ContainsKey("overrides") ? "/overrides" : "", "expected a member \"overrides\" holding an array");
        }

        var overrides = new List<FieldOverride>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"/overrides/{i}";
            if (list[i] is not JsonObject item)
            {
                throw Fail(at, "expected an object");
            }

            foreach (var (name, _) in item)
            {
                if (!Members.Contains(name))
                {
                    throw Fail($"{at}/{JsonLineIndex.EscapeSegment(name)}", $"unknown member \"{name}\"; expected one of {string.Join(", ", Members.Order(StringComparer.Ordinal))}");
                }
            }

            string? Text(string name, bool required)
            {
                var node = item[name];
                if (node is null)
                {
                    return required ? throw Fail(at, $"expected a member \"{name}\"") : null;
                }

                return node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
                    ? text
                    : throw Fail($"{at}/{name}", "expected a non-empty string");
            }

            bool? Flag(string name) => item[name] switch
            {
                null => null,
                JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
                _ => throw Fail($"{at}/{name}", "expected true or false"),
            };

            var location = Text("in", required: true)!;
            if (!Locations.Contains(location))
            {
                throw Fail($"{at}/in", $"expected one of {string.Join(", ", Locations)}, found \"{location}\"");
            }

            var status = Text("status", required: false);
            if (status is not null && location != "response")
            {
                throw Fail($"{at}/status", "\"status\" goes with \"in\": \"response\"");
            }

            var type = item["type"];
            if (type is not null && !IsType(type))
            {
                throw Fail($"{at}/type", "expected a JSON Schema type name or an array of them (string, integer, number, boolean, object, array, null)");
            }

            if (item["addEnum"] is { } addEnum and not JsonArray)
            {
                throw Fail($"{at}/addEnum", $"expected an array of values, found {addEnum.GetValueKind()}");
            }

            if (item["patch"] is { } patch and not JsonObject)
            {
                throw Fail($"{at}/patch", "expected an object (a JSON merge patch onto the field's schema)");
            }

            var quirk = Quirks.ReadKind(item, at, location, Text, Fail);
            var formats = Quirks.ReadFormats(item, at, quirk, Fail);
            var entry = new FieldOverride(
                lines.Locate(at).Line, location, status, Text("field", required: true)!, Text("reason", required: true)!,
                type?.DeepClone(), Flag("nullable"), Flag("required"), item["addEnum"]?.DeepClone() as JsonArray, Flag("deprecated"),
                item["patch"]?.DeepClone() as JsonObject, quirk, formats, quirk is null ? default : lines.Locate($"{at}/quirk"));
            if (entry is { Type: null, Nullable: null, Required: null, AddEnum: null, Deprecated: null, Patch: null, Quirk: null })
            {
                throw Fail(at, "the override changes nothing; give type, nullable, required, addEnum, deprecated, patch or quirk");
            }

            if (quirk is not null && overrides.FirstOrDefault(o => o.Quirk == quirk && o.In == entry.In && o.Status == entry.Status && o.Field == entry.Field) is { } earlier)
            {
                throw Fail($"{at}/quirk", $"the quirk \"{quirk}\" for {entry.Target} is already declared at line {earlier.Line}");
            }

            overrides.Add(entry);
        }

        return new ContractOverrides(fileName, overrides);
    }

    private static bool IsType(JsonNode node) => node switch
    {
        JsonValue value => value.TryGetValue<string>(out var name) && TypeNames.Contains(name),
        JsonArray many => many.Count > 0 && many.All(t => t is JsonValue v && v.TryGetValue<string>(out var name) && TypeNames.Contains(name)),
        _ => false,
    };

    /// <summary>Applies every override to the contract in file order and says what each did.</summary>
    public IReadOnlyList<OverrideOutcome> ApplyTo(Contract contract)
    {
        var outcomes = new List<OverrideOutcome>();
        foreach (var entry in Overrides)
        {
            var targets = Resolve(contract, entry).ToList();
            if (targets.Count == 0)
            {
                outcomes.Add(new OverrideOutcome(entry, Applied: false, Stale: true, [], null));
                continue;
            }

            var changes = new List<string>();
            foreach (var target in targets)
            {
                changes.AddRange(Apply(entry, target));
                if (entry.Quirk is not null)
                {
                    changes.AddRange(ApplyQuirk(entry, target));
                }
            }

            var line = targets.Select(t => t.Line).FirstOrDefault(l => l is not null);
            outcomes.Add(new OverrideOutcome(entry, changes.Count > 0, Stale: false, changes.Distinct().ToList(), line));
        }

        return outcomes;
    }

    /// <summary>A field's schema and how to read and set whether it is required.</summary>
    private sealed record Target(JsonObject Schema, Func<bool> IsRequired, Action<bool> SetRequired, int? Line);

    private static IEnumerable<Target> Resolve(Contract contract, FieldOverride entry)
    {
        if (entry.In is "path" or "query" or "header")
        {
            foreach (var parameter in contract.Http.Parameters.Where(p => p.In == entry.In &&
                string.Equals(p.Name, entry.Field, entry.In == "header" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)))
            {
                yield return new Target(parameter.Schema, () => parameter.Required, value => parameter.Required = value, parameter.Line);
            }

            yield break;
        }

        var roots = entry.In == "request"
            ? contract.Request is { } request ? [request.Schema] : []
            : contract.Responses.Where(r => entry.Status is null || r.Status == entry.Status).Select(r => r.Schema).ToList();
        foreach (var root in roots)
        {
            if (Find(root, entry.Field) is { } target)
            {
                yield return target;
            }
        }
    }

    /// <summary>Follows <c>a.b[].c</c> through properties and items; null where the path leaves the schema.</summary>
    private static Target? Find(JsonObject root, string path)
    {
        JsonObject? parent = null;
        var current = root;
        string? name = null;
        foreach (var segment in path.Split('.'))
        {
            var member = segment;
            var items = 0;
            while (member.EndsWith("[]", StringComparison.Ordinal))
            {
                member = member[..^2];
                items++;
            }

            if (current["properties"] is not JsonObject properties || properties[member] is not JsonObject next)
            {
                return null;
            }

            (parent, name, current) = (current, member, next);
            for (var i = 0; i < items; i++)
            {
                if (current["items"] is not JsonObject itemSchema)
                {
                    return null;
                }

                // Requiredness belongs to the property, not to its items.
                (parent, name, current) = (null, null, itemSchema);
            }
        }

        if (name is null)
        {
            return parent is null && current != root
                ? new Target(current, () => true, _ => { }, LineOf(current))
                : null;
        }

        var owner = parent!;
        return new Target(current,
            () => (owner["required"] as JsonArray)?.Any(r => r?.GetValue<string>() == name) == true,
            value => SetRequired(owner, name, value),
            LineOf(current));
    }

    private static int? LineOf(JsonObject schema) => schema["x-line"] is JsonValue v && v.TryGetValue<int>(out var line) ? line : null;

    private static void SetRequired(JsonObject owner, string name, bool value)
    {
        var required = owner["required"] as JsonArray;
        if (value)
        {
            if (required is null)
            {
                owner["required"] = required = [];
            }

            if (!required.Any(r => r?.GetValue<string>() == name))
            {
                required.Add(name);
            }
        }
        else if (required?.FirstOrDefault(r => r?.GetValue<string>() == name) is { } present)
        {
            required.Remove(present);
            if (required.Count == 0)
            {
                owner.Remove("required");
            }
        }
    }

    private static IEnumerable<string> Apply(FieldOverride entry, Target target)
    {
        var schema = target.Schema;
        var changes = new List<string>();
        var before = schema.DeepClone();
        if (entry.Type is { } type && !JsonNode.DeepEquals(schema["type"], type))
        {
            changes.Add($"type {Show(schema["type"])} -> {Show(type)}");
            schema["type"] = type.DeepClone();
        }

        if (entry.Nullable is { } nullable && AllowsNull(schema) != nullable)
        {
            SetNullable(schema, nullable);
            changes.Add(nullable ? "may be null" : "may not be null");
        }

        if (entry.Required is { } required && target.IsRequired() != required)
        {
            target.SetRequired(required);
            changes.Add(required ? "required" : "optional");
        }

        if (entry.AddEnum is { } addEnum && schema["enum"] is JsonArray values)
        {
            foreach (var value in addEnum.Where(v => !values.Any(e => JsonNode.DeepEquals(e, v))))
            {
                values.Add(value?.DeepClone());
                changes.Add($"enum value {value?.ToJsonString() ?? "null"} added");
            }
        }

        if (entry.Deprecated is { } deprecated && (schema["deprecated"]?.GetValueKind() == JsonValueKind.True) != deprecated)
        {
            if (deprecated)
            {
                schema["deprecated"] = true;
            }
            else
            {
                schema.Remove("deprecated");
            }

            changes.Add(deprecated ? "deprecated" : "not deprecated");
        }

        if (entry.Patch is { } patch)
        {
            MergePatch(schema, patch);
            if (!JsonNode.DeepEquals(before, schema) && changes.Count == 0)
            {
                changes.Add($"schema patched with {patch.ToJsonString()}");
            }
        }

        if (changes.Count > 0)
        {
            // Left in the contract so that a reader sees which parts are not the page's word.
            schema["x-override"] = entry.Reason;
        }

        return changes;
    }

    private IEnumerable<string> ApplyQuirk(FieldOverride entry, Target target)
    {
        if (QuirkOverridesFile.Misfit(entry, target.Schema, target.IsRequired()) is { } problem)
        {
            throw new ContractFormatException(File, entry.QuirkAt.Line, entry.QuirkAt.Column, problem);
        }

        return QuirkOverridesFile.Record(target.Schema, entry, $"{Path.GetFileName(File)}:{entry.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            ? [$"quirk {entry.Quirk} recorded"]
            : [];
    }

    private static bool AllowsNull(JsonObject schema) => schema["type"] switch
    {
        JsonValue one => one.GetValue<string>() == "null",
        JsonArray many => many.Any(t => t?.GetValue<string>() == "null"),
        _ => true,
    };

    private static void SetNullable(JsonObject schema, bool nullable)
    {
        var types = schema["type"] switch
        {
            JsonValue one => [one.GetValue<string>()],
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            _ => new List<string>(),
        };
        if (types.Count == 0)
        {
            return;
        }

        types.Remove("null");
        if (nullable)
        {
            types.Add("null");
        }

        schema["type"] = types.Count == 1 ? JsonValue.Create(types[0]) : new JsonArray(types.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        if (schema["enum"] is JsonArray values && nullable && !values.Any(v => v is null))
        {
            values.Add(null);
        }
    }

    /// <summary>RFC 7396: objects merge member by member, null removes, anything else replaces.</summary>
    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject nested && target[name] is JsonObject existing)
            {
                MergePatch(existing, nested);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => "(none)",
        JsonArray many => string.Join("|", many.Select(t => t?.ToJsonString().Trim('"'))),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;

namespace ContractKit.Diff;

/// <summary>One classified change between two versions of an endpoint's contract.</summary>
/// <param name="Where">"request body", "path parameter", "query parameter", "header parameter", "response 200", or "endpoint".</param>
/// <param name="Field">Dotted field path (<c>tagDetails[].tagId</c>, <c>notes.*</c> for map values), where the change concerns one.</param>
/// <param name="Line">The page line of what changed, on the new side where it still exists, else on the old.</param>
public sealed record ContractChange(DiffRule Rule, string Where, string? Field, string Message, int? Line);

/// <summary>The changes to one endpoint (vendor and operation); <paramref name="OldSource"/> or <paramref name="NewSource"/> is null when it was added or removed.</summary>
public sealed record EndpointDiff(string Vendor, string Operation, string? OldSource, string? NewSource, IReadOnlyList<ContractChange> Changes)
{
    public string Name => Vendor + "/" + Operation;
}

/// <summary>Every endpoint compared, in ordinal order of vendor and operation.</summary>
public sealed record DiffResult(IReadOnlyList<EndpointDiff> Endpoints)
{
    public IEnumerable<ContractChange> Changes => Endpoints.SelectMany(e => e.Changes);
}

/// <summary>
/// Compares contracts field by field and classifies each difference from the consumer's side with the rules
/// of <see cref="DiffRules"/>. What a re-capture of the same page can change without changing the API (page
/// line numbers, the page's hash, the importer's findings, whitespace inside descriptions) is not a change.
/// </summary>
public static class ContractDiff
{
    /// <summary>Pairs contracts by vendor and operation; an endpoint on one side only is added or removed.</summary>
    public static DiffResult Compare(IEnumerable<(Contract Contract, string Source)> before, IEnumerable<(Contract Contract, string Source)> after)
    {
        var oldByName = before.ToDictionary(c => (c.Contract.Vendor, c.Contract.Operation));
        var newByName = after.ToDictionary(c => (c.Contract.Vendor, c.Contract.Operation));
        var names = oldByName.Keys.Union(newByName.Keys)
            .OrderBy(n => n.Vendor, StringComparer.Ordinal).ThenBy(n => n.Operation, StringComparer.Ordinal);
        var endpoints = new List<EndpointDiff>();
        foreach (var name in names)
        {
            oldByName.TryGetValue(name, out var old);
            newByName.TryGetValue(name, out var @new);
            endpoints.Add(Compare(old.Contract, old.Source, @new.Contract, @new.Source));
        }

        return new DiffResult(endpoints);
    }

    public static EndpointDiff Compare(Contract? before, string? beforeSource, Contract? after, string? afterSource)
    {
        var named = after ?? before ?? throw new ArgumentException("at least one side must have a contract");
        var changes = new List<ContractChange>();
        if (before is null)
        {
            changes.Add(new ContractChange(DiffRules.EndpointAdded, "endpoint", null, $"{after!.Http.Method} {after.Http.Path} was added", null));
        }
        else if (after is null)
        {
            changes.Add(new ContractChange(DiffRules.EndpointRemoved, "endpoint", null, $"{before.Http.Method} {before.Http.Path} was removed", null));
        }
        else
        {
            new Comparer(changes).Endpoint(before, after);
        }

        return new EndpointDiff(named.Vendor, named.Operation, beforeSource, afterSource, changes);
    }

    private enum Side
    {
        Request,
        Response,
    }

    private sealed class Comparer(List<ContractChange> changes)
    {
        /// <summary>Keywords compared by their own rules rather than as generic constraints.</summary>
        private static readonly HashSet<string> OwnRules = new(StringComparer.Ordinal)
        {
            "type", "properties", "required", "items", "additionalProperties", "enum", "default", "deprecated",
            "description", "title", "examples", "$comment",
        };

        private static readonly HashSet<string> UpperBounds = new(StringComparer.Ordinal)
        {
            "maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum", "maxContains",
        };

        private static readonly HashSet<string> LowerBounds = new(StringComparer.Ordinal)
        {
            "minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum", "minContains",
        };

        public void Endpoint(Contract before, Contract after)
        {
            Http(before.Http, after.Http);
            Text("endpoint", null, "title", before.Title, after.Title, null);
            Text("endpoint", null, "summary", before.Summary, after.Summary, null);

            if (before.Request?.ContentType is { } oldType && after.Request?.ContentType is { } newType && oldType != newType)
            {
                Add(DiffRules.ContentTypeChanged, "request body", null, $"content type {oldType} -> {newType}", null);
            }

            Node(Side.Request, "request body", "", before.Request?.Schema ?? [], after.Request?.Schema ?? []);
            Responses(before, after);
            Examples(before.Examples, after.Examples);
        }

        private void Http(HttpSpec before, HttpSpec after)
        {
            if (!string.Equals(before.Method, after.Method, StringComparison.OrdinalIgnoreCase))
            {
                Add(DiffRules.MethodChanged, "endpoint", null, $"method {before.Method} -> {after.Method}", null);
            }

            if (before.Path != after.Path)
            {
                Add(DiffRules.PathChanged, "endpoint", null, $"path {before.Path} -> {after.Path}", null);
            }

            if (before.BaseUrl != after.BaseUrl)
            {
                Add(DiffRules.BaseUrlChanged, "endpoint", null, $"base URL {before.BaseUrl ?? "(none)"} -> {after.BaseUrl ?? "(none)"}", null);
            }

            if (before.SandboxUrl != after.SandboxUrl)
            {
                Add(DiffRules.SandboxUrlChanged, "endpoint", null, $"sandbox URL {before.SandboxUrl ?? "(none)"} -> {after.SandboxUrl ?? "(none)"}", null);
            }

            var oldAuth = Auth(before.Auth);
            var newAuth = Auth(after.Auth);
            if (oldAuth != newAuth)
            {
                Add(DiffRules.AuthChanged, "endpoint", null, $"authentication {oldAuth} -> {newAuth}", after.Auth.Line ?? before.Auth.Line);
            }

            var oldParameters = before.Parameters.ToDictionary(ParameterKey);
            var newParameters = after.Parameters.ToDictionary(ParameterKey);
            foreach (var parameter in before.Parameters)
            {
                var where = parameter.In + " parameter";
                if (!newParameters.TryGetValue(ParameterKey(parameter), out var match))
                {
                    Add(DiffRules.RequestFieldRemoved, where, parameter.Name, "no longer documented; the vendor may reject or ignore it", parameter.Line);
                    continue;
                }

                Required(Side.Request, where, parameter.Name, parameter.Required, match.Required, match.Line);
                Text(where, parameter.Name, "description", parameter.Description, match.Description, match.Line);
                if (parameter.Secret != match.Secret)
                {
                    Add(DiffRules.MarkChanged, where, parameter.Name, match.Secret ? "now marked secret" : "no longer marked secret", match.Line);
                }

                Node(Side.Request, where, parameter.Name, parameter.Schema, match.Schema, match.Line);
            }

            foreach (var parameter in after.Parameters.Where(p => !oldParameters.ContainsKey(ParameterKey(p))))
            {
                var where = parameter.In + " parameter";
                Add(parameter.Required ? DiffRules.RequestFieldAddedRequired : DiffRules.RequestFieldAddedOptional,
                    where, parameter.Name, parameter.Required ? "added as required" : "added as optional", parameter.Line);
            }
        }

        private static string ParameterKey(ParameterSpec parameter) =>
            parameter.In + ":" + (parameter.In == ParameterLocations.Header ? parameter.Name.ToLowerInvariant() : parameter.Name);

        private static string Auth(AuthSpec auth) =>
            auth.Headers.Count == 0 ? auth.Scheme : $"{auth.Scheme} ({string.Join(", ", auth.Headers)})";

        private void Responses(Contract before, Contract after)
        {
            var newByStatus = after.Responses.ToDictionary(r => r.Status);
            var oldStatuses = before.Responses.Select(r => r.Status).ToHashSet();
            foreach (var response in before.Responses)
            {
                var where = "response " + response.Status;
                if (!newByStatus.TryGetValue(response.Status, out var match))
                {
                    Add(IsSuccess(response.Status) ? DiffRules.SuccessResponseRemoved : DiffRules.ErrorRemoved,
                        where, null, $"status {response.Status} is no longer documented", response.Line);
                    continue;
                }

                if (response.ContentType != match.ContentType)
                {
                    Add(DiffRules.ContentTypeChanged, where, null, $"content type {response.ContentType} -> {match.ContentType}", match.Line);
                }

                Text(where, null, "description", response.Description, match.Description, match.Line);
                if (Normalize(response.Message) != Normalize(match.Message))
                {
                    Add(DiffRules.ExampleChanged, where, null, $"documented error message \"{response.Message}\" -> \"{match.Message}\"", match.Line);
                }

                Node(Side.Response, where, "", response.Schema, match.Schema, match.Line);
            }

            foreach (var response in after.Responses.Where(r => !oldStatuses.Contains(r.Status)))
            {
                Add(IsSuccess(response.Status) ? DiffRules.SuccessResponseAdded : DiffRules.ErrorAdded,
                    "response " + response.Status, null, $"status {response.Status} is now documented" + (response.Message is null ? "" : $": \"{response.Message}\""), response.Line);
            }
        }

        private static bool IsSuccess(string status) => status.StartsWith('2');

        private void Examples(ExampleSet before, ExampleSet after)
        {
            var oldRequest = before.Request;
            var newRequest = after.Request;
            if (!JsonNode.DeepEquals(oldRequest?.Body, newRequest?.Body) || oldRequest?.Url != newRequest?.Url)
            {
                Add(DiffRules.ExampleChanged, "request body", null, "the documented request example changed", newRequest?.Line ?? oldRequest?.Line);
            }

            var newByStatus = after.Responses.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.First());
            foreach (var example in before.Responses)
            {
                if (newByStatus.TryGetValue(example.Status, out var match) && !JsonNode.DeepEquals(example.Body, match.Body))
                {
                    Add(DiffRules.ExampleChanged, "response " + example.Status, null, "the documented response example changed (stub answers and snapshots follow it)", match.Line);
                }
            }
        }

        /// <summary>Compares one schema node present on both sides, then its members.</summary>
        private void Node(Side side, string where, string path, JsonObject before, JsonObject after, int? line = null)
        {
            line = Line(after) ?? line ?? Line(before);
            var field = path.Length == 0 ? null : path;
            Types(side, where, field, before, after, line);
            Enum(side, where, field, before, after, line);
            Constraints(side, where, field, before, after, line);

            if (!JsonNode.DeepEquals(before["default"], after["default"]))
            {
                Add(DiffRules.DefaultChanged, where, field, $"default {Show(before["default"])} -> {Show(after["default"])}", line);
            }

            var wasDeprecated = Flag(before, "deprecated");
            var isDeprecated = Flag(after, "deprecated");
            if (wasDeprecated != isDeprecated)
            {
                Add(isDeprecated ? DiffRules.FieldDeprecated : DiffRules.FieldUndeprecated, where, field,
                    isDeprecated ? "now deprecated (the generated DTO member becomes [Obsolete])" : "no longer deprecated", line);
            }

            foreach (var mark in new[] { "x-volatile", "x-secret" })
            {
                if (Flag(before, mark) != Flag(after, mark))
                {
                    Add(DiffRules.MarkChanged, where, field, $"{mark} {Flag(before, mark)} -> {Flag(after, mark)}", line);
                }
            }

            Quirks(where, field, before, after, line);

            if (!JsonNode.DeepEquals(before["examples"], after["examples"]))
            {
                Add(DiffRules.ExampleChanged, where, field, $"examples {Show(before["examples"])} -> {Show(after["examples"])}", line);
            }

            Text(where, field, "description", Str(before, "description"), Str(after, "description"), line);
            Text(where, field, "title", Str(before, "title"), Str(after, "title"), line);
            Properties(side, where, path, before, after);

            if (before["items"] is JsonObject oldItems && after["items"] is JsonObject newItems)
            {
                Node(side, where, path + "[]", oldItems, newItems, line);
            }
            else if (before["items"] is not null || after["items"] is not null)
            {
                Constraint(side, where, field, "items", before["items"], after["items"], line);
            }

            AdditionalProperties(side, where, path, before, after, line);
        }

        private void Properties(Side side, string where, string path, JsonObject before, JsonObject after)
        {
            var oldProperties = before["properties"] as JsonObject ?? [];
            var newProperties = after["properties"] as JsonObject ?? [];
            var oldRequired = RequiredSet(before);
            var newRequired = RequiredSet(after);
            foreach (var (name, value) in oldProperties)
            {
                var memberPath = path.Length == 0 ? name : path + "." + name;
                var oldMember = value as JsonObject ?? [];
                if (newProperties[name] is not JsonObject newMember)
                {
                    Add(side == Side.Response ? DiffRules.ResponseFieldRemoved : DiffRules.RequestFieldRemoved, where, memberPath,
                        side == Side.Response ? "field removed" : "no longer documented; the vendor may reject or ignore it", Line(oldMember));
                    continue;
                }

                Required(side, where, memberPath, oldRequired.Contains(name), newRequired.Contains(name), Line(newMember));
                Node(side, where, memberPath, oldMember, newMember);
            }

            foreach (var (name, value) in newProperties)
            {
                if (oldProperties.ContainsKey(name))
                {
                    continue;
                }

                var memberPath = path.Length == 0 ? name : path + "." + name;
                var line = Line(value as JsonObject ?? []);
                if (side == Side.Response)
                {
                    Add(DiffRules.ResponseFieldAdded, where, memberPath, "field added", line);
                }
                else
                {
                    var required = newRequired.Contains(name);
                    Add(required ? DiffRules.RequestFieldAddedRequired : DiffRules.RequestFieldAddedOptional, where, memberPath,
                        required ? "added as required" : "added as optional", line);
                }
            }
        }

        private void Required(Side side, string where, string field, bool wasRequired, bool isRequired, int? line)
        {
            if (wasRequired == isRequired)
            {
                return;
            }

            var rule = (side, isRequired) switch
            {
                (Side.Response, false) => DiffRules.ResponseFieldBecameOptional,
                (Side.Response, true) => DiffRules.ResponseFieldBecameRequired,
                (Side.Request, true) => DiffRules.RequestFieldBecameRequired,
                _ => DiffRules.RequestFieldBecameOptional,
            };
            Add(rule, where, field, isRequired ? "became required" : "became optional", line);
        }

        private void Types(Side side, string where, string? field, JsonObject before, JsonObject after, int? line)
        {
            var oldTypes = TypeSet(before);
            var newTypes = TypeSet(after);
            var oldNullable = oldTypes.Remove("null");
            var newNullable = newTypes.Remove("null");
            if (!oldTypes.SetEquals(newTypes))
            {
                var message = $"type {ShowTypes(oldTypes)} -> {ShowTypes(newTypes)}";
                if (oldTypes.Count == 0 || newTypes.Count == 0)
                {
                    // From "any value" to a type narrows what is allowed; the other way widens it.
                    var tightened = oldTypes.Count == 0;
                    Add(Direction(side, tightened), where, field, message, line);
                }
                else
                {
                    Add(DiffRules.FieldTypeChanged, where, field, message, line);
                }
            }

            if (oldNullable != newNullable && (oldTypes.Count > 0 || newTypes.Count > 0))
            {
                var rule = (side, newNullable) switch
                {
                    (Side.Response, true) => DiffRules.ResponseFieldBecameNullable,
                    (Side.Response, false) => DiffRules.ResponseFieldNoLongerNullable,
                    (Side.Request, false) => DiffRules.RequestFieldNoLongerNullable,
                    _ => DiffRules.RequestFieldBecameNullable,
                };
                Add(rule, where, field, newNullable ? "may now be null" : "may no longer be null", line);
            }
        }

        private void Enum(Side side, string where, string? field, JsonObject before, JsonObject after, int? line)
        {
            var oldValues = EnumValues(before);
            var newValues = EnumValues(after);
            if (oldValues is null && newValues is null)
            {
                return;
            }

            if (oldValues is null || newValues is null)
            {
                Add(Direction(side, tightened: oldValues is null), where, field,
                    oldValues is null ? $"now limited to {string.Join(", ", newValues!)}" : $"no longer limited to {string.Join(", ", oldValues)}", line);
                return;
            }

            foreach (var value in oldValues.Where(v => !newValues.Contains(v)))
            {
                Add(side == Side.Response ? DiffRules.ResponseEnumValueRemoved : DiffRules.RequestEnumValueRemoved, where, field, $"enum value {value} removed", line);
            }

            foreach (var value in newValues.Where(v => !oldValues.Contains(v)))
            {
                Add(side == Side.Response ? DiffRules.ResponseEnumValueAdded : DiffRules.RequestEnumValueAdded, where, field, $"enum value {value} added", line);
            }
        }

        private void Constraints(Side side, string where, string? field, JsonObject before, JsonObject after, int? line)
        {
            var keywords = before.Select(p => p.Key).Concat(after.Select(p => p.Key))
                .Where(k => !OwnRules.Contains(k) && !k.StartsWith("x-", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal);
            foreach (var keyword in keywords)
            {
                Constraint(side, where, field, keyword, before[keyword], after[keyword], line);
            }
        }

        private void Constraint(Side side, string where, string? field, string keyword, JsonNode? before, JsonNode? after, int? line)
        {
            if (JsonNode.DeepEquals(before, after))
            {
                return;
            }

            var message = $"{keyword} {Show(before)} -> {Show(after)}";
            if (before is null || after is null)
            {
                Add(Direction(side, tightened: before is null), where, field, message, line);
                return;
            }

            if ((UpperBounds.Contains(keyword) || LowerBounds.Contains(keyword)) && Number(before) is { } oldBound && Number(after) is { } newBound)
            {
                var tightened = UpperBounds.Contains(keyword) ? newBound < oldBound : newBound > oldBound;
                Add(Direction(side, tightened), where, field, message, line);
                return;
            }

            if (keyword == "uniqueItems" && before.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                Add(Direction(side, tightened: after.GetValueKind() == JsonValueKind.True), where, field, message, line);
                return;
            }

            // A different pattern, format or multipleOf is neither simply tighter nor looser.
            Add(DiffRules.ConstraintChanged, where, field, message, line);
        }

        private void AdditionalProperties(Side side, string where, string path, JsonObject before, JsonObject after, int? line)
        {
            var oldValue = before["additionalProperties"];
            var newValue = after["additionalProperties"];
            if (oldValue is JsonObject oldMap && newValue is JsonObject newMap)
            {
                Node(side, where, (path.Length == 0 ? "" : path + ".") + "*", oldMap, newMap, line);
                return;
            }

            var field = path.Length == 0 ? null : path;
            var oldClosed = oldValue?.GetValueKind() == JsonValueKind.False;
            var newClosed = newValue?.GetValueKind() == JsonValueKind.False;
            if (oldClosed != newClosed && oldValue is not JsonObject && newValue is not JsonObject)
            {
                Add(Direction(side, tightened: newClosed), where, field, newClosed ? "no longer accepts undocumented members" : "now accepts undocumented members", line);
            }
            else if (!JsonNode.DeepEquals(oldValue, newValue) && (oldValue is JsonObject || newValue is JsonObject))
            {
                Constraint(side, where, field, "additionalProperties", oldValue, newValue, line);
            }
        }

        private static DiffRule Direction(Side side, bool tightened) => (side, tightened) switch
        {
            (Side.Request, true) => DiffRules.RequestConstraintTightened,
            (Side.Request, false) => DiffRules.RequestConstraintLoosened,
            (Side.Response, true) => DiffRules.ResponseConstraintTightened,
            _ => DiffRules.ResponseConstraintLoosened,
        };

        /// <summary>x-quirks: a quirk (by kind and formats) added or removed; its reason and override line are not compared.</summary>
        private void Quirks(string where, string? field, JsonObject before, JsonObject after, int? line)
        {
            static List<string> Of(JsonObject schema) => schema[Validation.QuirkRules.ContractKeyword] is JsonArray list
                ? list.OfType<JsonObject>().Select(q => (q["kind"] as JsonValue)?.ToString() + (q["formats"] is JsonArray f ? " (" + string.Join(", ", f.Select(x => x?.ToString())) + ")" : "")).ToList()
                : [];
            var old = Of(before);
            var now = Of(after);
            foreach (var quirk in now.Except(old, StringComparer.Ordinal))
            {
                Add(DiffRules.QuirkAdded, where, field, $"quirk {quirk} accepted (validators warn; the DTO type is unchanged)", line);
            }

            foreach (var quirk in old.Except(now, StringComparer.Ordinal))
            {
                Add(DiffRules.QuirkRemoved, where, field, $"quirk {quirk} no longer accepted (such responses fail validation and deserialisation again)", line);
            }
        }

        private void Text(string where, string? field, string what, string? before, string? after, int? line)
        {
            if (Normalize(before) != Normalize(after))
            {
                Add(DiffRules.DescriptionChanged, where, field, $"{what} \"{before}\" -> \"{after}\"", line);
            }
        }

        private void Add(DiffRule rule, string where, string? field, string message, int? line) =>
            changes.Add(new ContractChange(rule, where, field, message, line));

        /// <summary>Whitespace runs are one space: a re-captured page wraps its prose differently.</summary>
        private static string? Normalize(string? text) =>
            text is null ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        private static int? Line(JsonObject schema) => schema["x-line"] is JsonValue value && value.TryGetValue<int>(out var line) ? line : null;

        private static bool Flag(JsonObject schema, string keyword) => schema[keyword]?.GetValueKind() == JsonValueKind.True;

        private static string? Str(JsonObject schema, string keyword) => schema[keyword] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

        private static HashSet<string> RequiredSet(JsonObject schema) =>
            (schema["required"] as JsonArray)?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToHashSet(StringComparer.Ordinal) ?? [];

        private static HashSet<string> TypeSet(JsonObject schema) => schema["type"] switch
        {
            JsonValue one when one.TryGetValue<string>(out var name) => new HashSet<string>(StringComparer.Ordinal) { name },
            JsonArray many => many.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToHashSet(StringComparer.Ordinal),
            _ => new HashSet<string>(StringComparer.Ordinal),
        };

        private static string ShowTypes(HashSet<string> types) =>
            types.Count == 0 ? "any" : string.Join("|", types.Order(StringComparer.Ordinal));

        private static List<string>? EnumValues(JsonObject schema) =>
            (schema["enum"] as JsonArray)?.Where(v => v is not null).Select(v => v!.ToJsonString()).ToList();

        private static double? Number(JsonNode node) =>
            node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
                ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                : null;

        private static string Show(JsonNode? node) => node is null ? "(none)" : node.ToJsonString();
    }
}

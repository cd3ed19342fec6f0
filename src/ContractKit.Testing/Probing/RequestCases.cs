using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Validation;

namespace ContractKit.Probing;

/// <summary>How long and how many the generated values may be, so that a case can be rebuilt alike.</summary>
public sealed record GenerationLimits(int LongestText, int MostItems)
{
    /// <summary>Random valid requests: strings up to 64 characters, up to 3 items or keys.</summary>
    public static GenerationLimits Random { get; } = new(64, 3);

    /// <summary>The boundary request: strings at their documented maximum (256 where none is documented), up to 20 items.</summary>
    public static GenerationLimits Boundary { get; } = new(256, 20);
}

/// <summary>
/// One request the probe sends, with what the docs say should happen to it: accepted with the documented success
/// (<see cref="Rule"/> null), or rejected with a documented 4xx because it breaks exactly <see cref="Rule"/>.
/// </summary>
/// <param name="Choices">The choices the request was made from: replaying them rebuilds it (<see cref="RequestCases.Rebuild"/>).</param>
/// <param name="Spans">The optional members and words within <paramref name="Choices"/>, for shrinking.</param>
public sealed record ProbeCase(string Name, ProbeRule? Rule, ProbeRequest Request, IReadOnlyList<int> Choices, GenerationLimits Limits, IReadOnlyList<ChoiceSpan> Spans)
{
    public bool ExpectAccepted => Rule is null;
}

/// <summary>
/// Requests made from one contract: valid ones, random within everything the contract documents (body, path,
/// query and header parameters, credentials), and invalid ones that each break exactly one documented rule of a
/// complete valid request (every optional member present, every value the simplest the docs allow).
/// </summary>
public sealed class RequestCases
{
    /// <summary>A query value as the schema reads it: a number where the parameter is documented as one, else text.</summary>
    private static JsonNode? QueryValue(JsonObject schema, string text)
    {
        var types = Quirks.TypesOf(schema);
        if ((types.Contains("integer") || types.Contains("number"))
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return JsonNode.Parse(text);
        }

        return JsonValue.Create(text);
    }

    private static readonly HashSet<string> CheckedFormats = ["email", "date-time", "date", "uuid"];

    private readonly Contract contract;
    private readonly ProbeCredentials credentials;
    private readonly IReadOnlyDictionary<string, string> pathValues;

    /// <param name="pathValues">Values for path parameters (a sandbox's own record ids); others come from the
    /// documented examples when <paramref name="documentedPathValues"/> is set, otherwise from their schema.</param>
    public RequestCases(Contract contract, ProbeCredentials credentials, IReadOnlyDictionary<string, string>? pathValues = null, bool documentedPathValues = true)
    {
        this.contract = contract;
        this.credentials = credentials;
        this.pathValues = pathValues ?? new Dictionary<string, string>();
        DocumentedPathValues = documentedPathValues;
    }

    public bool DocumentedPathValues { get; }

    public Contract Contract => contract;

    public ProbeCredentials Credentials => credentials;

    /// <summary>A valid request made from the choices.</summary>
    /// <exception cref="InvalidOperationException">The contract's schemas cannot be instantiated (an unresolvable $ref).</exception>
    public ProbeCase Valid(Choices choices, GenerationLimits limits, string name)
    {
        var request = Build(choices, limits);
        return new ProbeCase(name, null, request, choices.Made.ToArray(), limits, choices.Spans.ToArray());
    }

    /// <summary>
    /// Every single-rule violation of the valid request the choices make (use <see cref="PolicyChoices.Complete"/>
    /// for the request that reaches every documented rule).
    /// </summary>
    public IReadOnlyList<ProbeCase> Invalid(Choices choices)
    {
        var limits = GenerationLimits.Random;
        var basis = Build(choices, limits);
        var made = choices.Made.ToArray();
        var spans = choices.Spans.ToArray();
        return Violations(basis).Select(v => new ProbeCase("invalid " + v.Rule.Target + " " + v.Rule.Keyword, v.Rule, v.Request, made, limits, spans)).ToList();
    }

    /// <summary>The case made again from other choices: for an invalid case, the violation of the same rule; null where the choices no longer reach it.</summary>
    public ProbeCase? Rebuild(ProbeCase original, IReadOnlyList<int> choices)
    {
        var replay = new ReplayedChoices(choices);
        ProbeRequest request;
        try
        {
            request = Build(replay, original.Limits);
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        if (original.Rule is null)
        {
            return original with { Request = request, Choices = replay.Made.ToArray(), Spans = replay.Spans.ToArray() };
        }

        var same = Violations(request).FirstOrDefault(v => Key(v.Rule) == Key(original.Rule));
        return same.Rule is null ? null : original with { Request = same.Request, Choices = replay.Made.ToArray(), Spans = replay.Spans.ToArray() };
    }

    private static string Key(ProbeRule rule) => rule.ContractPointer + "|" + rule.Target;

    private ProbeRequest Build(Choices choices, GenerationLimits limits)
    {
        var generator = new SchemaInstanceGenerator(choices) { LongestText = limits.LongestText, MostItems = limits.MostItems };
        var path = new StringBuilder();
        foreach (var segment in contract.Http.Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path.Append(path.Length == 0 ? "" : "/");
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                var name = segment[1..^1];
                var parameter = contract.Http.Parameters.FirstOrDefault(p => p.In == ParameterLocations.Path && p.Name == name);
                var value = pathValues.TryGetValue(name, out var given) ? given
                    : DocumentedPathValues && parameter?.Schema["examples"] is JsonArray { Count: > 0 } examples && examples[0] is JsonValue example && example.TryGetValue<string>(out var documented) ? documented
                    : parameter is null ? "probe" : Text(generator.Generate(parameter.Schema));
                path.Append(Uri.EscapeDataString(value));
            }
            else
            {
                path.Append(segment);
            }
        }

        var query = new List<KeyValuePair<string, string>>();
        foreach (var parameter in contract.Http.Parameters.Where(p => p.In == ParameterLocations.Query))
        {
            var start = choices.Position;
            if (parameter.Required || choices.Next(2, ChoiceKind.Presence) == 1)
            {
                query.Add(new(parameter.Name, Text(generator.Generate(parameter.Schema))));
                if (!parameter.Required)
                {
                    choices.Span(SpanKind.OptionalMember, start);
                }
            }
        }

        var headers = new List<KeyValuePair<string, string>>();
        // Header values are ASCII on the wire.
        var headerValues = new SchemaInstanceGenerator(choices) { LongestText = limits.LongestText, MostItems = limits.MostItems, NonAscii = false };
        switch (contract.Http.Auth.Scheme)
        {
            case AuthSchemes.Basic:
                var basic = credentials.Basic ?? new BasicCredentials("probe", "probe");
                headers.Add(new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic.Username + ":" + basic.Password))));
                break;
            case AuthSchemes.Bearer:
                headers.Add(new("Authorization", "Bearer " + (credentials.Bearer ?? "probe")));
                break;
        }

        foreach (var parameter in contract.Http.Parameters.Where(p => p.In == ParameterLocations.Header))
        {
            var credential = contract.Http.Auth.Headers.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase);
            if (parameter.Required || credential || choices.Next(2, ChoiceKind.Presence) == 1)
            {
                headers.Add(new(parameter.Name, HeaderValue(parameter, headerValues)));
            }
        }

        foreach (var header in contract.Http.Auth.Headers.Where(h => !headers.Any(x => x.Key.Equals(h, StringComparison.OrdinalIgnoreCase))))
        {
            headers.Add(new(header, credentials.Headers.TryGetValue(header, out var value) ? value : "probe"));
        }

        var body = contract.Request is { } spec ? generator.Generate(spec.Schema) : null;
        return new ProbeRequest(contract.Http.Method, path.ToString(), query, headers, body, contract.Request is not null);
    }

    private string HeaderValue(ParameterSpec parameter, SchemaInstanceGenerator generator)
    {
        if (credentials.Headers.TryGetValue(parameter.Name, out var given))
        {
            return given;
        }

        var documented = contract.Examples.Request?.Headers.FirstOrDefault(h => h.Key.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)).Value;
        return !parameter.Secret && documented is not null ? documented : Text(generator.Generate(parameter.Schema));
    }

    /// <summary>A parameter's value as text: strings as they are, other JSON values in their JSON spelling.</summary>
    public static string Text(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";

    private IEnumerable<(ProbeRule Rule, ProbeRequest Request)> Violations(ProbeRequest basis)
    {
        // Credentials.
        var authHeaders = contract.Http.Auth.Scheme switch
        {
            AuthSchemes.Basic or AuthSchemes.Bearer => ["Authorization"],
            AuthSchemes.Headers => contract.Http.Auth.Headers.ToList(),
            _ => new List<string>(),
        };
        if (authHeaders.Count > 0)
        {
            yield return (new ProbeRule("/http/auth", "auth", "credentials", $"the {contract.Http.Auth.Scheme} credentials are required"),
                basis with { Headers = basis.Headers.Where(h => !authHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase)).ToList() });
            var wrong = basis.Headers.Select(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                    ? new KeyValuePair<string, string>(h.Key, WrongAuthorization(h.Value))
                    : credentials.SecretHeaders.Contains(h.Key) || contract.Http.Parameters.Any(p => p.Secret && p.Name.Equals(h.Key, StringComparison.OrdinalIgnoreCase))
                        ? new KeyValuePair<string, string>(h.Key, "wrong-" + h.Value.Length.ToString(CultureInfo.InvariantCulture) + "-probe-credential")
                        : h).ToList();
            if (!wrong.SequenceEqual(basis.Headers))
            {
                yield return (new ProbeRule("/http/auth", "auth", "credentials (wrong)", "credentials the vendor did not issue are refused", KnownCredentialsOnly: true),
                    basis with { Headers = wrong });
            }
        }

        // Parameters.
        var pathSegments = basis.Path.Split('/');
        var template = contract.Http.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < contract.Http.Parameters.Count; i++)
        {
            var parameter = contract.Http.Parameters[i];
            var at = "/http/parameters/" + i.ToString(CultureInfo.InvariantCulture);
            switch (parameter.In)
            {
                case ParameterLocations.Header when parameter.Required:
                    yield return (new ProbeRule(at, "required", "header " + parameter.Name, $"the header {parameter.Name} is required"),
                        basis with { Headers = basis.Headers.Where(h => !h.Key.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)).ToList() });
                    break;
                case ParameterLocations.Query:
                    var current = basis.Query.FirstOrDefault(q => q.Key == parameter.Name);
                    if (parameter.Required)
                    {
                        yield return (new ProbeRule(at, "required", "query " + parameter.Name, $"the query parameter {parameter.Name} is required"),
                            basis with { Query = basis.Query.Where(q => q.Key != parameter.Name).ToList() });
                    }

                    if (current.Key is not null)
                    {
                        foreach (var (rule, value) in Values(parameter.Schema, parameter.Schema, "", QueryValue(parameter.Schema, current.Value), [], types: false))
                        {
                            yield return (Parameter(rule, at, "query " + parameter.Name),
                                basis with { Query = basis.Query.Select(q => q.Key == parameter.Name ? new KeyValuePair<string, string>(q.Key, Text(value)) : q).ToList() });
                        }
                    }

                    break;
                case ParameterLocations.Path:
                    var index = Array.FindIndex(template, s => s == "{" + parameter.Name + "}");
                    if (index < 0 || index >= pathSegments.Length)
                    {
                        break;
                    }

                    var documentedValue = Uri.UnescapeDataString(pathSegments[index]);
                    var found = false;
                    foreach (var (rule, value) in Values(parameter.Schema, parameter.Schema, "", JsonValue.Create(documentedValue), [], types: false))
                    {
                        found = true;
                        yield return (Parameter(rule, at, "path " + parameter.Name), basis with { Path = WithSegment(pathSegments, index, Text(value)) });
                    }

                    if (!found && parameter.Schema["examples"] is JsonArray { Count: > 0 } examples)
                    {
                        // No keyword constrains it, but the docs show its shape: an id of another shape names no record.
                        var unknown = "unknown0probe" + new string('0', Math.Max(0, documentedValue.Length - 13));
                        yield return (new ProbeRule(at + "/schema/examples", "examples", "path " + parameter.Name,
                            $"a {parameter.Name} unlike the documented {examples[0]?.ToJsonString()} names no record", Inferred: true),
                            basis with { Path = WithSegment(pathSegments, index, unknown) });
                    }

                    break;
            }
        }

        // The body.
        if (contract.Request is { } request && basis.Body is not null)
        {
            foreach (var (rule, body) in Body(request.Schema, request.Schema, "", basis.Body, []))
            {
                yield return (rule, basis with { Body = body });
            }
        }
    }

    private static ProbeRule Parameter(ProbeRule rule, string at, string target) =>
        rule with { ContractPointer = at + "/schema" + rule.ContractPointer[ProbeRule.BodyPointer.Length..], Target = target, InstanceLocation = null };

    private static string WithSegment(string[] segments, int index, string value)
    {
        var copy = segments.ToArray();
        copy[index] = Uri.EscapeDataString(value);
        return string.Join('/', copy);
    }

    private static string WrongAuthorization(string value) => value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
        ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(BasicUser(value) + ":wrong-probe-secret"))
        : "Bearer wrong-probe-token";

    private static string BasicUser(string value)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value[6..].Trim()));
            return decoded.Split(':')[0];
        }
        catch (FormatException)
        {
            return "probe";
        }
    }

    /// <summary>Every single-rule violation inside a body: the whole body with one value changed, removed or added.</summary>
    private static IEnumerable<(ProbeRule Rule, JsonNode? Body)> Body(JsonObject root, JsonObject schema, string schemaAt, JsonNode body, List<string> path)
    {
        foreach (var (rule, value) in Values(root, schema, schemaAt, At(body, path), path, types: true))
        {
            yield return (rule, With(body, path, value));
        }

        (schema, schemaAt) = Resolve(root, schema, schemaAt);
        switch (At(body, path))
        {
            case JsonObject obj:
                var properties = schema["properties"] as JsonObject ?? [];
                foreach (var name in Strings(schema["required"]).Where(obj.ContainsKey))
                {
                    var without = (JsonObject)obj.DeepClone();
                    without.Remove(name);
                    yield return (new ProbeRule(ProbeRule.BodyPointer + schemaAt + "/required", "required", "body " + Pointer([.. path, name]),
                        $"{name} is required") { InstanceLocation = Pointer(path) }, With(body, path, without));
                }

                if (schema["additionalProperties"] is JsonValue closed && closed.GetValueKind() == JsonValueKind.False)
                {
                    var extra = (JsonObject)obj.DeepClone();
                    extra["probe_undocumented_member"] = "x";
                    yield return (new ProbeRule(ProbeRule.BodyPointer + schemaAt + "/additionalProperties", "additionalProperties", "body " + Pointer(path),
                        "no member beyond the documented ones") { InstanceLocation = Pointer([.. path, "probe_undocumented_member"]) }, With(body, path, extra));
                }

                if (Count(schema, "maxProperties") is { } most && schema["additionalProperties"] is not JsonValue)
                {
                    var more = (JsonObject)obj.DeepClone();
                    var values = schema["additionalProperties"] as JsonObject;
                    for (var i = 0; more.Count <= most; i++)
                    {
                        more["probe_key_" + i.ToString(CultureInfo.InvariantCulture)] = values is null ? "x" : Simplest(root, values);
                    }

                    yield return (new ProbeRule(ProbeRule.BodyPointer + schemaAt + "/maxProperties", "maxProperties", "body " + Pointer(path),
                        $"at most {most} members") { InstanceLocation = Pointer(path) }, With(body, path, more));
                }

                if (Count(schema, "minProperties") is > 0 and var least)
                {
                    var required = Strings(schema["required"]).ToHashSet();
                    var fewer = (JsonObject)obj.DeepClone();
                    foreach (var name in fewer.Select(p => p.Key).Where(n => !required.Contains(n)).ToList())
                    {
                        if (fewer.Count >= least)
                        {
                            fewer.Remove(name);
                        }
                    }

                    if (fewer.Count < least)
                    {
                        yield return (new ProbeRule(ProbeRule.BodyPointer + schemaAt + "/minProperties", "minProperties", "body " + Pointer(path),
                            $"at least {least} members") { InstanceLocation = Pointer(path) }, With(body, path, fewer));
                    }
                }

                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var (member, memberAt) = properties[name] is JsonObject documented
                        ? (documented, schemaAt + "/properties/" + Escape(name))
                        : schema["additionalProperties"] is JsonObject values ? (values, schemaAt + "/additionalProperties") : (null, "");
                    if (member is not null && path.Count < 16)
                    {
                        foreach (var violation in Body(root, member, memberAt, body, [.. path, name]))
                        {
                            yield return violation;
                        }
                    }

                    if (properties[name] is null)
                    {
                        // One map value stands for all of them.
                        break;
                    }
                }

                break;
            case JsonArray array:
                if (schema["uniqueItems"] is null && Count(schema, "maxItems") is { } maxItems && array.Count > 0)
                {
                    var longer = (JsonArray)array.DeepClone();
                    while (longer.Count <= maxItems)
                    {
                        longer.Add(array[0]?.DeepClone());
                    }

                    yield return (new ProbeRule(ProbeRule.BodyPointer + schemaAt + "/maxItems", "maxItems", "body " + Pointer(path),
                        $"at most {maxItems} items") { InstanceLocation = Pointer(path) }, With(body, path, longer));
                }

                if (Count(schema, "minItems") is > 0 and var minItems && array.Count >= minItems)
                {
                    var shorter = new JsonArray(array.Take(minItems - 1).Select(i => i?.DeepClone()).ToArray());
                    yield return (new ProbeRule(ProbeRule.BodyPointer + schemaAt + "/minItems", "minItems", "body " + Pointer(path),
                        $"at least {minItems} items") { InstanceLocation = Pointer(path) }, With(body, path, shorter));
                }

                if (array.Count > 0 && schema["items"] is JsonObject items && path.Count < 16)
                {
                    foreach (var violation in Body(root, items, schemaAt + "/items", body, [.. path, "0"]))
                    {
                        yield return violation;
                    }
                }

                break;
        }
    }

    /// <summary>Replacements of one value that break one keyword of its schema each (type, enum, const, lengths, format, pattern, range).</summary>
    private static IEnumerable<(ProbeRule Rule, JsonNode? Value)> Values(JsonObject root, JsonObject schema, string schemaAt, JsonNode? value, List<string> path, bool types)
    {
        (schema, schemaAt) = Resolve(root, schema, schemaAt);
        var target = "body " + Pointer(path);
        ProbeRule Rule(string keyword, string description) =>
            new(ProbeRule.BodyPointer + schemaAt + "/" + keyword, keyword, target, description) { InstanceLocation = Pointer(path) };

        var allowed = SchemaInstanceGenerator.TypesOf(schema);
        var constrained = schema["enum"] is not null || schema.ContainsKey("const");
        if (types && allowed is not null && !constrained && WrongType(allowed) is { } wrong)
        {
            yield return (Rule("type", $"a {string.Join(" or ", allowed)}"), wrong);
        }

        if (schema["enum"] is JsonArray listed && listed.All(v => v?.GetValueKind() == JsonValueKind.String))
        {
            var unlisted = "probe_unlisted_value";
            while (listed.Any(v => v!.GetValue<string>() == unlisted))
            {
                unlisted += "_";
            }

            yield return (Rule("enum", "one of " + listed.ToJsonString()), JsonValue.Create(unlisted));
        }

        if (schema["const"] is JsonValue constant)
        {
            JsonNode? other = constant.GetValueKind() switch
            {
                JsonValueKind.String => JsonValue.Create(constant.GetValue<string>() + "_probe"),
                JsonValueKind.Number => JsonValue.Create(constant.GetValue<double>() + 1),
                JsonValueKind.True => JsonValue.Create(false),
                JsonValueKind.False => JsonValue.Create(true),
                _ => null,
            };
            if (other is not null)
            {
                yield return (Rule("const", "exactly " + constant.ToJsonString()), other);
            }
        }

        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String && !constrained)
        {
            var pattern = schema["pattern"] is JsonValue p ? p.GetValue<string>() : null;
            var format = schema["format"] is JsonValue f && CheckedFormats.Contains(f.GetValue<string>()) ? f.GetValue<string>() : null;
            var minLength = Count(schema, "minLength");
            var maxLength = Count(schema, "maxLength");
            bool Fits(string s) => s.Length >= (minLength ?? 0) && s.Length <= (maxLength ?? int.MaxValue);
            if (pattern is null && format is null)
            {
                if (maxLength is { } most && most < 100_000)
                {
                    yield return (Rule("maxLength", $"at most {most} characters"), JsonValue.Create(new string('a', most + 1)));
                }

                if (minLength is > 0 and var least)
                {
                    yield return (Rule("minLength", $"at least {least} characters"), JsonValue.Create(new string('a', least - 1)));
                }
            }

            if (format is not null && pattern is null)
            {
                var bad = format switch
                {
                    "email" => "probe-not-an-email",
                    "date-time" => "2024-02-30T25:61:00",
                    "date" => "2024-02-30",
                    _ => "probe-not-a-uuid",
                };
                if (Fits(bad))
                {
                    yield return (Rule("format", "a valid " + format), JsonValue.Create(bad));
                }
            }

            if (pattern is not null && format is null)
            {
                Func<string, bool> matches;
                try
                {
                    var regex = EcmaPattern.Create(pattern);
                    matches = regex.IsMatch;
                }
                catch (ArgumentException)
                {
                    matches = _ => true;
                }

                var candidate = new[] { "!", "!!", "a!", "0", "a", " ", "" }
                    .Select(c => c.Length == 0 ? c : string.Concat(Enumerable.Repeat(c, Math.Max(1, (minLength ?? 1 + c.Length - 1) / c.Length))))
                    .FirstOrDefault(c => Fits(c) && !matches(c));
                if (candidate is not null)
                {
                    yield return (Rule("pattern", "matching " + pattern), JsonValue.Create(candidate));
                }
            }
        }

        if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && !constrained)
        {
            var integer = allowed?.Contains("number") != true;
            if (schema["minimum"] is JsonValue min)
            {
                var m = min.GetValue<double>();
                yield return (Rule("minimum", $"at least {min}"), Number(integer ? Math.Ceiling(m) - 1 : m - 1));
            }

            if (schema["maximum"] is JsonValue max)
            {
                var m = max.GetValue<double>();
                yield return (Rule("maximum", $"at most {max}"), Number(integer ? Math.Floor(m) + 1 : m + 1));
            }

            if (schema["exclusiveMinimum"] is JsonValue xmin)
            {
                yield return (Rule("exclusiveMinimum", $"more than {xmin}"), Number(xmin.GetValue<double>()));
            }

            if (schema["exclusiveMaximum"] is JsonValue xmax)
            {
                yield return (Rule("exclusiveMaximum", $"less than {xmax}"), Number(xmax.GetValue<double>()));
            }
        }
    }

    private static JsonNode Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    private static JsonNode? WrongType(List<string> allowed)
    {
        bool Allows(string type) => allowed.Contains(type);
        if (!Allows("string"))
        {
            return JsonValue.Create("probe");
        }

        if (!Allows("integer") && !Allows("number"))
        {
            return JsonValue.Create(12345);
        }

        if (!Allows("boolean"))
        {
            return JsonValue.Create(true);
        }

        return Allows("object") ? Allows("array") ? null : new JsonArray() : new JsonObject();
    }

    private static JsonNode? Simplest(JsonObject root, JsonObject schema) =>
        new SchemaInstanceGenerator(PolicyChoices.Complete()) { NonAscii = false }.Generate(root, schema);

    private static (JsonObject Schema, string At) Resolve(JsonObject root, JsonObject schema, string at)
    {
        while (schema["$ref"] is JsonValue reference && reference.GetValue<string>() is ['#', .. var pointer])
        {
            var target = SchemaInstanceGenerator.Deref(root, new JsonObject { ["$ref"] = reference.GetValue<string>() });
            if (ReferenceEquals(target, schema))
            {
                break;
            }

            (schema, at) = (target, pointer);
        }

        return (schema, at);
    }

    private static int? Count(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue value && value.TryGetValue<double>(out var n) && n >= 0 && n < int.MaxValue ? (int)n : null;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()) : [];

    private static JsonNode? At(JsonNode? node, List<string> path)
    {
        foreach (var segment in path)
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array => array[int.Parse(segment, CultureInfo.InvariantCulture)],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>A copy of the body with the value at the path replaced.</summary>
    private static JsonNode? With(JsonNode body, List<string> path, JsonNode? value)
    {
        if (path.Count == 0)
        {
            return value?.DeepClone();
        }

        var copy = body.DeepClone();
        var parent = At(copy, path[..^1]);
        switch (parent)
        {
            case JsonObject obj:
                obj[path[^1]] = value?.DeepClone();
                break;
            case JsonArray array:
                array[int.Parse(path[^1], CultureInfo.InvariantCulture)] = value?.DeepClone();
                break;
        }

        return copy;
    }

    public static string Pointer(IEnumerable<string> path) => string.Concat(path.Select(p => "/" + Escape(p)));

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

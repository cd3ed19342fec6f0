using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Json;
using ContractKit.Schema;

namespace ContractKit.Contracts;

/// <summary>A contract file that cannot be read: names the file, line and column, what was expected and what was found.</summary>
public sealed class ContractFormatException(string file, int line, int column, string problem)
    : Exception($"{file}:{line}:{column}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Problem { get; } = problem;
}

/// <summary>Reads contract files written by <c>ContractWriter</c> (ContractKit.Tooling) (or by hand), checking their structure.</summary>
public static class ContractReader
{
    /// <summary>The largest contract file read; the bundled contracts are about 10 KB.</summary>
    public const long MaxContractBytes = 16 * 1024 * 1024;

    public static Contract ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxContractBytes)
            {
                throw new ContractFormatException(path, 1, 1, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the file is {length:N0} bytes; expected a contract of at most {MaxContractBytes:N0} (16 MiB)"));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContractFormatException(path, 1, 1, $"cannot read the file: {e.Message}");
        }

        return Read(bytes, path);
    }

    public static Contract Read(ReadOnlySpan<byte> utf8, string fileName)
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }

        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new ContractFormatException(fileName, 1, 1, "expected a JSON object, found an empty file");
        }

        var json = LocatedJson.Parse(utf8, fileName);
        var reader = new Reader(fileName, json.Lines);
        var contract = reader.ReadContract(json.Root);
        CheckFormat(utf8, fileName);
        return contract;
    }

    /// <summary>
    /// The rules of the contract format that the build checks too (<c>Schema/ContractRules.cs</c>; CK0002 there):
    /// a contract that reads here also builds, with the same member names, requirements and allowed values.
    /// </summary>
    private static void CheckFormat(ReadOnlySpan<byte> utf8, string fileName)
    {
        JsonNodeBase tree;
        try
        {
            tree = JsonTreeParser.Parse(Encoding.UTF8.GetString(utf8));
        }
        catch (JsonSyntaxException e)
        {
            throw new ContractFormatException(fileName, e.Position.StartLine + 1, e.Position.StartColumn + 1, e.Message);
        }

        if (ContractRules.Check(tree).FirstOrDefault() is { } problem)
        {
            var where = problem.Pointer.Length == 0 ? "the document" : problem.Pointer;
            throw new ContractFormatException(fileName, problem.Position.StartLine + 1, problem.Position.StartColumn + 1, $"{where}: {problem.Problem}");
        }
    }

    private sealed class Reader(string fileName, JsonLineIndex lines)
    {
        public Contract ReadContract(JsonNode? root)
        {
            var obj = Object(root, "");
            var version = Integer(obj, "", "formatVersion");
            if (version != Contract.CurrentFormatVersion)
            {
                throw Fail("/formatVersion", $"expected formatVersion {Contract.CurrentFormatVersion}, found {version}");
            }

            var http = Object(Member(obj, "", "http"), "/http");
            var contract = new Contract
            {
                Vendor = Name(obj, "vendor"),
                Operation = Name(obj, "operation"),
                Title = OptionalString(obj, "", "title"),
                Summary = OptionalString(obj, "", "summary"),
                Http = ReadHttp(http),
                Provenance = ReadProvenance(Object(Member(obj, "", "provenance"), "/provenance")),
            };

            if (obj["request"] is { } request)
            {
                var requestObj = Object(request, "/request");
                contract.Request = new BodySpec
                {
                    ContentType = OptionalString(requestObj, "/request", "contentType") ?? "application/json",
                    Schema = Schema(requestObj, "/request"),
                };
            }

            var responses = Array(Member(obj, "", "responses"), "/responses");
            var statuses = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < responses.Count; i++)
            {
                var at = $"/responses/{i}";
                var response = Object(responses[i], at);
                var status = StatusCode(response, at);
                if (!statuses.Add(status))
                {
                    throw Fail(at + "/status", $"expected each status once, found \"{status}\" a second time");
                }

                contract.Responses.Add(new ResponseSpec
                {
                    Status = status,
                    Description = OptionalString(response, at, "description"),
                    Message = OptionalString(response, at, "message"),
                    Line = OptionalInteger(response, at, "line"),
                    ContentType = OptionalString(response, at, "contentType") ?? "application/json",
                    Schema = Schema(response, at),
                });
            }

            if (obj["examples"] is { } examples)
            {
                contract.Examples = ReadExamples(Object(examples, "/examples"));
            }

            if (obj["findings"] is { } findings)
            {
                var list = Array(findings, "/findings");
                for (var i = 0; i < list.Count; i++)
                {
                    var at = $"/findings/{i}";
                    var finding = Object(list[i], at);
                    contract.Findings.Add(new Finding(
                        String(finding, at, "code"),
                        Severity(String(finding, at, "severity"), at + "/severity"),
                        String(finding, at, "message"),
                        OptionalInteger(finding, at, "line"),
                        OptionalString(finding, at, "field")));
                }
            }

            return contract;
        }

        private HttpSpec ReadHttp(JsonObject http)
        {
            var spec = new HttpSpec
            {
                Method = String(http, "/http", "method"),
                Path = String(http, "/http", "path"),
                BaseUrl = OptionalString(http, "/http", "baseUrl"),
                SandboxUrl = OptionalString(http, "/http", "sandboxUrl"),
            };
            if (http["auth"] is { } authNode)
            {
                var auth = Object(authNode, "/http/auth");
                spec.Auth.Scheme = String(auth, "/http/auth", "scheme");
                spec.Auth.Line = OptionalInteger(auth, "/http/auth", "line");
                if (auth["headers"] is { } headers)
                {
                    var list = Array(headers, "/http/auth/headers");
                    for (var i = 0; i < list.Count; i++)
                    {
                        spec.Auth.Headers.Add(StringValue(list[i], $"/http/auth/headers/{i}"));
                    }
                }
            }

            if (http["parameters"] is { } parameters)
            {
                var list = Array(parameters, "/http/parameters");
                var parameterKeys = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < list.Count; i++)
                {
                    var at = $"/http/parameters/{i}";
                    var p = Object(list[i], at);
                    var location = String(p, at, "in");
                    if (location is not (ParameterLocations.Path or ParameterLocations.Query or ParameterLocations.Header))
                    {
                        throw Fail(at + "/in", $"expected \"path\", \"query\" or \"header\", found \"{location}\"");
                    }

                    var name = String(p, at, "name");
                    // Header names are case-insensitive, so "X-Id" and "x-id" are one parameter.
                    if (!parameterKeys.Add(location + ":" + (location == ParameterLocations.Header ? name.ToLowerInvariant() : name)))
                    {
                        throw Fail(at + "/name", $"expected each {location} parameter once, found \"{name}\" a second time");
                    }

                    spec.Parameters.Add(new ParameterSpec
                    {
                        Name = name,
                        In = location,
                        Required = OptionalBoolean(p, at, "required") ?? false,
                        Secret = OptionalBoolean(p, at, "secret") ?? false,
                        Description = OptionalString(p, at, "description"),
                        Line = OptionalInteger(p, at, "line"),
                        Schema = Schema(p, at),
                    });
                }
            }

            return spec;
        }

        private Provenance ReadProvenance(JsonObject provenance) => new()
        {
            Page = String(provenance, "/provenance", "page"),
            Sha256 = String(provenance, "/provenance", "sha256"),
        };

        private ExampleSet ReadExamples(JsonObject examples)
        {
            var set = new ExampleSet();
            if (examples["request"] is { } requestNode)
            {
                const string at = "/examples/request";
                var request = Object(requestNode, at);
                var example = new RequestExample
                {
                    Source = String(request, at, "source"),
                    Line = OptionalInteger(request, at, "line") ?? 0,
                    Method = String(request, at, "method"),
                    Url = String(request, at, "url"),
                    Body = request["body"]?.DeepClone(),
                };
                if (request["headers"] is { } headers)
                {
                    var list = Array(headers, at + "/headers");
                    for (var i = 0; i < list.Count; i++)
                    {
                        var header = Object(list[i], $"{at}/headers/{i}");
                        example.Headers.Add(new(String(header, $"{at}/headers/{i}", "name"), String(header, $"{at}/headers/{i}", "value")));
                    }
                }

                if (request["basicAuth"] is { } basic)
                {
                    var credentials = Object(basic, at + "/basicAuth");
                    example.BasicAuth = new BasicCredentials(
                        String(credentials, at + "/basicAuth", "username"),
                        String(credentials, at + "/basicAuth", "password"));
                }

                set.Request = example;
            }

            if (examples["responses"] is { } responses)
            {
                var list = Array(responses, "/examples/responses");
                for (var i = 0; i < list.Count; i++)
                {
                    var at = $"/examples/responses/{i}";
                    var response = Object(list[i], at);
                    set.Responses.Add(new ResponseExample
                    {
                        Status = String(response, at, "status"),
                        Line = OptionalInteger(response, at, "line") ?? 0,
                        Body = response["body"]?.DeepClone(),
                    });
                }
            }

            return set;
        }

        private FindingSeverity Severity(string value, string pointer) => value switch
        {
            "error" => FindingSeverity.Error,
            "warning" => FindingSeverity.Warning,
            "info" => FindingSeverity.Info,
            _ => throw Fail(pointer, $"expected \"error\", \"warning\" or \"info\", found \"{value}\""),
        };

        /// <summary>A vendor or operation name: it becomes a folder or file name, so nothing but kebab words.</summary>
        private string Name(JsonObject obj, string name)
        {
            var value = String(obj, "", name);
            return ContractNames.IsKebab(value)
                ? value
                : throw Fail("/" + name, $"expected a lower-case name of letters, digits and dashes, found \"{value}\"");
        }

        private string StatusCode(JsonObject response, string at)
        {
            var value = String(response, at, "status");
            return ContractNames.IsStatus(value)
                ? value
                : throw Fail(at + "/status", $"expected a status code (\"200\") or class (\"4xx\"), found \"{value}\"");
        }

        /// <summary>A body or parameter schema; one with a $ref cycle would overflow the stack of every tool that walks it.</summary>
        private JsonObject Schema(JsonObject owner, string at)
        {
            var schema = Object(Member(owner, at, "schema"), at + "/schema");
            CheckKeywordValues(schema, at + "/schema");
            if (ContractKit.Validation.SchemaReferences.FindCycle(schema) is { } cycle)
            {
                throw Fail(at + "/schema" + cycle, "this $ref leads back to a schema that contains it (a $ref cycle); recursive schemas are not supported");
            }

            return schema;
        }

        private static readonly string[] JsonTypes = [.. SchemaKeywords.TypeNames.Select(t => t.Name)];
        private static readonly string[] SchemaMaps = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];
        private static readonly string[] SchemaValues = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
        private static readonly string[] SchemaLists = ["anyOf", "oneOf", "allOf", "prefixItems"];
        private static readonly string[] TextKeywords = ["pattern", "format", "$ref", "description", "title", "$comment"];
        private static readonly string[] CountKeywords = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "x-line"];
        private static readonly string[] NumberKeywords = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];

        /// <summary>
        /// The values of the keywords every tool reads (describe, export, diff, the validators) have the shape
        /// JSON Schema gives them, so that a tool never meets <c>"required": [5]</c> or <c>"x-line": 1e400</c>.
        /// Walks without recursion; the parser has already bounded the depth.
        /// </summary>
        private void CheckKeywordValues(JsonObject root, string rootPointer)
        {
            var pending = new Stack<(JsonNode? Node, string Pointer)>();
            pending.Push((root, rootPointer));
            while (pending.Count > 0)
            {
                var (node, pointer) = pending.Pop();
                if (node is JsonValue literal && literal.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    continue;
                }

                var schema = Object(node, pointer);
                foreach (var (keyword, value) in schema)
                {
                    var at = pointer + "/" + JsonLineIndex.EscapeSegment(keyword);
                    if (keyword == "type")
                    {
                        var names = value is JsonArray list ? list.ToList() : [value];
                        if (names.Count == 0 || names.Any(n => n?.GetValueKind() != JsonValueKind.String || !JsonTypes.Contains(n.GetValue<string>())))
                        {
                            throw Fail(at, $"expected a JSON type name or an array of them ({string.Join(", ", JsonTypes)}), found {Describe(value)}");
                        }
                    }
                    else if (keyword == "required")
                    {
                        var list = Array(value, at);
                        for (var i = 0; i < list.Count; i++)
                        {
                            StringValue(list[i], $"{at}/{i}");
                        }
                    }
                    else if (keyword == "enum")
                    {
                        Array(value, at);
                    }
                    else if (SchemaMaps.Contains(keyword))
                    {
                        foreach (var (name, child) in Object(value, at))
                        {
                            pending.Push((child, at + "/" + JsonLineIndex.EscapeSegment(name)));
                        }
                    }
                    else if (SchemaValues.Contains(keyword))
                    {
                        pending.Push((value, at));
                    }
                    else if (SchemaLists.Contains(keyword))
                    {
                        var list = Array(value, at);
                        for (var i = 0; i < list.Count; i++)
                        {
                            pending.Push((list[i], $"{at}/{i}"));
                        }
                    }
                    else if (TextKeywords.Contains(keyword))
                    {
                        StringValue(value, at);
                    }
                    else if (CountKeywords.Contains(keyword))
                    {
                        if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !number.TryGetValue<int>(out var count) || count < 0)
                        {
                            throw Fail(at, $"expected a non-negative integer below 2^31, found {Describe(value)}");
                        }
                    }
                    else if (NumberKeywords.Contains(keyword)
                        && (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !number.TryGetValue<double>(out var bound) || !double.IsFinite(bound)))
                    {
                        throw Fail(at, $"expected a finite number, found {Describe(value)}");
                    }
                }
            }
        }

        private JsonNode Member(JsonObject obj, string at, string name) =>
            obj[name] ?? throw Fail(at, $"expected a member \"{name}\", found none");

        private JsonObject Object(JsonNode? node, string pointer) =>
            node as JsonObject ?? throw Fail(pointer, $"expected an object, found {Describe(node)}");

        private JsonArray Array(JsonNode? node, string pointer) =>
            node as JsonArray ?? throw Fail(pointer, $"expected an array, found {Describe(node)}");

        private string String(JsonObject obj, string at, string name) => StringValue(Member(obj, at, name), at + "/" + name);

        private string StringValue(JsonNode? node, string pointer) =>
            node is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : throw Fail(pointer, $"expected a string, found {Describe(node)}");

        private string? OptionalString(JsonObject obj, string at, string name) =>
            obj[name] is null ? null : String(obj, at, name);

        private int Integer(JsonObject obj, string at, string name)
        {
            var node = Member(obj, at, name);
            return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number)
                ? number
                : throw Fail(at + "/" + name, $"expected an integer, found {Describe(node)}");
        }

        private int? OptionalInteger(JsonObject obj, string at, string name) =>
            obj[name] is null ? null : Integer(obj, at, name);

        private bool? OptionalBoolean(JsonObject obj, string at, string name)
        {
            var node = obj[name];
            if (node is null)
            {
                return null;
            }

            return node.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Fail(at + "/" + name, $"expected true or false, found {Describe(node)}"),
            };
        }

        private ContractFormatException Fail(string pointer, string problem)
        {
            var (line, column) = lines.Locate(pointer);
            var where = pointer.Length == 0 ? "the document" : pointer;
            return new ContractFormatException(fileName, line, column, $"{where}: {problem}");
        }

        private static string Describe(JsonNode? node) => node is null
            ? "null"
            : node.GetValueKind() switch
            {
                JsonValueKind.Object => "an object",
                JsonValueKind.Array => "an array",
                JsonValueKind.String => $"the string {node.ToJsonString()}",
                JsonValueKind.Number => $"the number {node.ToJsonString()}",
                _ => node.ToJsonString(),
            };
    }
}

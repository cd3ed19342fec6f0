using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContractKit.Contracts;
using ContractKit.Import.Pages;
using ContractKit.Validation;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ContractKit.Import.OpenApi;

/// <summary>One operation of an OpenAPI document, imported as a contract named <see cref="Name"/>.</summary>
public sealed record OpenApiOperationImport(string Name, string Method, string Path, string? OperationId, ImportResult Result);

/// <summary>
/// Imports the operations of a vendor's OpenAPI 3.0 or 3.1 document (JSON or YAML) as contracts, with findings where
/// the document breaks the OpenAPI rules (checked by Microsoft.OpenApi), where its examples contradict its own schemas,
/// and where it says something a contract cannot hold.
/// </summary>
public static partial class OpenApiImporter
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Most findings the OpenAPI rules add to one contract; a broken document would otherwise bury the rest.</summary>
    private const int MaxRuleFindings = 50;

    public static bool IsOpenApiDocument(byte[] bytes) => OpenApiText.LooksLikeOpenApi(bytes);

    /// <summary>
    /// The document's operations as contracts: all of them, or the one <paramref name="operation"/> names (its
    /// operationId, its contract name, or "METHOD /path"). Bad input throws <see cref="PageFormatException"/>.
    /// </summary>
    public static IReadOnlyList<OpenApiOperationImport> Import(byte[] bytes, string path, string vendor, string? operation)
    {
        var text = OpenApiText.Read(bytes, path);
        var version = text.Root["openapi"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
        if (!version.StartsWith("3.0.", StringComparison.Ordinal) && !version.StartsWith("3.1.", StringComparison.Ordinal))
        {
            throw new PageFormatException(path, text.LineOf("/openapi"), $"OpenAPI version \"{version}\" is not read; ContractKit reads 3.0.x and 3.1.x documents");
        }

        var operations = Operations(text, path);
        if (operations.Count == 0)
        {
            throw new PageFormatException(path, text.LineOf("/paths"), "the document describes no operations (its paths are empty or absent)");
        }

        if (operation is not null)
        {
            operations = operations.Where(o => Matches(o, operation)).ToList();
            if (operations.Count == 0)
            {
                var known = string.Join(", ", Operations(text, path).Take(20).Select(o => o.OperationId ?? $"{o.Method} {o.Path}"));
                throw new PageFormatException(path, null, $"no operation \"{operation}\" (give an operationId or \"METHOD /path\"); the document has: {known}");
            }
        }

        var names = operations.GroupBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (names is not null)
        {
            throw new PageFormatException(path, text.LineOf(names.Last().Pointer), $"two operations become the contract \"{names.Key}\" ({string.Join(" and ", names.Select(o => $"{o.Method} {o.Path}"))}); import them one at a time with --operation");
        }

        var rules = RuleFindings(text);
        var sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        return operations.Select(o => new OpenApiOperationImport(o.Name, o.Method, o.Path, o.OperationId,
            new ImportResult(new OperationReader(text, version.StartsWith("3.0.", StringComparison.Ordinal), o, vendor, path, sha, rules).Read()))).ToList();
    }

    internal sealed record Operation(string Method, string Path, string? OperationId, string Name, string Pointer, JsonObject Node, JsonObject PathItem, string PathPointer);

    private static List<Operation> Operations(OpenApiText text, string path)
    {
        var result = new List<Operation>();
        if (text.Root["paths"] is not JsonObject paths)
        {
            return result;
        }

        foreach (var (template, item) in paths)
        {
            if (item is not JsonObject pathItem)
            {
                continue;
            }

            var pathPointer = "/paths/" + OpenApiText.Escape(template);
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject node)
                {
                    continue;
                }

                var id = node["operationId"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
                var name = Kebab(id) ?? Kebab(method + " " + template) ?? method;
                result.Add(new Operation(method.ToUpperInvariant(), template, id, name, pathPointer + "/" + method, node, pathItem, pathPointer));
            }
        }

        return result;
    }

    private static bool Matches(Operation operation, string wanted)
    {
        var space = wanted.IndexOf(' ');
        if (space > 0)
        {
            return operation.Method.Equals(wanted[..space], StringComparison.OrdinalIgnoreCase) && operation.Path == wanted[(space + 1)..].Trim();
        }

        return operation.OperationId == wanted || operation.Name == wanted;
    }

    /// <summary>A contract name from an operationId or method and path: updateContact, update_contact, "PATCH /contacts/{id}".</summary>
    public static string? Kebab(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var words = CamelBoundary().Replace(name, "$1-$2");
        var kebab = NonWord().Replace(words, "-").Trim('-').ToLowerInvariant();
        return kebab.Length == 0 || !char.IsAsciiLetter(kebab[0]) || !ContractNames.IsKebab(kebab) ? null : kebab;
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();

    /// <summary>What Microsoft.OpenApi's reader and default rules report, by JSON Pointer.</summary>
    private static List<(string Pointer, string Message)> RuleFindings(OpenApiText text)
    {
        var found = new List<(string, string)>();
        try
        {
            var result = OpenApiDocument.Parse(text.Root.ToJsonString(), "json", new OpenApiReaderSettings());
            foreach (var error in result.Diagnostic?.Errors ?? [])
            {
                found.Add((Pointer(error.Pointer), error.Message));
            }

            if (result.Document is { } document)
            {
                foreach (var error in document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? [])
                {
                    found.Add((Pointer(error.Pointer), error.Message));
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            found.Add(("", $"Microsoft.OpenApi could not read the document: {e.Message}"));
        }

        return found;
    }

    private static string Pointer(string? pointer) => (pointer ?? "").TrimStart('#');

    /// <summary>Reads one operation into a contract.</summary>
    private sealed class OperationReader(OpenApiText text, bool openApi30, Operation operation, string vendor, string path, string sha, List<(string Pointer, string Message)> rules)
    {
        private readonly List<Finding> findings = [];
        private OpenApiSchemas schemas = null!;

        public Contract Read()
        {
            schemas = new OpenApiSchemas(text, openApi30, findings);
            var node = operation.Node;
            var contract = new Contract
            {
                Vendor = vendor,
                Operation = operation.Name,
                Title = String(node, "summary"),
                Summary = String(node, "description"),
                Http = new HttpSpec { Method = operation.Method, Path = operation.Path },
                Provenance = new Provenance { Page = path, Sha256 = sha },
            };
            (contract.Http.BaseUrl, contract.Http.SandboxUrl) = Servers();
            if (operation.Method == "TRACE")
            {
                throw new PageFormatException(path, text.LineOf(operation.Pointer), "a TRACE operation cannot be a contract (its methods are GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS)");
            }

            if (!operation.Path.StartsWith('/'))
            {
                throw new PageFormatException(path, text.LineOf(operation.PathPointer), $"the path \"{operation.Path}\" does not begin with /");
            }

            Auth(contract);
            Parameters(contract);
            RequestBody(contract);
            Responses(contract);

            var mine = rules.Where(r => r.Pointer.Length == 0 || !r.Pointer.StartsWith("/paths/", StringComparison.Ordinal) ||
                r.Pointer.StartsWith(operation.Pointer, StringComparison.Ordinal) || r.Pointer == operation.PathPointer ||
                r.Pointer.StartsWith(operation.PathPointer + "/parameters", StringComparison.Ordinal)).ToList();
            foreach (var (pointer, message) in mine.Take(MaxRuleFindings))
            {
                findings.Add(new Finding(OpenApiFindingCodes.SpecificationRule, FindingSeverity.Warning, $"{message} ({(pointer.Length == 0 ? "/" : pointer)})", text.LineOf(pointer)));
            }

            if (mine.Count > MaxRuleFindings)
            {
                findings.Add(new Finding(OpenApiFindingCodes.SpecificationRule, FindingSeverity.Warning, $"{mine.Count - MaxRuleFindings} more OpenAPI rule findings were left out", null));
            }

            contract.Findings.AddRange(findings);
            return contract;
        }

        /// <summary>
        /// The live and sandbox servers: a server is a sandbox when its description says so ("Sandbox", "Test
        /// environment") or its host does (<c>sandbox.</c>, <c>api-uat.</c>); the first other server is live, as
        /// OpenAPI lists the default first. Relative URLs (the document's own host) give no URL to record.
        /// </summary>
        private (string? BaseUrl, string? SandboxUrl) Servers()
        {
            var (list, at) = operation.Node["servers"] is JsonArray own ? (own, operation.Pointer + "/servers")
                : operation.PathItem["servers"] is JsonArray shared ? (shared, operation.PathPointer + "/servers")
                : (text.Root["servers"] as JsonArray, "/servers");
            var servers = (list ?? []).Select((s, i) => (Url: s is JsonObject o ? AbsoluteUrl(o) : null, Described: String(s as JsonObject, "description"), Pointer: at + "/" + i))
                .Where(s => s.Url is not null).ToList();
            bool IsSandbox((string? Url, string? Described, string Pointer) s) =>
                Derivation.ServerUrls.SaysSandbox(s.Described) || Derivation.ServerUrls.IsSandboxHost(new Uri(s.Url!).Host);
            var live = servers.FirstOrDefault(s => !IsSandbox(s)).Url;
            if (live is null)
            {
                // A document that lists only sandboxes describes the API there: its first server is the base URL.
                return (servers.FirstOrDefault().Url, null);
            }

            var sandbox = servers.FirstOrDefault(s => IsSandbox(s) && s.Url != live);
            if (sandbox.Url is not null)
            {
                findings.Add(new Finding(FindingCodes.EnvironmentUrl, FindingSeverity.Info,
                    $"the document names the sandbox at {sandbox.Url}; the contract records it as http.sandboxUrl", text.LineOf(sandbox.Pointer)));
            }

            return (live, sandbox.Url);
        }

        private static string? AbsoluteUrl(JsonObject server)
        {
            if (String(server, "url") is not { } url)
            {
                return null;
            }

            // Server variables take their defaults.
            foreach (var (name, variable) in server["variables"] as JsonObject ?? [])
            {
                if (variable is JsonObject v && String(v, "default") is { } value)
                {
                    url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
                }
            }

            url = url.TrimEnd('/');
            return Regex.IsMatch(url, "^https?://[^/{}]+") && Uri.TryCreate(url, UriKind.Absolute, out _) ? url : null;
        }

        private void Auth(Contract contract)
        {
            var security = operation.Node["security"] as JsonArray ?? text.Root["security"] as JsonArray;
            if (security is null || security.Count == 0 || security.Any(r => r is JsonObject { Count: 0 }))
            {
                return; // no requirement, or one alternative is "no credentials"
            }

            var pointer = operation.Node.ContainsKey("security") ? operation.Pointer + "/security" : "/security";
            var requirement = security.OfType<JsonObject>().FirstOrDefault();
            if (requirement is null)
            {
                return;
            }

            var headers = new List<string>();
            foreach (var (scheme, _) in requirement)
            {
                var definition = text.Root["components"]?["securitySchemes"]?[scheme] as JsonObject;
                if (definition?["$ref"] is JsonValue reference && schemas.Resolve(reference.GetValue<string>(), pointer)?.Node is JsonObject target)
                {
                    definition = target;
                }

                var (type, httpScheme, where) = (String(definition, "type"), String(definition, "scheme")?.ToLowerInvariant(), String(definition, "in"));
                if (type == "http" && httpScheme == "basic")
                {
                    contract.Http.Auth.Scheme = AuthSchemes.Basic;
                }
                else if ((type == "http" && httpScheme == "bearer") || type is "oauth2" or "openIdConnect")
                {
                    contract.Http.Auth.Scheme = AuthSchemes.Bearer;
                }
                else if (type == "apiKey" && where == "header" && String(definition, "name") is { } header)
                {
                    headers.Add(header);
                }
                else
                {
                    findings.Add(new Finding(OpenApiFindingCodes.PartNotImported, FindingSeverity.Warning,
                        $"the security scheme \"{scheme}\" ({type ?? "undefined"}{(where is null ? "" : " in " + where)}) is not one a contract can hold (basic, bearer or header keys); the contract sends no credentials for it", text.LineOf(pointer)));
                }
            }

            if (headers.Count > 0 && contract.Http.Auth.Scheme == AuthSchemes.None)
            {
                contract.Http.Auth.Scheme = AuthSchemes.Headers;
                contract.Http.Auth.Headers.AddRange(headers);

                // A contract lists credential headers among its parameters too, as secrets (the export makes them schemes).
                foreach (var header in headers)
                {
                    contract.Http.Parameters.Add(new ParameterSpec { Name = header, In = ParameterLocations.Header, Required = true, Secret = true, Line = text.LineOf(pointer), Schema = new JsonObject { ["type"] = "string" } });
                }
            }

            contract.Http.Auth.Line = text.LineOf(pointer);
        }

        private void Parameters(Contract contract)
        {
            var all = new List<(JsonObject Parameter, string Pointer)>();
            foreach (var (list, pointer) in new[] { (operation.PathItem["parameters"], operation.PathPointer + "/parameters"), (operation.Node["parameters"], operation.Pointer + "/parameters") })
            {
                for (var i = 0; list is JsonArray array && i < array.Count; i++)
                {
                    var at = $"{pointer}/{i}";
                    var parameter = array[i] as JsonObject;
                    if (parameter?["$ref"] is JsonValue reference && reference.GetValueKind() == JsonValueKind.String)
                    {
                        var resolved = schemas.Resolve(reference.GetValue<string>(), at);
                        (parameter, at) = (resolved?.Node as JsonObject, resolved?.Pointer ?? at);
                    }

                    if (parameter is null || String(parameter, "name") is null || String(parameter, "in") is null)
                    {
                        continue; // the rules report a parameter without name or in
                    }

                    // An operation's parameter replaces the path item's of the same name and location.
                    all.RemoveAll(p => String(p.Parameter, "name") == String(parameter, "name") && String(p.Parameter, "in") == String(parameter, "in"));
                    all.Add((parameter, at));
                }
            }

            foreach (var (parameter, at) in all)
            {
                var (name, where) = (String(parameter, "name")!, String(parameter, "in")!);
                if (where is not (ParameterLocations.Path or ParameterLocations.Query or ParameterLocations.Header))
                {
                    findings.Add(new Finding(OpenApiFindingCodes.PartNotImported, FindingSeverity.Warning, $"the {where} parameter \"{name}\" cannot be held by a contract (path, query and header parameters can); it was left out", text.LineOf(at)));
                    continue;
                }

                // OpenAPI ignores these header parameters: content negotiation and credentials are described elsewhere.
                if (where == ParameterLocations.Header && (name.Equals("Accept", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var schemaNode = parameter["schema"] ?? (parameter["content"] as JsonObject)?.FirstOrDefault().Value?["schema"];
                var schemaPointer = parameter.ContainsKey("schema") ? at + "/schema" : at;
                var schema = schemas.Convert(schemaNode, schemaPointer);
                var spec = new ParameterSpec
                {
                    Name = name,
                    In = where,
                    Required = where == ParameterLocations.Path || parameter["required"] is JsonValue r && r.GetValueKind() == JsonValueKind.True,
                    Description = String(parameter, "description"),
                    Line = text.LineOf(at),
                    Schema = schema,
                };
                // A credential header the security scheme already added stays one parameter, and stays secret.
                var credential = contract.Http.Parameters.FindIndex(p => p.In == where && p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (credential >= 0)
                {
                    spec.Secret = contract.Http.Parameters[credential].Secret;
                    contract.Http.Parameters.RemoveAt(credential);
                }

                contract.Http.Parameters.Add(spec);
                if (parameter.TryGetPropertyValue("example", out var example))
                {
                    Check(schema, example, at + "/example", $"the example of parameter \"{name}\"");

                    // The parameter's example is the value live requests and the stub start from, as a page's is.
                    if (!schema.ContainsKey("examples"))
                    {
                        schema["examples"] = new JsonArray(example?.DeepClone());
                    }
                }
            }

            // Every {name} in the path must be a path parameter, and the other way round.
            var templated = Regex.Matches(operation.Path, "{([^}]+)}").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var declared = contract.Http.Parameters.Where(p => p.In == ParameterLocations.Path).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var missing in templated.Except(declared))
            {
                findings.Add(new Finding(FindingCodes.PathParameterMismatch, FindingSeverity.Warning, $"the path has {{{missing}}} but the operation declares no path parameter \"{missing}\"; the contract adds one (a string)", text.LineOf(operation.Pointer)));
                contract.Http.Parameters.Add(new ParameterSpec { Name = missing, In = ParameterLocations.Path, Required = true, Schema = new JsonObject { ["type"] = "string" } });
            }

            foreach (var extra in declared.Except(templated))
            {
                findings.Add(new Finding(FindingCodes.PathParameterMismatch, FindingSeverity.Warning, $"the path parameter \"{extra}\" is not in the path {operation.Path}", text.LineOf(operation.Pointer + "/parameters")));
            }
        }

        private void RequestBody(Contract contract)
        {
            var at = operation.Pointer + "/requestBody";
            var body = operation.Node["requestBody"] as JsonObject;
            if (body?["$ref"] is JsonValue reference && reference.GetValueKind() == JsonValueKind.String)
            {
                var resolved = schemas.Resolve(reference.GetValue<string>(), at);
                (body, at) = (resolved?.Node as JsonObject, resolved?.Pointer ?? at);
            }

            if (body is null)
            {
                return;
            }

            if (Json(body, at, "the request body") is { } media)
            {
                contract.Request = new BodySpec { ContentType = media.ContentType, Schema = media.Schema };
                foreach (var (example, pointer) in media.Examples)
                {
                    Check(media.Schema, example, pointer, "the request example");
                }
            }
        }

        private void Responses(Contract contract)
        {
            var at = operation.Pointer + "/responses";
            if (operation.Node["responses"] is not JsonObject responses || responses.Count == 0)
            {
                findings.Add(new Finding(OpenApiFindingCodes.NoSuccessResponse, FindingSeverity.Warning, "the operation declares no responses; the contract has none to check", text.LineOf(operation.Pointer)));
                return;
            }

            foreach (var (code, value) in responses)
            {
                var pointer = at + "/" + OpenApiText.Escape(code);
                var status = code.ToLowerInvariant();
                if (!ContractNames.IsStatus(status))
                {
                    if (status != "default")
                    {
                        findings.Add(new Finding(OpenApiFindingCodes.PartNotImported, FindingSeverity.Warning, $"the response \"{code}\" is not an HTTP status (100-599 or 1XX-5XX); it was left out", text.LineOf(pointer)));
                    }

                    continue; // "default" covers the statuses not listed: a contract names each one
                }

                var response = value as JsonObject;
                if (response?["$ref"] is JsonValue reference && reference.GetValueKind() == JsonValueKind.String)
                {
                    var resolved = schemas.Resolve(reference.GetValue<string>(), pointer);
                    (response, pointer) = (resolved?.Node as JsonObject, resolved?.Pointer ?? pointer);
                }

                if (response is null)
                {
                    continue;
                }

                var media = response["content"] is JsonObject { Count: > 0 } ? Json(response, pointer, $"the {code} response") : null;
                contract.Responses.Add(new ResponseSpec
                {
                    Status = status,
                    Description = String(response, "description"),
                    Line = text.LineOf(pointer),
                    ContentType = media?.ContentType ?? "application/json",
                    Schema = media?.Schema ?? [],
                });
                foreach (var (example, examplePointer) in media?.Examples ?? [])
                {
                    Check(media!.Schema, example, examplePointer, $"the {code} response example");
                    contract.Examples.Responses.Add(new ResponseExample { Status = status, Line = text.LineOf(examplePointer) ?? 1, Body = example?.DeepClone() });
                }
            }

            if (!contract.Responses.Any(r => r.Status.StartsWith('2')))
            {
                findings.Add(new Finding(OpenApiFindingCodes.NoSuccessResponse, FindingSeverity.Warning, "the operation declares no success (2xx) response", text.LineOf(at)));
            }
        }

        private sealed record Media(string ContentType, JsonObject Schema, List<(JsonNode? Example, string Pointer)> Examples);

        /// <summary>The JSON media type of a body (application/json first, then any +json type).</summary>
        private Media? Json(JsonObject body, string at, string what)
        {
            var content = body["content"] as JsonObject ?? [];
            var json = content.FirstOrDefault(c => c.Key.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));
            if (json.Value is null)
            {
                json = content.FirstOrDefault(c => c.Key.Contains("+json", StringComparison.OrdinalIgnoreCase) || c.Key.Contains("/json", StringComparison.OrdinalIgnoreCase));
            }

            if (json.Value is not JsonObject media)
            {
                findings.Add(new Finding(OpenApiFindingCodes.PartNotImported, FindingSeverity.Warning,
                    $"{what} is not JSON ({string.Join(", ", content.Select(c => c.Key))}); a contract checks JSON bodies only, so it accepts any body there", text.LineOf(at + "/content")));
                return null;
            }

            var pointer = $"{at}/content/{OpenApiText.Escape(json.Key)}";
            var schema = schemas.Convert(media["schema"], pointer + "/schema");
            try
            {
                SchemaInterpreter.Create(schema);
            }
            catch (UnsupportedSchemaException e)
            {
                findings.Add(new Finding(FindingCodes.UnknownType, FindingSeverity.Error, $"{what}'s schema cannot be checked: {e.Message}", text.LineOf(pointer + "/schema")));
                return new Media(json.Key.Split(';')[0].Trim(), [], []);
            }

            var examples = new List<(JsonNode?, string)>();
            if (media.TryGetPropertyValue("example", out var example))
            {
                examples.Add((example, pointer + "/example"));
            }

            foreach (var (name, entry) in media["examples"] as JsonObject ?? [])
            {
                var examplePointer = $"{pointer}/examples/{OpenApiText.Escape(name)}";
                var value = entry as JsonObject;
                if (value?["$ref"] is JsonValue reference && reference.GetValueKind() == JsonValueKind.String)
                {
                    var resolved = schemas.Resolve(reference.GetValue<string>(), examplePointer);
                    (value, examplePointer) = (resolved?.Node as JsonObject, resolved?.Pointer ?? examplePointer);
                }

                if (value is not null && value.TryGetPropertyValue("value", out var exampleValue))
                {
                    examples.Add((exampleValue, examplePointer + "/value"));
                }
            }

            return new Media(json.Key.Split(';')[0].Trim(), schema, examples);
        }

        /// <summary>An example the document gives must pass the document's own schema; each error is a finding.</summary>
        private void Check(JsonObject schema, JsonNode? example, string pointer, string what)
        {
            IJsonValidator validator;
            try
            {
                validator = SchemaInterpreter.Create(schema);
            }
            catch (UnsupportedSchemaException)
            {
                return; // reported where the schema was read
            }

            var result = validator.Validate(Encoding.UTF8.GetBytes(example?.ToJsonString() ?? "null"));
            foreach (var error in result.Errors.Take(20))
            {
                findings.Add(new Finding(OpenApiFindingCodes.ExampleContradictsSchema, FindingSeverity.Warning,
                    $"{what} contradicts the document's own schema: {error}; the contract keeps the schema", text.LineOf(pointer + error.InstanceLocation)));
            }
        }

        private static string? String(JsonObject? obj, string key) =>
            obj?[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContractKit.Contracts;
using ContractKit.Import.Pages;

namespace ContractKit.Import.Derivation;

/// <summary>Derives a contract from what a page says (<see cref="PageModel"/>).</summary>
internal static partial class ContractDeriver
{
    /// <summary>Headers that carry the transport, not the API: never contract parameters.</summary>
    private static readonly HashSet<string> TransportHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Accept", "Host", "Content-Length", "User-Agent", "Connection", "Accept-Encoding", "Cache-Control",
    };

    [GeneratedRegex(@"(?<=/):(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ColonParameter();

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex BraceParameter();

    public static Contract Derive(PageModel page, string vendor, string operation, string pagePath, string sha256)
    {
        var findings = new List<Finding>(page.Findings);
        var curl = page.RequestSamples.FirstOrDefault();
        var (method, path, endpointBase) = Endpoint(page, curl, findings);
        var (baseUrl, sandbox, production) = ServerUrls.Choose(endpointBase, path, page.Servers);
        if (production is not null)
        {
            findings.Add(new Finding(FindingCodes.EnvironmentUrl, FindingSeverity.Info,
                $"the endpoint is on the sandbox host {endpointBase}; the base URL is the production host the page names, {production.Url}", production.Line));
        }
        else if (sandbox is { Line: > 0 })
        {
            findings.Add(new Finding(FindingCodes.EnvironmentUrl, FindingSeverity.Info,
                $"the page names the sandbox at {sandbox.Url}; the contract records it as http.sandboxUrl", sandbox.Line));
        }
        var contract = new Contract
        {
            Vendor = vendor,
            Operation = operation,
            Title = page.Title,
            Summary = page.Summary,
            Http = new HttpSpec { Method = method, Path = path, BaseUrl = baseUrl, SandboxUrl = sandbox?.Url },
            Provenance = new Provenance { Page = pagePath, Sha256 = sha256 },
        };

        AddPathParameters(contract.Http, page, curl, findings);
        AddQueryParameters(contract.Http, page, curl);
        AddHeaderParameters(contract.Http, page, curl);
        contract.Http.Auth = Auth(page.RequestSamples);

        var requestSample = RequestBodySample(page, findings);
        var requestFields = page.Sections.Where(s => s.Kind == SectionKind.RequestBody).SelectMany(s => s.Fields).ToList();
        if (requestFields.Count > 0 || requestSample is not null)
        {
            var contentType = page.RequestSamples.SelectMany(r => r.Headers)
                .FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))?.Value;
            contract.Request = new BodySpec
            {
                ContentType = contentType ?? "application/json",
                Schema = new BodySchemaBuilder(BodyPart.Request, findings).Build(requestFields, requestSample),
            };
        }

        AddResponses(contract, page, findings);
        AddExamples(contract, page);
        ReportUnexpressedConstraints(page, findings);

        // Findings read best in page order; the sort is stable, so equal lines keep the order they were found.
        contract.Findings.AddRange(Capped(findings.OrderBy(f => f.Line ?? 0).ToList()));
        return contract;
    }

    /// <summary>
    /// The most warnings and notes a contract records about its page. A page of thousands of repeated rows
    /// would otherwise store a finding per row and make the contract mostly findings. Errors are all kept:
    /// they decide whether anything is written.
    /// </summary>
    public const int MaxFindings = 1000;

    private static IEnumerable<Finding> Capped(List<Finding> ordered)
    {
        var others = ordered.Count(f => f.Severity != FindingSeverity.Error);
        if (others <= MaxFindings)
        {
            return ordered;
        }

        var kept = 0;
        var result = ordered.Where(f => f.Severity == FindingSeverity.Error || kept++ < MaxFindings).ToList();
        result.Add(new Finding(FindingCodes.FindingsCapped, FindingSeverity.Info,
            $"{others - MaxFindings} more warnings and notes about this page were not recorded; a contract keeps at most {MaxFindings}", null));
        return result;
    }

    private static (string Method, string Path, string? BaseUrl) Endpoint(PageModel page, RequestSample? sample, List<Finding> findings)
    {
        var declared = page.Endpoint;
        string? method = declared?.Method ?? sample?.Method;
        string? template = null;
        string? baseUrl = null;
        if (declared is not null)
        {
            if (Uri.TryCreate(declared.Path, UriKind.Absolute, out var declaredUri) && declaredUri.Scheme.StartsWith("http", StringComparison.Ordinal))
            {
                baseUrl = declaredUri.GetLeftPart(UriPartial.Authority);
                template = NormalizeTemplate(Uri.UnescapeDataString(declaredUri.AbsolutePath));
            }
            else
            {
                template = NormalizeTemplate(declared.Path.Split('?')[0]);
            }

            if (sample is not null && !string.Equals(sample.Method, declared.Method, StringComparison.Ordinal))
            {
                findings.Add(new Finding(FindingCodes.ConflictingSamples, FindingSeverity.Warning,
                    $"the page declares {declared.Method} but the {sample.Source} sample at line {sample.Line} sends {sample.Method}; the declaration is used",
                    sample.Line));
            }
        }

        if (sample is not null && Uri.TryCreate(sample.Url, UriKind.Absolute, out var url))
        {
            var samplePath = url.AbsolutePath;
            if (template is null)
            {
                template = TemplateSamplePath(samplePath, page, sample.Line, findings);
                baseUrl ??= url.GetLeftPart(UriPartial.Authority);
            }
            else if (baseUrl is null)
            {
                // The sample's path ends with the template; what comes before it belongs to the base URL.
                var templateSegments = template.Trim('/').Split('/');
                var sampleSegments = samplePath.Trim('/').Split('/');
                var prefix = sampleSegments.Length - templateSegments.Length;
                baseUrl = url.GetLeftPart(UriPartial.Authority)
                          + (prefix > 0 ? "/" + string.Join('/', sampleSegments.Take(prefix)) : "");
            }
        }

        if (method is null || template is null)
        {
            findings.Add(new Finding(FindingCodes.NoEndpoint, FindingSeverity.Error,
                "the page gives no HTTP method and path: expected a line such as \"PATCH /v1/contacts/:id\", a curl sample or a raw HTTP request",
                null));
        }

        return (method ?? "GET", template ?? "/", baseUrl);
    }

    private static void ReportUnexpressedConstraints(PageModel page, List<Finding> findings)
    {
        foreach (var field in page.Sections.SelectMany(s => s.Fields))
        {
            if (ProseConstraints.UnexpressedConstraint(field.Description) is { } phrase)
            {
                findings.Add(new Finding(FindingCodes.ConstraintNotExpressed, FindingSeverity.Warning,
                    $"{field.Name}: \"{phrase}\" reads as a constraint the contract cannot express; it stays in the description and is not checked",
                    field.Line, field.Name));
            }
        }
    }

    /// <summary>
    /// A path read from a sample URL holds concrete ids (<c>/v1/orders/order_123</c>). A segment becomes a
    /// parameter where a path the prose writes (<c>/v1/orders/:id</c>) has one in its place, or where it is the
    /// example value of a documented path parameter, or, for a single documented path parameter, where it is
    /// the one segment that looks like an id.
    /// </summary>
    private static string TemplateSamplePath(string samplePath, PageModel page, int line, List<Finding> findings)
    {
        var segments = samplePath.Trim('/').Split('/');
        foreach (var (prosePath, proseLine) in page.ProsePaths)
        {
            var template = NormalizeTemplate(prosePath.Split('?')[0]).Trim('/').Split('/');
            if (template.Length > segments.Length)
            {
                continue;
            }

            // The prose path may leave out the version prefix the sample's URL carries: compare from the end.
            var offset = segments.Length - template.Length;
            var matches = template.Select((t, i) => BraceParameter().IsMatch(t) || t == segments[offset + i]).All(m => m);
            if (matches && template.Any(t => BraceParameter().IsMatch(t)))
            {
                var templated = segments.Take(offset).Concat(template).ToArray();
                var result = "/" + string.Join('/', templated);
                findings.Add(new Finding(FindingCodes.PathTemplatedFromSample, FindingSeverity.Info,
                    $"the page shows the path only in a sample URL ({samplePath}); it is templated as {result} from the path at line {proseLine}",
                    line));
                return result;
            }
        }

        var parameters = page.Sections.Where(s => s.Kind == SectionKind.PathParameters).SelectMany(s => s.Fields).ToList();
        var replaced = false;
        var reasons = new List<string>();
        foreach (var parameter in parameters)
        {
            var index = Array.FindIndex(segments, s => parameter.Example is { } example && Uri.UnescapeDataString(s) == example.Trim('`'));
            if (index < 0 && parameters.Count == 1)
            {
                var candidates = segments.Select((s, i) => (s, i)).Where(x => LooksLikeId(x.s)).ToList();
                index = candidates.Count == 1 ? candidates[0].i : -1;
            }

            if (index >= 0)
            {
                reasons.Add($"{segments[index]} as {{{parameter.Name}}}");
                segments[index] = "{" + parameter.Name + "}";
                replaced = true;
            }
        }

        if (!replaced)
        {
            return samplePath;
        }

        var path = "/" + string.Join('/', segments);
        findings.Add(new Finding(FindingCodes.PathTemplatedFromSample, FindingSeverity.Info,
            $"the page shows the path only in a sample URL ({samplePath}); it is templated as {path} from the path parameters ({string.Join(", ", reasons)})",
            line));
        return path;
    }

    /// <summary>An id has digits and is not a version (v1, 2023-10-01 dates are versions too).</summary>
    private static bool LooksLikeId(string segment) =>
        segment.Any(char.IsAsciiDigit) && !VersionSegment().IsMatch(segment);

    [GeneratedRegex(@"^(?:v\d+(?:\.\d+)?|\d{4}-\d{2}-\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionSegment();

    /// <summary><c>/v1/contacts/:id</c> and <c>/v1/contacts/{id}</c> both become <c>/v1/contacts/{id}</c>.</summary>
    private static string NormalizeTemplate(string path) => ColonParameter().Replace(path, m => "{" + m.Groups["name"].Value + "}");

    private static void AddPathParameters(HttpSpec http, PageModel page, RequestSample? sample, List<Finding> findings)
    {
        var documented = page.Sections.Where(s => s.Kind == SectionKind.PathParameters).SelectMany(s => s.Fields).ToList();
        var names = BraceParameter().Matches(http.Path).Select(m => m.Groups["name"].Value).ToList();
        var sampleValues = SamplePathValues(http.Path, sample);
        foreach (var name in names)
        {
            var field = documented.FirstOrDefault(f => f.Name == name);
            if (field is null)
            {
                findings.Add(new Finding(FindingCodes.PathParameterMismatch, FindingSeverity.Warning,
                    $"the path {http.Path} has the parameter {{{name}}}, which no path parameter section documents; it is taken to be a required string",
                    page.Endpoint?.Line, name));
            }

            http.Parameters.Add(new ParameterSpec
            {
                Name = name,
                In = ParameterLocations.Path,
                Required = true,
                Description = field?.Description,
                Line = field?.Line,
                Schema = ParameterSchema(field, sampleValues.GetValueOrDefault(name)),
            });
        }

        foreach (var field in documented.Where(f => !names.Contains(f.Name)))
        {
            findings.Add(new Finding(FindingCodes.PathParameterMismatch, FindingSeverity.Warning,
                $"the path parameter {field.Name} does not appear in the path {http.Path}; it is left out of the contract",
                field.Line, field.Name));
        }
    }

    private static Dictionary<string, string> SamplePathValues(string template, RequestSample? sample)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sample is null || !Uri.TryCreate(sample.Url, UriKind.Absolute, out var url))
        {
            return values;
        }

        var templateSegments = template.Trim('/').Split('/');
        var sampleSegments = url.AbsolutePath.Trim('/').Split('/');
        var offset = sampleSegments.Length - templateSegments.Length;
        for (var i = 0; i < templateSegments.Length && offset >= 0; i++)
        {
            if (BraceParameter().Match(templateSegments[i]) is { Success: true } m && m.Value == templateSegments[i])
            {
                values[m.Groups["name"].Value] = Uri.UnescapeDataString(sampleSegments[offset + i]);
            }
        }

        return values;
    }

    private static void AddQueryParameters(HttpSpec http, PageModel page, RequestSample? sample)
    {
        var documented = page.Sections.Where(s => s.Kind == SectionKind.QueryParameters).SelectMany(s => s.Fields).ToList();
        var sampleQuery = new List<string>();
        if (sample is not null && Uri.TryCreate(sample.Url, UriKind.Absolute, out var url) && url.Query.Length > 1)
        {
            sampleQuery.AddRange(url.Query[1..].Split('&').Select(p => Uri.UnescapeDataString(p.Split('=')[0])).Where(p => p.Length > 0));
        }

        foreach (var field in documented)
        {
            http.Parameters.Add(new ParameterSpec
            {
                Name = field.Name,
                In = ParameterLocations.Query,
                Required = field.Required == true,
                Description = field.Description,
                Line = field.Line,
                Schema = ParameterSchema(field, null),
            });
        }

        foreach (var name in sampleQuery.Where(n => documented.All(f => f.Name != n)).Distinct(StringComparer.Ordinal))
        {
            http.Parameters.Add(new ParameterSpec
            {
                Name = name,
                In = ParameterLocations.Query,
                Required = false,
                Line = sample!.Line,
                Schema = new JsonObject { ["type"] = "string" },
            });
        }
    }

    private static void AddHeaderParameters(HttpSpec http, PageModel page, RequestSample? sample)
    {
        var documented = page.Sections.Where(s => s.Kind == SectionKind.HeaderParameters).SelectMany(s => s.Fields).ToList();
        foreach (var field in documented)
        {
            http.Parameters.Add(new ParameterSpec
            {
                Name = field.Name,
                In = ParameterLocations.Header,
                Required = field.Required != false,
                Secret = Volatility.IsCredentialHeader(field.Name),
                Description = field.Description,
                Line = field.Line,
                Schema = ParameterSchema(field, null),
            });
        }

        if (sample is null)
        {
            return;
        }

        foreach (var header in sample.Headers)
        {
            if (TransportHeaders.Contains(header.Name) || header.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || http.Parameters.Any(p => p.In == ParameterLocations.Header && p.Name.Equals(header.Name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // A header every sample request sends is one the API expects.
            http.Parameters.Add(new ParameterSpec
            {
                Name = header.Name,
                In = ParameterLocations.Header,
                Required = true,
                Secret = Volatility.IsCredentialHeader(header.Name),
                Line = header.Line,
                Schema = new JsonObject { ["type"] = "string" },
            });
        }
    }

    private static JsonObject ParameterSchema(DocumentedField? field, string? sampleValue)
    {
        var schema = field is null ? null : TypeWords.ToSchema(field.TypeWord);
        schema ??= new JsonObject { ["type"] = "string" };
        if (field is not null)
        {
            ProseConstraints.Apply(schema, field.Name, field);
        }

        if (sampleValue is not null)
        {
            schema["examples"] = new JsonArray(JsonValue.Create(sampleValue));
        }

        return schema;
    }

    /// <summary>
    /// Basic auth from <c>-u</c> or an <c>Authorization: Basic</c> header; bearer from <c>Authorization: Bearer</c>;
    /// otherwise credential headers (names with secret, key, token, client-id...) and the headers that share
    /// their vendor prefix (<c>X-Ipay-</c>) make a header scheme.
    /// </summary>
    private static AuthSpec Auth(IReadOnlyList<RequestSample> samples)
    {
        var auth = new AuthSpec();
        foreach (var sample in samples)
        {
            if (sample.BasicAuth is not null)
            {
                auth.Scheme = AuthSchemes.Basic;
                auth.Line = sample.BasicAuthLine;
                return auth;
            }

            var authorization = sample.Headers.FirstOrDefault(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
            if (authorization is not null)
            {
                auth.Scheme = authorization.Value.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) ? AuthSchemes.Bearer : AuthSchemes.Basic;
                auth.Line = authorization.Line;
                return auth;
            }
        }

        var headers = samples.SelectMany(s => s.Headers).Where(h => !TransportHeaders.Contains(h.Name)).ToList();
        var credentials = headers.Where(h => Volatility.IsCredentialHeader(h.Name)).ToList();
        if (credentials.Count == 0)
        {
            return auth;
        }

        var prefixes = credentials.Select(h => VendorPrefix(h.Name)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = headers
            .Where(h => Volatility.IsCredentialHeader(h.Name) || (VendorPrefix(h.Name) is { } p && prefixes.Contains(p)))
            .Select(h => h.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);
        auth.Scheme = AuthSchemes.Headers;
        auth.Headers.AddRange(names);
        auth.Line = credentials.Min(h => h.Line);
        return auth;
    }

    /// <summary>"X-Ipay-Client-Id" has the vendor prefix "X-Ipay-"; a header without an X- prefix has none.</summary>
    private static string? VendorPrefix(string header)
    {
        var parts = header.Split('-');
        return parts.Length >= 3 && parts[0].Equals("X", StringComparison.OrdinalIgnoreCase) ? parts[0] + "-" + parts[1] + "-" : null;
    }

    /// <summary>The request body sample the tables are checked against: the first sample's, after checking the others agree.</summary>
    private static JsonSample? RequestBodySample(PageModel page, List<Finding> findings)
    {
        var bodies = page.RequestSamples.Where(r => r.Body is not null).Select(r => (r.Source, r.Line, Body: r.Body!))
            .Concat(page.RequestBodySamples.Select(b => (Source: "JSON", Line: b.StartLine, Body: b)))
            .ToList();
        if (bodies.Count == 0)
        {
            return null;
        }

        var first = bodies[0];
        foreach (var other in bodies.Skip(1))
        {
            if (!JsonNode.DeepEquals(first.Body.Value, other.Body.Value))
            {
                findings.Add(new Finding(FindingCodes.ConflictingSamples, FindingSeverity.Warning,
                    $"the {other.Source} sample at line {other.Line} sends a different body from the {first.Source} sample at line {first.Line}; the first is used",
                    other.Line));
            }
        }

        return first.Body;
    }

    private static void AddResponses(Contract contract, PageModel page, List<Finding> findings)
    {
        // Fields under an error's status (a "400" tab or heading) document that error's body, not the success's.
        static bool IsSuccess(FieldSection s) => s.Kind == SectionKind.ResponseBody && (s.Status is null || s.Status.StartsWith('2'));
        var fields = page.Sections.Where(IsSuccess).SelectMany(s => s.Fields).ToList();
        var success = page.ResponseSamples.FirstOrDefault(s => s.Label != "failure");
        if (fields.Count > 0 || success is not null)
        {
            var line = page.Sections.FirstOrDefault(IsSuccess)?.Line ?? success!.StartLine;
            // A status over the fields, or else over the sample (a "201" tab or heading above it).
            var stated = page.Sections.FirstOrDefault(s => IsSuccess(s) && s.Status is not null)?.Status
                         ?? (success?.Status is { } sampleStatus && sampleStatus.StartsWith('2') ? sampleStatus : null);
            if (stated is null)
            {
                findings.Add(new Finding(FindingCodes.SuccessStatusAssumed, FindingSeverity.Info,
                    "the page does not state the success status; the contract assumes 200", line));
            }

            contract.Responses.Add(new ResponseSpec
            {
                Status = stated ?? "200",
                Description = "Success",
                Line = line,
                Schema = new BodySchemaBuilder(BodyPart.Response, findings).Build(fields, success),
            });
        }

        var failures = page.ResponseSamples.Where(s => s.Label == "failure").ToList();
        foreach (var error in page.Errors)
        {
            var failure = failures.FirstOrDefault();
            var errorFields = page.Sections.Where(s => s.Kind == SectionKind.ResponseBody && s.Status == error.Status).SelectMany(s => s.Fields).ToList();
            JsonObject schema;
            if (failure is not null || errorFields.Count > 0)
            {
                if (failure is not null)
                {
                    failures.RemoveAt(0);
                }

                schema = new BodySchemaBuilder(BodyPart.Response, findings).Build(errorFields, failure);
            }
            else
            {
                findings.Add(new Finding(FindingCodes.ErrorBodyUndocumented, FindingSeverity.Info,
                    $"the error {error.Status} has no documented body; its schema accepts any JSON", error.Line));
                schema = [];
            }

            contract.Responses.Add(new ResponseSpec
            {
                Status = error.Status,
                Description = error.Description,
                Message = error.Message,
                Line = error.Line,
                Schema = schema,
            });
        }

        foreach (var failure in failures)
        {
            // A failure sample with no documented status: a client error is all the page tells.
            contract.Responses.Add(new ResponseSpec
            {
                Status = "4xx",
                Description = "Failure",
                Line = failure.StartLine,
                Schema = new BodySchemaBuilder(BodyPart.Response, findings).Build([], failure),
            });
        }
    }

    private static void AddExamples(Contract contract, PageModel page)
    {
        if (page.RequestSamples.FirstOrDefault() is { } sample)
        {
            var example = new RequestExample
            {
                Source = sample.Source,
                Line = sample.Line,
                Method = sample.Method,
                Url = sample.Url,
                BasicAuth = sample.BasicAuth,
                Body = sample.Body?.Value?.DeepClone(),
            };
            example.Headers.AddRange(sample.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)));
            contract.Examples.Request = example;
        }

        var successStatus = contract.Responses.FirstOrDefault(r => r.Status.StartsWith('2'))?.Status ?? "200";
        var failureStatuses = contract.Responses.Where(r => r.Status != successStatus).Select(r => r.Status).ToList();
        var nextFailure = 0;
        foreach (var response in page.ResponseSamples)
        {
            var status = response.Label == "failure"
                ? nextFailure < failureStatuses.Count ? failureStatuses[nextFailure++] : "4xx"
                : successStatus;
            contract.Examples.Responses.Add(new ResponseExample { Status = status, Line = response.StartLine, Body = response.Value?.DeepClone() });
        }
    }
}

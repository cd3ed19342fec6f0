using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContractKit.Contracts;

/// <summary>
/// Writes a contract as the checked-in file: a fixed member order, two-space indentation, LF line ends,
/// UTF-8 without BOM and a final newline, so that the same contract always gives the same bytes.
/// </summary>
public static class ContractWriter
{
    /// <summary>Where the meta-schema sits relative to <c>schemas/&lt;vendor&gt;/&lt;op&gt;.contract.json</c>.</summary>
    public const string MetaSchemaReference = "../contract.schema.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Keep the vendor's text readable in reviews ("…", "’"); the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToUtf8Bytes(Contract contract)
    {
        var text = ToJsonObject(contract).ToJsonString(Options).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
    }

    public static JsonObject ToJsonObject(Contract contract)
    {
        var root = new JsonObject
        {
            ["$schema"] = MetaSchemaReference,
            ["formatVersion"] = contract.FormatVersion,
            ["schemaDialect"] = Contract.JsonSchemaDialect,
            ["vendor"] = contract.Vendor,
            ["operation"] = contract.Operation,
        };
        AddIfNotNull(root, "title", contract.Title);
        AddIfNotNull(root, "summary", contract.Summary);
        root["http"] = WriteHttp(contract.Http);
        if (contract.Request is { } request)
        {
            root["request"] = new JsonObject
            {
                ["contentType"] = request.ContentType,
                ["schema"] = request.Schema.DeepClone(),
            };
        }

        root["responses"] = new JsonArray(contract.Responses.Select(WriteResponse).ToArray<JsonNode?>());
        root["examples"] = WriteExamples(contract.Examples);
        root["provenance"] = new JsonObject
        {
            ["page"] = contract.Provenance.Page,
            ["sha256"] = contract.Provenance.Sha256,
        };
        root["findings"] = new JsonArray(contract.Findings.Select(WriteFinding).ToArray<JsonNode?>());
        return root;
    }

    private static JsonObject WriteHttp(HttpSpec http)
    {
        var node = new JsonObject { ["method"] = http.Method, ["path"] = http.Path };
        AddIfNotNull(node, "baseUrl", http.BaseUrl);
        AddIfNotNull(node, "sandboxUrl", http.SandboxUrl);
        var auth = new JsonObject { ["scheme"] = http.Auth.Scheme };
        if (http.Auth.Headers.Count > 0)
        {
            auth["headers"] = new JsonArray(http.Auth.Headers.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray());
        }

        AddIfNotNull(auth, "line", http.Auth.Line);
        node["auth"] = auth;
        node["parameters"] = new JsonArray(http.Parameters.Select(p =>
        {
            var parameter = new JsonObject
            {
                ["name"] = p.Name,
                ["in"] = p.In,
                ["required"] = p.Required,
            };
            if (p.Secret)
            {
                parameter["secret"] = true;
            }

            AddIfNotNull(parameter, "description", p.Description);
            AddIfNotNull(parameter, "line", p.Line);
            parameter["schema"] = p.Schema.DeepClone();
            return (JsonNode?)parameter;
        }).ToArray());
        return node;
    }

    private static JsonNode? WriteResponse(ResponseSpec response)
    {
        var node = new JsonObject { ["status"] = response.Status };
        AddIfNotNull(node, "description", response.Description);
        AddIfNotNull(node, "message", response.Message);
        AddIfNotNull(node, "line", response.Line);
        node["contentType"] = response.ContentType;
        node["schema"] = response.Schema.DeepClone();
        return node;
    }

    private static JsonObject WriteExamples(ExampleSet examples)
    {
        var node = new JsonObject();
        if (examples.Request is { } request)
        {
            var requestNode = new JsonObject
            {
                ["source"] = request.Source,
                ["line"] = request.Line,
                ["method"] = request.Method,
                ["url"] = request.Url,
                ["headers"] = new JsonArray(request.Headers
                    .Select(h => (JsonNode?)new JsonObject { ["name"] = h.Key, ["value"] = h.Value })
                    .ToArray()),
            };
            if (request.BasicAuth is { } basic)
            {
                requestNode["basicAuth"] = new JsonObject { ["username"] = basic.Username, ["password"] = basic.Password };
            }

            if (request.Body is not null)
            {
                requestNode["body"] = request.Body.DeepClone();
            }

            node["request"] = requestNode;
        }

        node["responses"] = new JsonArray(examples.Responses.Select(r =>
        {
            var response = new JsonObject { ["status"] = r.Status, ["line"] = r.Line };
            response["body"] = r.Body?.DeepClone();
            return (JsonNode?)response;
        }).ToArray());
        return node;
    }

    private static JsonNode? WriteFinding(Finding finding)
    {
        var node = new JsonObject
        {
            ["code"] = finding.Code,
            ["severity"] = SeverityName(finding.Severity),
            ["message"] = finding.Message,
        };
        AddIfNotNull(node, "line", finding.Line);
        AddIfNotNull(node, "field", finding.Field);
        return node;
    }

    public static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };

    private static void AddIfNotNull(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }

    private static void AddIfNotNull(JsonObject node, string name, int? value)
    {
        if (value is not null)
        {
            node[name] = value.Value;
        }
    }
}

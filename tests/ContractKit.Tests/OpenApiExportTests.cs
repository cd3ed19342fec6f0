using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.OpenApi;
using ContractKit.Testing;
using ContractKit.Validation;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Extensions;
using Microsoft.OpenApi.Interfaces;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Validations;

namespace ContractKit.Tests;

/// <summary>
/// The exported documents read back into Microsoft.OpenApi's object model (1.6.30, which models OpenAPI 3.0;
/// its readers are a separate package that the registry here does not serve, so <see cref="StrictOpenApiReader"/>
/// maps the JSON and refuses any member it does not know) and pass its default validation rules.
/// </summary>
public sealed class OpenApiExportTests
{
    private static readonly List<Contract> Contracts =
    [
        ContractReader.ReadFile(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")),
        ContractReader.ReadFile(Repo.PathOf("schemas", "instantpay", "update-contact.contract.json")),
    ];

    public static TheoryData<string> Vendors => new() { "razorpay", "instantpay" };

    private static JsonObject Export(string vendor, OpenApiVersion version) =>
        OpenApiExporter.Export(Contracts, version).Single(d => d.Vendor == vendor).Document;

    [Theory]
    [MemberData(nameof(Vendors))]
    public void The_30_document_reads_back_into_MicrosoftOpenApi_with_no_errors_and_writes_out_the_same(string vendor)
    {
        var exported = Export(vendor, OpenApiVersion.V3_0);
        var document = StrictOpenApiReader.Read(exported);

        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet()).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));

        // Whatever the model holds, it writes back: nothing in the export was lost on the way in.
        var written = JsonNode.Parse(document.SerializeAsJson(OpenApiSpecVersion.OpenApi3_0))!.AsObject();
        Assert.StartsWith("3.0.", written["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        written["openapi"] = exported["openapi"]!.DeepClone(); // the model writes its own 3.0 patch level
        Assert.Equal([], Differences(exported, written, ""));
    }

    [Fact]
    public void The_razorpay_document_describes_the_endpoint_as_the_contract_does()
    {
        var document = StrictOpenApiReader.Read(Export("razorpay", OpenApiVersion.V3_0));

        var operation = document.Paths["/v1/contacts/{id}"].Operations[OperationType.Patch];
        Assert.Equal("activate-contact", operation.OperationId);
        var id = Assert.Single(operation.Parameters);
        Assert.Equal(("id", ParameterLocation.Path, true), (id.Name, id.In!.Value, id.Required));
        Assert.Equal(["active"], operation.RequestBody.Content["application/json"].Schema.Required);
        var success = operation.Responses["200"].Content["application/json"].Schema;
        Assert.True(success.Properties["batch_id"].Nullable);
        Assert.Equal(15, success.Properties["notes"].MaxProperties);
        Assert.Equal(256, success.Properties["notes"].AdditionalProperties.MaxLength);
        Assert.True(operation.Responses.ContainsKey("4XX"));
        Assert.Equal(SecuritySchemeType.Http, document.Components.SecuritySchemes["basicAuth"].Type);
        Assert.Equal("basicAuth", Assert.Single(Assert.Single(operation.Security).Keys).Reference.Id);
    }

    [Fact]
    public void Credential_headers_are_security_schemes_required_together_not_parameters()
    {
        var document = StrictOpenApiReader.Read(Export("instantpay", OpenApiVersion.V3_0));

        var operation = document.Paths["/contacts/profile"].Operations[OperationType.Patch];
        Assert.Null(operation.Parameters.FirstOrDefault(p => p.Name.StartsWith("X-Ipay", StringComparison.Ordinal)));
        var requirement = Assert.Single(operation.Security);
        Assert.Equal(
            ["X-Ipay-Auth-Code", "X-Ipay-Client-Id", "X-Ipay-Client-Secret", "X-Ipay-Endpoint-Ip"],
            requirement.Keys.Select(k => document.Components.SecuritySchemes[k.Reference.Id].Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void The_31_document_keeps_the_contract_schemas_and_their_examples_validate(string vendor)
    {
        var document = Export(vendor, OpenApiVersion.V3_1);
        Assert.Equal("3.1.0", document["openapi"]!.GetValue<string>());

        var media = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .SelectMany(o => Media(o.Value!.AsObject())).ToList();
        Assert.NotEmpty(media);
        foreach (var item in media)
        {
            // 2020-12 keywords stay as they are (a nullable field keeps its type list) and the schema compiles.
            Assert.DoesNotContain("\"nullable\"", item["schema"]!.ToJsonString(), StringComparison.Ordinal);
            var validator = SchemaInterpreter.Create(item["schema"]);
            if (item["example"] is { } example)
            {
                var result = validator.Validate(Encoding.UTF8.GetBytes(example.ToJsonString()));
                Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.ToString())));
            }
        }

        var batch = document["paths"]!["/v1/contacts/{id}"]?["patch"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["properties"]?["batch_id"];
        if (vendor == "razorpay")
        {
            Assert.Equal("""["string","null"]""", batch!["type"]!.ToJsonString());
        }
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void The_31_and_30_documents_differ_only_in_version_and_schema_spelling(string vendor)
    {
        // Microsoft.OpenApi 1.6.30 cannot read 3.1, so the 3.1 document is held to the validated 3.0 one:
        // outside the schemas (checked above against 2020-12) the two must be the same document.
        var v31 = WithoutSchemas(Export(vendor, OpenApiVersion.V3_1));
        var v30 = WithoutSchemas(Export(vendor, OpenApiVersion.V3_0));
        v31["openapi"] = "3.0.3";

        Assert.Equal([], Differences(v30, v31, ""));
    }

    private static JsonObject WithoutSchemas(JsonObject document)
    {
        var copy = document.DeepClone().AsObject();
        void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    obj.Remove("schema");
                    obj.Remove("schemas");
                    foreach (var (_, value) in obj.ToList())
                    {
                        Strip(value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Strip(item);
                    }

                    break;
            }
        }

        Strip(copy);
        return copy;
    }

    [Fact]
    public void Defs_move_to_components_and_31_down_converts_to_30_spelling()
    {
        var contract = ContractReader.Read(Encoding.UTF8.GetBytes("""
            {
              "formatVersion": 1, "schemaDialect": "https://json-schema.org/draft/2020-12/schema", "vendor": "shop", "operation": "get-order",
              "http": { "method": "GET", "path": "/orders/{id}", "auth": { "scheme": "bearer" },
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string", "examples": ["o_1"] } } ] },
              "responses": [ { "status": "200", "contentType": "application/json", "schema": {
                "type": "object", "$defs": { "line": { "type": "object", "properties": { "qty": { "type": "integer", "exclusiveMinimum": 0 } } } },
                "properties": {
                  "lines": { "type": "array", "items": { "$ref": "#/$defs/line" } },
                  "kind": { "const": "order" },
                  "amount": { "type": ["integer", "string", "null"] } } } } ],
              "provenance": { "page": "p", "sha256": "0000000000000000000000000000000000000000000000000000000000000000" }
            }
            """), "shop.contract.json");

        var v30 = OpenApiExporter.Export([contract], OpenApiVersion.V3_0).Single().Document;
        var document = StrictOpenApiReader.Read(v30);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()));
        var schema = document.Paths["/orders/{id}"].Operations[OperationType.Get].Responses["200"].Content["application/json"].Schema;
        Assert.Equal("GetOrder_line", schema.Properties["lines"].Items.Reference.Id);
        var line = document.Components.Schemas["GetOrder_line"];
        Assert.Equal((0m, true), (line.Properties["qty"].Minimum!.Value, line.Properties["qty"].ExclusiveMinimum!.Value));
        Assert.Equal("order", ((OpenApiString)Assert.Single(schema.Properties["kind"].Enum)).Value);
        Assert.True(schema.Properties["amount"].Nullable);
        Assert.Equal(["integer", "string"], schema.Properties["amount"].AnyOf.Select(s => s.Type));
        Assert.Equal("o_1", ((OpenApiString)document.Paths["/orders/{id}"].Operations[OperationType.Get].Parameters[0].Schema.Example).Value);

        var v31 = OpenApiExporter.Export([contract], OpenApiVersion.V3_1).Single().Document;
        Assert.Equal("#/components/schemas/GetOrder_line", v31["paths"]!["/orders/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["properties"]!["lines"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal(0, v31["components"]!["schemas"]!["GetOrder_line"]!["properties"]!["qty"]!["exclusiveMinimum"]!.GetValue<int>());
    }

    /// <summary>Every pointer where the two documents differ, for a readable failure.</summary>
    private static List<string> Differences(JsonNode? expected, JsonNode? actual, string at)
    {
        if (expected is JsonObject a && actual is JsonObject b)
        {
            return a.Select(p => p.Key).Union(b.Select(p => p.Key))
                .SelectMany(k => Differences(a[k], b[k], at + "/" + k)).ToList();
        }

        if (expected is JsonArray x && actual is JsonArray y && x.Count == y.Count)
        {
            return x.Select((item, i) => Differences(item, y[i], $"{at}/{i}")).SelectMany(d => d).ToList();
        }

        return JsonNode.DeepEquals(expected, actual) ? [] : [$"{at}: {expected?.ToJsonString() ?? "(none)"} written as {actual?.ToJsonString() ?? "(none)"}"];
    }

    private static IEnumerable<JsonObject> Media(JsonObject operation)
    {
        var bodies = new List<JsonNode?> { operation["requestBody"] };
        bodies.AddRange((operation["responses"] as JsonObject ?? []).Select(r => r.Value));
        return bodies.OfType<JsonObject>()
            .SelectMany(b => (b["content"] as JsonObject ?? []).Select(c => c.Value!.AsObject()));
    }
}

/// <summary>
/// Maps an OpenAPI 3.0 JSON document onto Microsoft.OpenApi's object model. Strict: a member it does not map
/// fails the test, so that nothing exported goes unchecked.
/// </summary>
internal static class StrictOpenApiReader
{
    public static OpenApiDocument Read(JsonObject json)
    {
        Known(json, "", "openapi", "info", "servers", "paths", "components");
        Assert.Equal("3.0.3", json["openapi"]!.GetValue<string>());
        var info = json["info"]!.AsObject();
        Known(info, "/info", "title", "description", "version");
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo { Title = Text(info, "title"), Description = Text(info, "description"), Version = Text(info, "version") },
            Paths = new OpenApiPaths(),
            Components = new OpenApiComponents(),
        };
        foreach (var server in json["servers"] as JsonArray ?? [])
        {
            Known(server!.AsObject(), "/servers", "url");
            document.Servers.Add(new OpenApiServer { Url = Text(server.AsObject(), "url") });
        }

        if (json["components"] is JsonObject components)
        {
            Known(components, "/components", "schemas", "securitySchemes");
            foreach (var (name, schema) in components["schemas"] as JsonObject ?? [])
            {
                document.Components.Schemas[name] = Schema(schema!.AsObject(), "/components/schemas/" + name);
            }

            foreach (var (name, scheme) in components["securitySchemes"] as JsonObject ?? [])
            {
                document.Components.SecuritySchemes[name] = SecurityScheme(scheme!.AsObject(), "/components/securitySchemes/" + name);
            }
        }

        foreach (var (path, item) in json["paths"]!.AsObject())
        {
            var pathItem = new OpenApiPathItem();
            foreach (var (method, operation) in item!.AsObject())
            {
                var type = Enum.Parse<OperationType>(method, ignoreCase: true);
                pathItem.Operations[type] = Operation(operation!.AsObject(), $"/paths/{path}/{method}");
            }

            document.Paths[path] = pathItem;
        }

        return document;
    }

    private static OpenApiOperation Operation(JsonObject json, string at)
    {
        Known(json, at, "operationId", "summary", "description", "parameters", "requestBody", "responses", "security");
        var operation = new OpenApiOperation
        {
            OperationId = Text(json, "operationId"),
            Summary = Text(json, "summary"),
            Description = Text(json, "description"),
            Responses = new OpenApiResponses(),
        };
        foreach (var parameter in json["parameters"] as JsonArray ?? [])
        {
            var p = parameter!.AsObject();
            Known(p, at + "/parameters", "name", "in", "description", "required", "schema");
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Text(p, "name"),
                In = Text(p, "in")!.GetEnumFromDisplayName<ParameterLocation>(),
                Description = Text(p, "description"),
                Required = p["required"]?.GetValue<bool>() ?? false,
                Schema = Schema(p["schema"]!.AsObject(), at + "/parameters/schema"),
            });
        }

        if (json["requestBody"] is JsonObject body)
        {
            Known(body, at + "/requestBody", "required", "content");
            operation.RequestBody = new OpenApiRequestBody { Required = body["required"]?.GetValue<bool>() ?? false, Content = Content(body["content"]!.AsObject(), at) };
        }

        foreach (var (status, response) in json["responses"]!.AsObject())
        {
            var r = response!.AsObject();
            Known(r, $"{at}/responses/{status}", "description", "content");
            operation.Responses[status] = new OpenApiResponse
            {
                Description = Text(r, "description"),
                Content = r["content"] is JsonObject content ? Content(content, at) : new Dictionary<string, OpenApiMediaType>(),
            };
        }

        foreach (var requirement in json["security"] as JsonArray ?? [])
        {
            var entry = new OpenApiSecurityRequirement();
            foreach (var (name, scopes) in requirement!.AsObject())
            {
                entry[new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = name } }] =
                    scopes!.AsArray().Select(s => s!.GetValue<string>()).ToList();
            }

            operation.Security.Add(entry);
        }

        return operation;
    }

    private static Dictionary<string, OpenApiMediaType> Content(JsonObject json, string at)
    {
        var content = new Dictionary<string, OpenApiMediaType>();
        foreach (var (type, media) in json)
        {
            var m = media!.AsObject();
            Known(m, $"{at}/content/{type}", "schema", "example");
            content[type] = new OpenApiMediaType
            {
                Schema = Schema(m["schema"]!.AsObject(), $"{at}/content/{type}/schema"),
                Example = m.ContainsKey("example") ? Any(m["example"]) : null,
            };
        }

        return content;
    }

    private static OpenApiSecurityScheme SecurityScheme(JsonObject json, string at)
    {
        Known(json, at, "type", "scheme", "in", "name");
        return new OpenApiSecurityScheme
        {
            Type = Text(json, "type")!.GetEnumFromDisplayName<SecuritySchemeType>(),
            Scheme = Text(json, "scheme"),
            In = Text(json, "in")?.GetEnumFromDisplayName<ParameterLocation>() ?? default,
            Name = Text(json, "name"),
        };
    }

    private static OpenApiSchema Schema(JsonObject json, string at)
    {
        var schema = new OpenApiSchema();
        foreach (var (keyword, value) in json)
        {
            switch (keyword)
            {
                case "type": schema.Type = value!.GetValue<string>(); break;
                case "format": schema.Format = value!.GetValue<string>(); break;
                case "description": schema.Description = value!.GetValue<string>(); break;
                case "title": schema.Title = value!.GetValue<string>(); break;
                case "nullable": schema.Nullable = value!.GetValue<bool>(); break;
                case "deprecated": schema.Deprecated = value!.GetValue<bool>(); break;
                case "pattern": schema.Pattern = value!.GetValue<string>(); break;
                case "maxLength": schema.MaxLength = value!.GetValue<int>(); break;
                case "minLength": schema.MinLength = value!.GetValue<int>(); break;
                case "maxItems": schema.MaxItems = value!.GetValue<int>(); break;
                case "minItems": schema.MinItems = value!.GetValue<int>(); break;
                case "maxProperties": schema.MaxProperties = value!.GetValue<int>(); break;
                case "minProperties": schema.MinProperties = value!.GetValue<int>(); break;
                case "uniqueItems": schema.UniqueItems = value!.GetValue<bool>(); break;
                case "maximum": schema.Maximum = value!.GetValue<decimal>(); break;
                case "minimum": schema.Minimum = value!.GetValue<decimal>(); break;
                case "multipleOf": schema.MultipleOf = value!.GetValue<decimal>(); break;
                case "exclusiveMaximum": schema.ExclusiveMaximum = value!.GetValue<bool>(); break;
                case "exclusiveMinimum": schema.ExclusiveMinimum = value!.GetValue<bool>(); break;
                case "default": schema.Default = Any(value); break;
                case "example": schema.Example = Any(value); break;
                case "enum": schema.Enum = value!.AsArray().Select(Any).ToList(); break;
                case "required": schema.Required = value!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet(); break;
                case "items": schema.Items = Schema(value!.AsObject(), at + "/items"); break;
                case "not": schema.Not = Schema(value!.AsObject(), at + "/not"); break;
                case "anyOf": schema.AnyOf = value!.AsArray().Select(s => Schema(s!.AsObject(), at + "/anyOf")).ToList(); break;
                case "oneOf": schema.OneOf = value!.AsArray().Select(s => Schema(s!.AsObject(), at + "/oneOf")).ToList(); break;
                case "properties":
                    schema.Properties = value!.AsObject().ToDictionary(p => p.Key, p => Schema(p.Value!.AsObject(), $"{at}/properties/{p.Key}"));
                    break;
                case "additionalProperties" when value is JsonObject map:
                    schema.AdditionalProperties = Schema(map, at + "/additionalProperties");
                    break;
                case "additionalProperties":
                    schema.AdditionalPropertiesAllowed = value!.GetValue<bool>();
                    break;
                case "$ref":
                    var target = value!.GetValue<string>();
                    Assert.StartsWith("#/components/schemas/", target, StringComparison.Ordinal);
                    schema.Reference = new OpenApiReference { Type = ReferenceType.Schema, Id = target["#/components/schemas/".Length..] };
                    schema.UnresolvedReference = false;
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    schema.Extensions[extension] = (IOpenApiExtension)Any(value);
                    break;
                default:
                    Assert.Fail($"{at}: \"{keyword}\" is not an OpenAPI 3.0 schema keyword");
                    break;
            }
        }

        return schema;
    }

    private static IOpenApiAny Any(JsonNode? node) => node switch
    {
        null => new OpenApiNull(),
        JsonObject obj => Object(obj),
        JsonArray array => Array(array),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => new OpenApiString(value.GetValue<string>()),
            JsonValueKind.True or JsonValueKind.False => new OpenApiBoolean(value.GetValue<bool>()),
            JsonValueKind.Number when value.TryGetValue<int>(out var small) => new OpenApiInteger(small),
            JsonValueKind.Number when value.TryGetValue<long>(out var large) => new OpenApiLong(large),
            JsonValueKind.Number => new OpenApiDouble(double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture)),
            _ => new OpenApiNull(),
        },
        _ => throw new InvalidOperationException(),
    };

    private static OpenApiObject Object(JsonObject json)
    {
        var result = new OpenApiObject();
        foreach (var (name, value) in json)
        {
            result[name] = Any(value);
        }

        return result;
    }

    private static OpenApiArray Array(JsonArray json)
    {
        var result = new OpenApiArray();
        result.AddRange(json.Select(Any));
        return result;
    }

    private static string? Text(JsonObject json, string name) => json[name]?.GetValue<string>();

    private static void Known(JsonObject json, string at, params string[] members)
    {
        var unknown = json.Select(p => p.Key).Where(k => !members.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"{at}: unexpected member(s) {string.Join(", ", unknown)}");
    }
}

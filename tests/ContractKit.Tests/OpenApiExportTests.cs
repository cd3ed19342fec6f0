using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.OpenApi;
using ContractKit.Testing;
using ContractKit.Validation;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ContractKit.Tests;

/// <summary>
/// The exported documents, 3.1 and its 3.0 down-conversion, read back with Microsoft.OpenApi 3.11's reader
/// (no diagnostics), pass its default validation rules and write out the same document again.
/// </summary>
public sealed class OpenApiExportTests
{
    private static readonly List<Contract> Contracts =
    [
        ContractReader.ReadFile(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")),
        ContractReader.ReadFile(Repo.PathOf("schemas", "instantpay", "update-contact.contract.json")),
    ];

    public static TheoryData<string> Vendors => new() { "razorpay", "instantpay" };

    public static TheoryData<string, string> VendorsAndVersions => new()
    {
        { "razorpay", "3.1" }, { "razorpay", "3.0" }, { "instantpay", "3.1" }, { "instantpay", "3.0" },
    };

    private static JsonObject Export(string vendor, OpenApiVersion version) =>
        OpenApiExporter.Export(Contracts, version).Single(d => d.Vendor == vendor).Document;

    /// <summary>Reads a document with the library's reader; any reading error or rule broken fails the test.</summary>
    internal static OpenApiDocument Read(JsonObject json)
    {
        var result = OpenApiDocument.Parse(Encoding.UTF8.GetString(OpenApiExporter.ToUtf8Bytes(json)), "json", new OpenApiReaderSettings());
        Assert.True(result.Diagnostic is not null && result.Diagnostic.Errors.Count == 0,
            string.Join("\n", result.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? ["no diagnostic"]));
        Assert.NotNull(result.Document);
        var broken = result.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()).ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken.Select(e => $"{e.Pointer}: {e.Message}")));
        return result.Document;
    }

    [Theory]
    [MemberData(nameof(VendorsAndVersions))]
    public async Task The_document_reads_back_into_MicrosoftOpenApi_with_no_errors_and_writes_out_the_same(string vendor, string version)
    {
        var (ours, theirs) = version == "3.1" ? (OpenApiVersion.V3_1, OpenApiSpecVersion.OpenApi3_1) : (OpenApiVersion.V3_0, OpenApiSpecVersion.OpenApi3_0);
        var exported = Export(vendor, ours);
        var document = Read(exported);

        // Whatever the model holds, it writes back: nothing in the export was lost or misread on the way in.
        var written = JsonNode.Parse(await document.SerializeAsJsonAsync(theirs, TestContext.Current.CancellationToken))!.AsObject();
        Assert.StartsWith(version + ".", written["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        written["openapi"] = exported["openapi"]!.DeepClone(); // the model writes its own patch level
        var differences = Differences(exported, written, "");
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Theory]
    [InlineData("3.1")]
    [InlineData("3.0")]
    public void The_razorpay_document_describes_the_endpoint_as_the_contract_does(string version)
    {
        var document = Read(Export("razorpay", version == "3.1" ? OpenApiVersion.V3_1 : OpenApiVersion.V3_0));

        var operation = document.Paths["/v1/contacts/{id}"].Operations![HttpMethod.Patch];
        Assert.Equal("activate-contact", operation.OperationId);
        var id = Assert.Single(operation.Parameters!);
        Assert.Equal(("id", ParameterLocation.Path, true), (id.Name, id.In!.Value, id.Required));
        Assert.Equal(["active"], operation.RequestBody!.Content!["application/json"].Schema!.Required!);
        var success = operation.Responses!["200"].Content!["application/json"].Schema!;
        Assert.Equal(JsonSchemaType.String | JsonSchemaType.Null, success.Properties!["batch_id"].Type);
        Assert.Equal(15, success.Properties["notes"].MaxProperties);
        Assert.Equal(256, success.Properties["notes"].AdditionalProperties!.MaxLength);
        Assert.True(operation.Responses.ContainsKey("4XX"));
        Assert.Equal(SecuritySchemeType.Http, document.Components!.SecuritySchemes!["basicAuth"].Type);
        Assert.Equal("basicAuth", Assert.Single(Assert.Single(operation.Security!).Keys).Reference.Id);
    }

    [Fact]
    public void A_sandbox_the_page_names_is_a_second_server_described_as_such_and_reads_back()
    {
        var contract = ContractReader.ReadFile(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
        contract.Http.SandboxUrl = "https://sandbox.razorpay.example";

        var document = OpenApiExporter.Export([contract], OpenApiVersion.V3_1).Single().Document;

        var servers = document["servers"]!.AsArray();
        Assert.Equal(["https://api.razorpay.com", "https://sandbox.razorpay.example"], servers.Select(s => s!["url"]!.GetValue<string>()));
        Assert.Equal("Sandbox", servers[1]!["description"]!.GetValue<string>());
        Assert.Equal(2, Read(document).Servers!.Count);
    }

    [Fact]
    public void Credential_headers_are_security_schemes_required_together_not_parameters()
    {
        var document = Read(Export("instantpay", OpenApiVersion.V3_1));

        var operation = document.Paths["/contacts/profile"].Operations![HttpMethod.Patch];
        Assert.Null(operation.Parameters?.FirstOrDefault(p => p.Name!.StartsWith("X-Ipay", StringComparison.Ordinal)));
        var requirement = Assert.Single(operation.Security!);
        Assert.Equal(
            ["X-Ipay-Auth-Code", "X-Ipay-Client-Id", "X-Ipay-Client-Secret", "X-Ipay-Endpoint-Ip"],
            requirement.Keys.Select(k => document.Components!.SecuritySchemes![k.Reference.Id!].Name!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_document_that_breaks_the_rules_is_caught_by_the_reader_check()
    {
        // The check must be able to fail: a response without its required description, a path parameter not required.
        var broken = Export("razorpay", OpenApiVersion.V3_1);
        var operation = broken["paths"]!["/v1/contacts/{id}"]!["patch"]!.AsObject();
        operation["responses"]!["200"]!.AsObject().Remove("description");
        operation["parameters"]![0]!["required"] = false;
        Assert.ThrowsAny<Exception>(() => Read(broken));
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
        // Outside the schemas (checked above against 2020-12) the down-conversion must change nothing.
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

    [Theory]
    [InlineData("3.1")]
    [InlineData("3.0")]
    public void A_contract_nested_as_deep_as_the_reader_allows_exports_and_reads_back(string version)
    {
        // Found by CLI contract fuzzing (seed 7): 29 nested objects read, then the export crashed on the
        // writer's default depth of 64.
        Contract? deepest = null;
        for (var levels = 1; ; levels++)
        {
            var schema = "{ \"type\": \"string\" }";
            for (var i = 0; i < levels; i++)
            {
                schema = "{ \"type\": [\"object\", \"null\"], \"properties\": { \"n" + i + "\": " + schema + " } }";
            }

            var text = """
                { "formatVersion": 1, "schemaDialect": "https://json-schema.org/draft/2020-12/schema", "vendor": "shop", "operation": "get-order",
                  "http": { "method": "GET", "path": "/orders", "auth": { "scheme": "bearer" }, "parameters": [] },
                  "responses": [ { "status": "200", "contentType": "application/json", "schema": 
                """ + schema + """
                 } ],
                  "provenance": { "page": "p", "sha256": "0000000000000000000000000000000000000000000000000000000000000000" } }
                """;
            try
            {
                deepest = ContractReader.Read(Encoding.UTF8.GetBytes(text), "deep.contract.json");
            }
            catch (ContractFormatException) when (deepest is not null)
            {
                break;
            }
        }

        Assert.NotNull(deepest);
        var document = OpenApiExporter.Export([deepest], version == "3.1" ? OpenApiVersion.V3_1 : OpenApiVersion.V3_0).Single().Document;
        var bytes = OpenApiExporter.ToUtf8Bytes(document);
        Assert.NotNull(JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = OpenApiExporter.MaxDocumentDepth }));
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
        var document = Read(v30);
        var get = document.Paths["/orders/{id}"].Operations![HttpMethod.Get];
        var schema = get.Responses!["200"].Content!["application/json"].Schema!;
        var items = Assert.IsType<OpenApiSchemaReference>(schema.Properties!["lines"].Items);
        Assert.Equal("GetOrder_line", items.Reference.Id);
        var line = document.Components!.Schemas!["GetOrder_line"];
        // 3.0's boolean exclusiveMinimum beside minimum, read back as 2020-12's numeric bound.
        Assert.Equal("0", line.Properties!["qty"].ExclusiveMinimum);
        Assert.Equal("\"order\"", Assert.Single(schema.Properties["kind"].Enum!)!.ToJsonString());
        // ["integer", "string", "null"]: 3.0 reads nullable only beside a type, so null rides in the first branch.
        Assert.Equal([JsonSchemaType.Integer | JsonSchemaType.Null, JsonSchemaType.String], schema.Properties["amount"].AnyOf!.Select(s => s.Type!.Value));
        var parameterSchema = get.Parameters![0].Schema!;
#pragma warning disable CS0618 // 3.0's single "example" is where the 3.0 reader puts it
        Assert.Equal("\"o_1\"", (parameterSchema.Example ?? parameterSchema.Examples?.FirstOrDefault())?.ToJsonString());
#pragma warning restore CS0618
        Assert.Empty(Read(OpenApiExporter.Export([contract], OpenApiVersion.V3_1).Single().Document).Paths["/orders/{id}"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!.Properties!["amount"].AnyOf ?? []);

        var v31 = OpenApiExporter.Export([contract], OpenApiVersion.V3_1).Single().Document;
        Assert.Equal("#/components/schemas/GetOrder_line", v31["paths"]!["/orders/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["properties"]!["lines"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal(0, v31["components"]!["schemas"]!["GetOrder_line"]!["properties"]!["qty"]!["exclusiveMinimum"]!.GetValue<int>());
    }

    /// <summary>Every pointer where the two documents differ, for a readable failure.</summary>
    private static List<string> Differences(JsonNode? expected, JsonNode? actual, string at)
    {
        // A type list is a set: the library writes it in its own order.
        if (at.EndsWith("/type", StringComparison.Ordinal) && expected is JsonArray && actual is JsonArray)
        {
            (expected, actual) = (Sorted(expected), Sorted(actual));
        }

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

    private static JsonArray Sorted(JsonNode list) =>
        new(list.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).Select(t => (JsonNode)JsonValue.Create(t)).ToArray());

    private static IEnumerable<JsonObject> Media(JsonObject operation)
    {
        var bodies = new List<JsonNode?> { operation["requestBody"] };
        bodies.AddRange((operation["responses"] as JsonObject ?? []).Select(r => r.Value));
        return bodies.OfType<JsonObject>()
            .SelectMany(b => (b["content"] as JsonObject ?? []).Select(c => c.Value!.AsObject()));
    }
}

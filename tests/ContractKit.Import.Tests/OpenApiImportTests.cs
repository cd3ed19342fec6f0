using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Diff;
using ContractKit.Import.OpenApi;
using ContractKit.Import.Pages;
using ContractKit.OpenApi;
using ContractKit.Testing;
using ContractKit.Validation;

namespace ContractKit.Import.Tests;

/// <summary>
/// OpenAPI 3.0 (YAML) and 3.1 (JSON) documents written here for the two vendor operations the project has, and
/// hostile ones, imported into contracts.
/// </summary>
public sealed class OpenApiImportTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures", "openapi", name));

    private static Contract CheckedIn(string vendor, string operation) =>
        ContractReader.ReadFile(Repo.PathOf("schemas", vendor, operation + ".contract.json"));

    private static Contract ImportOne(string text, string? operation = null) =>
        Assert.Single(OpenApiImporter.Import(Encoding.UTF8.GetBytes(text), "doc.yaml", "shop", operation)).Result.Contract;

    /// <summary>The breaking and potentially breaking differences between the page's contract and the imported one.</summary>
    private static List<string> Disagreements(Contract page, Contract imported)
    {
        imported.Operation = page.Operation;
        return ContractDiff.Compare(page, "page", imported, "openapi").Changes
            .Where(c => c.Rule.Class != ChangeClass.NonBreaking)
            .Select(c => $"{c.Rule.Id} {c.Where} {c.Field}: {c.Message}").ToList();
    }

    [Fact]
    public void A_30_yaml_document_for_razorpay_imports_to_what_the_page_says()
    {
        var import = Assert.Single(OpenApiImporter.Import(Fixture("razorpay-contacts.yaml"), "razorpay-contacts.yaml", "razorpay", null));
        var contract = import.Result.Contract;

        Assert.Equal(("activate-contact", "PATCH", "/v1/contacts/{id}"), (import.Name, import.Method, import.Path));
        Assert.Equal(("https://api.razorpay.com", AuthSchemes.Basic), (contract.Http.BaseUrl, contract.Http.Auth.Scheme));
        var batch = contract.Responses.Single(r => r.Status == "200").Schema["properties"]!["batch_id"]!;
        Assert.Equal("""["string","null"]""", batch["type"]!.ToJsonString());
        Assert.Equal(["200", "4xx"], contract.Responses.Select(r => r.Status));
        Assert.Equal(1545320320, Assert.Single(contract.Examples.Responses).Body!["created_at"]!.GetValue<long>());
        Assert.DoesNotContain(contract.Findings, f => f.Severity != FindingSeverity.Info);

        // The document and the page describe the same API: nothing a client would notice differs.
        Assert.Equal([], Disagreements(CheckedIn("razorpay", "activate-contact"), contract));

        // The contract written from it reads back as a contract.
        Assert.Equal(contract.Operation, ContractReader.Read(ContractWriter.ToUtf8Bytes(contract), "x.contract.json").Operation);
    }

    [Fact]
    public void A_31_json_document_for_instantpay_imports_its_credential_headers_and_schemas()
    {
        var contract = Assert.Single(OpenApiImporter.Import(Fixture("instantpay-contacts.json"), "instantpay-contacts.json", "instantpay", "updateContact")).Result.Contract;

        Assert.Equal("update-contact", contract.Operation);
        Assert.Equal(AuthSchemes.Headers, contract.Http.Auth.Scheme);
        Assert.Equal(["X-Ipay-Auth-Code", "X-Ipay-Client-Id", "X-Ipay-Client-Secret", "X-Ipay-Endpoint-Ip"], contract.Http.Auth.Headers.Order(StringComparer.Ordinal));
        Assert.All(contract.Http.Parameters, p => Assert.True(p.Secret && p.Required && p.In == "header"));
        Assert.DoesNotContain(contract.Findings, f => f.Severity != FindingSeverity.Info);
        Assert.Equal([], Disagreements(CheckedIn("instantpay", "update-contact"), contract));
    }

    [Theory]
    [InlineData("razorpay", "activate-contact", OpenApiVersion.V3_0)]
    [InlineData("razorpay", "activate-contact", OpenApiVersion.V3_1)]
    [InlineData("instantpay", "update-contact", OpenApiVersion.V3_0)]
    [InlineData("instantpay", "update-contact", OpenApiVersion.V3_1)]
    public void Our_own_export_imports_back_to_the_same_api(string vendor, string operation, OpenApiVersion version)
    {
        var checkedIn = CheckedIn(vendor, operation);
        var document = OpenApiExporter.Export([checkedIn], version).Single().Document;

        var contract = Assert.Single(OpenApiImporter.Import(OpenApiExporter.ToUtf8Bytes(document), "export.json", vendor, operation)).Result.Contract;

        Assert.Equal([], Disagreements(checkedIn, contract));
        Assert.Equal([], Disagreements(contract, checkedIn));
    }

    [Fact]
    public void An_example_that_contradicts_the_schema_is_a_finding_on_the_example_line()
    {
        var text = Encoding.UTF8.GetString(Fixture("razorpay-contacts.yaml")).Replace("        created_at: 1545320320", "        created_at: yesterday", StringComparison.Ordinal);
        var line = Array.FindIndex(text.Split('\n'), l => l.Contains("created_at: yesterday", StringComparison.Ordinal)) + 1;

        var contract = ImportOne(text);

        var finding = Assert.Single(contract.Findings, f => f.Code == OpenApiFindingCodes.ExampleContradictsSchema);
        Assert.Equal(line, finding.Line);
        Assert.Contains("/created_at", finding.Message, StringComparison.Ordinal);
        Assert.Equal("integer", contract.Responses[0].Schema["properties"]!["created_at"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Diverging_documents_are_classified_by_the_diff_rules()
    {
        // The vendor's OpenAPI says created_at is a string and batch_id is never null.
        var text = Encoding.UTF8.GetString(Fixture("razorpay-contacts.yaml"))
            .Replace("created_at: { type: integer, format: int64 }", "created_at: { type: string }", StringComparison.Ordinal)
            .Replace("batch_id: { type: string, nullable: true }", "batch_id: { type: string }", StringComparison.Ordinal);

        var rules = Disagreements(CheckedIn("razorpay", "activate-contact"), ImportOne(text)).Select(d => d[..6]).ToList();

        Assert.Contains(DiffRules.FieldTypeChanged.Id, rules);
    }

    [Fact]
    public void A_reference_cycle_is_cut_with_a_finding_and_the_schema_still_validates()
    {
        var contract = ImportOne("""
            openapi: 3.1.0
            info: { title: t, version: "1" }
            paths:
              /nodes:
                get:
                  operationId: listNodes
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/Node' }
            components:
              schemas:
                Node:
                  type: object
                  properties:
                    name: { type: string }
                    children: { type: array, items: { $ref: '#/components/schemas/Node' } }
            """);

        var cycle = Assert.Single(contract.Findings, f => f.Code == OpenApiFindingCodes.UnresolvableReference);
        Assert.Contains("refers back to itself", cycle.Message, StringComparison.Ordinal);
        var validator = SchemaInterpreter.Create(contract.Responses[0].Schema);
        Assert.True(validator.IsValid("""{"name":"a","children":[{"name":"b","children":[]}]}"""u8));
        Assert.False(validator.IsValid("""{"name":1}"""u8));
    }

    [Fact]
    public void References_that_double_at_every_level_stop_at_the_size_limit_with_an_error()
    {
        var yaml = new StringBuilder("openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/L0' }\ncomponents:\n  schemas:\n");
        for (var i = 0; i < 40; i++)
        {
            yaml.Append($"    L{i}: {{ type: object, properties: {{ a: {{ $ref: '#/components/schemas/L{i + 1}' }}, b: {{ $ref: '#/components/schemas/L{i + 1}' }} }} }}\n");
        }

        yaml.Append("    L40: { type: string }\n");

        var contract = ImportOne(yaml.ToString());

        Assert.Contains(contract.Findings, f => f.Severity == FindingSeverity.Error && f.Message.Contains("too large", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\n  \"openapi\": \"3.1.0\",\n  \"info\": {},\n  \"openapi\": \"3.0.0\"\n}", 4, "appears twice")]
    [InlineData("openapi: 3.1.0\ninfo: {}\npaths:\n  /a: {}\n  /a: {}\n", 5, "appears twice")]
    [InlineData("openapi: 3.1.0\npaths: [unclosed\n", 3, "not valid YAML")]
    [InlineData("{ \"openapi\": \"3.1.0\", \"paths\": { ", 1, "not valid JSON")]
    [InlineData("swagger: '2.0'\nopenapi: 2.0\n", 2, "3.0.x and 3.1.x")]
    [InlineData("openapi: 3.1.0\ninfo: { title: t, version: '1' }\n", 1, "no operations")]
    [InlineData("openapi: 3.1.0\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n", 8, "aliases")]
    public void A_broken_document_is_refused_naming_the_line(string text, int? line, string problem)
    {
        var e = Assert.Throws<PageFormatException>(() => OpenApiImporter.Import(Encoding.UTF8.GetBytes(text), "doc", "shop", null));

        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_nested_too_deep_is_refused()
    {
        var deep = "{\"openapi\":\"3.1.0\",\"x\":" + string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500)) + "}";

        var e = Assert.Throws<PageFormatException>(() => OpenApiImporter.Import(Encoding.UTF8.GetBytes(deep), "doc.json", "shop", null));
        Assert.Contains("not valid JSON", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_parts_become_findings_not_failures()
    {
        var contract = ImportOne("""
            openapi: 3.0.3
            info: { title: t, version: "1" }
            paths:
              /orders/{id}:
                post:
                  operationId: create_order
                  parameters:
                    - { name: session, in: cookie, schema: { type: string } }
                  requestBody:
                    content:
                      application/xml:
                        schema: { type: object }
                  responses:
                    "200": {}
            """);

        Assert.Equal("create-order", contract.Operation);
        var codes = contract.Findings.Select(f => f.Code).ToList();
        Assert.Contains(FindingCodes.PathParameterMismatch, codes); // {id} has no parameter
        Assert.Contains(OpenApiFindingCodes.PartNotImported, codes); // the cookie and the XML body
        Assert.Contains(OpenApiFindingCodes.SpecificationRule, codes); // the response has no description
        Assert.Null(contract.Request);
        Assert.Equal("id", Assert.Single(contract.Http.Parameters).Name);
    }

    [Theory]
    // Described as a sandbox, listed first: the live server is still the base URL.
    [InlineData("- { url: 'https://sandbox-pay.example.com/v2', description: Sandbox }\n- { url: 'https://pay.example.com/v2', description: Production }",
        "https://pay.example.com/v2", "https://sandbox-pay.example.com/v2", 4)]
    // Told by the host alone, with a variable's default.
    [InlineData("- { url: 'https://api.example.com/{version}', variables: { version: { default: v1 } } }\n- { url: 'https://api-uat.example.com/v1' }",
        "https://api.example.com/v1", "https://api-uat.example.com/v1", 5)]
    // A relative server gives no URL; only sandboxes: the first is the API's base and no sandbox is recorded.
    [InlineData("- { url: /v1 }\n- { url: 'https://test.example.com/v1', description: Test environment }", "https://test.example.com/v1", null, null)]
    [InlineData("- { url: 'https://pay.example.com' }", "https://pay.example.com", null, null)]
    public void Servers_give_the_base_url_and_the_sandbox_url(string servers, string baseUrl, string? sandboxUrl, int? findingLine)
    {
        var contract = ImportOne("openapi: 3.1.0\ninfo: { title: t, version: '1' }\nservers:\n" + string.Join("\n", servers.Split('\n').Select(l => "  " + l)) + """

            paths:
              /orders:
                get: { operationId: listOrders, responses: { "200": { description: ok } } }
            """);

        Assert.Equal(baseUrl, contract.Http.BaseUrl);
        Assert.Equal(sandboxUrl, contract.Http.SandboxUrl);
        var finding = contract.Findings.SingleOrDefault(f => f.Code == FindingCodes.EnvironmentUrl);
        Assert.Equal(findingLine, finding?.Line);
        if (finding is not null)
        {
            Assert.Contains(sandboxUrl!, finding.Message, StringComparison.Ordinal);
        }

        // The sandbox survives the round trip through the contract file and export.
        var exported = ContractKit.OpenApi.OpenApiExporter.Export([contract], ContractKit.OpenApi.OpenApiVersion.V3_1).Single().Document;
        var reimported = Assert.Single(OpenApiImporter.Import(ContractKit.OpenApi.OpenApiExporter.ToUtf8Bytes(exported), "again.json", "shop", null)).Result.Contract;
        Assert.Equal((baseUrl, sandboxUrl), (reimported.Http.BaseUrl, reimported.Http.SandboxUrl));
    }

    [Fact]
    public void An_operation_is_chosen_by_operationId_or_method_and_path_and_an_unknown_one_is_refused()
    {
        const string Text = """
            openapi: 3.1.0
            info: { title: t, version: "1" }
            paths:
              /a:
                get: { operationId: getA, responses: { "200": { description: ok } } }
                delete: { responses: { "204": { description: gone } } }
            """;
        Assert.Equal(2, OpenApiImporter.Import(Encoding.UTF8.GetBytes(Text), "d", "shop", null).Count);
        Assert.Equal("get-a", ImportOne(Text, "getA").Operation);
        Assert.Equal("delete-a", ImportOne(Text, "DELETE /a").Operation);
        var e = Assert.Throws<PageFormatException>(() => ImportOne(Text, "POST /a"));
        Assert.Contains("getA, DELETE /a", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Keywords_a_contract_cannot_hold_are_left_out_with_findings_and_30_spellings_become_2020_12()
    {
        var contract = ImportOne("""
            openapi: 3.0.3
            info: { title: t, version: "1" }
            paths:
              /p:
                get:
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            allOf:
                              - { type: object, properties: { a: { type: integer, minimum: 0, exclusiveMinimum: true } }, required: [a] }
                              - { type: object, properties: { b: { type: string, enum: [x, y], nullable: true, example: x } }, required: [b] }
                            not: { type: string }
                            readOnly: true
            """);

        var schema = contract.Responses[0].Schema;
        Assert.Equal(["a", "b"], schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("""["x","y",null]""", schema["properties"]!["b"]!["enum"]!.ToJsonString());
        Assert.Equal("""["x"]""", schema["properties"]!["b"]!["examples"]!.ToJsonString());
        Assert.Equal(0, schema["properties"]!["a"]!["minimum"]!.GetValue<int>());
        Assert.False(schema.ContainsKey("not") || schema.ContainsKey("readOnly") || schema.ContainsKey("allOf"));
        Assert.Contains(contract.Findings, f => f.Code == OpenApiFindingCodes.KeywordDropped && f.Message.Contains("\"not\"", StringComparison.Ordinal));
        Assert.Contains(contract.Findings, f => f.Code == OpenApiFindingCodes.KeywordDropped && f.Message.Contains("exclusiveMinimum", StringComparison.Ordinal));
        SchemaInterpreter.Create(schema);
    }

    [Fact]
    public void Only_a_top_level_openapi_member_makes_a_document()
    {
        Assert.True(OpenApiImporter.IsOpenApiDocument("{\"info\":{},\"openapi\":\"3.1.0\"}"u8.ToArray()));
        Assert.True(OpenApiImporter.IsOpenApiDocument("# c\nopenapi: 3.0.3\n"u8.ToArray()));
        Assert.False(OpenApiImporter.IsOpenApiDocument("{\"info\":{\"openapi\":\"3.1.0\"}}"u8.ToArray()));
        Assert.False(OpenApiImporter.IsOpenApiDocument("POST /v1/orders\n\nopenapi is mentioned in the prose\n"u8.ToArray()));
        Assert.False(OpenApiImporter.IsOpenApiDocument(File.ReadAllBytes(Repo.PathOf("docs", "vendors", "razorpay", "activate-contact.txt"))));
    }
}

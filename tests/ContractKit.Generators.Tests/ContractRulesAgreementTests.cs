using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Testing;
using NJsonSchema;

namespace ContractKit.Generators.Tests;

/// <summary>
/// The three judges of a contract file agree: the meta-schema (schemas/contract.schema.json, checked with
/// NJsonSchema), ContractReader (verify, stub, every CLI command) and the build (CK0002). Before they shared
/// one table of rules, the reader accepted unknown members, a wrong method, a missing contentType or
/// provenance, ..., which the build or the meta-schema refused.
/// </summary>
public sealed class ContractRulesAgreementTests
{
    // NJsonSchema 10 resolves references only into "definitions"; the copy is renamed for it, nothing else.
    private static readonly Lazy<JsonSchema> MetaSchema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Repo.PathOf("schemas", "contract.schema.json"))
            .Replace("\"$defs\"", "\"definitions\"", StringComparison.Ordinal)
            .Replace("#/$defs/", "#/definitions/", StringComparison.Ordinal)).GetAwaiter().GetResult());

    /// <summary>(pointer of the object, member, new JSON value or null to remove it): each breaks the format, or (last group) does not.</summary>
    public static TheoryData<string, string, string?, bool> Mutations() => new()
    {
        // Members the format does not define: the build refused them (CK0002), verify and stub read them.
        { "", "colour", "\"red\"", false },
        { "/http", "timeout", "30", false },
        { "/responses/0", "headers", "{}", false },
        { "/http/auth", "token", "\"t\"", false },
        { "/provenance", "fetched", "\"today\"", false },
        { "/examples", "notes", "[]", false },
        // Values outside the format.
        { "/http", "method", "\"FETCH\"", false },
        { "/http", "method", "7", false },
        { "/http", "path", "\"v1/contacts\"", false },
        { "/http", "baseUrl", "\"ftp://example.com\"", false },
        { "/http/auth", "scheme", "\"oauth\"", false },
        { "", "schemaDialect", "\"http://json-schema.org/draft-07/schema#\"", false },
        { "", "formatVersion", "2", false },
        { "", "title", "5", false },
        { "/provenance", "sha256", "\"abc\"", false },
        { "/responses/0", "status", "\"OK\"", false },
        { "/responses/0", "contentType", "\"\"", false },
        { "/responses/0", "line", "0", false },
        { "/responses/0", "schema", "true", false },
        { "", "vendor", "\"Razorpay\"", false },
        { "", "findings", "[{ \"code\": \"X1\", \"severity\": \"error\", \"message\": \"m\" }]", false },
        { "", "findings", "[{ \"code\": \"CKI001\", \"severity\": \"fatal\", \"message\": \"m\" }]", false },
        // Required members missing.
        { "", "provenance", null, false },
        { "", "schemaDialect", null, false },
        { "", "vendor", null, false },
        { "/http", "auth", null, false },
        { "/http", "parameters", null, false },
        { "/responses/0", "contentType", null, false },
        { "/provenance", "page", null, false },
        { "/examples/responses/0", "line", null, false },
        // Allowed: optional members present or absent, every documented value.
        { "", "title", null, true },
        { "", "findings", "[{ \"code\": \"CKI001\", \"severity\": \"info\", \"message\": \"m\", \"line\": 3 }]", true },
        { "/http", "method", "\"DELETE\"", true },
        { "/http", "baseUrl", "\"https://api.example.com\"", true },
        { "/http/auth", "scheme", "\"bearer\"", true },
        { "/responses/0", "message", "\"Created\"", true },
        { "/responses/0", "status", "\"2xx\"", true },
        { "", "examples", null, true },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void The_meta_schema_the_reader_and_the_build_agree(string pointer, string member, string? json, bool valid)
    {
        var contract = JsonNode.Parse(Repo.Contract("razorpay", "activate-contact").Text)!.AsObject();
        var parent = Resolve(contract, pointer);
        if (json is null)
        {
            parent.Remove(member);
        }
        else
        {
            parent[member] = JsonNode.Parse(json);
        }

        var text = contract.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.Equal(valid, MetaSchema.Value.Validate(text).Count == 0);
        Assert.Equal(valid, ReaderAccepts(text));
        Assert.Equal(valid, BuildAccepts(text));
    }

    [Fact]
    public void A_problem_the_reader_finds_names_the_line_and_the_member()
    {
        var text = Repo.Contract("razorpay", "activate-contact").Text
            .Replace("\"provenance\": {", "\"provenance\": {\n    \"fetched\": \"today\",", StringComparison.Ordinal);
        var error = Assert.Throws<ContractFormatException>(() => ContractReader.Read(Encoding.UTF8.GetBytes(text), "activate-contact.contract.json"));
        var line = text[..text.IndexOf("\"fetched\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.Equal(line, error.Line);
        Assert.Contains("\"fetched\", which the contract format does not define", error.Problem, StringComparison.Ordinal);
    }

    private static bool ReaderAccepts(string text)
    {
        try
        {
            ContractReader.Read(Encoding.UTF8.GetBytes(text), "activate-contact.contract.json");
            return true;
        }
        catch (ContractFormatException)
        {
            return false;
        }
    }

    private static bool BuildAccepts(string text)
    {
        var run = GeneratorHarness.Run(("/repo/schemas/razorpay/activate-contact.contract.json", text));
        return run.GeneratorDiagnostics.All(d => d.Severity != Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }

    private static JsonObject Resolve(JsonObject root, string pointer)
    {
        JsonNode node = root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = int.TryParse(segment, out var index) ? node[index]! : node[segment]!;
        }

        return node.AsObject();
    }
}

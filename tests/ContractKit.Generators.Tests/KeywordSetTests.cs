using System.Text.Json.Nodes;
using ContractKit.Validation;

namespace ContractKit.Generators.Tests;

/// <summary>
/// The build (CK0003) and the run-time interpreter accept exactly the same schema keywords: every keyword of
/// JSON Schema 2020-12, every annotation and a few extensions are offered to both with a well-formed value.
/// </summary>
public sealed class KeywordSetTests
{
    /// <summary>Each keyword of the 2020-12 vocabularies (core, applicator, validation, format, content, meta-data, unevaluated) with a valid value.</summary>
    private static readonly Dictionary<string, string> Vocabulary = new(StringComparer.Ordinal)
    {
        ["$id"] = "\"urn:x\"", ["$schema"] = "\"https://json-schema.org/draft/2020-12/schema\"", ["$ref"] = "\"#/$defs/a\", \"$defs\": { \"a\": {} }", ["$anchor"] = "\"a\"",
        ["$dynamicRef"] = "\"#a\"", ["$dynamicAnchor"] = "\"a\"", ["$vocabulary"] = "{}", ["$comment"] = "\"c\"", ["$defs"] = "{}",
        ["allOf"] = "[{}]", ["anyOf"] = "[{}]", ["oneOf"] = "[{}]", ["not"] = "{}", ["if"] = "{}", ["then"] = "{}", ["else"] = "{}",
        ["dependentSchemas"] = "{}", ["prefixItems"] = "[{}]", ["items"] = "{}", ["contains"] = "{}", ["properties"] = "{}",
        ["patternProperties"] = "{}", ["additionalProperties"] = "{}", ["propertyNames"] = "{}", ["unevaluatedItems"] = "{}",
        ["unevaluatedProperties"] = "{}", ["type"] = "\"string\"", ["enum"] = "[1]", ["const"] = "1", ["multipleOf"] = "2",
        ["maximum"] = "9", ["exclusiveMaximum"] = "9", ["minimum"] = "1", ["exclusiveMinimum"] = "1", ["maxLength"] = "9",
        ["minLength"] = "1", ["pattern"] = "\"^a\"", ["maxItems"] = "9", ["minItems"] = "1", ["uniqueItems"] = "true",
        ["maxContains"] = "9", ["minContains"] = "1", ["maxProperties"] = "9", ["minProperties"] = "1", ["required"] = "[\"a\"]",
        ["dependentRequired"] = "{}", ["format"] = "\"email\"", ["contentEncoding"] = "\"base64\"", ["contentMediaType"] = "\"text/plain\"",
        ["contentSchema"] = "{}", ["title"] = "\"t\"", ["description"] = "\"d\"", ["default"] = "1", ["deprecated"] = "true",
        ["readOnly"] = "true", ["writeOnly"] = "true", ["examples"] = "[1]", ["definitions"] = "{}", ["dependencies"] = "{}",
        ["x-line"] = "3", ["x-volatile"] = "true", ["x-secret"] = "true", ["x-anything"] = "{}",
    };

    public static TheoryData<string> Keywords() => new(Vocabulary.Keys.Order(StringComparer.Ordinal));

    private static string Schema(string keyword, string? value) => $$"""{ "{{keyword}}": {{value ?? Vocabulary[keyword]}} }""";

    private static bool BuildAccepts(string keyword, string? value = null)
    {
        var run = GeneratorHarness.Run(("/repo/schemas/acme/get-thing.contract.json", GeneratorHarness.ContractWithResponseSchema("acme", "get-thing", Schema(keyword, value))));
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        // Only the keyword can be refused: its value is well formed, so no other diagnostic may appear.
        Assert.All(errors, d => Assert.Equal("CK0003", d.Id));
        return errors.Count == 0;
    }

    private static bool InterpreterAccepts(string keyword, string? value = null)
    {
        try
        {
            SchemaInterpreter.Create(JsonNode.Parse(Schema(keyword, value)));
            return true;
        }
        catch (UnsupportedSchemaException)
        {
            return false;
        }
    }

    [Theory]
    [MemberData(nameof(Keywords))]
    public void The_build_and_the_interpreter_agree_on_the_keyword(string keyword) =>
        Assert.Equal(BuildAccepts(keyword), InterpreterAccepts(keyword));

    [Fact]
    public void The_accepted_keywords_are_the_documented_subset()
    {
        var accepted = Vocabulary.Keys.Where(k => BuildAccepts(k)).Where(k => !k.StartsWith("x-", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        string[] documented =
        [
            "$comment", "$defs", "$ref", "$schema", "additionalProperties", "anyOf", "const", "default", "deprecated", "description", "enum",
            "examples", "format", "items", "maxItems", "maxLength", "maxProperties", "maximum", "minItems", "minLength", "minProperties",
            "minimum", "oneOf", "pattern", "properties", "readOnly", "required", "title", "type", "writeOnly",
        ];
        Assert.Equal(documented, accepted);
    }

    [Theory]
    [InlineData("email", true)]
    [InlineData("date-time", true)]
    [InlineData("date", true)]
    [InlineData("uuid", true)]
    [InlineData("hostname", false)]
    [InlineData("uri", false)]
    [InlineData("Email", false)]
    public void The_build_and_the_interpreter_agree_on_formats(string format, bool supported)
    {
        Assert.Equal(supported, BuildAccepts("format", $"\"{format}\""));
        Assert.Equal(supported, InterpreterAccepts("format", $"\"{format}\""));
    }
}

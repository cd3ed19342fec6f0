using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Import.Pages;
using static ContractKit.Import.Tests.Pages;

namespace ContractKit.Import.Tests;

/// <summary>The type words and prose constraints every page reader shares.</summary>
public sealed class TypeWordAndProseTests
{
    [Theory]
    [InlineData("string (32)", "{\"type\":\"string\",\"maxLength\":32}")]
    [InlineData("string(32)", "{\"type\":\"string\",\"maxLength\":32}")]
    [InlineData("enum<string>", "{\"type\":\"string\"}")]
    [InlineData("string | null", "{\"type\":[\"string\",\"null\"]}")]
    [InlineData("nullable string", "{\"type\":[\"string\",\"null\"]}")]
    [InlineData("integer, nullable", "{\"type\":[\"integer\",\"null\"]}")]
    [InlineData("string<date-time>", "{\"type\":\"string\",\"format\":\"date-time\"}")]
    [InlineData("string (date)", "{\"type\":\"string\",\"format\":\"date\"}")]
    [InlineData("integer (int64)", "{\"type\":\"integer\"}")]
    [InlineData("int32", "{\"type\":\"integer\"}")]
    [InlineData("float", "{\"type\":\"number\"}")]
    [InlineData("double", "{\"type\":\"number\"}")]
    [InlineData("decimal", "{\"type\":\"number\"}")]
    [InlineData("number", "{\"type\":\"number\"}")]
    [InlineData("array of objects", "{\"type\":\"array\",\"items\":{\"type\":\"object\"}}")]
    [InlineData("object[]", "{\"type\":\"array\",\"items\":{\"type\":\"object\"}}")]
    [InlineData("array[string]", "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}")]
    [InlineData("array<integer>", "{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}")]
    [InlineData("boolean", "{\"type\":\"boolean\"}")]
    [InlineData("bool", "{\"type\":\"boolean\"}")]
    [InlineData("object (Customer)", "{\"type\":\"object\"}")]
    [InlineData("array of Refund objects", "{\"type\":\"array\",\"items\":{\"type\":\"object\"}}")]
    public void Type_words_become_schemas(string word, string schema) =>
        Assert.Equal(schema, TypeWords.ToSchema(word)!.ToJsonString());

    [Theory]
    [InlineData("string (blue)")]
    [InlineData("integer (date)")]
    [InlineData("array of widgets")]
    [InlineData("map<string, string>")]
    public void Type_words_not_understood_give_no_schema(string word) => Assert.Null(TypeWords.ToSchema(word));

    private static JsonObject Field(string type, string description)
    {
        var page = Lines(
            "# Op",
            "",
            "`POST /x`",
            "",
            "## Request body",
            "",
            "| Name | Type | Description |",
            "| --- | --- | --- |",
            $"| `f` | {type} | {description} |");
        var contract = PageImporter.Import(Encoding.UTF8.GetBytes(page), "page.md", "acme", "op").Contract;
        return contract.RequestSchema().Property("f");
    }

    [Theory]
    [InlineData("integer", "Minimum value is 100.", "minimum", "100")]
    [InlineData("integer", "Must be at least 1.", "minimum", "1")]
    [InlineData("number", "Maximum: 5000.50.", "maximum", "5000.50")]
    [InlineData("integer", "Between 1 and 100.", "maximum", "100")]
    [InlineData("string", "Minimum length 3.", "minLength", "3")]
    [InlineData("string", "Max length: 40.", "maxLength", "40")]
    [InlineData("string", "Between 3 and 40 characters.", "minLength", "3")]
    [InlineData("string", "3-40 characters.", "maxLength", "40")]
    [InlineData("string", "Up to 255 characters.", "maxLength", "255")]
    [InlineData("array", "Between 1 and 5 items.", "maxItems", "5")]
    [InlineData("object", "Up to 20 keys.", "maxProperties", "20")]
    [InlineData("string", "Defaults to `INR`.", "default", "\"INR\"")]
    [InlineData("integer", "Default: 10.", "default", "10")]
    [InlineData("string", "Here, it is `contact`.", "const", "\"contact\"")]
    [InlineData("string", "Always \"refund\".", "const", "\"refund\"")]
    [InlineData("string", "One of `a`, `b` or `c`.", "enum", "[\"a\",\"b\",\"c\"]")]
    [InlineData("string", "Allowed values: \"UPI\", \"CARD\".", "enum", "[\"UPI\",\"CARD\"]")]
    [InlineData("string", "Possible values: NEFT, IMPS", "enum", "[\"NEFT\",\"IMPS\"]")]
    [InlineData("string", "A 6-digit PIN code.", "pattern", "\"^\\\\d{6}$\"")]
    [InlineData("integer", "A 4 digit year.", "maximum", "9999")]
    [InlineData("string", "When it happened, in ISO 8601.", "format", "\"date-time\"")]
    [InlineData("string", "As DD-MM-YYYY.", "pattern", "\"^\\\\d{2}-\\\\d{2}-\\\\d{4}$\"")]
    [InlineData("string", "As YYYY-MM-DD.", "format", "\"date\"")]
    [InlineData("integer", "A Unix timestamp.", "type", "\"integer\"")]
    [InlineData("number", "A Unix timestamp.", "type", "\"integer\"")]
    [InlineData("number \\| null", "A Unix timestamp, once paid.", "type", "[\"integer\",\"null\"]")]
    public void Prose_constraints_become_keywords(string type, string description, string keyword, string value) =>
        Assert.Equal(value, Field(type, description)[keyword]!.ToJsonString());

    [Theory]
    [InlineData("string", "Here, it is contact.")]
    [InlineData("string", "Such as `card` or `upi`.")]
    [InlineData("integer", "The 2nd attempt.")]
    [InlineData("string", "Read the guide for 3 minutes.")]
    [InlineData("integer", "Version 2 of the API.")]
    public void Phrases_not_understood_stay_in_the_description_with_no_keyword(string type, string description)
    {
        var schema = Field(type, description);
        Assert.Equal(description, schema["description"]!.GetValue<string>());
        Assert.Equal(["type", "description", "x-line"], schema.Select(p => p.Key));
    }

    [Theory]
    [InlineData("Required when `mode` is `UPI`.", "Required when `mode` is `UPI`")]
    [InlineData("The VPA. Mandatory if the method is upi.", "Mandatory if the method is upi")]
    [InlineData("Only applicable when `capture` is true.", "Only applicable when `capture` is true")]
    public void A_condition_the_contract_cannot_state_is_a_finding_and_stays_in_the_description(string description, string phrase)
    {
        var page = Lines("POST /x", "Request Parameters", "vpa", "string", description);
        var contract = ImportPage(page);
        var finding = contract.Finding(FindingCodes.ConstraintNotExpressed);
        Assert.Equal((FindingSeverity.Warning, 3, "vpa"), (finding.Severity, finding.Line, finding.Field));
        Assert.Contains($"\"{phrase}\"", finding.Message, StringComparison.Ordinal);
        Assert.Equal(description, contract.RequestSchema().Property("vpa")["description"]!.GetValue<string>());
    }
}

/// <summary>The finding catalogue and its documentation agree.</summary>
public sealed class FindingCatalogueTests
{
    [Fact]
    public void Every_finding_code_has_a_row_in_docs_findings_md_and_no_code_is_used_twice()
    {
        var codes = typeof(FindingCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        var doc = File.ReadAllText(ContractKit.Testing.Repo.PathOf("docs", "findings.md"));
        Assert.All(codes, code => Assert.Contains($"| {code} |", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_finding_code_is_asserted_by_some_test()
    {
        // A code no test expects could stop firing unnoticed: each must appear in a test, by its constant
        // (FindingCodes.X) or its code (CKI0nn in an expected message), outside this catalogue test.
        var tests = Directory.EnumerateFiles(ContractKit.Testing.Repo.PathOf("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.EndsWith("TypeWordAndProseTests.cs", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var untested = typeof(FindingCodes).GetFields()
            .Where(f => !tests.Any(t => t.Contains("FindingCodes." + f.Name, StringComparison.Ordinal)
                                        || System.Text.RegularExpressions.Regex.IsMatch(t, $@"\b{(string)f.GetRawConstantValue()!}\b")))
            .Select(f => f.Name)
            .ToList();
        Assert.Empty(untested);
    }
}

using Microsoft.CodeAnalysis;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>Every diagnostic, from a broken contract, with its id and its place in the contract file.</summary>
public sealed class DiagnosticTests
{
    private static string Valid(string schema = """{ "type": "object" }""") => GeneratorHarness.ContractWithResponseSchema("acme", "get-thing", schema);

    /// <summary>Runs the generator on one contract and returns its diagnostics with 1-based line and column.</summary>
    private static List<(string Id, string File, int Line, int Column, string Message)> Diagnose(string text, string path = "/repo/schemas/acme/get-thing.contract.json")
    {
        var run = GeneratorHarness.Run((path, text));
        return run.GeneratorDiagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return (d.Id, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
    }

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="fragment"/> in the text.</summary>
    private static (int Line, int Column) Find(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.True(index >= 0, $"{fragment} not in the contract");
        var before = text[..index];
        var line = before.Count(c => c == '\n') + 1;
        return (line, index - (before.LastIndexOf('\n') + 1) + 1);
    }

    [Fact]
    public void CK0001_invalid_json_points_at_the_offending_character()
    {
        var text = Valid().Replace("\"vendor\": \"acme\",", "\"vendor\": \"acme\",,", StringComparison.Ordinal);
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal("CK0001", diagnostic.Id);
        Assert.Equal("/repo/schemas/acme/get-thing.contract.json", diagnostic.File);
        var (line, column) = Find(text, ",,");
        Assert.Equal((line, column + 1), (diagnostic.Line, diagnostic.Column));
        Assert.Contains($"line {line}, column {column + 1}", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"a\": 1} {")]
    [InlineData("{\"a\": \"unterminated}")]
    [InlineData("{\"a\": 1, \"a\": 2}")]
    public void CK0001_for_every_kind_of_broken_json(string text)
    {
        Assert.Equal("CK0001", Assert.Single(Diagnose(text)).Id);
    }

    [Fact]
    public void CK0002_a_missing_member_is_reported_at_its_object()
    {
        var text = Valid().Replace("\"vendor\": \"acme\",", "", StringComparison.Ordinal);
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal(("CK0002", 1, 1), (diagnostic.Id, diagnostic.Line, diagnostic.Column));
        Assert.Contains("the member \"vendor\" is missing", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CK0002_a_member_of_the_wrong_type_is_reported_at_its_value()
    {
        var text = Valid().Replace("\"method\": \"POST\"", "\"method\": 7", StringComparison.Ordinal);
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal("CK0002", diagnostic.Id);
        var (line, column) = Find(text, "7,");
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Contains("\"method\" must be a string, found a number", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CK0002_a_member_the_format_does_not_define_is_reported_at_its_name()
    {
        var text = Valid().Replace("\"http\": {", "\"htttp\": 1, \"http\": {", StringComparison.Ordinal);
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal(("CK0002", Find(text, "\"htttp\"").Line, Find(text, "\"htttp\"").Column), (diagnostic.Id, diagnostic.Line, diagnostic.Column));
        Assert.Contains("\"htttp\", which the contract format does not define", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CK0002_a_bad_status_and_a_non_kebab_operation()
    {
        var text = Valid().Replace("\"status\": \"200\"", "\"status\": \"OK\"", StringComparison.Ordinal).Replace("\"get-thing\"", "\"GetThing\"", StringComparison.Ordinal);
        var diagnostics = Diagnose(text);
        Assert.All(diagnostics, d => Assert.Equal("CK0002", d.Id));
        Assert.Equal([Find(text, "\"GetThing\"").Line, Find(text, "\"OK\"").Line], diagnostics.Select(d => d.Line).Order());
    }

    [Fact]
    public void CK0003_an_unsupported_keyword_is_an_error_at_the_keyword()
    {
        var text = Valid("""{ "type": "object", "properties": { "id": { "type": "string", "contentEncoding": "base64" } } }""");
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal("CK0003", diagnostic.Id);
        Assert.Equal(Find(text, "\"contentEncoding\""), (diagnostic.Line, diagnostic.Column));
        Assert.Contains("'contentEncoding' at '#/properties/id'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CK0003_an_unsupported_format_is_an_error()
    {
        var text = Valid("""{ "type": "string", "format": "hostname" }""");
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal(("CK0003", Find(text, "\"hostname\"").Line), (diagnostic.Id, diagnostic.Line));
    }

    [Theory]
    [InlineData("(unclosed")]
    [InlineData("\\\\p{Script=Greek}")]
    [InlineData("[]")]
    public void CK0004_an_invalid_pattern_is_an_error_at_the_pattern(string pattern)
    {
        var text = Valid($$"""{ "type": "string", "pattern": "{{pattern}}" }""");
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal("CK0004", diagnostic.Id);
        Assert.Equal(Find(text, "\"" + pattern), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void CK0005_an_unresolved_reference_is_an_error_at_the_reference()
    {
        var text = Valid("""{ "$defs": { "id": { "type": "string" } }, "properties": { "a": { "$ref": "#/$defs/missing" }, "b": { "$ref": "#/$defs/id" } } }""");
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal(("CK0005", Find(text, "\"#/$defs/missing\"").Column), (diagnostic.Id, diagnostic.Column));
    }

    [Theory]
    [InlineData("""{ "type": "object", "properties": { "self": { "$ref": "#" } } }""", "\"#\"")]
    [InlineData("""{ "$ref": "#" }""", "\"#\"")]
    [InlineData("""{ "$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "anyOf": [ { "$ref": "#/$defs/a" } ] } }, "properties": { "x": { "$ref": "#/$defs/a" } } }""", "\"#/$defs/a\" } ]")]
    [InlineData("""{ "$defs": { "node": { "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#/$defs/node" } } } } }, "$ref": "#/$defs/node" }""", "\"#/$defs/node\" }")]
    public void CK0010_a_reference_cycle_is_an_error_at_the_reference_that_closes_it(string schema, string closing)
    {
        var text = Valid(schema);
        var run = GeneratorHarness.Run(("/repo/schemas/acme/get-thing.contract.json", text));
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal(("CK0010", Find(text, closing)), (diagnostic.Id, (diagnostic.Line, diagnostic.Column)));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void CK0006_colliding_field_names_are_numbered_and_reported_as_a_warning()
    {
        var text = Valid("""{ "type": "object", "properties": { "batch_id": { "type": "string" }, "batchId": { "type": "string" }, "equals": { "type": "string" } } }""");
        var run = GeneratorHarness.Run(("/repo/schemas/acme/get-thing.contract.json", text));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("CK0006", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(Find(text, "\"batchId\""), (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1));
        Assert.Contains("'batch_id' and 'batchId'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var dto = run.Sources["Acme.GetThing.Contract.g.cs"];
        Assert.Contains("public string? BatchId2 { get; init; }", dto, StringComparison.Ordinal);
        // A name generated code reserves for itself is renamed quietly, as keywords are escaped.
        Assert.Contains("public string? EqualsValue { get; init; }", dto, StringComparison.Ordinal);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void CK0007_a_second_contract_for_the_same_operation_is_an_error_at_its_operation()
    {
        var text = Valid();
        var run = GeneratorHarness.Run(("/repo/schemas/acme/a.contract.json", text), ("/repo/schemas/acme/b.contract.json", text));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CK0007", diagnostic.Id);
        Assert.Equal("/repo/schemas/acme/b.contract.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(Find(text, "\"get-thing\"").Line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("/repo/schemas/acme/a.contract.json", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme", "op-1", "acme", "op1", "operation", "Acme.Op1")]
    [InlineData("v-1", "get-thing", "v1", "get-thing", "vendor", "V1")]
    [InlineData("v-1", "op-1", "v1", "op1", "vendor", "V1")]
    public void CK0011_names_that_become_the_same_csharp_name_are_an_error_naming_both(string vendorA, string operationA, string vendorB, string operationB, string what, string csName)
    {
        var first = GeneratorHarness.ContractWithResponseSchema(vendorA, operationA, """{ "type": "object", "properties": { "id": { "type": "string" } } }""");
        var second = GeneratorHarness.ContractWithResponseSchema(vendorB, operationB, """{ "type": "object", "properties": { "id": { "type": "string" } } }""");

        var run = GeneratorHarness.Run(("/repo/schemas/a.contract.json", first), ("/repo/schemas/b.contract.json", second));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("CK0011", diagnostic.Id);
        Assert.Equal("/repo/schemas/b.contract.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(Find(second, "\"" + operationB + "\"").Line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        var (nameA, nameB) = what == "vendor" ? (vendorA, vendorB) : (operationA, operationB);
        Assert.Equal($"The {what} '{nameB}' in '/repo/schemas/b.contract.json' and the {what} '{nameA}' in '/repo/schemas/a.contract.json' both become the C# name '{csName}'; only '/repo/schemas/a.contract.json' is generated. Rename one of them.", message);
        // The first contract's code is generated and compiles; nothing collides (no CS8785).
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotEmpty(run.Sources);
    }

    [Theory]
    [InlineData("""{ "type": "string", "minLength": -1 }""", "-1 }")]
    [InlineData("""{ "type": "strin" }""", "\"strin\"")]
    [InlineData("""{ "type": "array", "maxItems": 2.5 }""", "2.5")]
    [InlineData("""{ "required": "id" }""", "\"id\" }")]
    [InlineData("""{ "properties": { "a": 3 } }""", "3 }")]
    [InlineData("""{ "type": "object", "x-quirks": [{ "kind": "empty-list", "reason": "r", "override": "a.overrides.json:2" }] }""", "\"empty-list\"")]
    [InlineData("""{ "type": "object", "x-quirks": [{ "kind": "empty-array-as-object", "override": "a.overrides.json:2" }] }""", "{ \"kind\"")]
    [InlineData("""{ "type": "string", "format": "date", "x-quirks": [{ "kind": "date-format", "reason": "r", "override": "a.overrides.json:2", "formats": ["iso"] }] }""", "\"iso\"")]
    [InlineData("""{ "type": "object", "x-quirks": { "kind": "empty-array-as-object" } }""", "{ \"kind\"")]
    public void CK0008_an_invalid_keyword_value_is_an_error_at_the_value(string schema, string at)
    {
        var text = Valid(schema);
        var diagnostic = Assert.Single(Diagnose(text));
        Assert.Equal("CK0008", diagnostic.Id);
        Assert.Equal(Find(text, at), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void A_broken_contract_does_not_stop_the_others()
    {
        var run = GeneratorHarness.Run(
            ("/repo/schemas/acme/broken.contract.json", "{ not json"),
            ("/repo/schemas/acme/good.contract.json", GeneratorHarness.ContractWithResponseSchema("acme", "good", """{ "type": "string" }""")));
        Assert.Equal("CK0001", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Contains("Acme.Good.Contract.g.cs", run.Sources.Keys);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Every_diagnostic_has_a_documentation_page()
    {
        var ids = typeof(ContractKitGenerator).Assembly.GetType("ContractKit.Generators.Diagnostics.DiagnosticDescriptors")!
            .GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        Assert.Equal(11, ids.Count);
        foreach (var descriptor in ids)
        {
            Assert.True(File.Exists(ContractKit.Testing.Repo.PathOf("docs", "diagnostics", descriptor.Id + ".md")), descriptor.Id);
            Assert.Equal($"https://github.com/contractkit/contractkit/blob/main/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out var link) && link.Scheme == "https", descriptor.HelpLinkUri);
            Assert.Contains(descriptor.Id, File.ReadAllText(ContractKit.Testing.Repo.PathOf("generators", "ContractKit.Generators", "AnalyzerReleases.Unshipped.md")), StringComparison.Ordinal);
        }
    }
}

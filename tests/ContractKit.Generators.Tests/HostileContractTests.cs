using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using ContractKit.Testing;
using Microsoft.CodeAnalysis.CSharp;

namespace ContractKit.Generators.Tests;

/// <summary>Contracts are untrusted text: nothing in them may become code in the consumer's build.</summary>
public sealed class HostileContractTests
{
    /// <summary>Every character C# ends a line at (a comment ends there, and the rest of the line compiles).</summary>
    public static TheoryData<string> LineTerminators => new() { "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029" };

    private const string Member = "InjectedFromVendorPage";

    private static string Payload(string terminator) => "x" + terminator + "public static int " + Member + "() { return 42; } //";

    private static string Json(string text) => JsonSerializer.Serialize(text);

    /// <summary>A contract with the payload in every text position the generator writes, except method and path.</summary>
    private static string ContractWithPayload(string operation, string payload)
    {
        var p = Json(payload);
        var name = Json("a" + payload);
        return $$"""
        {
          "formatVersion": 1,
          "schemaDialect": "https://json-schema.org/draft/2020-12/schema",
          "vendor": "hostile",
          "operation": "{{operation}}",
          "title": {{p}},
          "summary": {{p}},
          "http": {
            "method": "POST", "path": "/x", "auth": { "scheme": "none" },
            "parameters": [ { "name": {{name}}, "in": "query", "required": false, "description": {{p}}, "schema": { "type": "string", "description": {{p}} } } ]
          },
          "request": { "contentType": "application/json", "schema": {
            "type": "object", "title": {{p}}, "description": {{p}},
            "properties": {
              {{name}}: { "type": "string", "description": {{p}}, "pattern": {{Json("^a" + payload.Replace("(", "\\(").Replace(")", "\\)").Replace("{", "\\{").Replace("}", "\\}") + "$")}}, "examples": [ {{p}} ] },
              "kind": { "enum": [ {{p}}, {{Json("b" + payload)}} ], "description": {{p}} },
              "nested": { "type": "object", "title": {{p}}, "properties": { {{name}}: { "const": {{p}} } } }
            },
            "required": [ {{name}} ] } },
          "responses": [
            { "status": "200", "description": {{p}}, "contentType": "application/json", "schema": {
              "type": "object", "description": {{p}},
              "properties": {
                {{name}}: { "type": "string", "description": {{p}}, "default": {{p}}, "examples": [ {{p}} ] },
                "kind": { "type": "string", "enum": [ {{p}}, "plain" ] }
              } } },
            { "status": "4xx", "description": {{p}}, "message": {{p}}, "contentType": "application/json", "schema": {} }
          ],
          "provenance": { "page": {{p}}, "sha256": "{{new string('0', 64)}}" }
        }
        """;
    }

    private static string ContractWithHttp(string operation, string method, string path) =>
        GeneratorHarness.ContractWithResponseSchema("hostile", operation, """{ "type": "object", "properties": { "id": { "type": "string" } } }""")
            .Replace("\"method\": \"POST\"", "\"method\": " + Json(method), StringComparison.Ordinal)
            .Replace("\"path\": \"/x\"", "\"path\": " + Json(path), StringComparison.Ordinal);

    private static MetadataReference[] XunitV3() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "xunit.v3.*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();

    /// <summary>Runs the generator with contract tests emitted, so that their comments and literals are covered too.</summary>
    private static (IReadOnlyDictionary<string, string> Sources, ImmutableDiagnostics Diagnostics, Assembly? Assembly) Build(params (string Path, string Text)[] contracts)
    {
        var compilation = GeneratorHarness.Compilation("namespace Consumer { public static class A { } }").AddReferences(XunitV3());
        var options = new Dictionary<string, string>
        {
            ["build_property.ContractKitNamespace"] = "Consumer.Contracts",
            ["build_property.ContractKitEmitTests"] = "true",
        };
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ContractKitGenerator().AsSourceGenerator()],
            contracts.Select(c => (AdditionalText)new InMemoryAdditionalText(c.Path, c.Text)), GeneratorHarness.ParseOptions, new TestOptionsProvider(options));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var sources = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        var diagnostics = new ImmutableDiagnostics([.. generatorDiagnostics], [.. emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)]);
        return (sources, diagnostics, emitted.Success ? Assembly.Load(stream.ToArray()) : null);
    }

    internal sealed record ImmutableDiagnostics(IReadOnlyList<Diagnostic> Generator, IReadOnlyList<Diagnostic> Compiler);

    private static void AssertNotInjected(Assembly assembly)
    {
        var injected = assembly.GetTypes()
            .SelectMany(type => type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(member => member.Name == Member)
            .Select(member => member.DeclaringType + "." + member.Name);
        Assert.Empty(injected);
    }

    [Theory]
    [MemberData(nameof(LineTerminators))]
    public void A_line_terminator_in_any_text_cannot_inject_code(string terminator)
    {
        var (sources, diagnostics, assembly) = Build(("/c/hostile/injected.contract.json", ContractWithPayload("injected", Payload(terminator))));

        Assert.Empty(diagnostics.Compiler);
        Assert.DoesNotContain(diagnostics.Generator, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(sources.ContainsKey("Hostile.Injected.Contract.g.cs"), "the contract was not generated");
        Assert.NotNull(assembly);
        AssertNotInjected(assembly);
        // Every generated line that is a comment stays one: no terminator survives inside a line.
        foreach (var source in sources.Values)
        {
            Assert.DoesNotContain('\r', source);
            Assert.DoesNotContain('\u0085', source);
            Assert.DoesNotContain('\u2028', source);
            Assert.DoesNotContain('\u2029', source);
        }
    }

    [Theory]
    [MemberData(nameof(LineTerminators))]
    public void A_line_terminator_in_method_or_path_cannot_inject_code(string terminator)
    {
        var (_, diagnostics, assembly) = Build(
            ("/c/hostile/in-method.contract.json", ContractWithHttp("in-method", "POST" + Payload(terminator), "/x")),
            ("/c/hostile/in-path.contract.json", ContractWithHttp("in-path", "POST", "/x" + Payload(terminator))));

        Assert.Empty(diagnostics.Compiler);
        Assert.NotNull(assembly);
        AssertNotInjected(assembly);
    }

    [Fact]
    public void An_imported_page_with_a_line_separator_in_a_description_cannot_inject_code()
    {
        var pagePath = Repo.PathOf("docs", "vendors", "razorpay", "activate-contact.txt");
        var page = File.ReadAllText(pagePath).Replace("The contact's name.", "The contact's name.\u2028public static int " + Member + "() { return 42; } //", StringComparison.Ordinal);
        Assert.Contains(Member, page, StringComparison.Ordinal);
        var imported = ContractKit.Import.PageImporter.Import(System.Text.Encoding.UTF8.GetBytes(page), "activate-contact.txt", "razorpay", "activate-contact");
        var contractText = System.Text.Encoding.UTF8.GetString(ContractKit.Contracts.ContractWriter.ToUtf8Bytes(imported.Contract));
        Assert.Contains("\\u2028public static int " + Member, contractText, StringComparison.Ordinal);

        var (sources, diagnostics, assembly) = Build(("/c/razorpay/activate-contact.contract.json", contractText));

        Assert.Empty(diagnostics.Compiler);
        Assert.Contains(Member, sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
        Assert.NotNull(assembly);
        AssertNotInjected(assembly);
    }

    [Theory]
    [InlineData("""{"notes":{"a":1,"b":[{"c":{}}]}}""", true)]
    [InlineData("""{"notes":{"a":1,"b":2,"c":3}}""", false)]
    [InlineData("""{"tags":[[],{"x":[1]}]}""", true)]
    [InlineData("""{"tags":[1,2,3]}""", false)]
    public void Objects_and_arrays_with_no_member_schema_are_walked_at_their_own_level(string body, bool valid)
    {
        // A map with only maxProperties, an array with only maxItems: the validator enters them without any
        // member schema below, and must have room for that level (it once indexed past its path buffer).
        var run = GeneratorHarness.Run(("/c/hostile/bare-containers.contract.json",
            GeneratorHarness.ContractWithResponseSchema("hostile", "bare-containers",
                """{ "type": "object", "properties": { "notes": { "type": "object", "maxProperties": 2 }, "tags": { "type": "array", "maxItems": 2 } } }""")));
        var validator = GeneratorHarness.Validator(run.Load(), "Consumer.Contracts.Hostile.BareContainersResponseValidator");
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);

        Assert.Equal(valid, validator.IsValid(bytes));
        Assert.Equal(valid, validator.Validate(bytes).IsValid);
    }

    [Fact]
    public void A_generated_validator_with_a_catastrophic_pattern_answers_at_once()
    {
        var run = GeneratorHarness.Run(("/c/hostile/redos.contract.json",
            GeneratorHarness.ContractWithResponseSchema("hostile", "redos", """{ "type": "string", "pattern": "^(a+)+$" }""")));
        var validator = GeneratorHarness.Validator(run.Load(), "Consumer.Contracts.Hostile.RedosResponseValidator");
        var body = System.Text.Encoding.UTF8.GetBytes("\"" + new string('a', 64) + "!\"");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = validator.Validate(body);

        // A hang guard, not a speed target: backtracking needs 22 s at 28 characters and doubles with each one more.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal("pattern", Assert.Single(result.Errors).Keyword);
        Assert.False(validator.IsValid(body));
    }

    [Fact]
    public void A_member_named_like_its_record_or_enum_still_compiles()
    {
        // "activate_contact_response" in ActivateContactResponse, "notes_object" in NotesObject, and enum values
        // named like their enum type and open-values class: each would be CS0542.
        var response = """
            { "type": "object", "properties": {
                "activate_contact_response": { "type": "string" },
                "notes": { "type": "object", "properties": { "notes_object": { "type": "string" } } },
                "state": { "type": "string", "enum": [ "state_values", "on" ] } } }
            """;
        var request = """
            { "type": "object", "properties": { "mode": { "type": "string", "enum": [ "mode_kind", "off" ] } } }
            """;
        var run = GeneratorHarness.Run(("/c/razorpay/activate-contact.contract.json",
            GeneratorHarness.ContractWithResponseSchema("razorpay", "activate-contact", response, request)));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var assembly = run.Load();
        var dto = assembly.GetType("Consumer.Contracts.Razorpay.ActivateContactResponse")!;
        Assert.NotNull(dto.GetProperty("ActivateContactResponseValue"));
        Assert.NotNull(dto.GetNestedType("NotesObject")!.GetProperty("NotesObjectValue"));
    }

    [Fact]
    public void Enum_values_and_fields_named_like_inherited_members_still_compile()
    {
        // An enum member or a record property named Equals, GetHashCode, ToString, ... would hide the member
        // every enum or record inherits: CS0108, an error where warnings are errors.
        string[] inherited = ["equals", "get_hash_code", "to_string", "get_type", "compare_to", "has_flag", "get_type_code", "memberwise_clone", "finalize"];
        var values = string.Join(", ", inherited.Select(v => $"\"{v}\""));
        var fields = string.Join(", ", inherited.Select(v => $"\"{v}\": {{ \"type\": \"string\" }}"));
        var response = $$"""{ "type": "object", "properties": { {{fields}}, "state": { "type": "string", "enum": [ {{values}} ] } } }""";
        var request = $$"""{ "type": "object", "properties": { "mode": { "type": "string", "enum": [ {{values}} ] } } }""";
        var run = GeneratorHarness.Run(("/c/razorpay/activate-contact.contract.json",
            GeneratorHarness.ContractWithResponseSchema("razorpay", "activate-contact", response, request)));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var requestType = run.Load().GetType("Consumer.Contracts.Razorpay.ActivateContactRequest")!;
        var names = Enum.GetNames(requestType.GetNestedType("ModeKind")!);
        Assert.Equal(inherited.Length, names.Distinct().Count());
        Assert.Contains("EqualsValue", names);
        Assert.Contains("HasFlagValue", names);
    }

    [Fact]
    public void A_generated_validator_stops_after_the_error_limit()
    {
        var run = GeneratorHarness.Run(("/c/hostile/many.contract.json",
            GeneratorHarness.ContractWithResponseSchema("hostile", "many", """{ "type": "array", "items": { "type": "string" } }""")));
        var validator = GeneratorHarness.Validator(run.Load(), "Consumer.Contracts.Hostile.ManyResponseValidator");
        var body = System.Text.Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("1", 100_000)) + "]");

        var errors = validator.Validate(body).Errors;

        Assert.Equal(ContractKit.Validation.JsonValidation.MaxErrors + 1, errors.Count);
        Assert.Equal("errors", errors[^1].Keyword);
    }

    [Fact]
    public void A_contract_over_the_size_limit_is_a_located_diagnostic_not_parsed()
    {
        var schema = """{ "type": "object", "description": "DESCRIPTION" }""";
        var contract = GeneratorHarness.ContractWithResponseSchema("hostile", "huge", schema)
            .Replace("DESCRIPTION", new string('x', ContractKitGenerator.MaxContractChars), StringComparison.Ordinal);
        var run = GeneratorHarness.Run(("/c/hostile/huge.contract.json", contract),
            ("/c/hostile/small.contract.json", GeneratorHarness.ContractWithResponseSchema("hostile", "small", schema)));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CK0002", diagnostic.Id);
        Assert.Equal("/c/hostile/huge.contract.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("expected a contract of at most 16,777,216", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Sources.Keys, hint => hint.Contains("Huge", StringComparison.Ordinal));
        Assert.Contains(run.Sources.Keys, hint => hint.Contains("Small", StringComparison.Ordinal));
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(20_000)]
    public void A_deeply_nested_example_is_a_located_diagnostic_not_a_stack_overflow(int depth)
    {
        var deep = new string('[', depth) + new string(']', depth);
        var contract = GeneratorHarness.ContractWithResponseSchema("hostile", "deep", """{ "type": "array", "examples": [ DEEP ] }""")
            .Replace("DEEP", deep, StringComparison.Ordinal);
        var run = GeneratorHarness.Run(("/c/hostile/deep.contract.json", contract));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CK0001", diagnostic.Id);
        Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line > 0, diagnostic.ToString());
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}

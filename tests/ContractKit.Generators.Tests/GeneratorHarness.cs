using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using ContractKit.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ContractKit.Generators.Tests;

/// <summary>A contract file handed to the generator as an AdditionalFile.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText source = SourceText.From(text, Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => source;
}

/// <summary>Options the generator reads, as MSBuild would pass them through CompilerVisibleProperty.</summary>
internal sealed class TestOptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    CSharpCompilation Compilation,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    IReadOnlyDictionary<string, string> Sources)
{
    public Assembly Load()
    {
        using var stream = new MemoryStream();
        var emitted = Compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(stream.ToArray());
    }
}

/// <summary>Runs the generator the way the compiler does, and compiles what it produced.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(IJsonValidator).Assembly.Location));
        // The test runner generated contract tests call; its presence is what turns test emission on.
        references.Add(MetadataReference.CreateFromFile(typeof(ContractKit.Http.ContractTestTarget).Assembly.Location));
        return [.. references];
    });

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "Consumer" + Guid.NewGuid().ToString("N"),
        sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> contracts, string? ns = "Consumer.Contracts") =>
        CSharpGeneratorDriver.Create(
            [new ContractKitGenerator().AsSourceGenerator()],
            contracts,
            ParseOptions,
            new TestOptionsProvider(ns is null ? [] : new Dictionary<string, string> { ["build_property.ContractKitNamespace"] = ns }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(IEnumerable<AdditionalText> contracts, string? ns = "Consumer.Contracts", params string[] sources)
    {
        var compilation = Compilation(sources.Length == 0 ? ["namespace Consumer { internal static class Anchor { } }"] : sources);
        var driver = Driver(contracts, ns).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        var generated = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new GeneratorRun(driver, (CSharpCompilation)output, diagnostics, output.GetDiagnostics(), generated);
    }

    public static GeneratorRun Run(params (string Path, string Text)[] contracts) =>
        Run(contracts.Select(c => (AdditionalText)new InMemoryAdditionalText(c.Path, c.Text)));

    public static IJsonValidator Validator(Assembly assembly, string typeName)
    {
        var type = assembly.GetType(typeName) ?? throw new InvalidOperationException($"{typeName} was not generated");
        return (IJsonValidator)type.GetProperty("Instance")!.GetValue(null)!;
    }

    /// <summary>A minimal contract around one response schema, for tests that only care about the schema.</summary>
    public static string ContractWithResponseSchema(string vendor, string operation, string schemaJson, string? requestSchemaJson = null) =>
        $$"""
        {
          "formatVersion": 1,
          "schemaDialect": "https://json-schema.org/draft/2020-12/schema",
          "vendor": "{{vendor}}",
          "operation": "{{operation}}",
          "http": { "method": "POST", "path": "/x", "auth": { "scheme": "none" }, "parameters": [] },
          {{(requestSchemaJson is null ? "" : $"\"request\": {{ \"contentType\": \"application/json\", \"schema\": {requestSchemaJson} }},")}}
          "responses": [ { "status": "200", "contentType": "application/json", "schema": {{schemaJson}} } ],
          "provenance": { "page": "test", "sha256": "{{new string('0', 64)}}" }
        }
        """;
}

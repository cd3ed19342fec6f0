using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using ContractKit.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ContractKit.Benchmarks;

/// <summary>
/// The generator alone (the driver, no compilation of its output) on 10, 100 and 1,000 contracts made from
/// the Razorpay contract, cold; and re-running after one of them is edited.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private ImmutableArray<AdditionalText> contracts;
    private CSharpCompilation compilation = null!;
    private GeneratorDriver warm = null!;
    private AdditionalText edited = null!;
    private AdditionalText original = null!;
    private bool editedIn;

    [Params(10, 100, 1000)]
    public int Contracts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var template = File.ReadAllText(Path.Combine(Paths.Root, "schemas", "razorpay", "activate-contact.contract.json"));
        contracts = [.. Enumerable.Range(0, Contracts).Select(i => (AdditionalText)new Text(
            $"/bench/schemas/razorpay/op-{i:D4}.contract.json",
            template.Replace("\"operation\": \"activate-contact\"", $"\"operation\": \"op-{i:D4}\"", StringComparison.Ordinal)))];
        compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("namespace Bench { class A { } }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        original = contracts[Contracts / 2];
        edited = new Text(original.Path, original.GetText()!.ToString().Replace("\"maxProperties\": 15", "\"maxProperties\": 16", StringComparison.Ordinal));
        warm = CSharpGeneratorDriver.Create([new ContractKitGenerator().AsSourceGenerator()], contracts).RunGenerators(compilation);
    }

    [Benchmark(Baseline = true, Description = "cold run")]
    public GeneratorDriver Cold() =>
        CSharpGeneratorDriver.Create([new ContractKitGenerator().AsSourceGenerator()], contracts).RunGenerators(compilation);

    [Benchmark(Description = "after editing one contract")]
    public GeneratorDriver EditOne()
    {
        // Alternate between the two versions so that every run sees an edit.
        warm = editedIn ? warm.ReplaceAdditionalText(edited, original) : warm.ReplaceAdditionalText(original, edited);
        editedIn = !editedIn;
        warm = warm.RunGenerators(compilation);
        return warm;
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText source = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => source;
    }
}

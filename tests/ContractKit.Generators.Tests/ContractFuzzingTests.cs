using ContractKit.Testing;
using ContractKit.Testing.Fuzzing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ContractKit.Generators.Tests;

/// <summary>
/// Contract fuzzing (docs/security.md): batches of seeded mutated contracts go through the generator, one
/// compilation per batch, with the contract tests emitted. No generator crash (CS8785, AD0001, CK0009), no
/// warning or error in generated code, and every refusal is a CK error located in its contract file.
/// Set CONTRACTKIT_FUZZ_SEED to run one seed instead of the fixed ones.
/// </summary>
public sealed class ContractFuzzingTests
{
    public const int Batches = 2;

    public const int ContractsPerBatch = 25;

    public static TheoryData<int, int> SeedsAndBatches()
    {
        var data = new TheoryData<int, int>();
        foreach (var seed in ContractMutator.Seeds())
        {
            for (var batch = 0; batch < Batches; batch++)
            {
                data.Add(seed, batch);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndBatches))]
    public void Mutated_contracts_generate_compilable_code_or_located_CK_errors(int seed, int batch)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"contract fuzzing: seed {seed}, batch {batch} (run one seed with {ContractMutator.SeedVariable}={seed})");
        var contracts = ContractMutator.Batch(seed, batch, ContractsPerBatch);

        var problems = Problems(contracts);
        if (problems.Count == 0)
        {
            return;
        }

        // Which contracts fail on their own: those are the ones to print.
        var culprits = contracts.Where(c => Problems([c]).Count > 0).ToList();
        var shown = culprits.Count > 0 ? culprits : contracts;
        Assert.Fail($"contract fuzzing seed {seed}, batch {batch} ({ContractMutator.SeedVariable}={seed}):\n  "
            + string.Join("\n  ", problems.Take(40)) + "\n\n"
            + (culprits.Count > 0 ? "contracts that fail alone:\n" : "no contract fails alone; the whole batch:\n")
            + string.Join("\n\n", shown.Select(c => c.Describe())));
    }

    private static MetadataReference[] XunitV3() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "xunit.v3.*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();

    private static readonly Lazy<MetadataReference[]> Xunit = new(XunitV3);

    /// <summary>Runs the generator over the contracts in one compilation and lists what is wrong.</summary>
    private static List<string> Problems(IReadOnlyList<MutatedContract> contracts)
    {
        var problems = new List<string>();
        var anchor = CSharpSyntaxTree.ParseText("namespace Consumer { public static class Anchor { } }", GeneratorHarness.ParseOptions, path: "Anchor.cs");
        var compilation = GeneratorHarness.Compilation().RemoveAllSyntaxTrees().AddSyntaxTrees(anchor).AddReferences(Xunit.Value);
        var options = new Dictionary<string, string>
        {
            ["build_property.ContractKitNamespace"] = "Consumer.Contracts",
            ["build_property.ContractKitEmitTests"] = "true",
        };
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ContractKitGenerator().AsSourceGenerator()],
            contracts.Select(c => (AdditionalText)new InMemoryAdditionalText(c.GeneratorPath, c.Text)), GeneratorHarness.ParseOptions, new TestOptionsProvider(options));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is { } exception)
        {
            problems.Add("the generator threw: " + exception);
        }

        var paths = contracts.Select(c => c.GeneratorPath).ToHashSet(StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in generatorDiagnostics)
        {
            var text = diagnostic.ToString();
            if (diagnostic.Id is "CS8785" or "AD0001" or "CK0009")
            {
                problems.Add("generator crash: " + text);
                continue;
            }

            if (!diagnostic.Id.StartsWith("CK", StringComparison.Ordinal))
            {
                problems.Add("a diagnostic that is not ContractKit's: " + text);
                continue;
            }

            var span = diagnostic.Location.GetLineSpan();
            if (diagnostic.Location.Kind == LocationKind.None || !paths.Contains(span.Path))
            {
                problems.Add("a diagnostic not located in a contract file: " + text);
                continue;
            }

            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                refused.Add(span.Path);
            }
        }

        foreach (var diagnostic in output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            problems.Add((diagnostic.Location.SourceTree == anchor ? "in the consumer's code: " : "in generated code: ")
                + diagnostic + LineOf(diagnostic));
        }

        // A contract that was not refused is generated: nothing disappears without a diagnostic.
        var generated = result.GeneratedSources.Count(s => s.HintName.EndsWith(".Contract.g.cs", StringComparison.Ordinal));
        var accepted = paths.Count - refused.Count;
        if (generated != accepted)
        {
            problems.Add($"{accepted} contract(s) had no error, but {generated} were generated ({string.Join(", ", result.GeneratedSources.Select(s => s.HintName))})");
        }

        return problems;
    }

    /// <summary>The generated line a compiler diagnostic points at, to show with it.</summary>
    private static string LineOf(Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree is not { } tree)
        {
            return "";
        }

        var line = tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString();
        return "\n      " + (line.Length > 300 ? line[..300] + "..." : line).Trim();
    }
}

/// <summary>Regression tests for what contract fuzzing found, each reduced to the smallest contract that showed it.</summary>
public sealed class ContractFuzzingRegressionTests
{
    [Fact]
    public void A_member_named_like_an_enclosing_record_beside_a_request_enum_compiles()
    {
        // Found by fuzzing (seed 11, batch 2: "fields-named-like-types" in a nested object): the property
        // RefundRequest inside RefundRequest.NotesObject hid the type, and the enum converter's reference
        // RefundRequest.NotesObject.KindKindJson meant the property (CS0120).
        var request = """
            { "type": "object", "properties": { "notes": { "type": "object", "properties": {
                "refund_request": { "type": "string" },
                "kind": { "type": "string", "enum": [ "full", "partial" ] } } } } }
            """;
        var run = GeneratorHarness.Run(("/c/payu/refund.contract.json",
            GeneratorHarness.ContractWithResponseSchema("payu", "refund", """{ "type": "object" }""", request)));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var notes = run.Load().GetType("Consumer.Contracts.Payu.RefundRequest")!.GetNestedType("NotesObject")!;
        Assert.NotNull(notes.GetProperty("RefundRequest"));
        Assert.True(notes.GetNestedType("KindKind")!.IsEnum);
    }
}

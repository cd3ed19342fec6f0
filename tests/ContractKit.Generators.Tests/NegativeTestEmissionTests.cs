using System.Reflection;
using ContractKit.Http;
using ContractKit.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ContractKit.Generators.Tests;

/// <summary>
/// ContractKitEmitNegativeTests: off by default and then the output is unchanged; on, every contract's test class
/// gets a theory over its invalid requests that compiles without a warning under xunit.v3 and xunit 2, and runs
/// green against the stub.
/// </summary>
public sealed class NegativeTestEmissionTests
{
    /// <summary>Every checked-in contract and every page fixture's contract.</summary>
    private static readonly string[] Files = ProbeContracts.Files.Select(f => Repo.PathOf(f.Split('/'))).ToArray();

    private static string NuGetRoot =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static MetadataReference[] XunitV2() =>
    [
        MetadataReference.CreateFromFile(Path.Combine(NuGetRoot, "xunit.extensibility.core", "2.9.3", "lib", "netstandard1.1", "xunit.core.dll")),
        MetadataReference.CreateFromFile(Path.Combine(NuGetRoot, "xunit.abstractions", "2.0.3", "lib", "netstandard2.0", "xunit.abstractions.dll")),
    ];

    private static MetadataReference[] XunitV3() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "xunit.v3.*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();

    private sealed record Output(IReadOnlyDictionary<string, string> Sources, IReadOnlyList<Diagnostic> Generator, Compilation Compilation);

    /// <param name="negative">The ContractKitEmitNegativeTests value; null leaves it unset.</param>
    private static Output Generate(string? negative, MetadataReference[] xunit, IEnumerable<string>? files = null, string emitTests = "true")
    {
        var compilation = GeneratorHarness.Compilation("namespace Consumer { public static class A { } }").AddReferences(xunit);
        var options = new Dictionary<string, string>
        {
            ["build_property.ContractKitNamespace"] = "Consumer.Contracts",
            ["build_property.ContractKitEmitTests"] = emitTests,
        };
        if (negative is not null)
        {
            options["build_property.ContractKitEmitNegativeTests"] = negative;
        }

        var contracts = (files ?? Files).Select(f => (AdditionalText)new InMemoryAdditionalText(f, File.ReadAllText(f)));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ContractKitGenerator().AsSourceGenerator()], contracts, GeneratorHarness.ParseOptions, new TestOptionsProvider(options));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var sources = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new Output(sources, diagnostics, output);
    }

    private static readonly Lazy<Output> On = new(() => Generate("true", XunitV3()));

    [Fact]
    public void Off_by_default_and_then_the_output_is_unchanged()
    {
        var unset = Generate(null, XunitV3()).Sources;
        var off = Generate("false", XunitV3()).Sources;
        var other = Generate("yes", XunitV3()).Sources;

        Assert.Equal(unset.OrderBy(s => s.Key, StringComparer.Ordinal), off.OrderBy(s => s.Key, StringComparer.Ordinal));
        Assert.Equal(unset.OrderBy(s => s.Key, StringComparer.Ordinal), other.OrderBy(s => s.Key, StringComparer.Ordinal));
        Assert.All(unset.Values, code => Assert.DoesNotContain("InvalidRequest", code, StringComparison.Ordinal));
        Assert.All(unset.Values, code => Assert.DoesNotContain("Xunit.Theory", code, StringComparison.Ordinal));

        // The snapshot tests pin the default output byte for byte; the switch turned on changes it.
        Assert.NotEqual(unset["Razorpay.ActivateContact.Contract.g.cs"], On.Value.Sources["Razorpay.ActivateContact.Contract.g.cs"]);
    }

    [Fact]
    public void On_every_contract_gets_the_theory_and_everything_compiles_without_a_warning_under_xunit_v3()
    {
        Assert.True(Files.Length >= 15, $"expected the checked-in and fixture contracts, found {Files.Length}");
        var output = On.Value;
        Assert.DoesNotContain(output.Generator, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.DoesNotContain(output.Compilation.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);

        var contracts = output.Sources.Where(s => s.Key.EndsWith(".Contract.g.cs", StringComparison.Ordinal)).ToList();
        Assert.Equal(Files.Length, contracts.Count);
        foreach (var (hint, code) in contracts)
        {
            // Also the contracts without a documented request, which get no scenario test, get the theory.
            Assert.True(code.Contains("ContractTests", StringComparison.Ordinal), hint);
            Assert.True(code.Contains("""
                        [global::Xunit.Theory]
                        [global::Xunit.MemberData(nameof(InvalidRequests))]
                        public global::System.Threading.Tasks.Task InvalidRequestIsRefused(string rule) =>
                            global::ContractKit.Probing.InvalidRequestTests.RefusedAsync(Target, rule);
                """.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal), hint + ":\n" + code);
            Assert.Contains("public static global::Xunit.TheoryData<string> InvalidRequests()", code, StringComparison.Ordinal);
        }

        // The scenario tests are still there beside it.
        Assert.Contains("public global::System.Threading.Tasks.Task Success() =>", output.Sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void On_everything_compiles_without_a_warning_under_xunit_2()
    {
        var output = Generate("true", XunitV2());
        Assert.Contains("InvalidRequestIsRefused", output.Sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain(output.Compilation.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Without_xunit_or_with_the_contract_tests_turned_off_nothing_is_emitted_whatever_the_switch()
    {
        Assert.All(Generate("true", []).Sources.Values, code => Assert.DoesNotContain("InvalidRequest", code, StringComparison.Ordinal));
        Assert.All(Generate("true", XunitV3(), emitTests: "false").Sources.Values, code => Assert.DoesNotContain("ContractTests", code, StringComparison.Ordinal));
        Assert.Contains("InvalidRequestIsRefused", Generate(" True ", XunitV3()).Sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
    }

    /// <summary>The generated theory's rows and its test method, run as xunit.v3 would for the checked-in contracts: all green against the stub.</summary>
    [Theory]
    [InlineData("Razorpay", "ActivateContact", "body /active required")]
    [InlineData("Instantpay", "UpdateContact", "credentials auth")]
    public async Task The_generated_theory_runs_green_against_the_stub(string vendor, string operation, string someRow)
    {
        var output = Generate("true", XunitV3(), Files.Where(f => f.Contains($"{Path.DirectorySeparatorChar}schemas{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));
        using var stream = new MemoryStream();
        var emitted = output.Compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var type = Assembly.Load(stream.ToArray()).GetType($"Consumer.Contracts.{vendor}.{operation}ContractTests")!;

        var data = (System.Collections.IEnumerable)type.GetMethod("InvalidRequests")!.Invoke(null, null)!;
        var rows = data.Cast<object>().Select(row => (string)(row is ITheoryDataRow typed ? typed.GetData() : (object?[])row)[0]!).ToList();
        Assert.Contains(someRow, rows);
        Assert.Equal(rows.Count, rows.Distinct(StringComparer.Ordinal).Count());
        Assert.True(rows.Count >= 3, string.Join(", ", rows));

        var test = type.GetMethod("InvalidRequestIsRefused")!;
        var instance = Activator.CreateInstance(type);
        foreach (var row in rows)
        {
            await (Task)test.Invoke(instance, [row])!;
        }

        var unknown = await Assert.ThrowsAsync<ContractTestException>(() => (Task)test.Invoke(instance, ["body /nothing-like-it maxLength"])!);
        Assert.Contains("gives no such invalid request", unknown.Message, StringComparison.Ordinal);
    }
}

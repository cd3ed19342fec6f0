using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>Generated contract tests: emitted only when asked for and xUnit is there, and compiling under xunit 2 and xunit.v3.</summary>
public sealed class TestEmissionTests
{
    private static string NuGetRoot =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static MetadataReference[] XunitV2() =>
    [
        MetadataReference.CreateFromFile(Path.Combine(NuGetRoot, "xunit.extensibility.core", "2.9.3", "lib", "netstandard1.1", "xunit.core.dll")),
        MetadataReference.CreateFromFile(Path.Combine(NuGetRoot, "xunit.abstractions", "2.0.3", "lib", "netstandard2.0", "xunit.abstractions.dll")),
    ];

    private static MetadataReference[] XunitV3() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "xunit.v3.*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();

    private static (IReadOnlyDictionary<string, string> Sources, Compilation Output, IEnumerable<Diagnostic> Diagnostics) Generate(bool? emitTests, MetadataReference[] xunit, string? snapshots = null, bool testingReferenced = true)
    {
        var compilation = GeneratorHarness.Compilation("namespace Consumer { public static class A { } }").AddReferences(xunit);
        if (!testingReferenced)
        {
            compilation = compilation.RemoveReferences(compilation.References.Where(r => Path.GetFileName(r.Display) == "ContractKit.Testing.dll"));
        }

        var options = new Dictionary<string, string> { ["build_property.ContractKitNamespace"] = "Consumer.Contracts" };
        if (emitTests is { } emit)
        {
            options["build_property.ContractKitEmitTests"] = emit ? "true" : "false";
        }

        if (snapshots is not null)
        {
            options["build_property.ContractKitSnapshotDirectory"] = snapshots;
        }

        var (path, text) = Repo.Contract("razorpay", "activate-contact");
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ContractKitGenerator().AsSourceGenerator()], [new InMemoryAdditionalText(path, text)],
            GeneratorHarness.ParseOptions, new TestOptionsProvider(options));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var sources = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return (sources, output, output.GetDiagnostics());
    }

    [Fact]
    public void Tests_are_emitted_when_asked_for_and_xunit_is_referenced()
    {
        var (sources, _, _) = Generate(emitTests: true, XunitV3());
        var code = sources["Razorpay.ActivateContact.Contract.g.cs"];
        Assert.Contains("public sealed partial class ActivateContactContractTests", code, StringComparison.Ordinal);
        Assert.Contains("[global::Xunit.Fact]\n        public global::System.Threading.Tasks.Task Success() =>", code, StringComparison.Ordinal);
        Assert.Contains("public global::System.Threading.Tasks.Task Error4xx() =>", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Tests_are_emitted_without_a_setting_where_xunit_and_ContractKit_Testing_are_referenced()
    {
        var (sources, _, diagnostics) = Generate(emitTests: null, XunitV3());
        Assert.Contains("public sealed partial class ActivateContactContractTests", sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void No_tests_when_turned_off_without_xunit_or_without_ContractKit_Testing()
    {
        Assert.DoesNotContain("ContractTests", Generate(emitTests: false, XunitV3()).Sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("ContractTests", Generate(emitTests: true, []).Sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);

        // A production project: the runtime package alone. The DTOs and validators compile; no test class.
        var (sources, _, diagnostics) = Generate(emitTests: null, [], testingReferenced: false);
        var code = sources["Razorpay.ActivateContact.Contract.g.cs"];
        Assert.DoesNotContain("ContractTests", code, StringComparison.Ordinal);
        Assert.Contains("ActivateContactResponseValidator", code, StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain("ContractTests", Generate(emitTests: true, XunitV3(), testingReferenced: false).Sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_tests_compile_under_xunit_2()
    {
        var (sources, _, diagnostics) = Generate(emitTests: true, XunitV2());
        Assert.Contains("ActivateContactContractTests", sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Generated_tests_compile_under_xunit_v3()
    {
        var (sources, _, diagnostics) = Generate(emitTests: true, XunitV3());
        Assert.Contains("ActivateContactContractTests", sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void A_configured_snapshot_folder_reaches_the_tests()
    {
        var code = Generate(emitTests: true, XunitV3(), "/repo/snapshots").Sources["Razorpay.ActivateContact.Contract.g.cs"];
        Assert.Contains(", snapshotDirectory: \"/repo/snapshots\");", code, StringComparison.Ordinal);
        Assert.DoesNotContain("snapshotDirectory:", Generate(emitTests: true, XunitV3()).Sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
    }
}

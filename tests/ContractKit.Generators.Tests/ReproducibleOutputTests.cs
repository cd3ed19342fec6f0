using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>One commit built in two checkouts (two machines, two CI agents) generates the same sources.</summary>
public sealed class ReproducibleOutputTests
{
    private static MetadataReference[] XunitV3() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "xunit.v3.*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();

    /// <summary>Generates both vendor contracts, with tests, as a test project in <paramref name="root"/> would.</summary>
    private static Dictionary<string, string> Generate(string root, string? snapshots = null)
    {
        var project = root + "/tests/Api.Tests/";
        var options = new Dictionary<string, string>
        {
            ["build_property.ContractKitNamespace"] = "Consumer.Contracts",
            ["build_property.ContractKitEmitTests"] = "true",
            ["build_property.ProjectDir"] = project,
        };
        if (snapshots is not null)
        {
            options["build_property.ContractKitSnapshotDirectory"] = root + "/" + snapshots;
        }

        AdditionalText[] contracts =
        [
            new InMemoryAdditionalText(project + "schemas/razorpay/activate-contact.contract.json", Repo.Contract("razorpay", "activate-contact").Text),
            // A contract outside the project folder, as ContractKitSchemaDirectory may point anywhere.
            new InMemoryAdditionalText(root + "/schemas/instantpay/update-contact.contract.json", Repo.Contract("instantpay", "update-contact").Text),
        ];
        var compilation = GeneratorHarness.Compilation("namespace Consumer { public static class A { } }").AddReferences(XunitV3());
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ContractKitGenerator().AsSourceGenerator()], contracts, GeneratorHarness.ParseOptions, new TestOptionsProvider(options));
        driver = driver.RunGenerators(compilation);
        return driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("snapshots")]
    public void Two_checkouts_generate_identical_sources(string? snapshots)
    {
        var first = Generate("/home/ada/src/contractkit", snapshots);
        var second = Generate("/builds/agent-7/w/1/s", snapshots);

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.Contains("ActivateContactContractTests", first["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
        foreach (var (name, source) in first)
        {
            Assert.Equal(source, second[name]);
            Assert.DoesNotContain("/home/ada", source, StringComparison.Ordinal);
        }

        var tests = first["Instantpay.UpdateContact.Contract.g.cs"];
        Assert.Contains("\"../../schemas/instantpay/update-contact.contract.json\", typeof(UpdateContactContractTests).Assembly", tests, StringComparison.Ordinal);
        if (snapshots is not null)
        {
            Assert.Contains("snapshotDirectory: \"../../snapshots\"", tests, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generated_code_carries_the_generator_version()
    {
        var version = typeof(ContractKitGenerator).Assembly.GetName().Version!.ToString(3);
        var source = Generate("/src")["Razorpay.ActivateContact.Contract.g.cs"];
        Assert.Contains($"GeneratedCode(\"ContractKit.Generators\", \"{version}\")", source, StringComparison.Ordinal);
    }
}

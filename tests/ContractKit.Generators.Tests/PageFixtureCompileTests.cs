using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Testing;
using Microsoft.CodeAnalysis;

namespace ContractKit.Generators.Tests;

/// <summary>
/// The contracts imported from the page fixtures of other vendors and layouts (tests/ContractKit.Import.Tests/Fixtures)
/// go through the generator together: nothing refused, generated code that compiles without a warning, and
/// validators that accept each page's own documented response.
/// </summary>
public sealed class PageFixtureCompileTests
{
    private static readonly string[] Files = Directory.GetFiles(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures"), "*.contract.json", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).ToArray();

    private static readonly Lazy<GeneratorRun> Compiled = new(() =>
        GeneratorHarness.Run(Files.Select(f => (AdditionalText)new InMemoryAdditionalText(f, File.ReadAllText(f)))));

    [Fact]
    public void Every_fixture_contract_generates_code_that_compiles_without_a_warning()
    {
        Assert.True(Files.Length >= 5, $"expected the page fixtures' contracts, found {Files.Length}");
        var run = Compiled.Value;
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Each_generated_validator_accepts_its_pages_documented_response()
    {
        var assembly = Compiled.Value.Load();
        var checkedBodies = 0;
        foreach (var file in Files)
        {
            var contract = JsonNode.Parse(File.ReadAllText(file))!;
            var vendor = Pascal(contract["vendor"]!.GetValue<string>());
            var operation = Pascal(contract["operation"]!.GetValue<string>());
            var success = contract["responses"]!.AsArray().FirstOrDefault(r => r!["status"]!.GetValue<string>().StartsWith('2'));
            var example = contract["examples"]?["responses"]?.AsArray().FirstOrDefault(e => e!["status"]!.GetValue<string>() == success?["status"]!.GetValue<string>());
            if (example?["body"] is not { } body)
            {
                continue;
            }

            var validator = GeneratorHarness.Validator(assembly, $"Consumer.Contracts.{vendor}.{operation}ResponseValidator");
            var result = validator.Validate(Encoding.UTF8.GetBytes(body.ToJsonString()));
            Assert.True(result.IsValid, $"{Path.GetFileName(file)}: {result}");
            checkedBodies++;
        }

        Assert.True(checkedBodies >= 5, $"only {checkedBodies} fixture pages document a success body");
    }

    private static string Pascal(string kebab) =>
        string.Concat(kebab.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}

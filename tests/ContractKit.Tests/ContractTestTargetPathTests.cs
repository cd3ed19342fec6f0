using System.Text.Json.Nodes;
using ContractKit.Http;
using ContractKit.Testing;
using ContractKit.Validation;

namespace ContractKit.Tests;

/// <summary>The paths a generated contract test prints are resolved, whatever MSBuild handed to it.</summary>
public sealed class ContractTestTargetPathTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ck-paths-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_missing_snapshot_is_named_without_dot_dot_segments()
    {
        var contractJson = File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
        var validator = SchemaInterpreter.Create(JsonNode.Parse(contractJson)!["responses"]![0]!["schema"]);
        Directory.CreateDirectory(Path.Combine(directory, "tests", "MyApi.Tests"));
        // As the generator embeds it for <ContractKitSchemaDirectory>$(MSBuildThisFileDirectory)../../schemas</ContractKitSchemaDirectory>.
        var contractPath = Path.Combine(directory, "tests", "MyApi.Tests", "..", "..", "schemas", "razorpay", "activate-contact.contract.json");
        var target = ContractTestTarget.For(contractJson, contractPath, _ => null);

        var failure = await Assert.ThrowsAsync<ContractTestException>(() => target.RunAsync("success", validator, "ActivateContactContractTests.Success"));

        var expected = Path.Combine(directory, "schemas", "razorpay", "ActivateContactContractTests.Success.verified.json");
        Assert.Contains($"no verified snapshot {expected};", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", failure.Message.Replace("...", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "schemas", "razorpay", "ActivateContactContractTests.Success.received.json")));
    }
}

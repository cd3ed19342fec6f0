using ContractKit.Http;
using ContractKit.Sample.Tests.Contracts.Razorpay;
using ContractKit.Testing;

namespace ContractKit.Sample.Tests;

/// <summary>
/// What the generated contract tests do (ContractTestTarget with the generated validator), run live against a
/// simulated Razorpay that drifts: each drift fails with the field and, where the contract records it, its line.
/// </summary>
public sealed class DriftTests : IAsyncLifetime
{
    private static readonly string ContractPath = Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json");
    private RazorpaySimulator simulator = null!;
    private readonly string directory = Directory.CreateTempSubdirectory("ck-drift-").FullName;

    public async ValueTask InitializeAsync()
    {
        simulator = await RazorpaySimulator.StartAsync();
        File.Copy(Repo.PathOf("schemas", "razorpay", "ActivateContactContractTests.Success.verified.json"), Path.Combine(directory, "ActivateContactContractTests.Success.verified.json"));
    }

    public async ValueTask DisposeAsync()
    {
        await simulator.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private Task Run()
    {
        var environment = simulator.LiveEnvironment();
        var target = ContractTestTarget.For(File.ReadAllText(ContractPath), Path.Combine(directory, "activate-contact.contract.json"), name => environment.GetValueOrDefault(name));
        return target.RunAsync("success", ActivateContactResponseValidator.Instance, "ActivateContactContractTests.Success");
    }

    [Fact]
    public async Task The_conforming_vendor_passes_with_the_stub_snapshot() => await Run();

    [Theory]
    [InlineData(Drift.FieldRemoved, "the required field \"email\" is missing (documented at line 111)")]
    [InlineData(Drift.TypeChanged, "/created_at: type: expected integer, found string (documented at line 144)")]
    [InlineData(Drift.NullNotAllowed, "/entity: type: expected string, found null (documented at line 96)")]
    [InlineData(Drift.ConstraintBroken, "/notes/notes_key_3: maxLength")]
    [InlineData(Drift.UndocumentedFieldAdded, "\"vpa\"")]
    public async Task Each_drift_fails_the_contract_test(Drift drift, string expected)
    {
        simulator.Drift = drift;
        var failure = await Assert.ThrowsAsync<ContractTestException>(Run);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RazorpaySimulator.KeySecret, failure.Message, StringComparison.Ordinal);
    }
}

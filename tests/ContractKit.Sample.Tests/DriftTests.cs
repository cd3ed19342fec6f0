using ContractKit.Http;
using ContractKit.Sample.Tests.Contracts.Instantpay;
using ContractKit.Sample.Tests.Contracts.Razorpay;
using ContractKit.Testing;

namespace ContractKit.Sample.Tests;

/// <summary>Tests that set process-wide CONTRACTKIT_* variables: they run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>
/// The generated contract tests themselves, in live mode against sandboxes with their own, changing data:
/// fifty runs in a row pass with the snapshots verified against the stub and checked in beside the contracts.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class GeneratedLiveTests
{
    [Fact]
    public async Task Both_vendors_pass_fifty_live_runs_in_a_row_with_the_stub_snapshots()
    {
        await using var sandbox = await SandboxSimulator.StartAsync(seed: null,
            "schemas/razorpay/activate-contact.contract.json", "schemas/instantpay/update-contact.contract.json");
        var settings = sandbox.LiveEnvironment();
        foreach (var (name, value) in settings)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        var bodies = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            for (var run = 0; run < 50; run++)
            {
                try
                {
                    await new ActivateContactContractTests().Success();
                    bodies.Add(sandbox.LastBody!);
                    await new UpdateContactContractTests().Success();
                    bodies.Add(sandbox.LastBody!);
                }
                catch (ContractTestException e)
                {
                    Assert.Fail($"run {run} (sandbox seed {sandbox.Seed}) failed:\n{e.Message}");
                }
            }
        }
        finally
        {
            foreach (var name in settings.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        Assert.Equal(100, bodies.Count);
        Assert.Equal(100, sandbox.Requests);
    }
}

/// <summary>
/// What the generated contract tests do (ContractTestTarget with the generated validator), run live against a
/// sandbox that drifts: each drift fails with its class, the field and its page line.
/// </summary>
public sealed class DriftTests : IAsyncLifetime
{
    private const string Page = "docs/vendors/razorpay/activate-contact.txt";
    private static readonly string ContractPath = Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json");
    private SandboxSimulator simulator = null!;
    private readonly string directory = Directory.CreateTempSubdirectory("ck-drift-").FullName;

    public async ValueTask InitializeAsync()
    {
        simulator = await SandboxSimulator.StartRazorpayAsync();
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
    [InlineData(DriftKind.FieldRemoved, "email", "[breaking]:\n  email: required: the required field \"email\" is missing (documented at line 111 of " + Page + ")")]
    [InlineData(DriftKind.TypeChanged, "created_at", "[breaking]:\n  created_at: type: expected integer, found string (documented at line 144 of " + Page + ")")]
    [InlineData(DriftKind.NullNotAllowed, "entity", "[breaking]:\n  entity: type: expected string, found null (documented at line 96 of " + Page + ")")]
    [InlineData(DriftKind.ConstraintBroken, "notes", "[breaking]:\n  notes: maxProperties: ")]
    [InlineData(DriftKind.NumberAsString, "created_at", "[breaking]:\n  created_at: type: expected integer, found string (documented at line 144 of " + Page + ")")]
    [InlineData(DriftKind.UndocumentedFieldAdded, "vpa", "[undocumented]:\n  vpa: not documented; found string")]
    public async Task Each_drift_fails_the_contract_test(DriftKind kind, string field, string expected)
    {
        simulator.Drifts.Add(new SimulatedDrift(kind, field));
        var failure = await Assert.ThrowsAsync<ContractTestException>(Run);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxSimulator.KeySecret, failure.Message, StringComparison.Ordinal);
    }
}

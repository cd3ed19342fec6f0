using System.Globalization;
using System.Text;
using ContractKit.Contracts;
using ContractKit.Snapshots;
using ContractKit.Stubs;
using ContractKit.Validation;

namespace ContractKit.Http;

/// <summary>A contract test failed: the message lists what differs, with pointers, keywords and page lines.</summary>
public sealed class ContractTestException(string message) : Exception(message);

/// <summary>
/// What generated contract tests run against: one contract, its stub server (started on first use), and
/// its snapshots beside the contract. A test runs one documented scenario: the documented request, the
/// status, the body against the generated validator, then the scrubbed body against the verified snapshot.
/// </summary>
public sealed class ContractTestTarget
{
    private readonly Contract contract;
    private readonly string snapshotDirectory;
    private readonly Func<string, string?> environment;
    private readonly string contractPath;
    private readonly SemaphoreSlim startLock = new(1, 1);
    private StubServer? stub;

    private ContractTestTarget(Contract contract, string contractPath, Func<string, string?> environment, string? snapshotDirectory)
    {
        snapshotDirectory ??= Path.GetDirectoryName(contractPath) ?? ".";
        this.contractPath = contractPath;
        this.contract = contract;
        this.snapshotDirectory = snapshotDirectory;
        this.environment = environment;
    }

    /// <summary>
    /// The generated tests' entry: paths relative to the test project, so that generated code holds no path of
    /// the machine it was built on. The project folder is the one the build recorded
    /// (<c>ContractKit.ProjectDirectory</c>, see build/ContractKit.props), else the first folder above the test
    /// assembly that holds the contract.
    /// </summary>
    /// <param name="testAssembly">The assembly of the generated tests.</param>
    public static ContractTestTarget For(string contractJson, string contractPath, System.Reflection.Assembly testAssembly, string? snapshotDirectory = null)
    {
        var projectDirectory = ProjectDirectory(testAssembly, contractPath);
        return For(contractJson, Path.Combine(projectDirectory, contractPath), environment: null, snapshotDirectory:
            string.IsNullOrWhiteSpace(snapshotDirectory) ? null : Path.Combine(projectDirectory, snapshotDirectory));
    }

    /// <summary>The key of the assembly metadata holding the test project's folder.</summary>
    public const string ProjectDirectoryMetadata = "ContractKit.ProjectDirectory";

    private static string ProjectDirectory(System.Reflection.Assembly testAssembly, string relativeContractPath)
    {
        var recorded = testAssembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryMetadata)?.Value;
        if (!string.IsNullOrEmpty(recorded) && File.Exists(Path.Combine(recorded, relativeContractPath)))
        {
            return recorded;
        }

        var start = string.IsNullOrEmpty(testAssembly.Location) ? AppContext.BaseDirectory : Path.GetDirectoryName(testAssembly.Location)!;
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, relativeContractPath)))
            {
                return directory.FullName;
            }
        }

        return recorded ?? start;
    }

    /// <param name="contractJson">The contract's text, as the generator embedded it.</param>
    /// <param name="contractPath">Where the contract was at build time: its snapshots live beside it.</param>
    /// <param name="environment">Where settings come from; the process environment unless a test says otherwise.</param>
    /// <param name="snapshotDirectory">Where snapshots live (ContractKitSnapshotDirectory); beside the contract when null.</param>
    public static ContractTestTarget For(string contractJson, string contractPath, Func<string, string?>? environment = null, string? snapshotDirectory = null)
    {
        // MSBuild hands over paths such as tests/MyApi.Tests/../../schemas/...; messages show them resolved.
        contractPath = Path.GetFullPath(contractPath);
        return new(ContractReader.Read(Encoding.UTF8.GetBytes(contractJson), contractPath), contractPath, environment ?? Environment.GetEnvironmentVariable,
            string.IsNullOrWhiteSpace(snapshotDirectory) ? null : Path.GetFullPath(snapshotDirectory));
    }

    /// <summary>The contract, its file and the settings, for the negative tests (ContractKit.Probing.InvalidRequestTests).</summary>
    internal Contract Contract => contract;

    internal string ContractPath => contractPath;

    internal Func<string, string?> Settings => environment;

    /// <summary>The stub's address for the contract's vendor, the stub started on first use (shared with the scenario tests).</summary>
    internal Task<Uri> StubAddressAsync() => BaseAddressAsync();

    /// <summary>The message xunit.v3 reads as "skip this test" when an exception carries it first.</summary>
    public const string DynamicSkipPrefix = "$XunitDynamicSkip$";

    /// <summary><c>true</c>: a live test that would be skipped (a state-changing request not allowed) fails instead.</summary>
    public const string FailSkippedVariable = "CONTRACTKIT_LIVE_FAIL_SKIPPED";

    private static bool IsSet(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    public async Task RunAsync(string scenarioName, IJsonValidator validator, string snapshotName)
    {
        var scenario = ScenarioRunner.ScenariosOf(contract).FirstOrDefault(s => s.Name == scenarioName)
                       ?? throw new ContractTestException($"{contract.Vendor}/{contract.Operation} documents no scenario \"{scenarioName}\"");
        LiveSettings? live = null;
        var values = ScenarioValues.None;
        Uri baseAddress;
        if (LiveSettings.IsLive(environment))
        {
            live = LiveSettings.From(contract, environment);
            // Sandbox values only matter live; the stub answers any id.
            values = ScenarioValues.ForContract(contractPath);
            if (LiveSettings.ChangesState(contract.Http.Method) && !live.AllowWrites && !values.AllowWrites)
            {
                // A skipped test checks nothing; a scheduled live job can ask for that to fail rather than pass.
                var failSkipped = IsSet(environment(FailSkippedVariable));
                throw new ContractTestException($"{(failSkipped ? "" : DynamicSkipPrefix)}{Name(scenario)}: live mode does not send {contract.Http.Method}, which changes vendor state, without {LiveSettings.AllowWritesVariable}=true or \"allowWrites\": true in {Path.GetFileName(ScenarioValues.PathFor(contractPath))}"
                                                + (failSkipped ? $"; nothing was checked, and {FailSkippedVariable}=true fails such a test instead of skipping it" : ""));
            }

            baseAddress = live.BaseUrl;
        }
        else
        {
            baseAddress = await BaseAddressAsync().ConfigureAwait(false);
        }

        if (!DriftTriage.TryParseFailOn(environment(DriftTriage.FailOnVariable), out var failOn))
        {
            throw new ContractTestException($"{DriftTriage.FailOnVariable}=\"{environment(DriftTriage.FailOnVariable)}\": expected breaking, undocumented or any");
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var (status, body, problem) = await new ScenarioRunner(client).SendAsync(scenario, baseAddress, default, live, values).ConfigureAwait(false);
        var result = new ScenarioResult(scenario, problem is null, status, [], problem, Body: body);
        SnapshotResult? snapshot = null;
        if (problem is null)
        {
            var validation = validator.Validate(body);
            result = result with { Errors = validation.Errors, Warnings = validation.Warnings, Shape = ScenarioRunner.Observe(scenario, body, validation) };
            // A snapshot records what the page documents; an error whose body the page does not show has
            // nothing to compare (the stub's answer there is its own, not the vendor's).
            if (HasDocumentedBody(scenario))
            {
                snapshot = SnapshotStore.FromEnvironment(snapshotDirectory).Compare(snapshotName, result.Shape!.ToSnapshot());
            }
        }

        result = result.Triage(snapshot, failOn);
        if (!result.Passed)
        {
            throw new ContractTestException(FailureMessage(result, snapshot, live));
        }
    }

    /// <summary>
    /// What a failed scenario says: every difference by class with its field and page line, the snapshot diff,
    /// and the response with credentials and secret fields masked, for debugging.
    /// </summary>
    private string FailureMessage(ScenarioResult result, SnapshotResult? snapshot, LiveSettings? live)
    {
        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"{Name(result.Scenario)}: ");
        message.Append(result.Status is null ? "no response" : $"status {result.Status}").Append(", ")
            .Append(string.Join(", ", result.DriftItems.GroupBy(d => d.Class).OrderBy(g => g.Key).Select(g => $"{g.Count()} {DriftTriage.Name(g.Key)}"))).Append('\n');
        message.Append(DriftTriage.Describe(result.DriftItems, contract));
        switch (snapshot?.Outcome)
        {
            case SnapshotOutcome.Missing:
                message.Append(CultureInfo.InvariantCulture, $"no verified snapshot {snapshot.VerifiedPath}; the shape was written to {snapshot.ReceivedPath}. Review it and accept it (contractkit accept, or CONTRACTKIT_ACCEPT=1 outside CI).\n");
                break;
            case SnapshotOutcome.Mismatched:
                message.Append(CultureInfo.InvariantCulture, $"the shape differs from {snapshot.VerifiedPath} (written to {snapshot.ReceivedPath}):\n{snapshot.Diff}");
                break;
        }

        if (result.Body is { Length: > 0 } body)
        {
            message.Append("\nthe response (credentials and secret fields masked):\n").Append(ResponseRedaction.Show(body, contract, live)).Append('\n');
        }

        return ResponseRedaction.MaskCredentials(message.ToString(), live);
    }

    /// <summary>Whether the page gives an example body for the scenario's response, so that a snapshot means something.</summary>
    public static bool HasDocumentedBody(Scenario scenario) =>
        scenario.Contract.Examples.Responses.Any(r => r.Status == scenario.ExpectedStatus && r.Body is not null);

    private string Name(Scenario scenario) => $"{contract.Vendor}/{contract.Operation} {scenario.Name}";

    private async Task<Uri> BaseAddressAsync()
    {
        await startLock.WaitAsync().ConfigureAwait(false);
        try
        {
            stub ??= await StubServer.StartAsync([contract]).ConfigureAwait(false);
            return stub.BaseAddressFor(contract.Vendor);
        }
        finally
        {
            startLock.Release();
        }
    }
}

using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary><c>contractkit verify --mode live</c> against a sandbox on loopback with its own, changing data.</summary>
public sealed class VerifyLiveTests : IAsyncLifetime
{
    private readonly Workspace workspace = new();
    private SandboxSimulator simulator = null!;

    public async ValueTask InitializeAsync()
    {
        simulator = await SandboxSimulator.StartRazorpayAsync();
        workspace.Write("schemas/razorpay/activate-contact.contract.json", File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")));
        // The snapshot verified against the stub, as checked in: live runs compare with it too.
        workspace.Write("schemas/razorpay/ActivateContactContractTests.Success.verified.json",
            File.ReadAllText(Repo.PathOf("schemas", "razorpay", "ActivateContactContractTests.Success.verified.json")));
    }

    public async ValueTask DisposeAsync()
    {
        await simulator.DisposeAsync();
        workspace.Dispose();
    }

    private Func<string, string?> Environment(bool allowWrites = true, bool withBaseUrl = true)
    {
        // verify --mode live is chosen on the command line; the rest comes from the simulator's settings.
        var values = simulator.LiveEnvironment(allowWrites);
        if (!withBaseUrl)
        {
            values.Remove("CONTRACTKIT_RAZORPAY_BASE_URL");
        }

        return name => values.GetValueOrDefault(name);
    }

    [Fact]
    public void The_conforming_vendor_passes_every_scenario_fifty_runs_in_a_row()
    {
        for (var run = 0; run < 50; run++)
        {
            var result = workspace.RunWith(Environment(), "verify", "--mode", "live");
            Assert.True(result.ExitCode == 0, $"run {run} (sandbox seed {simulator.Seed}):\n{result.Output}{result.Error}");
            Assert.Contains("2 scenario(s): 2 passed, 0 failed", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(SandboxSimulator.KeySecret, result.Output, StringComparison.Ordinal);
        }

        Assert.Equal(100, simulator.Requests);
    }

    [Theory]
    [InlineData(DriftKind.TypeChanged, "created_at", "[breaking] created_at: type: expected integer, found string (documented at line 144 of docs/vendors/razorpay/activate-contact.txt)")]
    [InlineData(DriftKind.FieldRemoved, "email", "[breaking] email: required: the required field \"email\" is missing (documented at line 111 of docs/vendors/razorpay/activate-contact.txt)")]
    [InlineData(DriftKind.UndocumentedFieldAdded, "vpa", "[undocumented] vpa: not documented; found string")]
    public void A_drifted_vendor_fails_naming_the_class_the_field_and_the_page_line(DriftKind kind, string field, string expected)
    {
        simulator.Drifts.Add(new SimulatedDrift(kind, field));
        var result = workspace.RunWith(Environment(), "verify", "--mode", "live", "--report", "report.html");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(workspace.PathOf("report.html"));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(expected), html, StringComparison.Ordinal);
        // The failing response is in the report for debugging, without credentials.
        Assert.Contains("<pre class=\"response\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxSimulator.KeySecret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxSimulator.KeyId, html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_marks_each_quirk_override_as_seen_or_not_seen()
    {
        workspace.Write("schemas/razorpay/activate-contact.overrides.json", """
            { "overrides": [
              { "in": "response", "field": "notes", "quirk": "empty-array-as-object", "reason": "PHP sends [] for an empty map." },
              { "in": "response", "field": "created_at", "quirk": "number-as-string", "reason": "Once seen quoted in 2023." } ] }
            """);
        var contract = ContractKit.Contracts.ContractReader.ReadFile(workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
        ContractKit.Contracts.ContractOverrides.Read(File.ReadAllBytes(workspace.PathOf("schemas", "razorpay", "activate-contact.overrides.json")), "activate-contact.overrides.json").ApplyTo(contract);
        File.WriteAllBytes(workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json"), ContractKit.Contracts.ContractWriter.ToUtf8Bytes(contract));
        simulator.Drifts.Add(new SimulatedDrift(DriftKind.EmptyArrayForObject, "notes"));

        var result = workspace.RunWith(Environment(), "verify", "--mode", "live", "--report", "report.html");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[quirk] notes: quirk: ", result.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(workspace.PathOf("report.html"));
        Assert.Contains("<tr class=\"quirk seen\"><td>notes</td><td>quirk override empty-array-as-object: PHP sends [] for an empty map.</td><td>139</td><td>seen this run</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"quirk not-seen\"><td>created_at</td><td>quirk override number-as-string: Once seen quoted in 2023.</td><td>144</td><td>not seen this run</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Undocumented_fields_pass_with_fail_on_breaking_and_are_still_reported()
    {
        simulator.Drifts.Add(new SimulatedDrift(DriftKind.UndocumentedFieldAdded, "vpa"));
        var result = workspace.RunWith(Environment(), "verify", "--mode", "live", "--fail-on", "breaking", "--report", "r.xml");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[undocumented] vpa: not documented; found string", result.Output, StringComparison.Ordinal);
        var junit = System.Xml.Linq.XDocument.Load(workspace.PathOf("r.xml"));
        Assert.Empty(junit.Descendants("failure"));
        Assert.Contains(junit.Descendants("system-out"), e => e.Value.Contains("[undocumented] vpa", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_write_opt_in_state_changing_requests_are_skipped_and_a_vendor_with_nothing_verified_exits_3()
    {
        var result = workspace.RunWith(Environment(allowWrites: false), "verify", "--mode", "live", "--report", "r.xml");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("2 scenario(s): 0 passed, 0 failed, 2 skipped", result.Output, StringComparison.Ordinal);
        Assert.Contains("contractkit verify: NOTHING WAS VERIFIED for razorpay: all 2 scenario(s) were skipped. Allow the state-changing requests per contract with \"allowWrites\": true in activate-contact.scenario.json", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, System.Xml.Linq.XDocument.Load(workspace.PathOf("r.xml")).Descendants("skipped").Count());
    }

    [Fact]
    public void Allow_all_skipped_makes_a_run_that_sent_nothing_pass_on_purpose()
    {
        var result = workspace.RunWith(Environment(allowWrites: false), "verify", "--mode", "live", "--allow-all-skipped");
        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("2 scenario(s): 0 passed, 0 failed, 2 skipped", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_file_that_allows_writes_makes_the_vendor_verified()
    {
        workspace.Write("schemas/razorpay/activate-contact.scenario.json", $$"""{ "allowWrites": true, "pathParameters": { "id": "{{SandboxSimulator.SandboxRecord}}" } }""");
        var result = workspace.RunWith(Environment(allowWrites: false), "verify", "--mode", "live");
        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("2 scenario(s): 2 passed, 0 failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_base_url_can_be_given_on_the_command_line()
    {
        var result = workspace.RunWith(Environment(withBaseUrl: false), "verify", "--mode", "live", "--base-url", simulator.BaseAddress.ToString());
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Missing_settings_are_named_and_nothing_is_sent()
    {
        var result = workspace.RunWith(_ => null, "verify", "--mode", "live");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("live mode for razorpay needs CONTRACTKIT_RAZORPAY_BASE_URL, CONTRACTKIT_RAZORPAY_KEY_ID, CONTRACTKIT_RAZORPAY_KEY_SECRET", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, workspace.RunWith(Environment(), "verify", "--base-url", "http://127.0.0.1:1/").ExitCode);
    }
}

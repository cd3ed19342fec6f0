using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary><c>contractkit verify --mode live</c> against a simulated Razorpay on loopback.</summary>
public sealed class VerifyLiveTests : IAsyncLifetime
{
    private readonly Workspace workspace = new();
    private RazorpaySimulator simulator = null!;

    public async ValueTask InitializeAsync()
    {
        simulator = await RazorpaySimulator.StartAsync();
        workspace.Write("schemas/razorpay/activate-contact.contract.json", File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")));
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
    public void The_conforming_vendor_passes_every_scenario()
    {
        var result = workspace.RunWith(Environment(), "verify", "--mode", "live");
        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("2 scenario(s): 2 passed, 0 failed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(RazorpaySimulator.KeySecret, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drifted_vendor_fails_naming_the_field()
    {
        simulator.Drift = Drift.TypeChanged;
        var result = workspace.RunWith(Environment(), "verify", "--mode", "live");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/created_at: type: expected integer, found string (documented at line 144)", result.Output, StringComparison.Ordinal);
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
        workspace.Write("schemas/razorpay/activate-contact.scenario.json", $$"""{ "allowWrites": true, "pathParameters": { "id": "{{RazorpaySimulator.SandboxContact}}" } }""");
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

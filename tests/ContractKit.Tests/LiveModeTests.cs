using System.Text.Json.Nodes;
using ContractKit.Http;
using ContractKit.Testing;
using ContractKit.Validation;

namespace ContractKit.Tests;

/// <summary>
/// The machinery of the generated contract tests (ContractTestTarget) in live mode against a simulated
/// vendor: the conforming vendor passes with the snapshot verified in stub mode, and every drift fails with
/// a message naming the field (and its page line, where the contract records one).
/// </summary>
public sealed class LiveModeTests : IAsyncLifetime
{
    private const string Snapshot = "ActivateContactContractTests.Success";
    private static readonly string ContractJson = File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
    private static readonly IJsonValidator Validator = SchemaInterpreter.Create(JsonNode.Parse(ContractJson)!["responses"]![0]!["schema"]);
    private readonly string directory = Directory.CreateTempSubdirectory("ck-live-").FullName;
    private RazorpaySimulator simulator = null!;

    public async ValueTask InitializeAsync()
    {
        simulator = await RazorpaySimulator.StartAsync();
        // The snapshot verified in stub mode, as checked in beside the contract.
        File.Copy(Repo.PathOf("schemas", "razorpay", Snapshot + ".verified.json"), Path.Combine(directory, Snapshot + ".verified.json"));
    }

    public async ValueTask DisposeAsync()
    {
        await simulator.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private Dictionary<string, string> LiveEnvironment() => simulator.LiveEnvironment();

    private ContractTestTarget Target(Dictionary<string, string> environment) =>
        ContractTestTarget.For(ContractJson, Path.Combine(directory, "activate-contact.contract.json"), name => environment.GetValueOrDefault(name));

    [Fact]
    public async Task The_conforming_vendor_passes_with_the_snapshot_verified_against_the_stub()
    {
        await Target(LiveEnvironment()).RunAsync("success", Validator, Snapshot);
        await Target([]).RunAsync("success", Validator, Snapshot);
        Assert.Empty(Directory.EnumerateFiles(directory, "*.received.json"));
    }

    [Theory]
    [InlineData(Drift.FieldRemoved, "(root): required: the required field \"email\" is missing (documented at line 111)")]
    [InlineData(Drift.TypeChanged, "/created_at: type: expected integer, found string (documented at line 144)")]
    [InlineData(Drift.NullNotAllowed, "/entity: type: expected string, found null (documented at line 96)")]
    [InlineData(Drift.ConstraintBroken, "/notes/notes_key_3: maxLength")]
    [InlineData(Drift.UndocumentedFieldAdded, "+  \"vpa\": \"gaurav@upi\"")]
    public async Task Each_drift_fails_naming_the_field(Drift drift, string expected)
    {
        simulator.Drift = drift;
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(LiveEnvironment()).RunAsync("success", Validator, Snapshot));
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        AssertNoCredential(failure.Message);
    }

    [Fact]
    public async Task A_busy_vendor_is_tried_again_a_bounded_number_of_times()
    {
        simulator.Unavailable = 2;
        await Target(LiveEnvironment()).RunAsync("success", Validator, Snapshot);
        Assert.Equal(3, simulator.Requests);

        simulator.Unavailable = 5;
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(LiveEnvironment()).RunAsync("success", Validator, Snapshot));
        Assert.Contains("expected status 200, got 503", failure.Message, StringComparison.Ordinal);
        Assert.Equal(6, simulator.Requests);
    }

    [Fact]
    public async Task A_scenario_file_can_allow_writes_for_its_contract()
    {
        var environment = LiveEnvironment();
        environment.Remove(LiveSettings.AllowWritesVariable);
        File.WriteAllText(Path.Combine(directory, "activate-contact.scenario.json"), """{ "allowWrites": true }""");
        await Target(environment).RunAsync("success", Validator, Snapshot);
    }

    [Fact]
    public async Task An_enum_value_the_docs_do_not_list_fails_naming_the_field()
    {
        // Neither vendor page lists values for a response field, so a copy of the contract documents one:
        // entity, which the page describes as "Here, it is contact".
        var contract = JsonNode.Parse(ContractJson)!;
        contract["responses"]![0]!["schema"]!["properties"]!["entity"]!["enum"] = new JsonArray("contact");
        var validator = SchemaInterpreter.Create(contract["responses"]![0]!["schema"]);
        var environment = LiveEnvironment();
        var target = ContractTestTarget.For(contract.ToJsonString(), Path.Combine(directory, "activate-contact.contract.json"), name => environment.GetValueOrDefault(name));
        await target.RunAsync("success", validator, Snapshot);

        simulator.Drift = Drift.UnlistedEnumValue;
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => target.RunAsync("success", validator, Snapshot));
        Assert.Contains("/entity: enum: \"contact_v2\" is not one of the allowed values (documented at line 96)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_settings_are_one_clear_message()
    {
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(new() { [LiveSettings.ModeVariable] = "live" }).RunAsync("success", Validator, Snapshot));
        Assert.Equal("live mode for razorpay needs CONTRACTKIT_RAZORPAY_BASE_URL, CONTRACTKIT_RAZORPAY_KEY_ID, CONTRACTKIT_RAZORPAY_KEY_SECRET", failure.Message);
    }

    [Fact]
    public async Task A_request_that_changes_vendor_state_is_skipped_without_the_opt_in()
    {
        var environment = LiveEnvironment();
        environment.Remove(LiveSettings.AllowWritesVariable);
        // Caught by hand: xunit.v3 turns an exception with the skip prefix into a skip even inside Assert.ThrowsAsync.
        string? message = null;
        try
        {
            await Target(environment).RunAsync("success", Validator, Snapshot);
        }
        catch (ContractTestException e)
        {
            message = e.Message;
        }

        Assert.NotNull(message);
        Assert.True(message!.StartsWith(ContractTestTarget.DynamicSkipPrefix, StringComparison.Ordinal), "the message must carry the skip prefix");
        Assert.Contains("CONTRACTKIT_LIVE_ALLOW_WRITES=true", message.Replace(ContractTestTarget.DynamicSkipPrefix, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_CONTRACTKIT_LIVE_FAIL_SKIPPED_a_request_that_would_be_skipped_fails_instead()
    {
        var environment = LiveEnvironment();
        environment.Remove(LiveSettings.AllowWritesVariable);
        environment[ContractTestTarget.FailSkippedVariable] = "true";

        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(environment).RunAsync("success", Validator, Snapshot));

        Assert.DoesNotContain(ContractTestTarget.DynamicSkipPrefix, failure.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was checked, and CONTRACTKIT_LIVE_FAIL_SKIPPED=true fails such a test", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, simulator.Requests);
    }

    [Fact]
    public async Task Wrong_credentials_fail_on_the_status_without_showing_them()
    {
        var environment = LiveEnvironment();
        environment["CONTRACTKIT_RAZORPAY_KEY_SECRET"] = "CANARY-WRONG-SECRET";
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(environment).RunAsync("success", Validator, Snapshot));
        Assert.Contains("expected status 200, got 401", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY-WRONG-SECRET", failure.Message, StringComparison.Ordinal);
        AssertNoCredential(failure.Message);
    }

    [Fact]
    public async Task Received_snapshots_hold_no_credential()
    {
        simulator.Drift = Drift.UndocumentedFieldAdded;
        await Assert.ThrowsAsync<ContractTestException>(() => Target(LiveEnvironment()).RunAsync("success", Validator, Snapshot));
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            AssertNoCredential(File.ReadAllText(file));
        }
    }

    private static void AssertNoCredential(string text)
    {
        Assert.DoesNotContain(RazorpaySimulator.KeySecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RazorpaySimulator.KeyId, text, StringComparison.Ordinal);
    }
}

/// <summary>The scenario file beside a contract: values only the sandbox knows.</summary>
public sealed class ScenarioValuesTests : IAsyncLifetime
{
    private static readonly string ContractJson = File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
    private readonly string directory = Directory.CreateTempSubdirectory("ck-scenario-").FullName;
    private RazorpaySimulator simulator = null!;

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

    private async Task Run()
    {
        var environment = simulator.LiveEnvironment();
        var target = ContractTestTarget.For(ContractJson, Path.Combine(directory, "activate-contact.contract.json"), name => environment.GetValueOrDefault(name));
        await target.RunAsync("success", SchemaInterpreter.Create(JsonNode.Parse(ContractJson)!["responses"]![0]!["schema"]), "ActivateContactContractTests.Success");
    }

    [Fact]
    public async Task A_sandbox_id_from_the_scenario_file_replaces_the_documented_one()
    {
        File.WriteAllText(Path.Combine(directory, "activate-contact.scenario.json"), $$"""{ "pathParameters": { "id": "{{RazorpaySimulator.SandboxContact}}" } }""");
        await Run();

        File.WriteAllText(Path.Combine(directory, "activate-contact.scenario.json"), """{ "pathParameters": { "id": "cont_NOT_IN_SANDBOX" } }""");
        var failure = await Assert.ThrowsAsync<ContractTestException>(Run);
        Assert.Contains("expected status 200, got 400", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_scenario_file_names_its_line()
    {
        File.WriteAllText(Path.Combine(directory, "activate-contact.scenario.json"), "{\n  \"pathParameters\": { \"id\": 42 }\n}");
        var failure = await Assert.ThrowsAsync<ContractKit.Contracts.ContractFormatException>(Run);
        Assert.Equal(2, failure.Line);
        Assert.EndsWith("activate-contact.scenario.json", failure.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_values_and_body_merges_apply_to_the_documented_request()
    {
        var contract = ContractKit.Contracts.ContractReader.Read(System.Text.Encoding.UTF8.GetBytes(ContractJson), "c.json");
        var values = new ScenarioValues(new Dictionary<string, string> { ["id"] = "cont_A/B" }, new Dictionary<string, string> { ["expand"] = "bank" },
            JsonNode.Parse("""{"active": true, "note": "x"}"""));
        Assert.Equal("v1/contacts/cont_A%2FB?expand=bank", values.RelativePath(contract, contract.Examples.Request!));
        Assert.Equal("""{"active":true,"note":"x"}""", values.MergeBody(contract.Examples.Request!.Body)!.ToJsonString());
        var removal = new ScenarioValues(new Dictionary<string, string>(), new Dictionary<string, string>(), JsonNode.Parse("""{"active": null}"""));
        Assert.Equal("{}", removal.MergeBody(contract.Examples.Request!.Body)!.ToJsonString());
        Assert.Equal("v1/contacts/cont_00000000000001", ScenarioValues.None.RelativePath(contract, contract.Examples.Request!));
    }
}

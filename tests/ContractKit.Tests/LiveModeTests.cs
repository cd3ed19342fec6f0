using System.Text.Json.Nodes;
using ContractKit.Http;
using ContractKit.Testing;
using ContractKit.Validation;

namespace ContractKit.Tests;

/// <summary>
/// The machinery of the generated contract tests (ContractTestTarget) in live mode against a sandbox with its
/// own, changing data: the conforming vendor passes with the snapshot verified in stub mode, and every drift
/// fails with its class, the field and its page line.
/// </summary>
public sealed class LiveModeTests : IAsyncLifetime
{
    private const string Snapshot = "ActivateContactContractTests.Success";
    private const string Page = "docs/vendors/razorpay/activate-contact.txt";
    private static readonly string ContractJson = File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
    private static readonly IJsonValidator Validator = SchemaInterpreter.Create(JsonNode.Parse(ContractJson)!["responses"]![0]!["schema"]);
    private readonly string directory = Directory.CreateTempSubdirectory("ck-live-").FullName;
    private SandboxSimulator simulator = null!;

    public async ValueTask InitializeAsync()
    {
        simulator = await SandboxSimulator.StartRazorpayAsync();
        // The snapshot verified in stub mode, as checked in beside the contract.
        File.Copy(Repo.PathOf("schemas", "razorpay", Snapshot + ".verified.json"), Path.Combine(directory, Snapshot + ".verified.json"));
    }

    public async ValueTask DisposeAsync()
    {
        await simulator.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private Dictionary<string, string> LiveEnvironment() => simulator.LiveEnvironment();

    private ContractTestTarget Target(Dictionary<string, string> environment, string? contractJson = null) =>
        ContractTestTarget.For(contractJson ?? ContractJson, Path.Combine(directory, "activate-contact.contract.json"), name => environment.GetValueOrDefault(name));

    [Fact]
    public async Task A_sandbox_with_its_own_changing_data_passes_fifty_runs_in_a_row_with_the_stub_snapshot()
    {
        var target = Target(LiveEnvironment());
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        for (var run = 0; run < 50; run++)
        {
            try
            {
                await target.RunAsync("success", Validator, Snapshot);
            }
            catch (ContractTestException e)
            {
                Assert.Fail($"run {run} (simulator seed {simulator.Seed}) failed:\n{e.Message}");
            }

            bodies.Add(simulator.LastBody!);
        }

        await Target([]).RunAsync("success", Validator, Snapshot);
        Assert.Empty(Directory.EnumerateFiles(directory, "*.received.json"));
        // The proof is only worth something if the data really changed: every body differed, and the
        // nullable and map fields took more than one shape.
        Assert.Equal(50, bodies.Count);
        var parsed = bodies.Select(b => JsonNode.Parse(b)!).ToList();
        Assert.Contains(parsed, b => b["batch_id"] is null);
        Assert.Contains(parsed, b => b["batch_id"] is not null);
        Assert.True(parsed.Select(b => b["notes"]!.AsObject().Count).Distinct().Count() > 1, "the notes maps all had the same number of keys");
    }

    [Theory]
    [InlineData(DriftKind.FieldRemoved, "email", "breaking", "email: required: the required field \"email\" is missing (documented at line 111 of " + Page + ")")]
    [InlineData(DriftKind.TypeChanged, "created_at", "breaking", "created_at: type: expected integer, found string (documented at line 144 of " + Page + ")")]
    [InlineData(DriftKind.NullNotAllowed, "entity", "breaking", "entity: type: expected string, found null (documented at line 96 of " + Page + ")")]
    [InlineData(DriftKind.ConstraintBroken, "email", "breaking", "email: format: ")]
    [InlineData(DriftKind.ConstraintBroken, "notes", "breaking", "notes: maxProperties: ")]
    [InlineData(DriftKind.EmptyArrayForObject, "notes", "breaking", "notes: type: expected object, found array (documented at line 139 of " + Page + ")")]
    [InlineData(DriftKind.UndocumentedFieldAdded, "vpa", "undocumented", "vpa: not documented; found string")]
    public async Task Each_drift_fails_naming_its_class_the_field_and_the_page_line(DriftKind kind, string field, string driftClass, string expected)
    {
        simulator.Drifts.Add(new SimulatedDrift(kind, field));
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(LiveEnvironment()).RunAsync("success", Validator, Snapshot));
        Assert.Contains($"[{driftClass}]:\n  {expected}", failure.Message, StringComparison.Ordinal);
        // The values stay available for debugging, with the credentials masked.
        Assert.Contains("the response (credentials and secret fields masked):", failure.Message, StringComparison.Ordinal);
        AssertNoCredential(failure.Message);
    }

    [Fact]
    public async Task A_value_beside_a_map_key_breaks_the_map_values_documented_constraint()
    {
        simulator.Drifts.Add(new SimulatedDrift(DriftKind.ConstraintBroken, "notes"));
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(LiveEnvironment()).RunAsync("success", Validator, Snapshot));
        Assert.Contains("-    \"notes\": \"object\",", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+    \"notes\": \"object; breaks maxProperties, found object\",", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("breaking", DriftKind.UndocumentedFieldAdded, false)]
    [InlineData("undocumented", DriftKind.UndocumentedFieldAdded, true)]
    [InlineData("any", DriftKind.UndocumentedFieldAdded, true)]
    [InlineData("breaking", DriftKind.TypeChanged, true)]
    public async Task The_fail_on_setting_chooses_which_drift_fails(string failOn, DriftKind kind, bool fails)
    {
        simulator.Drifts.Add(new SimulatedDrift(kind, kind == DriftKind.TypeChanged ? "created_at" : "vpa"));
        var environment = LiveEnvironment();
        environment[DriftTriage.FailOnVariable] = failOn;
        var run = () => Target(environment).RunAsync("success", Validator, Snapshot);
        if (fails)
        {
            await Assert.ThrowsAsync<ContractTestException>(run);
        }
        else
        {
            await run();
        }
    }

    [Fact]
    public async Task A_snapshot_that_records_another_documented_shape_is_its_own_class()
    {
        // The contract documents one more field than when the snapshot was verified; the vendor conforms.
        var contract = JsonNode.Parse(ContractJson)!;
        contract["responses"]![0]!["schema"]!["properties"]!["vpa"] = new JsonObject { ["type"] = "string" };
        var validator = SchemaInterpreter.Create(contract["responses"]![0]!["schema"]);
        simulator.Drifts.Add(new SimulatedDrift(DriftKind.UndocumentedFieldAdded, "vpa"));
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(LiveEnvironment(), contract.ToJsonString()).RunAsync("success", validator, Snapshot));
        Assert.Contains("the documented shape is unchanged but the snapshot differs [snapshot]:", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[breaking]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+    \"vpa\": \"string, optional\"", failure.Message, StringComparison.Ordinal);

        var environment = LiveEnvironment();
        environment[DriftTriage.FailOnVariable] = "undocumented";
        await Target(environment, contract.ToJsonString()).RunAsync("success", validator, Snapshot);
    }

    [Fact]
    public async Task An_unknown_fail_on_value_is_named()
    {
        var environment = LiveEnvironment();
        environment[DriftTriage.FailOnVariable] = "sometimes";
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(environment).RunAsync("success", Validator, Snapshot));
        Assert.Equal("CONTRACTKIT_FAIL_ON=\"sometimes\": expected breaking, undocumented or any", failure.Message);
    }

    /// <summary>The Razorpay contract with one reviewed quirk override applied, as import writes it.</summary>
    private static string WithQuirk(string overridesJson)
    {
        var contract = ContractKit.Contracts.ContractReader.Read(System.Text.Encoding.UTF8.GetBytes(ContractJson), "activate-contact.contract.json");
        ContractKit.Contracts.ContractOverrides.Read(System.Text.Encoding.UTF8.GetBytes(overridesJson), "activate-contact.overrides.json").ApplyTo(contract);
        return System.Text.Encoding.UTF8.GetString(ContractKit.Contracts.ContractWriter.ToUtf8Bytes(contract));
    }

    [Fact]
    public async Task A_known_quirk_with_its_override_passes_with_the_stub_snapshot_and_is_classified_as_a_quirk()
    {
        var contractJson = WithQuirk("""
            { "overrides": [ { "in": "response", "field": "notes", "quirk": "empty-array-as-object",
                               "reason": "The live API sends [] for a contact without notes." } ] }
            """);
        var validator = SchemaInterpreter.Create(JsonNode.Parse(contractJson)!["responses"]![0]!["schema"]);
        simulator.Drifts.Add(new SimulatedDrift(DriftKind.EmptyArrayForObject, "notes"));
        for (var run = 0; run < 10; run++)
        {
            await Target(LiveEnvironment(), contractJson).RunAsync("success", validator, Snapshot);
        }

        Assert.Empty(Directory.EnumerateFiles(directory, "*.received.json"));

        // The same response through verify's runner: a quirk item that names the override and its reason.
        var contract = ContractKit.Contracts.ContractReader.Read(System.Text.Encoding.UTF8.GetBytes(contractJson), "c.json");
        using var client = new HttpClient();
        var scenario = ScenarioRunner.ScenariosOf(contract).First();
        var result = (await new ScenarioRunner(client).RunAsync(scenario, simulator.BaseAddress, TestContext.Current.CancellationToken,
            LiveSettings.From(contract, name => LiveEnvironment().GetValueOrDefault(name)))).Triage(null, FailOn.Any);
        Assert.True(result.Passed);
        var quirk = Assert.Single(result.DriftItems);
        Assert.Equal((DriftClass.Quirk, "notes"), (quirk.Class, quirk.Field));
        Assert.Contains("empty-array-as-object", quirk.Message, StringComparison.Ordinal);
        Assert.Contains("activate-contact.overrides.json", quirk.Message, StringComparison.Ordinal);
        Assert.Contains("The live API sends [] for a contact without notes.", quirk.Message, StringComparison.Ordinal);

        // Without the override, the same habit is breaking again.
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(LiveEnvironment()).RunAsync("success", Validator, Snapshot));
        Assert.Contains("[breaking]:\n  notes: type: expected object, found array", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_field_the_sandbox_sometimes_omits_passes_with_its_quirk_override()
    {
        var contractJson = WithQuirk("""
            { "overrides": [ { "in": "response", "field": "reference_id", "quirk": "sometimes-absent",
                               "reason": "Sandbox contacts created without a reference omit it." } ] }
            """);
        var validator = SchemaInterpreter.Create(JsonNode.Parse(contractJson)!["responses"]![0]!["schema"]);
        simulator.Drifts.Add(new SimulatedDrift(DriftKind.FieldRemoved, "reference_id"));
        await Target(LiveEnvironment(), contractJson).RunAsync("success", validator, Snapshot);
        simulator.Drifts.Clear();
        await Target(LiveEnvironment(), contractJson).RunAsync("success", validator, Snapshot);
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
        var file = Path.Combine(directory, "activate-contact.contract.json");
        File.WriteAllText(file, contract.ToJsonString());
        // A sandbox that serves the copy, so that its own data keeps to the enum.
        await using var sandbox = await SandboxSimulator.StartAsync(seed: null, file);
        var environment = sandbox.LiveEnvironment();
        File.WriteAllText(Path.Combine(directory, Snapshot + ".verified.json"),
            File.ReadAllText(Path.Combine(directory, Snapshot + ".verified.json")).Replace("\"entity\": \"string\"", "\"entity\": \"string = \\\"contact\\\"\"", StringComparison.Ordinal));
        var target = Target(environment, contract.ToJsonString());
        await target.RunAsync("success", validator, Snapshot);

        sandbox.Drifts.Add(new SimulatedDrift(DriftKind.UnlistedEnumValue, "entity"));
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => target.RunAsync("success", validator, Snapshot));
        Assert.Contains("entity: enum: \"value_not_listed\" is not one of the allowed values (documented at line 96 of " + Page + ")", failure.Message, StringComparison.Ordinal);
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
        Assert.Equal(0, simulator.Requests);
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
    public async Task Wrong_credentials_do_not_pass_the_documented_4xx_error_scenario()
    {
        var environment = LiveEnvironment();
        environment["CONTRACTKIT_RAZORPAY_KEY_SECRET"] = "CANARY-WRONG-SECRET";
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(environment).RunAsync("error 4xx", SchemaInterpreter.Create(JsonNode.Parse(ContractJson)!["responses"]![1]!["schema"]), Snapshot + "Error"));
        Assert.Contains("expected status 4xx, got 401 (an authentication failure, not the documented error: check the credentials)", failure.Message, StringComparison.Ordinal);
        AssertNoCredential(failure.Message);
    }

    [Fact]
    public async Task Received_snapshots_hold_no_credential_and_no_data()
    {
        simulator.Drifts.Add(new SimulatedDrift(DriftKind.UndocumentedFieldAdded, "vpa"));
        var name = "NAME-" + Guid.NewGuid().ToString("N");
        simulator.Reshape = body => body["name"] = name;
        await Assert.ThrowsAsync<ContractTestException>(() => Target(LiveEnvironment()).RunAsync("success", Validator, Snapshot));
        var received = File.ReadAllText(Path.Combine(directory, Snapshot + ".received.json"));
        Assert.Contains("\"vpa\": \"string\"", received, StringComparison.Ordinal);
        Assert.Contains(name, simulator.LastBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(name, received, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            AssertNoCredential(File.ReadAllText(file));
        }
    }

    [Fact]
    public async Task Secret_fields_of_a_failing_response_are_masked_in_the_message()
    {
        // The failure shows the response for debugging, but never a field the contract marks secret.
        simulator.Drifts.Add(new SimulatedDrift(DriftKind.UndocumentedFieldAdded, "vpa"));
        var contract = JsonNode.Parse(ContractJson)!;
        contract["responses"]![0]!["schema"]!["properties"]!["reference_id"]!["x-secret"] = true;
        // A value that cannot occur elsewhere in the message by chance, as a short random one could.
        var referenceId = "REF-" + Guid.NewGuid().ToString("N");
        simulator.Reshape = body => body["reference_id"] = referenceId;
        var failure = await Assert.ThrowsAsync<ContractTestException>(() => Target(LiveEnvironment(), contract.ToJsonString()).RunAsync("success", Validator, Snapshot));
        Assert.Contains(referenceId, simulator.LastBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(referenceId, failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"reference_id\": \"***\"", failure.Message, StringComparison.Ordinal);
    }

    private static void AssertNoCredential(string text)
    {
        Assert.DoesNotContain(SandboxSimulator.KeySecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxSimulator.KeyId, text, StringComparison.Ordinal);
    }
}

/// <summary>The scenario file beside a contract: values only the sandbox knows.</summary>
public sealed class ScenarioValuesTests : IAsyncLifetime
{
    private static readonly string ContractJson = File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
    private readonly string directory = Directory.CreateTempSubdirectory("ck-scenario-").FullName;
    private SandboxSimulator simulator = null!;

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

    private async Task Run()
    {
        var environment = simulator.LiveEnvironment();
        var target = ContractTestTarget.For(ContractJson, Path.Combine(directory, "activate-contact.contract.json"), name => environment.GetValueOrDefault(name));
        await target.RunAsync("success", SchemaInterpreter.Create(JsonNode.Parse(ContractJson)!["responses"]![0]!["schema"]), "ActivateContactContractTests.Success");
    }

    [Fact]
    public async Task A_sandbox_id_from_the_scenario_file_replaces_the_documented_one()
    {
        File.WriteAllText(Path.Combine(directory, "activate-contact.scenario.json"), $$"""{ "pathParameters": { "id": "{{SandboxSimulator.SandboxRecord}}" } }""");
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

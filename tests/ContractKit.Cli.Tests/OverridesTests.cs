using System.Text.Json.Nodes;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary>Overrides files beside a contract: applied after derivation on every import, reported per field, kept by --check.</summary>
public sealed class OverridesTests : IDisposable
{
    private const string Page = "docs/vendors/razorpay/activate-contact.txt";
    private const string Overrides = "schemas/razorpay/activate-contact.overrides.json";
    private const string Contract = "schemas/razorpay/activate-contact.contract.json";
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private const string Learned = """
        {
          "overrides": [
            {
              "in": "response", "status": "200", "field": "notes",
              "reason": "The live API returns [] when a contact has no notes.",
              "type": ["object", "array"]
            },
            {
              "in": "response", "field": "reference_id",
              "reason": "Sandbox contacts created without a reference come back with null.",
              "nullable": true
            },
            {
              "in": "request", "field": "active",
              "reason": "The API accepts a missing active and keeps the state.",
              "required": false
            }
          ]
        }
        """;

    private JsonObject Written() => JsonNode.Parse(File.ReadAllText(workspace.PathOf(Contract)))!.AsObject();

    private static JsonObject Response(JsonObject contract, string field) =>
        contract["responses"]![0]!["schema"]!["properties"]![field]!.AsObject();

    [Fact]
    public void Import_applies_each_override_after_derivation_and_says_so_per_field()
    {
        workspace.Write(Overrides, Learned);

        var result = workspace.Run("import", Page);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{Page}:139: info CKI019: override at {Overrides}:3 applied to response 200 notes: type object -> object|array (The live API returns [] when a contact has no notes.)", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{Page}:121: info CKI019: override at {Overrides}:8 applied to response * reference_id: may be null", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{Page}:77: info CKI019: override at {Overrides}:13 applied to request body active: optional", result.Output, StringComparison.Ordinal);

        var contract = Written();
        Assert.Equal("""["object","array"]""", Response(contract, "notes")["type"]!.ToJsonString());
        Assert.Equal("The live API returns [] when a contact has no notes.", Response(contract, "notes")["x-override"]!.GetValue<string>());
        Assert.Equal("""["string","null"]""", Response(contract, "reference_id")["type"]!.ToJsonString());
        Assert.Null(contract["request"]!["schema"]!["required"]);
        Assert.Contains(contract["findings"]!.AsArray(), f => f!["code"]!.GetValue<string>() == "CKI019");
    }

    [Fact]
    public void Check_compares_with_overrides_applied_so_a_learned_fact_is_no_change()
    {
        workspace.Write(Overrides, Learned);
        Assert.Equal(0, workspace.Run("import", Page).ExitCode);

        var check = workspace.Run("import", Page, "--check");
        Assert.Equal(0, check.ExitCode);
        Assert.StartsWith("no changes in 1 endpoint(s)", check.Output, StringComparison.Ordinal);

        // Dropping the override is a change the check reports: the contract would lose what the team learned.
        File.Delete(workspace.PathOf(Overrides));
        var without = workspace.Run("import", Page, "--check");
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("CKD014  response 200 notes: type array|object -> object", without.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_for_a_field_the_page_no_longer_documents_is_reported_and_not_applied()
    {
        workspace.Write(Overrides, """
            { "overrides": [
              { "in": "response", "field": "vpa.address", "reason": "Seen live.", "nullable": true },
              { "in": "response", "field": "batch_id", "reason": "The page says string.", "nullable": true }
            ] }
            """);

        var result = workspace.Run("import", Page);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{Page}: warning CKI020: the override at {Overrides}:2 names response * vpa.address, which the page no longer documents; it was not applied", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{Page}:126: info CKI021: the override at {Overrides}:3 changes nothing in response * batch_id: the page now says the same; consider removing it", result.Output, StringComparison.Ordinal);

        var check = workspace.Run("import", Page, "--check");
        Assert.Contains("warning CKI020", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_values_deprecation_and_merge_patches_apply_to_nested_fields()
    {
        workspace.Write(Overrides, """
            { "overrides": [
              { "in": "response", "status": "200", "field": "notes", "reason": "Seen up to 30 live.", "patch": { "maxProperties": 30, "additionalProperties": { "maxLength": 512 } } },
              { "in": "response", "status": "200", "field": "batch_id", "reason": "Razorpay support: batch uploads are retired.", "deprecated": true },
              { "in": "path", "field": "id", "reason": "Ids always start with cont_.", "patch": { "pattern": "^cont_" } }
            ] }
            """);

        Assert.Equal(0, workspace.Run("import", Page).ExitCode);

        var contract = Written();
        Assert.Equal(30, Response(contract, "notes")["maxProperties"]!.GetValue<int>());
        Assert.Equal(512, Response(contract, "notes")["additionalProperties"]!["maxLength"]!.GetValue<int>());
        Assert.Equal("string", Response(contract, "notes")["additionalProperties"]!["type"]!.GetValue<string>());
        Assert.True(Response(contract, "batch_id")["deprecated"]!.GetValue<bool>());
        Assert.Equal("^cont_", contract["http"]!["parameters"]![0]!["schema"]!["pattern"]!.GetValue<string>());
    }

    [Fact]
    public void An_added_enum_value_extends_the_documented_list()
    {
        workspace.Write("docs/vendors/instantpay/update-contact.txt",
            File.ReadAllText(workspace.PathOf("docs", "vendors", "instantpay", "update-contact.txt"))
                .Replace("environmentStringLive/Sandbox", "environmentStringPossible values: LIVE, SANDBOX", StringComparison.Ordinal));
        workspace.Write("schemas/instantpay/update-contact.overrides.json", """
            { "overrides": [ { "in": "response", "field": "environment", "reason": "UAT seen on the staging host.", "addEnum": ["UAT", "LIVE"] } ] }
            """);

        var result = workspace.Run("import", "docs/vendors/instantpay/update-contact.txt");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("applied to response * environment: enum value \"UAT\" added (UAT seen on the staging host.)", result.Output, StringComparison.Ordinal);
        var contract = JsonNode.Parse(File.ReadAllText(workspace.PathOf("schemas", "instantpay", "update-contact.contract.json")))!;
        Assert.Equal("""["LIVE","SANDBOX","UAT"]""", contract["responses"]![0]!["schema"]!["properties"]!["environment"]!["enum"]!.ToJsonString());
    }

    [Theory]
    [InlineData("{ \"overrides\": [ { \"in\": \"body\", \"field\": \"x\", \"reason\": \"r\", \"nullable\": true } ] }", "1:20", "expected one of request, response, path, query, header, found \"body\"")]
    [InlineData("{ \"overrides\": [\n  { \"in\": \"response\", \"field\": \"x\", \"nullable\": true } ] }", "2:3", "expected a member \"reason\"")]
    [InlineData("{ \"overrides\": [\n  { \"in\": \"response\", \"field\": \"x\", \"reason\": \"r\" } ] }", "2:3", "the override changes nothing")]
    [InlineData("{ \"overrides\": [\n  { \"in\": \"response\", \"field\": \"x\", \"reason\": \"r\", \"nulable\": true } ] }", "2:52", "unknown member \"nulable\"")]
    [InlineData("{ \"overrides\": [\n  { \"in\": \"request\", \"status\": \"200\", \"field\": \"x\", \"reason\": \"r\", \"nullable\": true } ] }", "2:22", "\"status\" goes with \"in\": \"response\"")]
    [InlineData("{ \"overrides\": [\n  { \"in\": \"response\", \"field\": \"x\", \"reason\": \"r\", \"type\": \"text\" } ] }", "2:52", "expected a JSON Schema type name")]
    [InlineData("{ \"overrides\": [ } ", "1:18", "not valid JSON")]
    public void A_malformed_overrides_file_is_bad_input_naming_file_line_and_column_and_nothing_is_written(string text, string position, string problem)
    {
        workspace.Write(Overrides, text);

        var result = workspace.Run("import", Page);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"contractkit import: {Overrides}:{position}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf(Contract)));
    }

    [Fact]
    public void A_quirk_override_is_recorded_as_x_quirks_keeps_the_type_and_is_no_change_for_check()
    {
        workspace.Write(Overrides, """
            { "overrides": [
              { "in": "response", "status": "200", "field": "notes", "quirk": "empty-array-as-object",
                "reason": "The live API returns [] when a contact has no notes." }
            ] }
            """);

        var result = workspace.Run("import", Page);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{Page}:139: info CKI019: override at {Overrides}:2 applied to response 200 notes: quirk empty-array-as-object recorded (The live API returns [] when a contact has no notes.)", result.Output, StringComparison.Ordinal);
        var notes = Response(Written(), "notes");
        Assert.Equal("object", notes["type"]!.GetValue<string>());
        Assert.Equal("activate-contact.overrides.json:2", notes["x-quirks"]![0]!["override"]!.GetValue<string>());

        var check = workspace.Run("import", Page, "--check");
        Assert.Equal(0, check.ExitCode);
    }

    [Fact]
    public void A_quirk_on_a_field_of_the_wrong_type_is_bad_input_and_nothing_is_written()
    {
        workspace.Write(Overrides, "{ \"overrides\": [\n  { \"in\": \"response\", \"field\": \"email\", \"quirk\": \"number-as-string\", \"reason\": \"r\" } ] }");

        var result = workspace.Run("import", Page);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"contractkit import: {Overrides}:2:41: the quirk number-as-string needs a field documented as an integer or number, but response * email is documented as string", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf(Contract)));
    }
}

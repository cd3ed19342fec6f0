using System.Text.Json.Nodes;
using ContractKit.Contracts;
using System.Xml.Linq;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

public sealed class VerifyCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public VerifyCommandTests()
    {
        foreach (var (vendor, operation) in new[] { ("razorpay", "activate-contact"), ("instantpay", "update-contact") })
        {
            workspace.Write($"schemas/{vendor}/{operation}.contract.json", File.ReadAllText(Repo.PathOf("schemas", vendor, operation + ".contract.json")));
        }
    }

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Every_documented_scenario_passes_against_the_stub()
    {
        var result = workspace.Run("verify");
        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("razorpay/activate-contact", result.Output, StringComparison.Ordinal);
        Assert.Contains("3 scenario(s): 3 passed, 0 failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_contracts_checked_in_parallel_give_the_output_of_a_run_one_at_a_time()
    {
        // 40 operations of one vendor (copies under other names), one of them broken so that a failure's
        // details must land under its own table whatever finishes first.
        var source = JsonNode.Parse(File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")))!;
        for (var i = 0; i < 40; i++)
        {
            var copy = source.DeepClone();
            copy["operation"] = $"activate-contact-{i}";
            // Each operation its own route, as distinct operations have (the stub routes by method and path).
            copy["http"]!["path"] = $"/v1/contacts{i}/{{id}}";
            copy["examples"]!["request"]!["url"] = $"https://api.razorpay.com/v1/contacts{i}/cont_00000000000001";
            if (i == 17)
            {
                copy["examples"]!["responses"]![0]!["body"]!["active"] = "no";
            }

            workspace.Write($"schemas/many/activate-contact-{i}.contract.json", copy.ToJsonString());
        }

        var serial = workspace.Run("verify", "--schemas", "schemas/many", "--parallel", "1");
        var parallel = workspace.Run("verify", "--schemas", "schemas/many", "--parallel", "16");

        Assert.Equal(1, serial.ExitCode);
        Assert.Contains("80 scenario(s): 79 passed, 1 failed", serial.Output, StringComparison.Ordinal);
        Assert.Equal((serial.ExitCode, serial.Output, serial.Error), (parallel.ExitCode, parallel.Output, parallel.Error));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("many")]
    public void A_parallelism_out_of_range_is_bad_usage(string value)
    {
        var result = workspace.Run("verify", "--parallel", value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--parallel", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void In_live_mode_a_vendors_state_changing_contracts_share_one_lane_and_reads_get_their_own()
    {
        Contract Make(string vendor, string operation, string method)
        {
            var node = JsonNode.Parse(File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")))!;
            node["vendor"] = vendor;
            node["operation"] = operation;
            node["http"]!["method"] = method;
            var file = workspace.Write($"lanes/{vendor}/{operation}.contract.json", node.ToJsonString());
            return ContractReader.ReadFile(file);
        }

        var contracts = new[]
        {
            Make("a", "create", "POST"), Make("a", "fetch", "GET"), Make("b", "update", "PATCH"), Make("a", "delete", "DELETE"), Make("a", "list", "GET"),
        };

        Assert.Equal([[0, 3], [1], [2], [4]], VerifyCommand.Lanes(contracts, live: true));
        Assert.Equal([[0], [1], [2], [3], [4]], VerifyCommand.Lanes(contracts, live: false));
    }

    [Fact]
    public void A_response_that_breaks_its_contract_fails_naming_the_field_and_its_page_line()
    {
        var path = workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json");
        var contract = JsonNode.Parse(File.ReadAllText(path))!;
        contract["examples"]!["responses"]![0]!["body"]!["active"] = "no";
        File.WriteAllText(path, contract.ToJsonString());

        var result = workspace.Run("verify", "--report", "out/report.xml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED", result.Output, StringComparison.Ordinal);
        Assert.Contains("[breaking] active: type: expected boolean, found string (documented at line 131 of docs/vendors/razorpay/activate-contact.txt)", result.Output, StringComparison.Ordinal);
        var junit = XDocument.Load(workspace.PathOf("out", "report.xml"));
        var failure = Assert.Single(junit.Descendants("failure"));
        Assert.Equal("success", failure.Parent!.Attribute("name")!.Value);
        Assert.Equal("breaking", failure.Attribute("message")!.Value);
        Assert.Contains("[breaking] active: type: expected boolean, found string (documented at line 131 of docs/vendors/razorpay/activate-contact.txt)", failure.Value, StringComparison.Ordinal);
        Assert.Equal(3, junit.Descendants("testcase").Count());
    }

    [Fact]
    public void The_html_report_shows_missing_wrong_and_undocumented_fields()
    {
        var path = workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json");
        var contract = JsonNode.Parse(File.ReadAllText(path))!;
        var body = contract["examples"]!["responses"]![0]!["body"]!.AsObject();
        body.Remove("email");
        body["active"] = "no";
        body["contact"] = new string('9', 3);
        body["vpa"] = "x@upi";
        // A pattern the documented example breaks: the row turns red for it too, not only for a type.
        contract["responses"]![0]!["schema"]!["properties"]!["contact"]!["pattern"] = "^[0-9]{10}$";
        File.WriteAllText(path, contract.ToJsonString());

        Assert.Equal(1, workspace.Run("verify", "--report", "report.html").ExitCode);
        var html = File.ReadAllText(workspace.PathOf("report.html"));
        Assert.Contains("<tr class=\"field missing\"><td>email</td><td>string</td><td>111</td><td>absent</td><td>required</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"field wrong\"><td>active</td><td>boolean</td><td>131</td><td>string</td><td>type</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"field wrong\"><td>contact</td><td>string</td><td>106</td><td>string</td><td>pattern</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"field undocumented\"><td>vpa</td>", html, StringComparison.Ordinal);
        Assert.Contains("<li>[undocumented] vpa: not documented; found string</li>", html, StringComparison.Ordinal);
        // The summary per vendor: passed, failed, skipped, then drift by class.
        Assert.Contains("<tr><td>razorpay</td><td>1</td><td>1</td><td>0</td><td>3</td><td>1</td><td>0</td><td>0</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_report_lists_drift_by_class_with_the_page_line()
    {
        var path = workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json");
        var contract = JsonNode.Parse(File.ReadAllText(path))!;
        contract["examples"]!["responses"]![0]!["body"]!["active"] = "no";
        File.WriteAllText(path, contract.ToJsonString());

        Assert.Equal(1, workspace.Run("verify", "--report", "report.md").ExitCode);
        var markdown = File.ReadAllText(workspace.PathOf("report.md"));
        Assert.Contains("| vendor | passed | failed | skipped | breaking | undocumented | quirk | snapshot |", markdown, StringComparison.Ordinal);
        Assert.Contains("| razorpay | 1 | 1 | 0 | 1 | 0 | 0 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| instantpay | 1 | 0 | 0 | 0 | 0 | 0 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| breaking | `active` | type | expected boolean, found string | docs/vendors/razorpay/activate-contact.txt:131 |", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("breaking", 0)]
    [InlineData("undocumented", 1)]
    [InlineData("any", 1)]
    public void Fail_on_chooses_which_drift_fails(string failOn, int exitCode)
    {
        var path = workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json");
        var contract = JsonNode.Parse(File.ReadAllText(path))!;
        contract["examples"]!["responses"]![0]!["body"]!["vpa"] = "x@upi";
        File.WriteAllText(path, contract.ToJsonString());

        var result = workspace.Run("verify", "--fail-on", failOn);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains("[undocumented] vpa: not documented; found string", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verified_snapshot_beside_the_contract_is_compared_too()
    {
        workspace.Write("schemas/razorpay/ActivateContactContractTests.Success.verified.json",
            File.ReadAllText(Repo.PathOf("schemas", "razorpay", "ActivateContactContractTests.Success.verified.json")));
        Assert.Equal(0, workspace.Run("verify").ExitCode);

        var path = workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json");
        var contract = JsonNode.Parse(File.ReadAllText(path))!;
        // Other data is no change: the snapshot records the contract's shape, not values.
        contract["examples"]!["responses"]![0]!["body"]!["name"] = "Someone Else";
        contract["examples"]!["responses"]![0]!["body"]!["batch_id"] = "batch_1";
        contract["examples"]!["responses"]![0]!["body"]!["notes"] = new JsonObject();
        File.WriteAllText(path, contract.ToJsonString());
        Assert.Equal(0, workspace.Run("verify").ExitCode);

        // Another documented shape is: the contract gained a field since the snapshot was verified.
        contract["responses"]![0]!["schema"]!["properties"]!["vpa"] = new JsonObject { ["type"] = "string" };
        File.WriteAllText(path, contract.ToJsonString());
        var result = workspace.Run("verify", "--report", "report.md");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[snapshot] (root): the documented shape differs from ActivateContactContractTests.Success.verified.json", result.Output, StringComparison.Ordinal);
        // The diff keeps its line breaks.
        Assert.Contains("~~~diff\n--- ActivateContactContractTests.Success.verified.json\n", File.ReadAllText(workspace.PathOf("report.md")), StringComparison.Ordinal);
        Assert.Contains("\n+    \"vpa\": \"string, optional\"\n", File.ReadAllText(workspace.PathOf("report.md")), StringComparison.Ordinal);
        Assert.DoesNotContain(workspace.AllFiles(), f => f.EndsWith(".received.json", StringComparison.Ordinal));
    }

    [Fact]
    public void An_html_report_lists_every_scenario()
    {
        var result = workspace.Run("verify", "--report", "report.html");
        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(workspace.PathOf("report.html"));
        Assert.Contains("<h2>razorpay/activate-contact: error 4xx: passed</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"field present\"><td>batch_id</td><td>string | null</td><td>126</td><td>null</td><td></td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"field present\"><td>data.userId</td><td>integer, optional</td><td>70</td><td>integer</td><td></td></tr>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "verify", "--schemas", "nowhere" }, "no such directory")]
    [InlineData(new[] { "verify", "--mode", "sandbox" }, "sandbox")]
    [InlineData(new[] { "verify", "--report", "report.pdf" }, ".xml (JUnit), .html or .md (Markdown)")]
    [InlineData(new[] { "verify", "--fail-on", "sometimes" }, "sometimes")]
    public void Bad_usage_exits_2(string[] args, string expected)
    {
        var result = workspace.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_contract_is_bad_input_naming_its_line()
    {
        workspace.Write("schemas/acme/broken.contract.json", "{\n  \"formatVersion\": 1,,\n}");
        var result = workspace.Run("verify");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("contractkit verify: schemas/acme/broken.contract.json:2:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_runs_as_a_process_and_prints_no_credential()
    {
        var result = workspace.RunProcess("verify");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("b58a7707e8d53e602d3ee6bdca07bf14c40e848e8f58ae9cb2a97c8c0b60450e", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("YWY3OTAzYzNlM2ExZTJlOQ8l80uxEOrgU6T3Oc4znVc=", result.Output + result.Error, StringComparison.Ordinal);
    }
}

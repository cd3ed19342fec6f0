using System.Text.Json.Nodes;
using System.Xml.Linq;
using ContractKit.Diff;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary>
/// Altered copies of both vendor pages (tests/ContractKit.Cli.Tests/Fixtures/&lt;case&gt;/&lt;vendor&gt;/) through
/// <c>import --check</c> and <c>diff</c>: each gives its classification and exit code, in every output format.
/// </summary>
public sealed class DocChangeTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    /// <param name="Rule">The rule the case must produce, or null for no change.</param>
    /// <param name="Class">Its classification token as JSON writes it.</param>
    /// <param name="DiffExit">The exit code of <c>diff</c> with the default <c>--fail-on breaking</c>.</param>
    /// <param name="CheckExit">The exit code of <c>import --check</c> (any difference fails).</param>
    /// <param name="Base">The fixture the case alters, where it is not the checked-in page.</param>
    private sealed record Case(string? Rule, string? Class, int DiffExit, int CheckExit, string? Base = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["response-field-removed"] = new("CKD008", "breaking", 1, 1),
        ["response-field-type-changed"] = new("CKD014", "breaking", 1, 1),
        ["request-field-added-required"] = new("CKD017", "breaking", 1, 1),
        ["response-enum-value-added"] = new("CKD015", "potentially-breaking", 0, 1, Base: "enum-base"),
        ["description-reworded"] = new("CKD040", "non-breaking", 0, 1),
        ["recaptured"] = new(null, null, 0, 0),
    };

    private static readonly (string Vendor, string Operation)[] Endpoints = [("razorpay", "activate-contact"), ("instantpay", "update-contact")];

    private static readonly string[] Formats = ["text", "json", "markdown", "junit"];

    public static TheoryData<string, string, string> All()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var name in Cases.Keys)
        {
            foreach (var (vendor, _) in Endpoints)
            {
                foreach (var format in Formats)
                {
                    data.Add(name, vendor, format);
                }
            }
        }

        return data;
    }

    private static string Fixture(string name, string vendor) =>
        Repo.PathOf("tests", "ContractKit.Cli.Tests", "Fixtures", name, vendor, Operation(vendor) + ".txt");

    private static string Operation(string vendor) => Endpoints.Single(e => e.Vendor == vendor).Operation;

    /// <summary>Puts the case's base contract at schemas/&lt;vendor&gt;/ in the workspace: the checked-in one, or its base fixture imported.</summary>
    private void CheckedIn(string name, string vendor)
    {
        var target = workspace.PathOf("schemas", vendor, Operation(vendor) + ".contract.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Cases[name].Base is { } baseCase)
        {
            var imported = workspace.Run("import", Fixture(baseCase, vendor), "--vendor", vendor, "--operation", Operation(vendor));
            Assert.Equal(0, imported.ExitCode);
        }
        else
        {
            File.Copy(Repo.PathOf("schemas", vendor, Operation(vendor) + ".contract.json"), target);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Import_check_classifies_the_altered_page_and_writes_nothing(string name, string vendor, string format)
    {
        CheckedIn(name, vendor);
        var before = File.ReadAllText(workspace.PathOf("schemas", vendor, Operation(vendor) + ".contract.json"));

        var result = workspace.Run("import", Fixture(name, vendor), "--check", "--vendor", vendor, "--operation", Operation(vendor), "--format", format, "--verbose");

        Assert.True(Cases[name].CheckExit == result.ExitCode, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        AssertReport(format, result.Output, Cases[name], failOnAny: true);
        Assert.Equal(before, File.ReadAllText(workspace.PathOf("schemas", vendor, Operation(vendor) + ".contract.json")));
        Assert.DoesNotContain(workspace.AllFiles(), f => f.StartsWith("schemas/", StringComparison.Ordinal) && !f.EndsWith(".contract.json", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Diff_of_the_contracts_classifies_the_change(string name, string vendor, string format)
    {
        CheckedIn(name, vendor);
        var imported = workspace.Run("import", Fixture(name, vendor), "--vendor", vendor, "--operation", Operation(vendor), "--out", "new");
        Assert.Equal(0, imported.ExitCode);
        var file = $"{vendor}/{Operation(vendor)}.contract.json";

        var result = workspace.Run("diff", "schemas/" + file, "new/" + file, "--format", format, "--verbose");

        Assert.True(Cases[name].DiffExit == result.ExitCode, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        AssertReport(format, result.Output, Cases[name], failOnAny: false);
    }

    [Theory]
    [InlineData("response-enum-value-added", "potentially-breaking", 1)]
    [InlineData("response-enum-value-added", "breaking", 0)]
    [InlineData("description-reworded", "any", 1)]
    [InlineData("description-reworded", "potentially-breaking", 0)]
    [InlineData("recaptured", "any", 0)]
    [InlineData("response-field-removed", "breaking", 1)]
    public void Fail_on_sets_the_exit_code(string name, string failOn, int expected)
    {
        foreach (var (vendor, operation) in Endpoints)
        {
            CheckedIn(name, vendor);
            workspace.Run("import", Fixture(name, vendor), "--vendor", vendor, "--operation", operation, "--out", "new");
        }

        var result = workspace.Run("diff", "schemas", "new", "--fail-on", failOn);

        Assert.True(expected == result.ExitCode, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
    }

    [Fact]
    public void Description_only_changes_are_counted_but_shown_only_with_verbose()
    {
        CheckedIn("description-reworded", "razorpay");
        var page = Fixture("description-reworded", "razorpay");

        var quiet = workspace.Run("import", page, "--check", "--vendor", "razorpay", "--format", "json");
        var json = JsonNode.Parse(quiet.Output)!;
        Assert.Equal(1, quiet.ExitCode);
        Assert.Equal(1, json["summary"]!["hidden"]!.GetValue<int>());
        Assert.Empty(json["endpoints"]![0]!["changes"]!.AsArray());

        var text = workspace.Run("import", page, "--check", "--vendor", "razorpay");
        Assert.Contains("1 description-only change(s) not shown (--verbose shows them)", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CKD040", text.Output, StringComparison.Ordinal);

        var verbose = workspace.Run("import", page, "--check", "--vendor", "razorpay", "--verbose");
        Assert.Contains("CKD040  response 200 entity: description \"The entity being created. Here, it is contact.\" -> \"The type of entity. For contacts it is always contact.\" (page line 96)", verbose.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_junit_report_can_go_to_a_file_and_the_summary_is_still_printed()
    {
        CheckedIn("response-field-removed", "razorpay");

        var result = workspace.Run("import", Fixture("response-field-removed", "razorpay"), "--check", "--vendor", "razorpay", "--format", "junit", "--output", "reports/doc-changes.xml");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("1 breaking, 0 potentially breaking, 1 non-breaking; report written to reports/doc-changes.xml", result.Output, StringComparison.Ordinal);
        var xml = XDocument.Load(workspace.PathOf("reports", "doc-changes.xml"));
        Assert.Equal("2", xml.Root!.Attribute("failures")!.Value);
    }

    private static void AssertReport(string format, string output, Case expected, bool failOnAny)
    {
        var fails = expected.Rule is not null && (failOnAny || expected.Class == "breaking");
        switch (format)
        {
            case "json":
                var json = JsonNode.Parse(output)!;
                var changes = json["endpoints"]!.AsArray().SelectMany(e => e!["changes"]!.AsArray()).ToList();
                Assert.Equal(fails, json["failed"]!.GetValue<bool>());
                if (expected.Rule is null)
                {
                    Assert.Empty(changes);
                }
                else
                {
                    var change = changes.First(c => c!["rule"]!.GetValue<string>() == expected.Rule)!;
                    Assert.Equal(expected.Class, change["classification"]!.GetValue<string>());
                    Assert.NotNull(change["field"]);
                    Assert.True(change["line"]!.GetValue<int>() > 0);
                    Assert.DoesNotContain(changes, c => Rank(c!["classification"]!.GetValue<string>()) > Rank(expected.Class!));
                }

                break;
            case "junit":
                var xml = XDocument.Parse(output);
                var cases = xml.Descendants("testcase").ToList();
                Assert.NotEmpty(cases);
                if (expected.Rule is null)
                {
                    Assert.All(cases, c => Assert.Equal("unchanged", c.Attribute("name")!.Value));
                    Assert.Equal("0", xml.Root!.Attribute("failures")!.Value);
                }
                else
                {
                    var testCase = cases.First(c => c.Attribute("name")!.Value.StartsWith(expected.Rule, StringComparison.Ordinal));
                    var failure = testCase.Element("failure");
                    Assert.Equal(fails, failure is not null);
                    if (failure is not null)
                    {
                        Assert.Equal(expected.Class, failure.Attribute("type")!.Value);
                    }
                }

                break;
            case "markdown":
                // import --check (the only caller with failOnAny) and diff have their own headings in one job summary.
                Assert.StartsWith(failOnAny ? "### ContractKit: vendor pages against the checked-in contracts (import --check)\n" : "### ContractKit: contract changes (diff)\n", output, StringComparison.Ordinal);
                Assert.Contains(fails ? "**Fails**" : "Passes", output, StringComparison.Ordinal);
                if (expected.Rule is not null)
                {
                    var label = Label(expected.Class!);
                    Assert.Contains($"| {(label == "breaking" ? "**breaking**" : label)} | [{expected.Rule}](https://github.com/contractkit/contractkit/blob/main/docs/diff-rules.md#{expected.Rule.ToLowerInvariant()}-{DiffRules.All.Single(r => r.Id == expected.Rule).Name}) |", output, StringComparison.Ordinal);
                }

                break;
            default:
                if (expected.Rule is null)
                {
                    Assert.StartsWith("no changes in 1 endpoint(s)", output, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Contains($"  {Label(expected.Class!),-22}{expected.Rule}  ", output, StringComparison.Ordinal);
                }

                break;
        }
    }

    private static string Label(string classification) =>
        classification == "potentially-breaking" ? "potentially breaking" : classification;

    private static int Rank(string classification) => classification switch
    {
        "breaking" => 2,
        "potentially-breaking" => 1,
        _ => 0,
    };
}

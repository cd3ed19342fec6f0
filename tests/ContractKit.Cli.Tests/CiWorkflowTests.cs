using System.Text.RegularExpressions;
using ContractKit.Testing;
using YamlDotNet.RepresentationModel;

namespace ContractKit.Cli.Tests;

/// <summary>The documented GitHub Actions workflow does what docs/ci.md says, with commands the CLI accepts.</summary>
public sealed partial class CiWorkflowTests
{
    private static readonly YamlMappingNode Workflow = Load();

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repo.PathOf("docs", "ci", "contract-tests.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IEnumerable<YamlMappingNode> Steps(string job) =>
        ((YamlSequenceNode)Map(Map(Workflow, "jobs"), job).Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>();

    private static IEnumerable<string> RunLines(string job) =>
        Steps(job).Select(s => Scalar(s, "run")).OfType<string>().SelectMany(r => r.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0);

    [GeneratedRegex(@"\$\{\{[^}]*\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex("\"[^\"]*\"|\\S+")]
    private static partial Regex Token();

    [Fact]
    public void Pull_requests_run_stub_mode_and_a_schedule_runs_live_mode()
    {
        var on = Map(Workflow, "on");
        Assert.Contains(new YamlScalarNode("pull_request"), on.Children.Keys);
        Assert.Contains(new YamlScalarNode("schedule"), on.Children.Keys);

        Assert.Contains("pull_request", Scalar(Map(Map(Workflow, "jobs"), "stub"), "if"), StringComparison.Ordinal);
        Assert.Contains("schedule", Scalar(Map(Map(Workflow, "jobs"), "live"), "if"), StringComparison.Ordinal);
        Assert.Contains(RunLines("stub"), l => l.StartsWith("dotnet test", StringComparison.Ordinal));
        Assert.Contains(RunLines("stub"), l => l.Contains("contractkit import", StringComparison.Ordinal) && l.Contains("--check", StringComparison.Ordinal));
        Assert.Contains(RunLines("live"), l => l.StartsWith("dotnet test", StringComparison.Ordinal));
    }

    [Fact]
    public void Live_credentials_come_from_the_secret_store_only()
    {
        var env = Map(Map(Map(Workflow, "jobs"), "live"), "env");
        Assert.Equal("live", Scalar(env, "CONTRACTKIT_MODE"));
        foreach (var name in new[] { "CONTRACTKIT_RAZORPAY_KEY_ID", "CONTRACTKIT_RAZORPAY_KEY_SECRET", "CONTRACTKIT_INSTANTPAY_CLIENT_ID", "CONTRACTKIT_INSTANTPAY_CLIENT_SECRET" })
        {
            Assert.Matches(@"^\$\{\{ secrets\.[A-Z_]+ \}\}$", Scalar(env, name)!);
        }
    }

    [Theory]
    [InlineData("stub")]
    [InlineData("live")]
    public void Received_snapshots_and_the_report_are_kept_when_a_job_fails(string job)
    {
        var upload = Steps(job).Single(s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact", StringComparison.Ordinal) == true);
        Assert.Equal("failure()", Scalar(upload, "if"));
        var paths = Scalar(Map(upload, "with"), "path")!;
        Assert.Contains("**/*.received.json", paths, StringComparison.Ordinal);
        Assert.Contains("contract-report.html", paths, StringComparison.Ordinal);
        Assert.Contains(RunLines(job), l => l.Contains("--report contract-report.html", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_contractkit_command_in_the_workflow_parses()
    {
        var commands = RunLines("stub").Concat(RunLines("live")).Where(l => l.StartsWith("dotnet contractkit ", StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count >= 4, string.Join("\n", commands));
        var root = CliApp.CreateRoot(new CliContext(TextWriter.Null, TextWriter.Null, Path.GetTempPath(), _ => null));
        foreach (var command in commands)
        {
            var line = Expression().Replace(command, "main");
            var args = Token().Matches(line).Select(m => m.Value.Trim('"')).Skip(2).TakeWhile(t => t is not (">>" or ">" or "|" or "||" or "&&")).ToArray();
            var parsed = root.Parse(args);
            Assert.True(parsed.Errors.Count == 0, $"{command}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }
    }

    private static IEnumerable<(string Job, YamlMappingNode Step)> AllSteps() =>
        new[] { "stub", "live" }.SelectMany(job => Steps(job).Select(step => (job, step)));

    [Fact]
    public void Every_step_that_writes_the_job_summary_keeps_its_exit_code_and_has_its_own_heading()
    {
        var reporting = AllSteps().Where(s => Scalar(s.Step, "run")?.Contains("$GITHUB_STEP_SUMMARY", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, reporting.Count); // import --check, diff, and verify in each job

        foreach (var (job, step) in reporting)
        {
            var lines = Scalar(step, "run")!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var name = $"{job}: {Scalar(step, "name")}";
            // Under bash -e a failing command would end the step before the report reaches the summary.
            Assert.True(lines[0] == "rc=0", name);
            Assert.Contains(lines, l => l.StartsWith("dotnet contractkit ", StringComparison.Ordinal) && l.EndsWith(" || rc=$?", StringComparison.Ordinal));
            Assert.True(lines[^1] == "exit $rc", name);
        }

        // The headings the summaries get: one per step, told apart.
        Assert.Contains("verify (stub)", Scalar(reporting[2].Step, "run"), StringComparison.Ordinal);
        Assert.Contains("verify (vendor sandboxes)", Scalar(reporting[3].Step, "run"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_live_job_allows_writes_only_per_contract_and_fails_a_night_that_sends_nothing()
    {
        var env = Map(Map(Map(Workflow, "jobs"), "live"), "env");
        Assert.Equal("false", Scalar(env, "CONTRACTKIT_LIVE_ALLOW_WRITES"));
        Assert.Equal("true", Scalar(env, "CONTRACTKIT_LIVE_FAIL_SKIPPED"));
        var text = File.ReadAllText(Repo.PathOf("docs", "ci", "contract-tests.yml"));
        Assert.Contains("\"allowWrites\": true", text, StringComparison.Ordinal);
        Assert.DoesNotContain(RunLines("live"), l => l.Contains("--allow-all-skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Dotnet_test_is_given_the_project_the_workflow_names_and_the_manifest_is_not_assumed_under_config()
    {
        Assert.Equal("tests/MyApi.Tests", Scalar(Map(Workflow, "env"), "TEST_PROJECT"));
        Assert.All(RunLines("stub").Concat(RunLines("live")).Where(l => l.StartsWith("dotnet test", StringComparison.Ordinal)),
            l => Assert.StartsWith("dotnet test \"$TEST_PROJECT\"", l, StringComparison.Ordinal));
        var header = string.Concat(File.ReadLines(Repo.PathOf("docs", "ci", "contract-tests.yml")).TakeWhile(l => l.StartsWith('#')));
        Assert.Contains("dotnet-tools.json at the root", header, StringComparison.Ordinal);
    }
}

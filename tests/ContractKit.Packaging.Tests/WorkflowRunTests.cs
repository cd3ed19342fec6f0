using System.Text.RegularExpressions;
using ContractKit.Testing;
using YamlDotNet.RepresentationModel;

namespace ContractKit.Packaging.Tests;

/// <summary>What one step of a workflow run did: its exit code, or null when its condition kept it from running.</summary>
internal sealed record StepRun(string Name, int? ExitCode, string Output)
{
    public override string ToString() => $"{Name}: {(ExitCode is { } code ? "exit " + code : "not run")}\n{Output}";
}

/// <summary>
/// Runs the <c>run:</c> steps of one job of docs/ci/contract-tests.yml the way a GitHub runner does: in order,
/// each as a script under <c>bash --noprofile --norc -eo pipefail</c>, with the workflow's, job's and step's
/// <c>env</c>, <c>CI=true</c>, and <c>$GITHUB_STEP_SUMMARY</c> pointing at a file. A step's <c>if:</c> is
/// evaluated as GitHub does for the expressions the workflow uses (without one, a step runs only while no
/// earlier step failed). <c>uses:</c> steps are not run: the clone stands in for checkout, the SDK on PATH for
/// setup-dotnet, and the artifact upload has nothing to check here.
/// </summary>
internal sealed partial class WorkflowRunner
{
    private static readonly YamlMappingNode Workflow = Load();

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repo.PathOf("docs", "ci", "contract-tests.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode? Map(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? (YamlMappingNode)value : null;

    private static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    [GeneratedRegex(@"\$\{\{\s*([^}]*?)\s*\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^github\.event_name == '([a-z_]+)'$")]
    private static partial Regex EventIs();

    public required string Repository { get; init; }
    public required string EventName { get; init; }
    public string BaseRef { get; init; } = "";
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>Values that replace the job's own (a vendor's base URL, pointed at a loopback simulator).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Beside the repository, as on a runner: outside the working tree, so that no step sees it as a change.</summary>
    public string SummaryFile => Repository + "-step-summary.md";

    public string Summary => File.Exists(SummaryFile) ? File.ReadAllText(SummaryFile) : "";

    /// <summary>Every step of the job, in order, with what it did.</summary>
    public List<StepRun> Run(string job)
    {
        var definition = Map(Map(Workflow, "jobs")!, job)!;
        Assert.True(Condition(Scalar(definition, "if"), failed: false), $"the {job} job does not run on {EventName}");

        var environment = new Dictionary<string, string?>
        {
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = EventName,
            ["GITHUB_BASE_REF"] = BaseRef,
            ["GITHUB_WORKSPACE"] = Repository,
            ["GITHUB_STEP_SUMMARY"] = SummaryFile,
        };
        AddEnvironment(environment, Map(Workflow, "env"));
        AddEnvironment(environment, Map(definition, "env"));
        foreach (var (name, value) in Overrides)
        {
            environment[name] = value;
        }

        File.WriteAllText(SummaryFile, "");
        var runs = new List<StepRun>();
        var failed = false;
        foreach (var step in ((YamlSequenceNode)definition.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>())
        {
            var name = Scalar(step, "name") ?? Scalar(step, "uses")!;
            var script = Scalar(step, "run");
            if (script is null || !Condition(Scalar(step, "if"), failed))
            {
                runs.Add(new StepRun(name, null, ""));
                continue;
            }

            var stepEnvironment = new Dictionary<string, string?>(environment);
            AddEnvironment(stepEnvironment, Map(step, "env"));
            var file = Repository + "-step.sh";
            File.WriteAllText(file, Substitute(script));
            try
            {
                var result = Processes.Run(Repository, stepEnvironment, "bash", "--noprofile", "--norc", "-eo", "pipefail", file);
                runs.Add(new StepRun(name, result.ExitCode, result.Output));
                failed |= result.ExitCode != 0;
            }
            finally
            {
                File.Delete(file);
            }
        }

        return runs;
    }

    private void AddEnvironment(Dictionary<string, string?> environment, YamlMappingNode? env)
    {
        foreach (var entry in env?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            environment[((YamlScalarNode)entry.Key).Value!] = Substitute(((YamlScalarNode)entry.Value).Value ?? "");
        }
    }

    /// <summary>The <c>${{ }}</c> expressions the workflow uses; any other fails the test, so that none goes unnoticed.</summary>
    private string Substitute(string text) => Expression().Replace(text, match => match.Groups[1].Value switch
    {
        "github.base_ref" => BaseRef,
        var secret when secret.StartsWith("secrets.", StringComparison.Ordinal) => Secrets.GetValueOrDefault(secret["secrets.".Length..], ""),
        var other => throw new InvalidOperationException($"the test runner does not know the expression ${{{{ {other} }}}}"),
    });

    /// <summary>GitHub's <c>if:</c>: always(), failure(), or event-name tests with the implicit success().</summary>
    private bool Condition(string? condition, bool failed) => condition switch
    {
        null => !failed,
        "always()" => true,
        "failure()" => failed,
        _ => !failed && condition.Split("||").Select(c => EventIs().Match(c.Trim())).Select(m =>
                m.Success ? m.Groups[1].Value : throw new InvalidOperationException($"the test runner does not know the condition \"{condition}\""))
            .Any(name => name == EventName),
    };
}

/// <summary>
/// docs/ci/contract-tests.yml, executed: a consumer repository (the tool in its manifest, a captured page, its
/// contract, a test project from <c>contractkit init</c>, committed on main) is cloned for each case, and the
/// job's steps run as on GitHub, against the packages from the local feed.
/// </summary>
public sealed class WorkflowRunTests(PackagedConsumer packaged)
{
    private const string Page = "docs/vendors/razorpay/activate-contact.txt";
    private static readonly Lock TemplateLock = new();
    private static string? template;

    /// <summary>The consumer repository every case clones, made once with the tool's own commands.</summary>
    private string Template()
    {
        lock (TemplateLock)
        {
            if (template is not null)
            {
                return template;
            }

            var folder = Path.Combine(packaged.Root, "workflow-template");
            Directory.CreateDirectory(Path.Combine(folder, "docs", "vendors", "razorpay"));
            File.Copy(Repo.PathOf(Page), Path.Combine(folder, Page));
            File.WriteAllText(Path.Combine(folder, "nuget.config"), packaged.NuGetConfig);
            File.WriteAllText(Path.Combine(folder, ".gitignore"), "bin/\nobj/\nTestResults/\n*.received.json\n");
            Git(folder, "init", "-q", "-b", "main");
            lock (PackagedConsumer.ToolInstall)
            {
                PackagedConsumer.Expect(Processes.Dotnet(folder, "tool", "install", "--local", "ContractKit.Cli", "--version", packaged.Version), "tool install");
            }

            PackagedConsumer.Expect(Processes.Dotnet(folder, "contractkit", "import", Page), "import");
            PackagedConsumer.Expect(Processes.Dotnet(folder, "contractkit", "init", "tests/MyApi.Tests"), "init");
            // The snapshot a developer accepted and committed (getting-started.md's first run).
            File.Copy(Repo.PathOf("schemas", "razorpay", "ActivateContactContractTests.Success.verified.json"),
                Path.Combine(folder, "schemas", "razorpay", "ActivateContactContractTests.Success.verified.json"));
            Commit(folder, "Contract tests for razorpay/activate-contact");
            return template = folder;
        }
    }

    private static string Git(string repository, params string[] arguments) =>
        PackagedConsumer.Expect(Processes.Run(repository, "git", arguments), "git " + string.Join(' ', arguments));

    private static void Commit(string repository, string message)
    {
        Git(repository, "add", "-A");
        Git(repository, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
    }

    /// <summary>A fresh clone, as actions/checkout gives it with fetch-depth 0 (origin/main included).</summary>
    private string Clone(string name)
    {
        var clone = Path.Combine(packaged.Root, "workflow-" + name);
        Git(packaged.Root, "clone", "-q", Template(), clone);
        return clone;
    }

    private static StepRun Step(List<StepRun> runs, string name) => runs.Single(r => r.Name == name);

    private static string Describe(List<StepRun> runs, WorkflowRunner runner) =>
        string.Join("\n", runs.Select(r => r.ToString())) + "\n--- summary ---\n" + runner.Summary;

    private static void AssertExitCodes(List<StepRun> runs, WorkflowRunner runner, params (string Step, int? ExitCode)[] expected)
    {
        var actual = expected.Select(e => (e.Step, Step(runs, e.Step).ExitCode)).ToArray();
        Assert.True(expected.SequenceEqual(actual), $"expected {string.Join(", ", expected)}\n{Describe(runs, runner)}");
    }

    private const string Restore = "Restore the contractkit tool";
    private const string DocCheck = "The vendor pages still give the checked-in contracts";
    private const string Diff = "Contract changes in this pull request";
    private const string Tests = "Contract tests";
    private const string Report = "Contract report";
    private const string LiveTests = "Contract tests against the sandboxes";

    private const string DocCheckHeading = "### ContractKit: vendor pages against the checked-in contracts (import --check)";
    private const string DiffHeading = "### ContractKit: contract changes (diff)";
    private const string RemovedNotes = "| **breaking** | [CKD008](https://github.com/contractkit/contractkit/blob/main/docs/diff-rules.md#ckd008-response-field-removed) | response 200 | `notes` | field removed |";

    private static string FieldRemovedPage => Repo.PathOf("tests", "ContractKit.Cli.Tests", "Fixtures", "response-field-removed", "razorpay", "activate-contact.txt");

    [Fact]
    public void A_clean_push_passes_every_step_and_reports_in_the_summary()
    {
        var runner = new WorkflowRunner { Repository = Clone("push"), EventName = "push" };

        var runs = runner.Run("stub");

        AssertExitCodes(runs, runner, (Restore, 0), (DocCheck, 0), (Diff, null), (Tests, 0), (Report, 0));
        Assert.StartsWith(DocCheckHeading + "\n\nPasses (`--fail-on any`): 0 breaking, 0 potentially breaking, 0 non-breaking.", runner.Summary, StringComparison.Ordinal);
        Assert.Contains("### ContractKit: verify (stub)\n\n```\n2 scenario(s): 2 passed, 0 failed\n```", runner.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(DiffHeading, runner.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pull_request_that_edits_a_page_without_reimporting_it_fails_with_the_table_in_the_summary()
    {
        var repository = Clone("page-edited");
        Git(repository, "checkout", "-q", "-b", "recapture");
        File.Copy(FieldRemovedPage, Path.Combine(repository, Page), overwrite: true);
        Commit(repository, "Re-capture the page (not re-imported)");
        var runner = new WorkflowRunner { Repository = repository, EventName = "pull_request", BaseRef = "main" };

        var runs = runner.Run("stub");

        // The check fails the job; the steps after it do not run, except the report, which always does.
        AssertExitCodes(runs, runner, (Restore, 0), (DocCheck, 1), (Diff, null), (Tests, null), (Report, 0));
        Assert.Contains("1 breaking, 0 potentially breaking, 1 non-breaking; report written to doc-check.md", Step(runs, DocCheck).Output, StringComparison.Ordinal);
        Assert.StartsWith(DocCheckHeading + "\n\n**Fails** (`--fail-on any`)", runner.Summary, StringComparison.Ordinal);
        Assert.Contains(RemovedNotes, runner.Summary, StringComparison.Ordinal);
        Assert.Contains("### ContractKit: verify (stub)", runner.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pull_request_with_a_breaking_contract_change_fails_with_the_table_in_the_summary()
    {
        var repository = Clone("breaking");
        Git(repository, "checkout", "-q", "-b", "drop-notes");
        File.Copy(FieldRemovedPage, Path.Combine(repository, Page), overwrite: true);
        PackagedConsumer.Expect(Processes.Dotnet(repository, "tool", "restore"), "tool restore");
        PackagedConsumer.Expect(Processes.Dotnet(repository, "contractkit", "import", Page), "re-import");
        Commit(repository, "Re-capture and re-import the page: notes is gone");
        var runner = new WorkflowRunner { Repository = repository, EventName = "pull_request", BaseRef = "main" };

        var runs = runner.Run("stub");

        // The report still runs, and fails too: the stub now answers without notes, unlike the verified snapshot.
        AssertExitCodes(runs, runner, (Restore, 0), (DocCheck, 0), (Diff, 1), (Tests, null), (Report, 1));
        Assert.Contains(DocCheckHeading + "\n\nPasses", runner.Summary, StringComparison.Ordinal);
        var diff = runner.Summary[runner.Summary.IndexOf(DiffHeading, StringComparison.Ordinal)..];
        Assert.StartsWith(DiffHeading + "\n\n**Fails** (`--fail-on breaking`): 1 breaking", diff, StringComparison.Ordinal);
        Assert.Contains(RemovedNotes, diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_job_verifies_a_contract_whose_scenario_file_allows_writes_and_fails_saying_so_when_nothing_is()
    {
        await using var simulator = await RazorpaySimulator.StartAsync();
        var repository = Clone("live");
        File.WriteAllText(Path.Combine(repository, "schemas", "razorpay", "activate-contact.scenario.json"),
            $$"""{ "allowWrites": true, "pathParameters": { "id": "{{RazorpaySimulator.SandboxContact}}" } }""" + "\n");
        Commit(repository, "Live writes for a sandbox contact");
        WorkflowRunner Runner() => new()
        {
            Repository = repository,
            EventName = "schedule",
            Secrets = new Dictionary<string, string> { ["RAZORPAY_TEST_KEY_ID"] = RazorpaySimulator.KeyId, ["RAZORPAY_TEST_KEY_SECRET"] = RazorpaySimulator.KeySecret },
            // The one change to the job: the vendor is a simulator on loopback.
            Overrides = new Dictionary<string, string> { ["CONTRACTKIT_RAZORPAY_BASE_URL"] = simulator.BaseAddress.ToString() },
        };

        var allowed = Runner();
        var runs = allowed.Run("live");

        AssertExitCodes(runs, allowed, (Restore, 0), (LiveTests, 0), (Report, 0));
        Assert.Contains("### ContractKit: verify (vendor sandboxes)\n\n```\n2 scenario(s): 2 passed, 0 failed\n```", allowed.Summary, StringComparison.Ordinal);
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+[1-9]", Step(runs, LiveTests).Output);
        var sent = simulator.Requests;
        Assert.True(sent > 0);

        File.Delete(Path.Combine(repository, "schemas", "razorpay", "activate-contact.scenario.json"));
        Commit(repository, "No scenario file: writes not allowed");
        var notAllowed = Runner();
        runs = notAllowed.Run("live");

        AssertExitCodes(runs, notAllowed, (Restore, 0), (LiveTests, 1), (Report, 3));
        Assert.Contains("nothing was checked, and CONTRACTKIT_LIVE_FAIL_SKIPPED=true fails such a test", Step(runs, LiveTests).Output, StringComparison.Ordinal);
        Assert.Contains("contractkit verify: NOTHING WAS VERIFIED for razorpay: all 2 scenario(s) were skipped.", notAllowed.Summary, StringComparison.Ordinal);
        Assert.Contains("2 scenario(s): 0 passed, 0 failed, 2 skipped", notAllowed.Summary, StringComparison.Ordinal);
        Assert.Equal(sent, simulator.Requests);
        Assert.DoesNotContain(RazorpaySimulator.KeySecret, string.Concat(runs.Select(r => r.Output)) + notAllowed.Summary, StringComparison.Ordinal);
    }
}

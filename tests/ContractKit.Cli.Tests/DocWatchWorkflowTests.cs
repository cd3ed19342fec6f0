using System.Text;
using System.Text.RegularExpressions;
using ContractKit.Testing;
using YamlDotNet.RepresentationModel;

namespace ContractKit.Cli.Tests;

/// <summary>The documented workflow's doc-watch job checks every page imported by URL, with a command the CLI accepts.</summary>
public sealed partial class DocWatchWorkflowTests
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

    private static YamlMappingNode Job => Map(Map(Workflow, "jobs"), "doc-watch");

    private static List<YamlMappingNode> Steps => ((YamlSequenceNode)Job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();

    private static string WatchScript => Steps.Select(s => Scalar(s, "run")).OfType<string>().Single(r => r.Contains("import --check", StringComparison.Ordinal));

    [GeneratedRegex(@"grep -oE '([^']+)' (\S+)")]
    private static partial Regex Grep();

    [Fact]
    public void The_doc_watch_runs_on_the_schedule_and_on_demand_only()
    {
        Assert.Contains(new YamlScalarNode("schedule"), Map(Workflow, "on").Children.Keys);
        Assert.Equal("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'", Scalar(Job, "if"));
    }

    [Fact]
    public void Its_check_command_parses_with_a_url()
    {
        var line = WatchScript.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("dotnet contractkit import --check", StringComparison.Ordinal));
        var args = line.Replace("\"$url\"", "https://docs.example.com/api/page", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).TakeWhile(t => t is not ("2>" or "||")).ToArray();
        var root = CliApp.CreateRoot(new CliContext(TextWriter.Null, TextWriter.Null, Path.GetTempPath(), _ => null));

        var parsed = root.Parse(args);

        Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        Assert.Contains("--format markdown", line, StringComparison.Ordinal);
        Assert.Equal(["import", "--check", "https://docs.example.com/api/page"], args[..3]);
    }

    [Fact]
    public void It_finds_exactly_the_urls_import_lists_in_SOURCES_md()
    {
        var grep = Grep().Match(WatchScript);
        Assert.True(grep.Success, WatchScript);
        Assert.Equal("docs/vendors/SOURCES.md", grep.Groups[2].Value);

        // The repository's SOURCES.md (whose hand-captured table also holds URLs), with two pages imported by URL.
        var path = Path.Combine(Directory.CreateTempSubdirectory("ck-watch-").FullName, "SOURCES.md");
        File.Copy(Repo.PathOf("docs", "vendors", "SOURCES.md"), path);
        File.WriteAllBytes(path, SourcesFile.Read(path).With(new SourceRow("https://docs.example.com/api/orders?lang=en", "example/orders.html", "2026-12-01", new string('a', 64))));
        File.WriteAllBytes(path, SourcesFile.Read(path).With(new SourceRow("https://developers.example.in/reference/refund", "example/refund.md", "2026-12-02", new string('b', 64))));
        var text = File.ReadAllText(path, Encoding.UTF8);

        // grep -oE, then cut -c3-: each match without its leading "| ".
        var urls = new Regex(grep.Groups[1].Value, RegexOptions.Multiline).Matches(text).Select(m => m.Value[2..]).ToList();

        Assert.Equal(["https://docs.example.com/api/orders?lang=en", "https://developers.example.in/reference/refund"], urls);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void It_reports_every_page_to_the_summary_and_keeps_a_failing_exit_code()
    {
        var lines = WatchScript.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal("rc=0", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("dotnet contractkit import --check", StringComparison.Ordinal) && l.EndsWith("|| code=$?", StringComparison.Ordinal));
        Assert.Contains("if [ \"$code\" -ne 0 ]; then rc=$code; fi", lines);
        Assert.Contains("cat doc-watch.md >> \"$GITHUB_STEP_SUMMARY\"", lines);
        Assert.Equal("exit $rc", lines[^1]);

        var upload = Steps.Single(s => Scalar(s, "uses")?.StartsWith("actions/upload-artifact", StringComparison.Ordinal) == true);
        Assert.Equal("always()", Scalar(upload, "if"));
        Assert.Equal("doc-watch.md", Scalar(Map(upload, "with"), "path"));
    }
}

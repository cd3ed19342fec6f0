using System.Text.RegularExpressions;
using ContractKit.Testing;

namespace ContractKit.Packaging.Tests;

/// <summary>
/// docs/getting-started.md, as a new user follows it: exactly the commands of its "Five commands" section,
/// in order, in an empty folder, with the packages from the local feed.
/// </summary>
public sealed partial class GettingStartedTests(PackagedConsumer packaged)
{
    private const string Section = "## 2. Five commands to green contract tests";

    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex TrailingComment();

    /// <summary>The command lines of the section's first code block, without their trailing comments.</summary>
    internal static List<string> DocumentedCommands()
    {
        var lines = File.ReadAllLines(Repo.PathOf("docs", "getting-started.md"));
        var start = Array.IndexOf(lines, Section);
        Assert.True(start >= 0, $"docs/getting-started.md has no section \"{Section}\"");
        var open = Array.FindIndex(lines, start, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(lines, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        return lines[(open + 1)..close]
            .Select(l => TrailingComment().Replace(l, "").Trim())
            .Where(l => l.Length > 0)
            .ToList();
    }

    [Fact]
    public void The_documented_commands_go_from_a_captured_page_to_green_contract_tests_in_at_most_five()
    {
        var commands = DocumentedCommands();
        Assert.InRange(commands.Count, 1, 5);

        // What a reader has before the first command: the captured page (section 1) and nuget.org, for which
        // the local feed stands in. Nothing else.
        var folder = Path.Combine(packaged.Root, "first-run");
        Directory.CreateDirectory(Path.Combine(folder, "docs", "vendors", "razorpay"));
        File.Copy(Repo.PathOf("docs", "vendors", "razorpay", "activate-contact.txt"), Path.Combine(folder, "docs", "vendors", "razorpay", "activate-contact.txt"));
        File.WriteAllText(Path.Combine(folder, "nuget.config"), packaged.NuGetConfig);

        var outputs = new List<string>();
        foreach (var command in commands)
        {
            // A developer's machine: CI=true would forbid accepting snapshots.
            ProcessResult Run() => Processes.Run(folder, new Dictionary<string, string?> { ["CI"] = null }, "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command);
            ProcessResult result;
            if (command.Contains("tool install", StringComparison.Ordinal))
            {
                lock (PackagedConsumer.ToolInstall)
                {
                    result = Run();
                }
            }
            else
            {
                result = Run();
            }

            Assert.True(result.ExitCode == 0, $"documented command `{command}` failed: {result}");
            outputs.Add(result.Output);
        }

        var last = outputs[^1];
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+[1-9]", last);
        Assert.Contains("Skipped:     0", last, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "dotnet-tools.json")) || File.Exists(Path.Combine(folder, ".config", "dotnet-tools.json")));
        Assert.True(File.Exists(Path.Combine(folder, "schemas", "razorpay", "activate-contact.contract.json")));
        Assert.True(File.Exists(Path.Combine(folder, "schemas", "razorpay", "ActivateContactContractTests.Success.verified.json")));
        Assert.Empty(Directory.EnumerateFiles(folder, "*.received.json", SearchOption.AllDirectories));
        // Every path the tool printed is normalised.
        Assert.All(outputs, output => Assert.DoesNotContain("/../", output, StringComparison.Ordinal));
    }

    [Fact]
    public void The_readme_quickstart_is_the_same_five_commands()
    {
        var readme = File.ReadAllText(Repo.PathOf("README.md"));
        var quickstart = readme[readme.IndexOf("## Quickstart in your own project", StringComparison.Ordinal)..];
        var block = quickstart[(quickstart.IndexOf("```\n", StringComparison.Ordinal) + 4)..];
        var lines = block[..block.IndexOf("```", StringComparison.Ordinal)].Split('\n')
            .Select(l => TrailingComment().Replace(l, "").Trim()).Where(l => l.Length > 0);
        Assert.Equal(DocumentedCommands(), lines);
    }
}

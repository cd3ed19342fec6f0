using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary>Help names the tool as it is run, whatever the executable is called.</summary>
public sealed class HelpTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void The_usage_lines_name_contractkit_from_the_process_and_in_process()
    {
        var process = workspace.RunProcess("--help");
        var verify = workspace.Run("verify", "--help");

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Usage:\n  contractkit [command] [options]", process.Output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("ContractKit.Cli [", process.Output, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("Usage:\n  contractkit verify [options]", verify.Output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_line_that_starts_with_the_executable_name_is_renamed()
    {
        var executable = System.CommandLine.RootCommand.ExecutableName;
        var help = $"Usage:\n  {executable} verify [options]\n  {executable}\n  {executable}X verify\n  Runs {executable} here\n";

        Assert.Equal($"Usage:\n  contractkit verify [options]\n  contractkit\n  {executable}X verify\n  Runs {executable} here\n", CliApp.WithToolName(help));
    }
}

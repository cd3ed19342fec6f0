using System.Diagnostics;
using System.Text;

namespace ContractKit.Packaging.Tests;

internal sealed record ProcessResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>Runs dotnet and git as a user's shell would, with nothing of this test run's MSBuild state.</summary>
internal static class Processes
{
    public static ProcessResult Run(string workingDirectory, string fileName, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string?>(), fileName, arguments);

    /// <param name="environment">Set after the clean-up below; a null value removes the variable.</param>
    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild and the test SDK; a child build must not inherit their settings,
        // nor a developer's ContractKit live-mode variables.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("CONTRACTKIT_", StringComparison.Ordinal) ||
                name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || name is "DOTNET_HOST_PATH" or "MSBuildExtensionsPath" or "MSBuildSDKsPath")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.Append(e.Data).Append('\n'); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within 10 minutes:\n{output}");
        }

        process.WaitForExit();
        lock (gate)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }

    public static ProcessResult Dotnet(string workingDirectory, params string[] arguments) => Run(workingDirectory, "dotnet", arguments);
}

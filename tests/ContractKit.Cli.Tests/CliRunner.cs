using System.Diagnostics;
using ContractKit.Cli;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>A temporary working directory with copies of the vendor pages, for running the CLI in.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Directory.CreateTempSubdirectory("ck-cli-").FullName;
        foreach (var (vendor, page) in new[] { ("razorpay", "activate-contact.txt"), ("instantpay", "update-contact.txt") })
        {
            var target = PathOf("docs", "vendors", vendor, page);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Repo.PathOf("docs", "vendors", vendor, page), target);
        }
    }

    public string Root { get; }

    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public string Write(string relativePath, string text)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string[] AllFiles() => Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Runs the CLI in-process, as <c>contractkit args</c> in this directory.</summary>
    public CliResult Run(params string[] args) => RunWith(Environment.GetEnvironmentVariable, args);

    /// <summary>Runs the CLI in-process with its own environment (so that parallel tests do not share one).</summary>
    public CliResult RunWith(Func<string, string?> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, Root, environment));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built CLI as its own process, as CI and users do.</summary>
    public CliResult RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ContractKit.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("contractkit did not finish within 2 minutes");
        }

        return new CliResult(process.ExitCode, output.Result, error.Result);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

using System.Diagnostics;
using System.Text;

namespace ContractKit.Cli;

/// <summary>git could not answer: not a repository, an unknown revision, git not installed.</summary>
internal sealed class GitException(string message) : Exception(message);

/// <summary>Reads contract files as they were at a revision, through the <c>git</c> command.</summary>
internal static class GitFiles
{
    /// <summary>Every <c>*.contract.json</c> under <paramref name="directory"/> at <paramref name="revision"/>, with paths relative to the repository root.</summary>
    public static IEnumerable<(string Path, byte[] Content)> ContractsAt(string directory, string revision)
    {
        if (revision.StartsWith('-'))
        {
            throw new GitException("a revision cannot start with '-'");
        }

        var workingDirectory = Directory.Exists(directory) ? directory : Path.GetDirectoryName(directory)!;
        var root = Text(Run(workingDirectory, "rev-parse", "--show-toplevel")).Trim();
        var prefix = Path.GetRelativePath(root, Path.GetFullPath(directory)).Replace('\\', '/');
        if (prefix.StartsWith("..", StringComparison.Ordinal))
        {
            throw new GitException($"{directory} is outside the repository at {root}");
        }

        // Verify first, so that an unknown revision is one clear message rather than an empty listing.
        Run(root, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
        var listing = Text(Run(root, "ls-tree", "-r", "-z", "--name-only", revision, "--", prefix == "." ? "." : prefix));
        var files = listing.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.EndsWith(".contract.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            yield return (file, Run(root, "show", $"{revision}:{file}"));
        }
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static byte[] Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GitException("cannot start git");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GitException($"cannot run git: {e.Message}");
        }

        using (process)
        {
            using var output = new MemoryStream();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var message = error.Result.Trim();
                throw new GitException(arguments[0] == "rev-parse" && arguments.Contains("--verify")
                    ? "no such revision"
                    : message.Length > 0 ? message : $"git {arguments[0]} failed with exit code {process.ExitCode}");
            }

            return output.ToArray();
        }
    }
}

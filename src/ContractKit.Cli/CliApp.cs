using System.CommandLine;

namespace ContractKit.Cli;

/// <summary>Builds the command line and runs it against the given writers and working directory.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error, string workingDirectory) =>
        Run(args, new CliContext(output, error, workingDirectory, Environment.GetEnvironmentVariable));

    /// <summary>Every command, bound to the context it runs in.</summary>
    internal static RootCommand CreateRoot(CliContext context) => new("ContractKit: contracts from vendor API documentation pages.")
    {
        ImportCommand.Create(context),
        DescribeCommand.Create(context),
        VerifyCommand.Create(context),
        AcceptCommand.Create(context),
        StubCommand.Create(context),
        ValidateCommand.Create(context),
        DiffCommand.Create(context),
        ExportCommand.Create(context),
        TriageCommand.Create(context),
        InitCommand.Create(context),
        ProbeCommand.Create(context),
    };

    public static int Run(string[] args, CliContext context)
    {
        var (output, error) = (context.Output, context.Error);
        var root = CreateRoot(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"contractkit: {parseError.Message}");
            }

            error.WriteLine("Run 'contractkit --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}

/// <summary>What a command needs from its surroundings, so that tests can run it in-process.</summary>
/// <param name="Environment">Where settings such as live-mode credentials are read; tests pass their own.</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, string WorkingDirectory, Func<string, string?> Environment)
{
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>A path as a person reads it: relative to the working directory where it lies below it, with '/'.</summary>
    public string Display(string path)
    {
        var full = FullPath(path);
        var relative = Path.GetRelativePath(WorkingDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
    }
}

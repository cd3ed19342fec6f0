using System.CommandLine;
using System.CommandLine.Help;

namespace ContractKit.Cli;

/// <summary>Builds the command line and runs it against the given writers and working directory.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error, string workingDirectory) =>
        Run(args, new CliContext(output, error, workingDirectory, Environment.GetEnvironmentVariable));

    /// <summary>The name the tool is run by (<c>dotnet contractkit</c>, or <c>contractkit</c> as a global tool).</summary>
    public const string ToolName = "contractkit";

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
        CompareCommand.Create(context),
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
            // Named like a command's own refusals ("contractkit import: ..."), so both read the same.
            var commandPath = CommandPath(parsed.CommandResult);
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"{ToolName}{(commandPath.Length > 0 ? " " + commandPath : "")}: {parseError.Message}");
            }

            error.WriteLine($"Run '{ToolName} --help' for usage.");
            return ExitCodes.BadInput;
        }

        if (parsed.Action is HelpAction)
        {
            // System.CommandLine names the root command after the executable (ContractKit.Cli, or the test host
            // in-process); the usage lines name the tool as it is run.
            using var help = new StringWriter();
            var exitCode = parsed.Invoke(new InvocationConfiguration { Output = help, Error = error });
            output.Write(WithToolName(help.ToString()));
            return exitCode;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>The words that name a command below the root ("export openapi"); empty for the root.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new List<string>();
        for (var current = result; current?.Parent is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>Help text with the executable's name replaced by the tool's where a line starts with it.</summary>
    internal static string WithToolName(string help)
    {
        var executable = RootCommand.ExecutableName;
        var lines = help.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith(executable + " ", StringComparison.Ordinal) || trimmed.TrimEnd() == executable)
            {
                lines[i] = lines[i][..(lines[i].Length - trimmed.Length)] + ToolName + trimmed[executable.Length..];
            }
        }

        return string.Join('\n', lines);
    }
}

/// <summary>What a command needs from its surroundings, so that tests can run it in-process.</summary>
/// <param name="Environment">Where settings such as live-mode credentials are read; tests pass their own.</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, string WorkingDirectory, Func<string, string?> Environment)
{
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>
    /// The one way a command refuses its input: one line on stderr, <c>contractkit &lt;command&gt;: &lt;message&gt;</c>
    /// (the message names the file and line where there is one), and exit code 2.
    /// </summary>
    public int BadInput(string command, string message)
    {
        Error.WriteLine($"{CliApp.ToolName} {command}: {message}");
        return ExitCodes.BadInput;
    }

    /// <summary>A path as a person reads it: relative to the working directory where it lies below it, with '/'.</summary>
    public string Display(string path)
    {
        var full = FullPath(path);
        var relative = Path.GetRelativePath(WorkingDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
    }
}

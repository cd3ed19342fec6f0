using System.CommandLine;
using System.Text;
using ContractKit.Contracts;
using ContractKit.Diff;
using ContractKit.IO;

namespace ContractKit.Cli;

/// <summary>
/// <c>contractkit diff &lt;old&gt; &lt;new&gt;</c> or <c>contractkit diff --base &lt;git-rev&gt; [&lt;dir&gt;]</c>:
/// every change between two versions of the contracts, classified by the rules of docs/diff-rules.md.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var operands = new Argument<string[]>("old-and-new")
        {
            Description = "Two contract files, or two directories of contracts; with --base, at most one directory (default: schemas).",
            Arity = new ArgumentArity(0, 2),
        };
        var gitBase = new Option<string?>("--base")
        {
            Description = "Compare the working tree's contracts with this git revision (a commit, branch or tag) of the same directory.",
        };
        var options = DiffOutputOptions.Create();
        var command = new Command("diff", "Classify every change between two versions of the contracts as breaking, potentially breaking or non-breaking. Exit 0: nothing at the --fail-on level; 1: a change at that level; 2: bad usage or input.")
        {
            operands, gitBase,
        };
        options.AddTo(command);
        command.SetAction(result => Run(context, result.GetValue(operands) ?? [], result.GetValue(gitBase), options.Read(result)));
        return command;
    }

    private static int Run(CliContext context, string[] operands, string? gitBase, DiffOutputOptions.Values output)
    {
        DiffResult? result;
        if (gitBase is not null)
        {
            if (operands.Length > 1)
            {
                return context.BadInput("diff", "with --base, give at most one directory (the working tree's contracts; default schemas)");
            }

            result = AgainstRevision(context, gitBase, operands.Length == 1 ? operands[0] : "schemas");
        }
        else if (operands.Length != 2)
        {
            return context.BadInput("diff", "expected two operands (old and new contract files or directories), or --base <git-rev>");
        }
        else
        {
            result = BetweenPaths(context, operands[0], operands[1]);
        }

        return result is null ? ExitCodes.BadInput : DiffOutputOptions.Write(context, "diff", result, output);
    }

    private static DiffResult? BetweenPaths(CliContext context, string before, string after)
    {
        var (oldPath, newPath) = (context.FullPath(before), context.FullPath(after));
        if (File.Exists(oldPath) && File.Exists(newPath))
        {
            var (old, @new) = (ContractFiles.LoadFile(context, "diff", oldPath), ContractFiles.LoadFile(context, "diff", newPath));
            if (old is null || @new is null)
            {
                return null;
            }

            // Two files are compared with each other whatever they are called.
            return new DiffResult([ContractDiff.Compare(old, context.Display(oldPath), @new, context.Display(newPath))]);
        }

        if (Directory.Exists(oldPath) && Directory.Exists(newPath))
        {
            var old = ContractFiles.Load(context, "diff", oldPath, allowEmpty: true);
            var @new = old is null ? null : ContractFiles.Load(context, "diff", newPath, allowEmpty: true);
            return @new is null ? null : ContractDiff.Compare(Displayed(context, old!), Displayed(context, @new));
        }

        foreach (var path in new[] { oldPath, newPath })
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                context.Error.WriteLine($"contractkit diff: {context.Display(path)}: no such file or directory");
                return null;
            }
        }

        context.Error.WriteLine("contractkit diff: compare two files or two directories, not a file with a directory");
        return null;
    }

    private static DiffResult? AgainstRevision(CliContext context, string revision, string directory)
    {
        var workingTree = ContractFiles.Load(context, "diff", directory, allowEmpty: true);
        if (workingTree is null)
        {
            return null;
        }

        List<(Contract, string)> atRevision;
        try
        {
            atRevision = GitFiles.ContractsAt(context.FullPath(directory), revision)
                .Select(file => (ContractReader.Read(file.Content, $"{file.Path}@{revision}"), $"{file.Path}@{revision}"))
                .ToList();
        }
        catch (GitException e)
        {
            context.Error.WriteLine($"contractkit diff: --base {revision}: {e.Message}");
            return null;
        }
        catch (ContractFormatException e)
        {
            context.Error.WriteLine($"contractkit diff: {e.File}:{e.Line}:{e.Column}: {e.Problem}");
            return null;
        }

        return ContractFiles.Distinct(context, "diff", atRevision)
            ? ContractDiff.Compare(atRevision, Displayed(context, workingTree))
            : null;
    }

    private static IEnumerable<(Contract, string)> Displayed(CliContext context, List<(Contract Contract, string Path)> contracts) =>
        contracts.Select(c => (c.Contract, context.Display(c.Path)));
}

/// <summary>The output options <c>diff</c> and <c>import --check</c> share, and writing the report they choose.</summary>
internal sealed class DiffOutputOptions
{
    private readonly Option<string> format = new("--format")
    {
        Description = "text (default), json, markdown (fits a pull-request comment) or junit (one test case per change).",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string> failOn = new("--fail-on")
    {
        Description = "Exit 1 on changes of this class or worse: breaking (default), potentially-breaking or any.",
        DefaultValueFactory = _ => "breaking",
    };

    private readonly Option<bool> verbose = new("--verbose")
    {
        Description = "Also show description-only changes (CKD040).",
    };

    private readonly Option<string?> output = new("--output")
    {
        Description = "Write the report to this file (atomically) instead of standard output; the summary line is still printed.",
    };

    public sealed record Values(DiffFormat Format, FailOn FailOn, bool Verbose, string? Output);

    public static DiffOutputOptions Create()
    {
        var options = new DiffOutputOptions();
        options.format.AcceptOnlyFromAmong("text", "json", "markdown", "junit");
        options.failOn.AcceptOnlyFromAmong("breaking", "potentially-breaking", "any");
        return options;
    }

    public DiffOutputOptions WithFailOnDefault(string value)
    {
        failOn.DefaultValueFactory = _ => value;
        return this;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(format);
        command.Options.Add(failOn);
        command.Options.Add(verbose);
        command.Options.Add(output);
    }

    public Values Read(ParseResult result) => new(
        result.GetValue(format) switch
        {
            "json" => DiffFormat.Json,
            "markdown" => DiffFormat.Markdown,
            "junit" => DiffFormat.Junit,
            _ => DiffFormat.Text,
        },
        result.GetValue(failOn) switch
        {
            "any" => FailOn.Any,
            "potentially-breaking" => FailOn.PotentiallyBreaking,
            _ => FailOn.Breaking,
        },
        result.GetValue(verbose),
        result.GetValue(output));

    /// <summary>Prints or writes the report; returns 1 when a change reaches the --fail-on level, else 0 (2 if the file cannot be written).</summary>
    public static int Write(CliContext context, string command, DiffResult result, Values values)
    {
        // import --check and diff often run as two steps of one CI job: their summaries need their own headings.
        var title = command == "import" ? "vendor pages against the checked-in contracts (import --check)" : "contract changes (diff)";
        var report = new DiffReport(result, values.FailOn, values.Verbose, title);
        var rendered = report.Render(values.Format);
        if (values.Output is null)
        {
            context.Output.Write(rendered);
        }
        else
        {
            try
            {
                AtomicFiles.WriteAll([(context.FullPath(values.Output), Encoding.UTF8.GetBytes(rendered))]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return context.BadInput(command, $"cannot write {context.Display(values.Output)}: {e.Message}");
            }

            context.Output.WriteLine($"{report.Summary()}; report written to {context.Display(values.Output)}");
        }

        return report.Fails ? ExitCodes.Failures : ExitCodes.Success;
    }
}

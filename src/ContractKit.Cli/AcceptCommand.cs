using System.CommandLine;
using ContractKit.Snapshots;

namespace ContractKit.Cli;

/// <summary><c>contractkit accept [--schemas &lt;dir&gt;]</c>: received snapshots become the verified ones.</summary>
internal static class AcceptCommand
{
    public static Command Create(CliContext context)
    {
        var schemas = new Option<string>("--schemas")
        {
            Description = "The directory searched (recursively) for *.received.json snapshots.",
            DefaultValueFactory = _ => "schemas",
        };
        var command = new Command("accept", "Accept reviewed snapshots: every *.received.json under the directory replaces its *.verified.json.")
        {
            schemas,
        };
        command.SetAction(result => Run(context, result.GetValue(schemas)!));
        return command;
    }

    private static int Run(CliContext context, string schemas)
    {
        var directory = context.FullPath(schemas);
        if (!Directory.Exists(directory))
        {
            return context.BadInput("accept", $"{context.Display(directory)}: no such directory");
        }

        var folders = Directory.EnumerateFiles(directory, "*.received.json", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var count = 0;
        foreach (var folder in folders)
        {
            foreach (var name in new SnapshotStore(folder!, autoAccept: false).AcceptAll())
            {
                context.Output.WriteLine($"accepted {context.Display(Path.Combine(folder!, name))}");
                count++;
            }
        }

        context.Output.WriteLine(count == 0 ? "no received snapshots to accept" : $"{count} snapshot(s) accepted");
        return ExitCodes.Success;
    }
}

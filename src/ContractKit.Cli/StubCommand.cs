using System.CommandLine;
using ContractKit.Contracts;
using ContractKit.Stubs;

namespace ContractKit.Cli;

/// <summary><c>contractkit stub [--schemas &lt;dir&gt;] [--port &lt;n&gt;]</c>: the stub server until Ctrl+C.</summary>
internal static class StubCommand
{
    public static Command Create(CliContext context)
    {
        var schemas = ContractFiles.SchemasOption();
        var port = new Option<int>("--port")
        {
            Description = "The port on 127.0.0.1; 0 picks a free one.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("stub", "Serve the contracts' documented endpoints on 127.0.0.1 (each vendor under /<vendor>) until Ctrl+C.")
        {
            schemas, port,
        };
        command.SetAction((result, cancellationToken) => RunAsync(context, result.GetValue(schemas)!, result.GetValue(port), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string schemas, int port, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            context.Error.WriteLine($"contractkit stub: --port {port}: expected 0 to 65535");
            return ExitCodes.BadInput;
        }

        var contracts = ContractFiles.Load(context, "stub", schemas);
        if (contracts is null)
        {
            return ExitCodes.BadInput;
        }

        StubServer server;
        try
        {
            server = await StubServer.StartAsync(contracts.Select(c => c.Contract), cancellationToken, port).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"contractkit stub: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return ExitCodes.BadInput;
        }

        await using (server.ConfigureAwait(false))
        {
            foreach (var vendor in contracts.Select(c => c.Contract.Vendor).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                context.Output.WriteLine($"{vendor}: {server.BaseAddressFor(vendor)}");
            }

            context.Output.WriteLine("serving; press Ctrl+C to stop");
            context.Output.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return ExitCodes.Success;
    }
}

using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.IO;
using ContractKit.Stubs;

namespace ContractKit.Cli;

/// <summary><c>contractkit stub [--schemas &lt;dir&gt;] [--port &lt;n&gt;] [--ready-file &lt;file&gt;]</c>: the stub server until Ctrl+C or SIGTERM.</summary>
internal static class StubCommand
{
    public static Command Create(CliContext context)
    {
        var schemas = ContractFiles.SchemasOption();
        var port = new Option<int>("--port")
        {
            Description = "The port on 127.0.0.1; 0 picks a free one.",
            DefaultValueFactory = _ => 0,
        }.Within(0, 65535, "0 to 65535");
        var readyFile = new Option<string?>("--ready-file")
        {
            Description = "Once listening, write this file (JSON: the port and each vendor's base address), so that a script can wait for it; removed on stop.",
        };
        var command = new Command("stub", "Serve the contracts' documented endpoints on 127.0.0.1 (each vendor under /<vendor>) until Ctrl+C or SIGTERM.")
        {
            schemas, port, readyFile,
        };
        command.SetAction((result, cancellationToken) => RunAsync(context, result.GetValue(schemas)!, result.GetValue(port), result.GetValue(readyFile), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string schemas, int port, string? readyFile, CancellationToken cancellationToken)
    {
        var contracts = ContractFiles.Load(context, "stub", schemas);
        if (contracts is null || !ContractFiles.Checkable(context, "stub", contracts))
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
            return context.BadInput("stub", $"cannot listen on 127.0.0.1:{port}: {e.Message}");
        }

        await using (server.ConfigureAwait(false))
        {
            var names = contracts.Select(c => c.Contract.Vendor).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var vendors = new JsonObject();
            foreach (var vendor in names)
            {
                vendors[vendor] = server.BaseAddressFor(vendor).ToString();
            }

            if (readyFile is not null)
            {
                var ready = new JsonObject { ["port"] = server.BaseAddress.Port, ["baseAddress"] = server.BaseAddress.ToString(), ["vendors"] = vendors };
                try
                {
                    AtomicFiles.Write(context.FullPath(readyFile), Encoding.UTF8.GetBytes(ready.ToJsonString() + "\n"));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return context.BadInput("stub", $"cannot write {context.Display(readyFile)}: {e.Message}");
                }
            }

            // The ready file is in place before the first line, so a script may wait on either.
            context.Output.WriteLine($"listening on {server.BaseAddress}");
            foreach (var vendor in names)
            {
                context.Output.WriteLine($"{vendor}: {server.BaseAddressFor(vendor)}");
            }

            context.Output.WriteLine("serving; press Ctrl+C to stop");
            context.Output.Flush();
            // Ctrl+C and SIGTERM reach the host first (it stops), then the command line's own token.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            if (readyFile is not null)
            {
                File.Delete(context.FullPath(readyFile));
            }

            context.Output.WriteLine("stopped");
        }

        return ExitCodes.Success;
    }
}

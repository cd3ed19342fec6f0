using System.CommandLine;
using ContractKit.Contracts;
using ContractKit.IO;
using ContractKit.OpenApi;

namespace ContractKit.Cli;

/// <summary><c>contractkit export openapi [--schemas &lt;dir&gt;] --out &lt;file&gt; [--vendor &lt;name&gt;] [--openapi-version 3.1|3.0]</c></summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var schemas = ContractFiles.SchemasOption();
        var output = new Option<string>("--out")
        {
            Description = "The document to write. With contracts of several vendors, one document per vendor: <out> with .<vendor> before its extension (openapi.razorpay.json).",
            Required = true,
        };
        var vendor = new Option<string?>("--vendor")
        {
            Description = "Export only this vendor's contracts, to exactly <out>.",
        }.KebabName("razorpay");
        var version = new Option<string>("--openapi-version")
        {
            Description = "3.1 (default; schemas are the contracts' JSON Schema 2020-12) or 3.0 (down-converted, for tools that read only 3.0).",
            DefaultValueFactory = _ => "3.1",
        };
        version.AcceptOnlyFromAmong("3.1", "3.0");

        var openapi = new Command("openapi", "Write an OpenAPI document per vendor from the contracts. Exit 0: written; 2: bad usage or input (nothing written).")
        {
            schemas, output, vendor, version,
        };
        openapi.SetAction(result => Run(context, result.GetValue(schemas)!, result.GetValue(output)!, result.GetValue(vendor),
            result.GetValue(version) == "3.0" ? OpenApiVersion.V3_0 : OpenApiVersion.V3_1));

        return new Command("export", "Export the contracts for other tools.") { openapi };
    }

    private static int Run(CliContext context, string schemas, string output, string? vendor, OpenApiVersion version)
    {
        var loaded = ContractFiles.Load(context, "export", schemas);
        if (loaded is null)
        {
            return ExitCodes.BadInput;
        }

        var contracts = loaded.Select(c => c.Contract).Where(c => vendor is null || c.Vendor == vendor).ToList();
        if (contracts.Count == 0)
        {
            return context.BadInput("export openapi", $"{context.Display(schemas)}: no contracts of vendor \"{vendor}\"");
        }

        var documents = OpenApiExporter.Export(contracts, version);
        var target = context.FullPath(output);
        List<(string Path, byte[] Content)> writes;
        try
        {
            // One document per vendor goes beside --out, named after the vendor: the name must not lead elsewhere.
            writes = documents.Select(d => (
                Path: documents.Count == 1 ? target : OutputFolder.Combine(Path.GetDirectoryName(target)!, $"{Path.GetFileNameWithoutExtension(target)}.{d.Vendor}{Path.GetExtension(target)}"),
                Content: OpenApiExporter.ToUtf8Bytes(d.Document))).ToList();
            AtomicFiles.WriteAll(writes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.BadInput("export openapi", $"cannot write {context.Display(output)}: {e.Message}; nothing was written");
        }

        foreach (var ((vendorName, document), (path, _)) in documents.Zip(writes))
        {
            var operations = document["paths"]!.AsObject().Sum(p => p.Value!.AsObject().Count);
            context.Output.WriteLine($"wrote {context.Display(path)} (OpenAPI {document["openapi"]}, {vendorName}, {operations} operation(s))");
        }

        return ExitCodes.Success;
    }
}

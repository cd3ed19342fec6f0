using System.CommandLine;
using ContractKit.Contracts;

namespace ContractKit.Cli;

/// <summary>Reading every contract under a directory, with one line naming the first bad one.</summary>
internal static class ContractFiles
{
    /// <summary>The <c>--schemas</c> option of every command that reads the contracts through <see cref="Load"/>.</summary>
    public static Option<string> SchemasOption() => new("--schemas")
    {
        Description = "The directory of contracts (searched recursively for *.contract.json).",
        DefaultValueFactory = _ => "schemas",
    };

    /// <summary>Every <c>*.contract.json</c> below <paramref name="schemas"/>; null (after printing why) when there are none or one is bad.</summary>
    public static List<(Contract Contract, string Path)>? Load(CliContext context, string command, string schemas, bool allowEmpty = false)
    {
        var directory = context.FullPath(schemas);
        if (!Directory.Exists(directory))
        {
            context.Error.WriteLine($"contractkit {command}: {context.Display(directory)}: no such directory");
            return null;
        }

        var contracts = new List<(Contract, string)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.contract.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var contract = LoadFile(context, command, file);
            if (contract is null)
            {
                return null;
            }

            contracts.Add((contract, file));
        }

        if (contracts.Count == 0 && !allowEmpty)
        {
            context.Error.WriteLine($"contractkit {command}: {context.Display(directory)}: no *.contract.json files");
            return null;
        }

        return Distinct(context, command, contracts) ? contracts : null;
    }

    public static Contract? LoadFile(CliContext context, string command, string file)
    {
        try
        {
            return ContractReader.ReadFile(context.FullPath(file));
        }
        catch (ContractFormatException e)
        {
            context.Error.WriteLine($"contractkit {command}: {context.Display(e.File)}:{e.Line}:{e.Column}: {e.Problem}");
            return null;
        }
    }

    /// <summary>
    /// Whether every schema of the contracts can be checked at run time (a pattern .NET cannot compile, a keyword
    /// the interpreter does not support); else one line names the file and the schema, as a bad contract does.
    /// For the commands that validate through the interpreter or the stub: verify, probe, stub, triage.
    /// </summary>
    public static bool Checkable(CliContext context, string command, IEnumerable<(Contract Contract, string Path)> contracts)
    {
        foreach (var (contract, path) in contracts)
        {
            var schemas = new List<(string Pointer, System.Text.Json.Nodes.JsonObject Schema)>();
            schemas.AddRange(contract.Http.Parameters.Select((p, i) => ($"/http/parameters/{i}/schema", p.Schema)));
            if (contract.Request is { } request)
            {
                schemas.Add(("/request/schema", request.Schema));
            }

            schemas.AddRange(contract.Responses.Select((r, i) => ($"/responses/{i}/schema", r.Schema)));
            foreach (var (pointer, schema) in schemas)
            {
                try
                {
                    Validation.SchemaInterpreter.Create(schema);
                }
                catch (Validation.UnsupportedSchemaException e)
                {
                    context.Error.WriteLine($"contractkit {command}: {context.Display(path)}: {pointer}: the schema cannot be checked: {e.Message}");
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Two files describing the same vendor and operation cannot both be the contract.</summary>
    public static bool Distinct(CliContext context, string command, IEnumerable<(Contract Contract, string Path)> contracts)
    {
        var seen = new Dictionary<(string, string), string>();
        foreach (var (contract, path) in contracts)
        {
            if (!seen.TryAdd((contract.Vendor, contract.Operation), path))
            {
                context.Error.WriteLine($"contractkit {command}: {context.Display(path)}: {contract.Vendor}/{contract.Operation} is also the contract in {context.Display(seen[(contract.Vendor, contract.Operation)])}");
                return false;
            }
        }

        return true;
    }
}

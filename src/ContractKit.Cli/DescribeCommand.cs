using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;

namespace ContractKit.Cli;

/// <summary><c>contractkit describe &lt;contract&gt;... [--format text|json]</c></summary>
internal static class DescribeCommand
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var contracts = new Argument<string[]>("contract")
        {
            Description = "Contract files (*.contract.json).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text: a table per contract; json: one JSON object per contract, one per line.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("describe", "List every field of a contract: where it is, its type, whether it is required or nullable, its constraints and its page line.")
        {
            contracts, format,
        };
        command.SetAction(result => Run(context, result.GetValue(contracts)!, result.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string[] files, string format)
    {
        // Read every contract first, so that a bad one prints nothing half-described.
        var loaded = new List<Contract>();
        foreach (var file in files)
        {
            try
            {
                loaded.Add(ContractReader.ReadFile(context.FullPath(file)));
            }
            catch (ContractFormatException e)
            {
                return context.BadInput("describe", $"{context.Display(e.File)}:{e.Line}:{e.Column}: {e.Problem}");
            }
        }

        foreach (var contract in loaded)
        {
            if (format == "json")
            {
                context.Output.WriteLine(ToJson(contract).ToJsonString(Compact));
            }
            else
            {
                WriteText(context.Output, contract);
            }
        }

        return ExitCodes.Success;
    }

    public static JsonObject ToJson(Contract contract) => new()
    {
        ["vendor"] = contract.Vendor,
        ["operation"] = contract.Operation,
        ["method"] = contract.Http.Method,
        ["path"] = contract.Http.Path,
        ["fields"] = new JsonArray(ContractFields.List(contract).Select(f => (JsonNode?)new JsonObject
        {
            ["part"] = f.Part,
            ["status"] = f.Status,
            ["in"] = f.In,
            ["path"] = f.Path,
            ["type"] = f.Type,
            ["required"] = f.Required,
            ["nullable"] = f.Nullable,
            ["constraints"] = f.Constraints.DeepClone(),
            ["line"] = f.Line,
            ["volatile"] = f.Volatile,
            ["secret"] = f.Secret,
            ["inferred"] = f.Inferred,
        }).ToArray()),
    };

    private static void WriteText(TextWriter output, Contract contract)
    {
        output.WriteLine($"{contract.Vendor}/{contract.Operation}: {contract.Http.Method} {contract.Http.Path}" +
                         (contract.Title is null ? "" : $"  ({contract.Title})"));
        var rows = new List<string[]> { new[] { "PART", "STATUS", "IN", "PATH", "TYPE", "REQUIRED", "NULLABLE", "LINE", "NOTES" } };
        foreach (var f in ContractFields.List(contract))
        {
            var notes = new List<string>();
            if (f.Constraints.Count > 0)
            {
                notes.Add(f.Constraints.ToJsonString(Compact));
            }

            notes.AddRange(new[] { (f.Volatile, "volatile"), (f.Secret, "secret"), (f.Inferred, "inferred") }.Where(m => m.Item1).Select(m => m.Item2));
            rows.Add([
                f.Part, f.Status ?? "-", f.In, f.Path, f.Type, f.Required ? "yes" : "no", f.Nullable ? "yes" : "no",
                f.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                string.Join(' ', notes),
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }

        output.WriteLine();
    }
}

using System.CommandLine;
using System.Text;
using System.Text.Json;
using ContractKit.Contracts;
using ContractKit.Http;
using ContractKit.Json;
using ContractKit.Validation;

namespace ContractKit.Cli;

/// <summary><c>contractkit validate --contract &lt;file&gt; [--status &lt;code&gt;] --body &lt;response.json&gt;</c></summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var contract = new Option<string>("--contract") { Description = "The contract file.", Required = true };
        var status = new Option<string?>("--status") { Description = "The response status whose schema applies (200, 4xx, 404); the first 2xx by default." };
        var body = new Option<string>("--body") { Description = "The captured response body (a JSON file).", Required = true };
        var command = new Command("validate", "Check one captured response body against a contract and print each error. Exit 0: valid; 1: invalid; 2: bad usage or input.")
        {
            contract, status, body,
        };
        command.SetAction(result => Run(context, result.GetValue(contract)!, result.GetValue(status), result.GetValue(body)!));
        return command;
    }

    private static int Run(CliContext context, string contractFile, string? status, string bodyFile)
    {
        Contract contract;
        try
        {
            contract = ContractReader.ReadFile(context.FullPath(contractFile));
        }
        catch (ContractFormatException e)
        {
            return context.BadInput("validate", $"{context.Display(e.File)}:{e.Line}:{e.Column}: {e.Problem}");
        }

        var response = status is null
            ? contract.Responses.FirstOrDefault(r => r.Status.StartsWith('2'))
            : contract.Responses.FirstOrDefault(r => r.Status == status)
              ?? contract.Responses.FirstOrDefault(r => r.Status.EndsWith("xx", StringComparison.Ordinal) && status.Length == 3 && r.Status[0] == status[0]);
        if (response is null)
        {
            var documented = string.Join(", ", contract.Responses.Select(r => r.Status));
            return context.BadInput("validate", $"{context.Display(contractFile)} documents no response {status ?? "2xx"} (documented: {documented})");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(context.FullPath(bodyFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.BadInput("validate", $"{context.Display(bodyFile)}: cannot read the body: {e.Message}");
        }

        // A UTF-8 byte order mark is how some editors save JSON; it is not part of the document.
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        // A body that is not JSON at all is bad input (exit 2), not a body that breaks the contract (exit 1).
        try
        {
            using var parsed = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return context.BadInput("validate", $"{context.Display(bodyFile)}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON: {JsonErrors.Message(e)}");
        }

        ValidationResult result;
        try
        {
            result = SchemaInterpreter.Create(response.Schema).Validate(bytes);
        }
        catch (UnsupportedSchemaException e)
        {
            return context.BadInput("validate", $"{context.Display(contractFile)}: the {response.Status} schema cannot be checked: {e.Message}");
        }

        // The same classes, dotted field names and page references as verify and the contract tests.
        var shape = ScenarioRunner.Observe(new Scenario(contract, "validate", response.Status), bytes, result);
        var items = DriftTriage.Classify(shape, null, null);
        var breaking = items.Count(i => i.Class == DriftClass.Breaking);
        foreach (var item in items)
        {
            context.Output.WriteLine($"[{DriftTriage.Name(item.Class)}] {DriftTriage.Line(item, contract.Provenance.Page)}");
        }

        context.Output.WriteLine(breaking == 0
            ? $"{context.Display(bodyFile)}: valid against the {response.Status} response of {contract.Vendor}/{contract.Operation}"
            : $"{context.Display(bodyFile)}: {breaking} error(s) against the {response.Status} response of {contract.Vendor}/{contract.Operation}");
        return breaking == 0 ? ExitCodes.Success : ExitCodes.Failures;
    }
}

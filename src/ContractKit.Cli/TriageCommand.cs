using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Http;
using ContractKit.IO;
using ContractKit.Snapshots;
using ContractKit.Validation;

namespace ContractKit.Cli;

/// <summary>
/// <c>contractkit triage [--schemas &lt;dir&gt;] [--base-url &lt;url&gt;]</c>: runs each contract's documented
/// success scenario against the live vendor and writes a quirk override for every drift a quirk kind explains.
/// </summary>
internal static class TriageCommand
{
    public static Command Create(CliContext context)
    {
        var schemas = ContractFiles.SchemasOption();
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The base URL for every contract, instead of CONTRACTKIT_<VENDOR>_BASE_URL.",
        };
        var command = new Command("triage", "Send every contract's documented success request to the live vendor and, for each drift a known quirk explains ([] for an object, \"42\" for a number, another date format, a missing required field), add a quirk override with a reason to review to the contract's overrides file. Exit 0: no drift; 1: drift seen (quirks written where one explains it); 2: bad usage or input.")
        {
            schemas, baseUrl,
        };
        command.SetAction((result, cancellationToken) => RunAsync(context, result.GetValue(schemas)!, result.GetValue(baseUrl), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string schemas, string? baseUrl, CancellationToken cancellationToken)
    {
        if (baseUrl is not null && !Uri.TryCreate(baseUrl, UriKind.Absolute, out _))
        {
            return context.BadInput("triage", $"--base-url \"{baseUrl}\": expected an absolute URL");
        }

        var loaded = ContractFiles.Load(context, "triage", schemas);
        if (loaded is null || !ContractFiles.Checkable(context, "triage", loaded))
        {
            return ExitCodes.BadInput;
        }

        // Everything that can be wrong with the input is found before anything is sent or written.
        var problems = new List<string>();
        var endpoints = new List<Endpoint>();
        foreach (var (contract, path) in loaded)
        {
            var overridesPath = ContractOverrides.PathFor(path);
            try
            {
                var overridesText = File.Exists(overridesPath) ? File.ReadAllText(overridesPath) : null;
                var overrides = overridesText is null ? null : ContractOverrides.Read(Encoding.UTF8.GetBytes(overridesText), context.Display(overridesPath));
                if (LiveTargets.Read(context, contract, path, baseUrl, problems) is { } target)
                {
                    endpoints.Add(new Endpoint(contract, overridesPath, overrides, overridesText, target.Settings, target.Values));
                }
            }
            catch (ContractFormatException e)
            {
                problems.Add($"{context.Display(e.File)}:{e.Line}:{e.Column}: {e.Problem}");
            }
        }

        if (LiveTargets.Report(context, "triage", problems))
        {
            return ExitCodes.BadInput;
        }

        var writes = new List<(string Path, byte[] Content)>();
        var drifted = false;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var runner = new ScenarioRunner(client);
        foreach (var endpoint in endpoints)
        {
            var contract = endpoint.Contract;
            var name = $"{contract.Vendor}/{contract.Operation}";
            if (ScenarioRunner.ScenariosOf(contract).FirstOrDefault(s => s.Name == "success") is not { } scenario)
            {
                context.Output.WriteLine($"{name}: skipped: the contract documents no success request");
                continue;
            }

            ScenarioResult result;
            try
            {
                result = await runner.RunAsync(scenario, endpoint.Settings.BaseUrl, cancellationToken, endpoint.Settings, endpoint.Values).ConfigureAwait(false);
            }
            catch (UnsupportedSchemaException e)
            {
                return context.BadInput("triage", $"{name}: the contract's schema cannot be checked: {e.Message}");
            }

            if (result.Skipped || result.Problem is not null)
            {
                drifted |= !result.Skipped;
                context.Output.WriteLine($"{name}: {(result.Skipped ? "skipped" : "not triaged")}: {result.Problem}");
                continue;
            }

            if (result.Passed)
            {
                context.Output.WriteLine($"{name}: the live response matches the contract");
                continue;
            }

            drifted = true;
            var schema = contract.Responses.First(r => r.Status == scenario.ExpectedStatus).Schema;
            var body = Parse(result.Body);
            var drifts = Quirks.Explain(scenario.ExpectedStatus, schema, body, new ValidationResult(result.Errors, result.Warnings ?? []));
            var (text, added) = QuirkOverridesFile.AddSuggestions(endpoint.Overrides, endpoint.OverridesText, drifts.Select(d => d.Suggestion).OfType<QuirkSuggestion>());
            var overridesDisplay = context.Display(endpoint.OverridesPath);
            context.Output.WriteLine($"{name}: {drifts.Count} drift(s) from the contract");
            foreach (var drift in drifts)
            {
                // Dotted field names and page references, as verify and the contract tests print them.
                var error = drift.Error;
                var field = drift.Suggestion?.Field ?? ContractShape.Locate(schema, body, error.InstanceLocation, out _);
                var seen = $"{field}: {error.Keyword}: {error.Message}{DriftTriage.Where(error.Line, contract.Provenance.Page)}";
                context.Output.WriteLine(drift.Suggestion switch
                {
                    null => $"  {seen}: no quirk explains this; not written",
                    { } s when added.Contains(s) => $"  {seen}: quirk {s.Kind} for {s.Field}{Formats(s)} written to {overridesDisplay}",
                    { } s => $"  {seen}: quirk {s.Kind} for {s.Field}{Formats(s)} is already in {overridesDisplay}",
                });
            }

            if (added.Count > 0)
            {
                // The written file must read back as a valid overrides file; a bug here must not leave a broken one.
                ContractOverrides.Read(Encoding.UTF8.GetBytes(text), overridesDisplay);
                writes.Add((endpoint.OverridesPath, new UTF8Encoding(false).GetBytes(text)));
            }
        }

        if (writes.Count > 0)
        {
            try
            {
                foreach (var (path, _) in writes)
                {
                    OutputFolder.EnsureInside(context.FullPath(schemas), path);
                }

                AtomicFiles.WriteAll(writes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return context.BadInput("triage", $"cannot write the overrides: {e.Message}");
            }

            context.Output.WriteLine($"Review the reasons in {string.Join(", ", writes.Select(w => context.Display(w.Path)))}, then run contractkit import to apply them.");
        }

        return drifted ? ExitCodes.Failures : ExitCodes.Success;
    }

    private static string Formats(QuirkSuggestion suggestion) =>
        suggestion.Formats is { } formats ? $" ({string.Join(", ", formats)})" : "";

    private static JsonNode? Parse(byte[]? body)
    {
        try
        {
            return body is { Length: > 0 } ? JsonNode.Parse(body) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Endpoint(Contract Contract, string OverridesPath, ContractOverrides? Overrides, string? OverridesText, LiveSettings Settings, ScenarioValues Values);
}

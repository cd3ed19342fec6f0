using ContractKit.Contracts;
using ContractKit.Http;

namespace ContractKit.Cli;

/// <summary>What a live run needs for one contract: the vendor's settings and the sandbox values beside the contract.</summary>
internal sealed record LiveTarget(LiveSettings Settings, ScenarioValues Values);

/// <summary>
/// Reads the live settings of the commands that call vendors (verify --mode live, triage), so that every
/// missing variable and every malformed scenario file is named before anything is sent.
/// </summary>
internal static class LiveTargets
{
    /// <param name="baseUrl">--base-url: replaces CONTRACTKIT_&lt;VENDOR&gt;_BASE_URL for every contract.</param>
    /// <param name="problems">Where what is wrong is added, one line each; null is returned then.</param>
    public static LiveTarget? Read(CliContext context, Contract contract, string contractPath, string? baseUrl, List<string> problems)
    {
        ScenarioValues values;
        try
        {
            values = ScenarioValues.ForContract(contractPath);
        }
        catch (ContractFormatException e)
        {
            problems.Add($"{context.Display(e.File)}:{e.Line}:{e.Column}: {e.Problem}");
            return null;
        }

        try
        {
            var environment = baseUrl is null
                ? context.Environment
                : name => name == LiveSettings.Prefix(contract.Vendor) + "BASE_URL" ? baseUrl : context.Environment(name);
            return new LiveTarget(LiveSettings.From(contract, environment), values);
        }
        catch (ContractTestException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }

    /// <summary>Prints each problem once, prefixed with the command; true when there were any.</summary>
    public static bool Report(CliContext context, string command, List<string> problems)
    {
        foreach (var problem in problems.Distinct(StringComparer.Ordinal))
        {
            context.Error.WriteLine($"contractkit {command}: {problem}");
        }

        return problems.Count > 0;
    }
}

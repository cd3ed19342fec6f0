using System.CommandLine;
using System.Globalization;
using System.Text;
using ContractKit.Contracts;
using ContractKit.Http;
using ContractKit.IO;
using ContractKit.Probing;
using ContractKit.Stubs;

namespace ContractKit.Cli;

/// <summary>
/// <c>contractkit probe [--schemas &lt;dir&gt;] [--mode stub|live] [--max-requests N] [--rate R] [--seed S] [--report &lt;file.json|file.md&gt;]</c>:
/// negative and property-based requests against the stub or a sandbox (docs/negative-testing.md).
/// </summary>
internal static class ProbeCommand
{
    public const int DefaultMaxRequests = 100;
    public const double DefaultLiveRate = 2;

    public static Command Create(CliContext context)
    {
        var schemas = ContractFiles.SchemasOption();
        var mode = new Option<string>("--mode")
        {
            Description = "Where the requests go: stub (a local server built from the contracts) or live (the vendor's sandbox, with CONTRACTKIT_<VENDOR>_* settings).",
            DefaultValueFactory = _ => "stub",
        };
        mode.AcceptOnlyFromAmong("stub", "live");
        var baseUrl = new Option<string?>("--base-url") { Description = "With --mode live: the base URL for every contract, instead of CONTRACTKIT_<VENDOR>_BASE_URL." };
        var maxRequests = new Option<int>("--max-requests")
        {
            Description = $"The most requests the whole run sends, shrinking included (default {DefaultMaxRequests}); shared fairly between the contracts.",
            DefaultValueFactory = _ => DefaultMaxRequests,
        }.Within(1, int.MaxValue, "at least 1");
        var rate = new Option<double?>("--rate")
        {
            Description = $"The most requests per second (default {DefaultLiveRate.ToString(CultureInfo.InvariantCulture)} live, no limit against the stub).",
        }.Positive(double.MaxValue, "a number of requests per second above 0");
        var seed = new Option<int?>("--seed") { Description = "The seed of the random requests; the run prints it, and the same seed sends the same requests again." };
        var report = new Option<string[]>("--report")
        {
            Description = "Also write the findings as JSON (.json, for tools: rules, shrunk requests, suggested overrides) or Markdown (.md); repeat for both.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("probe", "Send requests made from each contract: valid ones at random and at the documented limits, and one per documented rule that breaks it alone. Reports each request the vendor accepted though its docs forbid it, and each it rejected though they allow it, shrunk to the smallest request that still shows it. Live, requests that change vendor state need CONTRACTKIT_LIVE_ALLOW_WRITES=true (or \"allowWrites\" in the scenario file). Exit 0: no finding; 1: findings; 2: bad usage or input; 3: nothing was sent.")
        {
            schemas, mode, baseUrl, maxRequests, rate, seed, report,
        };
        command.SetAction((result, cancellationToken) => RunAsync(context, result.GetValue(schemas)!, result.GetValue(mode) == "live", result.GetValue(baseUrl),
            result.GetValue(maxRequests), result.GetValue(rate), result.GetValue(seed), result.GetValue(report) ?? [], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string schemas, bool live, string? baseUrl, int maxRequests, double? rate, int? seedOption, string[] reports,
        CancellationToken cancellationToken)
    {
        string? usage = null;
        if (baseUrl is not null && (!live || !Uri.TryCreate(baseUrl, UriKind.Absolute, out _)))
        {
            usage = live ? $"--base-url \"{baseUrl}\": expected an absolute URL" : "--base-url goes with --mode live";
        }
        else if (reports.FirstOrDefault(r => Format(r) is null) is { } bad)
        {
            usage = $"--report \"{bad}\": expected a file ending in .json or .md";
        }

        if (usage is not null)
        {
            context.Error.WriteLine("contractkit probe: " + usage);
            return ExitCodes.BadInput;
        }

        var loaded = ContractFiles.Load(context, "probe", schemas);
        if (loaded is null || !ContractFiles.Checkable(context, "probe", loaded))
        {
            return ExitCodes.BadInput;
        }

        var settings = new Dictionary<Contract, LiveSettings>();
        var values = new Dictionary<Contract, ScenarioValues>();
        if (live)
        {
            var problems = new List<string>();
            foreach (var (contract, path) in loaded)
            {
                if (LiveTargets.Read(context, contract, path, baseUrl, problems) is { } target)
                {
                    settings[contract] = target.Settings;
                    values[contract] = target.Values;
                }
            }

            if (LiveTargets.Report(context, "probe", problems))
            {
                return ExitCodes.BadInput;
            }
        }

        var seed = seedOption ?? Random.Shared.Next();
        var budget = new ProbeBudget(maxRequests);
        var options = new ProbeOptions(seed, KnownCredentials: live, InferredRules: live);
        var results = new List<ContractProbeResult>();
        var skipped = new List<string>();
        try
        {
            await using var stub = live ? null : await StubServer.StartAsync(loaded.Select(c => c.Contract), cancellationToken).ConfigureAwait(false);
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var probed = loaded.Where(c =>
            {
                var writes = live && LiveSettings.ChangesState(c.Contract.Http.Method) && !settings[c.Contract].AllowWrites && !values[c.Contract].AllowWrites;
                if (writes)
                {
                    skipped.Add($"{context.Display(c.Path)}: not probed: {c.Contract.Http.Method} changes vendor state; set {LiveSettings.AllowWritesVariable}=true or \"allowWrites\": true in {Path.GetFileName(ScenarioValues.PathFor(c.Path))}");
                }

                return !writes;
            }).ToList();
            for (var i = 0; i < probed.Count; i++)
            {
                var (contract, path) = probed[i];
                var target = live ? settings[contract].BaseUrl : stub!.BaseAddressFor(contract.Vendor);
                var transport = new HttpProbeTransport(client, target, rate ?? (live ? DefaultLiveRate : 0));
                var cases = new RequestCases(contract, Credentials(contract, live ? settings[contract] : null), live ? values[contract].PathParameters : null);
                results.Add(await new Prober(transport, budget, options).ProbeAsync(cases, context.Display(path), probed.Count - i, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (HttpRequestException e)
        {
            context.Error.WriteLine($"contractkit probe: the target did not answer: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Validation.UnsupportedSchemaException e)
        {
            context.Error.WriteLine($"contractkit probe: a contract's schema cannot be checked: {e.Message}");
            return ExitCodes.BadInput;
        }

        var modeName = live ? "live" : "stub";
        Print(context, results, skipped, seed, budget);
        if (reports.Length > 0)
        {
            var written = reports.Select(r => (context.FullPath(r), new UTF8Encoding(false).GetBytes(Format(r) == "json"
                ? ProbeReport.ToJsonText(ProbeReport.ToJson(results, modeName, seed, budget))
                : ProbeReport.ToMarkdown(results, modeName, seed, budget)))).ToList();
            try
            {
                AtomicFiles.WriteAll(written);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"contractkit probe: cannot write {string.Join(", ", reports.Select(context.Display))}: {e.Message}");
                return ExitCodes.BadInput;
            }
        }

        if (budget.Sent == 0)
        {
            return ExitCodes.NothingVerified;
        }

        return results.Any(r => r.Findings.Count > 0) ? ExitCodes.Failures : ExitCodes.Success;
    }

    private static string? Format(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => "json",
        ".md" => "md",
        _ => null,
    };

    /// <summary>Live: the vendor's credentials; against the stub: made-up ones of the documented form.</summary>
    private static ProbeCredentials Credentials(Contract contract, LiveSettings? live) =>
        live is null ? ProbeCredentials.MadeUp(contract) : ProbeCredentials.Live(contract, live);

    private static void Print(CliContext context, List<ContractProbeResult> results, List<string> skipped, int seed, ProbeBudget budget)
    {
        var output = context.Output;
        foreach (var line in skipped)
        {
            output.WriteLine(line);
        }

        foreach (var result in results)
        {
            output.WriteLine($"{result.File}: {result.Contract.Vendor}/{result.Contract.Operation}: {result.Sent} sent ({result.Accepted} accepted, {result.Rejected} rejected), {result.Findings.Count} finding(s)");
            foreach (var note in result.Notes)
            {
                output.WriteLine("  note: " + note);
            }

            foreach (var finding in result.Findings)
            {
                output.WriteLine($"  {ProbeReport.KindName(finding.Kind)}: {ProbeReport.Summary(finding)}" + (finding.Seen > 1 ? $" (seen {finding.Seen} times)" : ""));
                if (finding.Rule is { } rule)
                {
                    output.WriteLine($"    rule: {rule.ContractPointer} ({rule.Keyword})");
                }

                output.WriteLine($"    shrunk request ({finding.ShrinkRequests} shrinking requests):");
                foreach (var line in finding.Request.TrimEnd('\n').Split('\n'))
                {
                    output.WriteLine("      " + line);
                }

                output.WriteLine($"    answered {finding.Status}: {Shorten(finding.Response)}");
            }
        }

        var findings = results.Sum(r => r.Findings.Count);
        output.WriteLine($"probe: {findings} finding(s); {budget.Sent} of at most {budget.Max} requests sent; seed {seed} (--seed {seed} sends the same requests again)");
    }

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 300 ? line : line[..300] + "...";
    }
}

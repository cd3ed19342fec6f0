using System.CommandLine;
using System.Text;
using ContractKit.Contracts;
using ContractKit.Cli.Reports;
using ContractKit.Http;
using ContractKit.IO;
using ContractKit.Snapshots;
using ContractKit.Stubs;
using Spectre.Console;

namespace ContractKit.Cli;

/// <summary><c>contractkit verify [--schemas &lt;dir&gt;] [--mode stub|live] [--base-url &lt;url&gt;] [--report &lt;file.xml|file.html|file.md&gt;] [--fail-on breaking|undocumented|any] [--parallel &lt;n&gt;]</c></summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var schemas = ContractFiles.SchemasOption();
        var mode = new Option<string>("--mode")
        {
            Description = "Where the documented requests go: stub (a local server built from the contracts) or live (the vendor, with CONTRACTKIT_<VENDOR>_* settings).",
            DefaultValueFactory = _ => "stub",
        };
        mode.AcceptOnlyFromAmong("stub", "live");
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "With --mode live: the base URL for every contract, instead of CONTRACTKIT_<VENDOR>_BASE_URL.",
        };
        var report = new Option<string[]>("--report")
        {
            Description = "Also write the results as JUnit XML (.xml), HTML (.html) or Markdown (.md); repeat for several.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Which drift fails the run: breaking (the vendor breaks the contract), undocumented (also undocumented fields) or any (also a snapshot that records another shape). Quirks accepted by an override never fail.",
            DefaultValueFactory = _ => "any",
        };
        failOn.AcceptOnlyFromAmong("breaking", "undocumented", "any");

        var parallel = new Option<int?>("--parallel")
        {
            CustomParser = argument =>
            {
                var text = argument.Tokens.Count == 1 ? argument.Tokens[0].Value : "";
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 64)
                {
                    return value;
                }

                argument.AddError($"--parallel \"{text}\": expected a number from 1 to 64");
                return null;
            },
            Description = "How many contracts are checked at once (default: twice the processor count, at most 16, against the stub; 1 in live mode, which a sandbox's rate limits prefer). A contract's own scenarios always run in order, and so do a vendor's requests that change state.",
        };

        var allowAllSkipped = SkippedVendors.Option();
        var command = new Command("verify", "Send every contract's documented requests and check the responses against the contract, without compiling anything. Exit 0: all passed; 1: a scenario failed; 2: bad usage or input; 3: every scenario of a vendor was skipped.")
        {
            schemas, mode, baseUrl, report, failOn, allowAllSkipped, parallel,
        };
        command.SetAction((result, cancellationToken) =>
        {
            DriftTriage.TryParseFailOn(result.GetValue(failOn), out var failOnValue);
            var live = result.GetValue(mode) == "live";
            return RunAsync(context, result.GetValue(schemas)!, live, result.GetValue(baseUrl), result.GetValue(report), failOnValue,
                result.GetValue(allowAllSkipped), result.GetValue(parallel) ?? DefaultParallelism(live), cancellationToken);
        });
        return command;
    }

    /// <summary>Against the stub the work is local and short; a vendor's sandbox is asked one contract at a time.</summary>
    internal static int DefaultParallelism(bool live) => live ? 1 : Math.Clamp(Environment.ProcessorCount * 2, 2, 16);

    private static async Task<int> RunAsync(CliContext context, string schemas, bool live, string? baseUrl, string[]? reports, FailOn failOn, bool allowAllSkipped,
        int parallelism, CancellationToken cancellationToken)
    {
        if (baseUrl is not null && (!live || !Uri.TryCreate(baseUrl, UriKind.Absolute, out _)))
        {
            context.Error.WriteLine(live
                ? $"contractkit verify: --base-url \"{baseUrl}\": expected an absolute URL"
                : "contractkit verify: --base-url goes with --mode live");
            return ExitCodes.BadInput;
        }

        reports ??= [];
        if (reports.FirstOrDefault(r => VerifyReports.Format(r) is null) is { } report)
        {
            return context.BadInput("verify", $"--report \"{report}\": expected a file ending in .xml (JUnit), .html or .md (Markdown)");
        }

        var loaded = ContractFiles.Load(context, "verify", schemas);
        if (loaded is null || !ContractFiles.Checkable(context, "verify", loaded))
        {
            return ExitCodes.BadInput;
        }

        var contracts = loaded.Select(c => c.Contract).ToList();
        var files = loaded.ToDictionary(c => c.Contract, c => c.Path);

        // Live settings first, so that every missing variable is reported before anything is sent.
        var settings = new Dictionary<Contract, LiveSettings>();
        var values = new Dictionary<Contract, ScenarioValues>();
        if (live)
        {
            var problems = new List<string>();
            foreach (var contract in contracts)
            {
                if (LiveTargets.Read(context, contract, files[contract], baseUrl, problems) is { } target)
                {
                    settings[contract] = target.Settings;
                    values[contract] = target.Values;
                }
            }

            if (LiveTargets.Report(context, "verify", problems))
            {
                return ExitCodes.BadInput;
            }
        }

        List<ScenarioResult> results;
        try
        {
            await using var stub = live ? null : await StubServer.StartAsync(contracts, cancellationToken).ConfigureAwait(false);
            // One client for the run: connections are reused, and each schema is compiled once by the runner.
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var runner = new ScenarioRunner(client);
            var byContract = new List<ScenarioResult>[contracts.Count];
            async Task RunContractAsync(int index)
            {
                var contract = contracts[index];
                var target = live ? settings[contract].BaseUrl : stub!.BaseAddressFor(contract.Vendor);
                var list = byContract[index] = [];
                foreach (var scenario in ScenarioRunner.ScenariosOf(contract))
                {
                    var result = await runner.RunAsync(scenario, target, cancellationToken, live ? settings[contract] : null, live ? values[contract] : null).ConfigureAwait(false);
                    list.Add(result.Triage(CompareSnapshot(result, files[contract]), failOn));
                }
            }

            await Parallel.ForEachAsync(Lanes(contracts, live), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (lane, token) =>
            {
                foreach (var index in lane)
                {
                    await RunContractAsync(index).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            results = [.. byContract.SelectMany(list => list)];
        }
        catch (Validation.UnsupportedSchemaException e)
        {
            return context.BadInput("verify", $"a contract's schema cannot be checked: {e.Message}");
        }

        Print(context, contracts, results);
        if (reports.Length > 0)
        {
            var written = reports.Select(r => (context.FullPath(r), new UTF8Encoding(false).GetBytes(VerifyReports.Write(VerifyReports.Format(r)!.Value, results, live ? settings : null)))).ToList();
            try
            {
                AtomicFiles.WriteAll(written);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return context.BadInput("verify", $"cannot write {string.Join(", ", reports.Select(context.Display))}: {e.Message}");
            }
        }

        if (!results.All(r => r.Passed))
        {
            return ExitCodes.Failures;
        }

        return allowAllSkipped ? ExitCodes.Success : SkippedVendors.Check(context, results);
    }

    /// <summary>
    /// Lanes run in parallel, each lane's contracts (indexes into the list) in order: in live mode a vendor's
    /// contracts that change state share one lane, so that one never runs while another changes what it reads.
    /// </summary>
    internal static List<List<int>> Lanes(IReadOnlyList<Contract> contracts, bool live) =>
        contracts.Select((contract, index) => (contract, index))
            .GroupBy(c => live && ChangesState(c.contract) ? "writes:" + c.contract.Vendor : "contract:" + c.index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(lane => lane.Select(c => c.index).ToList())
            .ToList();

    private static bool ChangesState(Contract contract) => contract.Http.Method is not ("GET" or "HEAD" or "OPTIONS");

    /// <summary>
    /// Where the contract tests have verified a snapshot for the scenario (beside the contract, named as the
    /// generated test), the response's contract shape is compared with it. A scenario without one is not
    /// failed for it, and verify never writes snapshots.
    /// </summary>
    private static SnapshotResult? CompareSnapshot(ScenarioResult result, string contractFile)
    {
        if (result.Skipped || result.Shape is null || !ContractTestTarget.HasDocumentedBody(result.Scenario))
        {
            return null;
        }

        var name = ContractNames.SnapshotName(result.Operation, result.Scenario.Name == "success" ? null : result.Scenario.ExpectedStatus);
        var directory = Path.GetDirectoryName(contractFile)!;
        if (!File.Exists(Path.Combine(directory, name + ".verified.json")))
        {
            return null;
        }

        return new SnapshotStore(directory, autoAccept: false).Peek(name, SnapshotStore.Format(result.Shape.ToSnapshot()));
    }

    private static void Print(CliContext context, List<Contract> contracts, List<ScenarioResult> results)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;
        var summary = new Table().Title("summary");
        summary.AddColumns("vendor", "passed", "failed", "skipped", "breaking", "undocumented", "quirk", "snapshot");
        foreach (var vendor in VerifyReports.Summarise(results))
        {
            summary.AddRow([vendor.Vendor.EscapeMarkup(), .. new[] { vendor.Passed, vendor.Failed, vendor.Skipped }.Concat(vendor.Drift).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        console.Write(summary);
        foreach (var contract in contracts)
        {
            var table = new Table().Title($"{contract.Vendor}/{contract.Operation}: {contract.Http.Method} {contract.Http.Path}".EscapeMarkup());
            table.AddColumns("scenario", "status", "result", "drift");
            var scenarios = results.Where(r => r.Scenario.Contract == contract).ToList();
            foreach (var result in scenarios)
            {
                table.AddRow(
                    result.Scenario.Name.EscapeMarkup(),
                    result.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    VerifyReports.Outcome(result),
                    VerifyReports.DriftClasses(result).EscapeMarkup());
            }

            if (table.Rows.Count == 0)
            {
                table.AddRow("-", "-", "skipped", "the contract documents no request example");
            }

            console.Write(table);
            // Details below the table, one line each, so that long lines and diffs are never wrapped or cut.
            foreach (var result in scenarios.Where(r => r.Skipped || r.DriftItems.Count > 0))
            {
                context.Output.WriteLine($"{contract.Vendor}/{contract.Operation} {result.Scenario.Name}:");
                foreach (var line in VerifyReports.DetailsWithDiff(result).Split('\n'))
                {
                    context.Output.WriteLine("  " + line);
                }
            }
        }

        var failed = results.Count(r => !r.Passed);
        var skipped = results.Count(r => r.Skipped);
        context.Output.WriteLine($"{results.Count} scenario(s): {results.Count - failed - skipped} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : ""));
    }
}

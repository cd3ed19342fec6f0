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

/// <summary><c>contractkit verify [--schemas &lt;dir&gt;] [--mode stub|live] [--base-url &lt;url&gt;] [--report &lt;file.xml|file.html|file.md&gt;] [--fail-on breaking|undocumented|any]</c></summary>
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

        var allowAllSkipped = SkippedVendors.Option();
        var command = new Command("verify", "Send every contract's documented requests and check the responses against the contract, without compiling anything. Exit 0: all passed; 1: a scenario failed; 2: bad usage or input; 3: every scenario of a vendor was skipped.")
        {
            schemas, mode, baseUrl, report, failOn, allowAllSkipped,
        };
        command.SetAction((result, cancellationToken) =>
        {
            DriftTriage.TryParseFailOn(result.GetValue(failOn), out var failOnValue);
            return RunAsync(context, result.GetValue(schemas)!, result.GetValue(mode) == "live", result.GetValue(baseUrl), result.GetValue(report), failOnValue,
                result.GetValue(allowAllSkipped), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string schemas, bool live, string? baseUrl, string[]? reports, FailOn failOn, bool allowAllSkipped,
        CancellationToken cancellationToken)
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
            context.Error.WriteLine($"contractkit verify: --report \"{report}\": expected a file ending in .xml (JUnit), .html or .md (Markdown)");
            return ExitCodes.BadInput;
        }

        var loaded = ContractFiles.Load(context, "verify", schemas);
        if (loaded is null)
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
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var runner = new ScenarioRunner(client);
            results = [];
            foreach (var contract in contracts)
            {
                var target = live ? settings[contract].BaseUrl : stub!.BaseAddressFor(contract.Vendor);
                foreach (var scenario in ScenarioRunner.ScenariosOf(contract))
                {
                    var result = await runner.RunAsync(scenario, target, cancellationToken, live ? settings[contract] : null, live ? values[contract] : null).ConfigureAwait(false);
                    results.Add(result.Triage(CompareSnapshot(result, files[contract]), failOn));
                }
            }
        }
        catch (Validation.UnsupportedSchemaException e)
        {
            context.Error.WriteLine($"contractkit verify: a contract's schema cannot be checked: {e.Message}");
            return ExitCodes.BadInput;
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
                context.Error.WriteLine($"contractkit verify: cannot write {string.Join(", ", reports.Select(context.Display))}: {e.Message}");
                return ExitCodes.BadInput;
            }
        }

        if (!results.All(r => r.Passed))
        {
            return ExitCodes.Failures;
        }

        return allowAllSkipped ? ExitCodes.Success : SkippedVendors.Check(context, results);
    }

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

using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ContractKit.Contracts;
using ContractKit.Http;
using ContractKit.IO;
using ContractKit.Snapshots;
using ContractKit.Stubs;
using Spectre.Console;

namespace ContractKit.Cli;

/// <summary><c>contractkit verify [--schemas &lt;dir&gt;] [--mode stub|live] [--base-url &lt;url&gt;] [--report &lt;file.xml|file.html&gt;]</c></summary>
internal static class VerifyCommand
{
    /// <summary>The generator's PascalCase for an operation name (activate-contact is ActivateContact).</summary>
    private static class Names
    {
        public static string Pascal(string kebab)
        {
            var name = string.Concat(kebab.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
            return name.Length > 0 && char.IsDigit(name[0]) ? "_" + name : name;
        }
    }

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
        var report = new Option<string?>("--report")
        {
            Description = "Also write the results as JUnit XML (.xml) or HTML (.html).",
        };

        var allowAllSkipped = SkippedVendors.Option();
        var command = new Command("verify", "Send every contract's documented requests and check the responses against the contract, without compiling anything. Exit 0: all passed; 1: a scenario failed; 2: bad usage or input; 3: every scenario of a vendor was skipped.")
        {
            schemas, mode, baseUrl, report, allowAllSkipped,
        };
        command.SetAction((result, cancellationToken) =>
            RunAsync(context, result.GetValue(schemas)!, result.GetValue(mode) == "live", result.GetValue(baseUrl), result.GetValue(report), result.GetValue(allowAllSkipped), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string schemas, bool live, string? baseUrl, string? report, bool allowAllSkipped, CancellationToken cancellationToken)
    {
        if (baseUrl is not null && (!live || !Uri.TryCreate(baseUrl, UriKind.Absolute, out _)))
        {
            context.Error.WriteLine(live
                ? $"contractkit verify: --base-url \"{baseUrl}\": expected an absolute URL"
                : "contractkit verify: --base-url goes with --mode live");
            return ExitCodes.BadInput;
        }

        if (report is not null && !report.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && !report.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            context.Error.WriteLine($"contractkit verify: --report \"{report}\": expected a file ending in .xml (JUnit) or .html");
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
                try
                {
                    values[contract] = ScenarioValues.ForContract(files[contract]);
                }
                catch (ContractFormatException e)
                {
                    problems.Add($"{context.Display(e.File)}:{e.Line}:{e.Column}: {e.Problem}");
                    continue;
                }

                try
                {
                    var environment = baseUrl is null
                        ? context.Environment
                        : name => name == LiveSettings.Prefix(contract.Vendor) + "BASE_URL" ? baseUrl : context.Environment(name);
                    settings[contract] = LiveSettings.From(contract, environment);
                }
                catch (ContractTestException e)
                {
                    problems.Add(e.Message);
                }
            }

            if (problems.Count > 0)
            {
                foreach (var problem in problems.Distinct(StringComparer.Ordinal))
                {
                    context.Error.WriteLine($"contractkit verify: {problem}");
                }

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
                    results.Add(CompareSnapshot(result, files[contract]));
                }
            }
        }
        catch (Validation.UnsupportedSchemaException e)
        {
            context.Error.WriteLine($"contractkit verify: a contract's schema cannot be checked: {e.Message}");
            return ExitCodes.BadInput;
        }

        Print(context, contracts, results);
        if (report is not null)
        {
            var content = report.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? JUnit(results) : Html(results);
            try
            {
                AtomicFiles.Write(context.FullPath(report), new UTF8Encoding(false).GetBytes(content));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"contractkit verify: cannot write {context.Display(report)}: {e.Message}");
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
    /// generated test), the scrubbed response must match it too. A scenario without one is not failed for it,
    /// and verify never writes snapshots.
    /// </summary>
    private static ScenarioResult CompareSnapshot(ScenarioResult result, string contractFile)
    {
        var contract = result.Scenario.Contract;
        if (!result.Passed || result.Skipped || result.Body is not { Length: > 0 } body || !ContractTestTarget.HasDocumentedBody(result.Scenario))
        {
            return result;
        }

        var method = result.Scenario.Name == "success" ? "Success" : "Error" + result.Scenario.ExpectedStatus;
        var verified = Path.Combine(Path.GetDirectoryName(contractFile)!, $"{Names.Pascal(contract.Operation)}ContractTests.{method}.verified.json");
        if (!File.Exists(verified))
        {
            return result;
        }

        var actual = SnapshotStore.Format(JsonScrubber.ForResponses(contract).Scrub(JsonNode.Parse(body)));
        var snapshot = new SnapshotStore(Path.GetDirectoryName(verified)!, autoAccept: false).Peek(Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(verified)), actual);
        return snapshot.Outcome == SnapshotOutcome.Mismatched
            ? result with { Passed = false, Problem = $"the response differs from {Path.GetFileName(verified)}:\n{snapshot.Diff}" }
            : result;
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
        foreach (var contract in contracts)
        {
            var table = new Table().Title($"{contract.Vendor}/{contract.Operation}: {contract.Http.Method} {contract.Http.Path}".EscapeMarkup());
            table.AddColumns("scenario", "status", "result", "details");
            foreach (var result in results.Where(r => r.Scenario.Contract == contract))
            {
                table.AddRow(
                    result.Scenario.Name.EscapeMarkup(),
                    result.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    result.Skipped ? "skipped" : result.Passed ? "passed" : "FAILED",
                    Details(result).EscapeMarkup());
            }

            if (table.Rows.Count == 0)
            {
                table.AddRow("-", "-", "skipped", "the contract documents no request example");
            }

            console.Write(table);
        }

        var failed = results.Count(r => !r.Passed);
        var skipped = results.Count(r => r.Skipped);
        context.Output.WriteLine($"{results.Count} scenario(s): {results.Count - failed - skipped} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : ""));
    }

    private static string Details(ScenarioResult result) =>
        result.Problem ?? string.Join("; ", result.Errors.Select(e => e.ToString()));

    private static string JUnit(List<ScenarioResult> results) =>
        new XDocument(new XElement("testsuites",
            results.GroupBy(r => $"{r.Vendor}/{r.Operation}").Select(group => new XElement("testsuite",
                new XAttribute("name", group.Key),
                new XAttribute("tests", group.Count()),
                new XAttribute("failures", group.Count(r => !r.Passed)),
                group.Select(r => new XElement("testcase",
                    new XAttribute("classname", group.Key),
                    new XAttribute("name", r.Scenario.Name),
                    r.Skipped ? new XElement("skipped", new XAttribute("message", Details(r)))
                    : r.Passed ? null : new XElement("failure", new XAttribute("message", Details(r)))))))))
            .ToString() + "\n";

    /// <summary>
    /// One section per endpoint and scenario: every documented response field, whether the response had it
    /// with the documented type, and the undocumented fields it had.
    /// </summary>
    private static string Html(List<ScenarioResult> results)
    {
        // Rows carry the colour, so a failed scenario still shows which fields were right.
        const string style = "body{font-family:sans-serif}td,th{padding:4px 8px;border-bottom:1px solid #ccc;text-align:left}"
                             + ".scenario.failed h2{color:#b00000}.scenario.skipped h2{color:#777}"
                             + "tr.missing,tr.wrong{background:#fdd}tr.undocumented{background:#ffd}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ContractKit verify</title>\n")
            .Append($"<style>{style}</style></head>\n<body><h1>ContractKit verify</h1>\n")
            .Append($"<p id=\"summary\">{results.Count(r => r.Passed && !r.Skipped)} passed, {results.Count(r => !r.Passed)} failed, {results.Count(r => r.Skipped)} skipped</p>\n");
        foreach (var r in results)
        {
            var outcome = r.Skipped ? "skipped" : r.Passed ? "passed" : "failed";
            html.Append($"<section class=\"scenario {outcome}\"><h2>{Encode(r.Vendor)}/{Encode(r.Operation)}: {Encode(r.Scenario.Name)}: {outcome}</h2>\n")
                .Append($"<p>{Encode(r.Scenario.Contract.Http.Method)} {Encode(r.Scenario.Contract.Http.Path)}, status {r.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}")
                .Append(Details(r).Length == 0 ? "" : $"; {Encode(Details(r))}").Append("</p>\n");
            JsonNode? body = null;
            try
            {
                body = r.Body is { Length: > 0 } bytes ? JsonNode.Parse(bytes) : null;
            }
            catch (System.Text.Json.JsonException)
            {
            }

            html.Append("<table><tr><th>field</th><th>documented type</th><th>required</th><th>line</th><th>in the response</th></tr>\n");
            foreach (var field in ContractFields.List(r.Scenario.Contract).Where(f => f.Part == "response" && f.Status == r.Scenario.ExpectedStatus))
            {
                var (found, actual) = Find(body, field.Path);
                var (css, shown) = !found ? (field.Required ? "missing" : "absent", "absent")
                    : TypeMatches(field, actual) ? ("present", "present as " + KindOf(actual))
                    : ("wrong", "present as " + KindOf(actual));
                html.Append($"<tr class=\"field {css}\"><td>{Encode(field.Path)}</td><td>{Encode(field.Type)}{(field.Nullable ? " or null" : "")}</td>")
                    .Append($"<td>{(field.Required ? "yes" : "no")}</td><td>{field.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""}</td><td>{shown}</td></tr>\n");
            }

            var documentedFields = ContractFields.List(r.Scenario.Contract).Any(f => f.Part == "response" && f.Status == r.Scenario.ExpectedStatus);
            if (!documentedFields)
            {
                html.Append("<tr><td colspan=\"5\">the contract documents no fields for this response</td></tr>\n");
            }

            foreach (var warning in r.Warnings ?? [])
            {
                html.Append($"<tr class=\"field undocumented\"><td>{Encode(warning.InstanceLocation)}</td><td colspan=\"3\">not documented</td><td>present</td></tr>\n");
            }

            html.Append("</table></section>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>The value at a dotted path (<c>tagDetails[].tagId</c> looks in the first item).</summary>
    private static (bool Found, JsonNode? Value) Find(JsonNode? root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            var name = part.EndsWith("[]", StringComparison.Ordinal) ? part[..^2] : part;
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out var child))
            {
                return (false, null);
            }

            node = child;
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                if (node is not JsonArray { Count: > 0 } array)
                {
                    return (false, null);
                }

                node = array[0];
            }
        }

        return (true, node);
    }

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or System.Text.Json.JsonValueKind.Null => "null",
        System.Text.Json.JsonValueKind.Object => "object",
        System.Text.Json.JsonValueKind.Array => "array",
        System.Text.Json.JsonValueKind.String => "string",
        System.Text.Json.JsonValueKind.Number => value.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 ? "integer" : "number",
        _ => "boolean",
    };

    private static bool TypeMatches(ContractField field, JsonNode? value)
    {
        var kind = KindOf(value);
        return field.Type == "any" || kind == field.Type || (kind == "null" && field.Nullable) || (kind == "integer" && field.Type == "number");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

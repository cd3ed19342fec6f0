using System.Globalization;
using System.Net;
using System.Text;
using ContractKit.Contracts;
using ContractKit.Http;
using ContractKit.Reports;
using ContractKit.Snapshots;

namespace ContractKit.Cli.Reports;

internal enum VerifyReportFormat
{
    JUnit,
    Html,
    Markdown,
}

/// <summary>Per vendor: scenarios passed, failed and skipped, and drift items by class (in <see cref="DriftClass"/> order).</summary>
internal sealed record VendorSummary(string Vendor, int Passed, int Failed, int Skipped, IReadOnlyList<int> Drift);

/// <summary>
/// What <c>contractkit verify</c> writes with <c>--report</c>: JUnit XML, HTML or Markdown. Each starts with a
/// summary per vendor (passed, failed, skipped, drift by class) and names every difference with its class,
/// field and page line; responses are shown with credentials and secret fields masked.
/// </summary>
internal static class VerifyReports
{
    private static readonly DriftClass[] Classes = Enum.GetValues<DriftClass>();

    public static VerifyReportFormat? Format(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".xml" => VerifyReportFormat.JUnit,
        ".html" => VerifyReportFormat.Html,
        ".md" => VerifyReportFormat.Markdown,
        _ => null,
    };

    /// <param name="live">The live settings per contract, so that their credentials are masked; null for stub runs.</param>
    public static string Write(VerifyReportFormat format, IReadOnlyList<ScenarioResult> results, IReadOnlyDictionary<Contract, LiveSettings>? live)
    {
        LiveSettings? SettingsOf(ScenarioResult r) => live is not null && live.TryGetValue(r.Scenario.Contract, out var s) ? s : null;
        var text = format switch
        {
            VerifyReportFormat.JUnit => JUnit(results),
            VerifyReportFormat.Html => Html(results, SettingsOf),
            _ => Markdown(results),
        };
        // Messages quote what the vendor sent; a vendor that echoes a credential must not put it in a report.
        foreach (var settings in live?.Values.Distinct() ?? [])
        {
            text = ResponseRedaction.MaskCredentials(text, settings);
        }

        return text;
    }

    public static IReadOnlyList<VendorSummary> Summarise(IEnumerable<ScenarioResult> results) =>
        results.GroupBy(r => r.Vendor, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new VendorSummary(g.Key, g.Count(r => r.Passed && !r.Skipped), g.Count(r => !r.Passed), g.Count(r => r.Skipped),
                Classes.Select(c => g.Sum(r => r.DriftItems.Count(d => d.Class == c))).ToList()))
            .ToList();

    public static string Outcome(ScenarioResult result) => result.Skipped ? "skipped" : result.Passed ? "passed" : "FAILED";

    /// <summary>The classes of drift a scenario showed, as "breaking, quirk".</summary>
    public static string DriftClasses(ScenarioResult result) =>
        string.Join(", ", result.DriftItems.Select(d => d.Class).Distinct().Order().Select(DriftTriage.Name));

    /// <summary>Every drift item on its own line, with its class, field and page line.</summary>
    public static string Details(ScenarioResult result) =>
        result.Skipped ? result.Problem ?? ""
        : string.Join("\n", result.DriftItems.Select(d => $"[{DriftTriage.Name(d.Class)}] {DriftTriage.Line(d, result.Scenario.Contract.Provenance.Page)}"));

    /// <summary>The details and, where the shape differs from the verified snapshot, the diff with its line breaks.</summary>
    public static string DetailsWithDiff(ScenarioResult result) =>
        result.SnapshotDiff is null ? Details(result) : Details(result) + "\n" + result.SnapshotDiff.TrimEnd('\n');

    private static string Name(ScenarioResult r) => $"{r.Vendor}/{r.Operation}";

    private static string JUnit(IReadOnlyList<ScenarioResult> results) =>
        JUnitXml.Write("contractkit verify", results.GroupBy(Name).Select(group => new JUnitSuite(group.Key, group.Select(r =>
            r.Skipped ? new JUnitCase(group.Key, r.Scenario.Name, JUnitOutcome.Skipped, Details(r))
            : r.Passed ? new JUnitCase(group.Key, r.Scenario.Name, JUnitOutcome.Passed, Text: r.DriftItems.Count == 0 ? null : Details(r))
            : new JUnitCase(group.Key, r.Scenario.Name, JUnitOutcome.Failed, DriftClasses(r), "drift", DetailsWithDiff(r))).ToList())));

    private static string Markdown(IReadOnlyList<ScenarioResult> results)
    {
        var md = new StringBuilder("#### Drift by vendor\n\n");
        md.Append("| vendor | passed | failed | skipped | ").Append(string.Join(" | ", Classes.Select(DriftTriage.Name))).Append(" |\n");
        md.Append("| --- | ---: | ---: | ---: | ").Append(string.Join(" | ", Classes.Select(_ => "---:"))).Append(" |\n");
        foreach (var vendor in Summarise(results))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {Cell(vendor.Vendor)} | {vendor.Passed} | {vendor.Failed} | {vendor.Skipped} | {string.Join(" | ", vendor.Drift)} |\n");
        }

        md.Append('\n');
        foreach (var r in results.Where(r => r.Skipped || r.DriftItems.Count > 0))
        {
            md.Append(CultureInfo.InvariantCulture, $"##### {Cell(Name(r))} {Cell(r.Scenario.Name)}: {Outcome(r).ToLowerInvariant()}\n\n");
            if (r.Skipped)
            {
                md.Append(Cell(r.Problem ?? "")).Append("\n\n");
                continue;
            }

            md.Append("| class | field | keyword | what | page line |\n| --- | --- | --- | --- | --- |\n");
            foreach (var d in r.DriftItems)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {DriftTriage.Name(d.Class)} | `{Cell(d.Field)}` | {Cell(d.Keyword ?? "")} | {Cell(d.Message)} | {PageLine(d.Line, r.Scenario.Contract)} |\n");
            }

            if (r.SnapshotDiff is not null)
            {
                md.Append("~~~diff\n").Append(r.SnapshotDiff.TrimEnd('\n')).Append("\n~~~\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static string PageLine(int? line, Contract contract) =>
        line is null ? "" : $"{Cell(contract.Provenance.Page)}:{line.Value.ToString(CultureInfo.InvariantCulture)}";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>
    /// One section per endpoint and scenario: every documented response field, how the response had it and
    /// what it breaks (any keyword turns the row red), the undocumented fields, and each quirk override,
    /// seen or not seen this run, so that a quirk the vendor fixed can be removed.
    /// </summary>
    private static string Html(IReadOnlyList<ScenarioResult> results, Func<ScenarioResult, LiveSettings?> live)
    {
        const string style = "body{font-family:sans-serif}td,th{padding:4px 8px;border-bottom:1px solid #ccc;text-align:left;vertical-align:top}"
                             + ".scenario.failed h2{color:#b00000}.scenario.skipped h2{color:#777}"
                             + "tr.missing,tr.wrong{background:#fdd}tr.undocumented{background:#ffd}tr.quirk{background:#def}"
                             + "pre{background:#f4f4f4;padding:8px;white-space:pre-wrap}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ContractKit verify</title>\n")
            .Append(CultureInfo.InvariantCulture, $"<style>{style}</style></head>\n<body><h1>ContractKit verify</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p id=\"summary\">{results.Count(r => r.Passed && !r.Skipped)} passed, {results.Count(r => !r.Passed)} failed, {results.Count(r => r.Skipped)} skipped</p>\n")
            .Append("<table id=\"vendors\"><tr><th>vendor</th><th>passed</th><th>failed</th><th>skipped</th>")
            .Append(string.Concat(Classes.Select(c => $"<th>{DriftTriage.Name(c)}</th>"))).Append("</tr>\n");
        foreach (var vendor in Summarise(results))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(vendor.Vendor)}</td><td>{vendor.Passed}</td><td>{vendor.Failed}</td><td>{vendor.Skipped}</td>")
                .Append(string.Concat(vendor.Drift.Select(n => $"<td>{n.ToString(CultureInfo.InvariantCulture)}</td>"))).Append("</tr>\n");
        }

        html.Append("</table>\n");
        foreach (var r in results)
        {
            var contract = r.Scenario.Contract;
            var outcome = r.Skipped ? "skipped" : r.Passed ? "passed" : "failed";
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"scenario {outcome}\"><h2>{Encode(Name(r))}: {Encode(r.Scenario.Name)}: {outcome}</h2>\n")
                .Append(CultureInfo.InvariantCulture, $"<p>{Encode(contract.Http.Method)} {Encode(contract.Http.Path)}, status {r.Status?.ToString(CultureInfo.InvariantCulture) ?? "-"}, page {Encode(contract.Provenance.Page)}</p>\n");
            if (r.DriftItems.Count > 0 || r.Skipped)
            {
                html.Append("<ul class=\"drift\">\n");
                foreach (var line in Details(r).Split('\n'))
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{Encode(line)}</li>\n");
                }

                html.Append("</ul>\n");
            }

            html.Append("<table><tr><th>field</th><th>documented</th><th>line</th><th>in the response</th><th>breaks</th></tr>\n");
            foreach (var field in r.Shape?.Fields ?? [])
            {
                var css = field.Broken ? (field.Found.Contains("absent") && field.Breaks.Any(b => b.Keyword == "required") ? "missing" : "wrong")
                    : field.Found.Count == 0 || field.Found.All(f => f == "absent") ? "absent" : "present";
                var found = field.Found.Count == 0 ? "-" : string.Join(" | ", field.Found);
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"field {css}\"><td>{Encode(field.Path)}</td><td>{Encode(field.Documented)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{field.Line?.ToString(CultureInfo.InvariantCulture) ?? ""}</td><td>{Encode(found)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{Encode(string.Join(", ", field.Breaks.Select(b => b.Keyword).Distinct(StringComparer.Ordinal)))}</td></tr>\n");
            }

            foreach (var field in r.Shape?.Undocumented ?? [])
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"field undocumented\"><td>{Encode(field.Path)}</td><td>not documented</td><td></td><td>{Encode(string.Join(" | ", field.Types))}</td><td>{(field.Breaks ? "additionalProperties" : "")}</td></tr>\n");
            }

            if (r.Status is not null)
            {
                var schema = contract.Responses.FirstOrDefault(s => s.Status == r.Scenario.ExpectedStatus)?.Schema;
                foreach (var quirk in schema is null ? [] : ContractShape.Quirks(schema))
                {
                    var seen = r.Shape?.Quirks.Any(q => q.KeywordLocation.StartsWith(quirk.SchemaLocation, StringComparison.Ordinal)) == true;
                    html.Append(CultureInfo.InvariantCulture, $"<tr class=\"quirk {(seen ? "seen" : "not-seen")}\"><td>{Encode(quirk.Path)}</td><td>quirk override {Encode(quirk.Kind)}: {Encode(quirk.Reason)}</td>")
                        .Append(CultureInfo.InvariantCulture, $"<td>{quirk.Line?.ToString(CultureInfo.InvariantCulture) ?? ""}</td><td>{(seen ? "seen this run" : "not seen this run")}</td><td></td></tr>\n");
                }
            }

            html.Append("</table>\n");
            if (r.SnapshotDiff is not null)
            {
                html.Append("<p>The shape against the verified snapshot:</p>\n<pre class=\"diff\">").Append(Encode(r.SnapshotDiff)).Append("</pre>\n");
            }

            if (!r.Passed && r.Body is { Length: > 0 } body)
            {
                html.Append("<p>The response, credentials and secret fields masked:</p>\n<pre class=\"response\">")
                    .Append(Encode(ResponseRedaction.Show(body, contract, live(r)))).Append("</pre>\n");
            }

            html.Append("</section>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

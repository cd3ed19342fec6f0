using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContractKit.Probing;

/// <summary>
/// A probe run's findings as a JSON report (docs/negative-testing.md, "The report"): per contract, what was sent
/// and each disagreement with its rule, shrunk request, the vendor's answer, a doc note to review and, for a rule
/// the vendor does not enforce, a suggested override for the contract's overrides file.
/// </summary>
public static class ProbeReport
{
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string KindName(FindingKind kind) => kind == FindingKind.AcceptedForbidden ? "accepted-forbidden" : "rejected-allowed";

    /// <summary>One sentence for the finding, as the console and the doc note give it.</summary>
    public static string Summary(ProbeFinding finding) => finding.Kind == FindingKind.AcceptedForbidden
        ? $"the vendor accepted a request its docs forbid: {finding.Rule!.Target} breaks {finding.Rule.Keyword} ({finding.Rule.Description}) and was answered {finding.Status}"
        : $"the vendor rejected a request its docs allow ({finding.Status})" + (finding.Differs.Count > 0 ? "; the request differs from the smallest valid one at " + string.Join(", ", finding.Differs) : "");

    public static JsonObject ToJson(IReadOnlyList<ContractProbeResult> results, string mode, int seed, ProbeBudget budget)
    {
        var contracts = new JsonArray();
        foreach (var result in results)
        {
            var findings = new JsonArray();
            foreach (var finding in result.Findings)
            {
                var entry = new JsonObject
                {
                    ["kind"] = KindName(finding.Kind),
                    ["summary"] = Summary(finding),
                    ["case"] = finding.Case,
                };
                if (finding.Rule is { } rule)
                {
                    entry["rule"] = new JsonObject
                    {
                        ["pointer"] = rule.ContractPointer,
                        ["keyword"] = rule.Keyword,
                        ["target"] = rule.Target,
                        ["description"] = rule.Description,
                        ["inferred"] = rule.Inferred,
                    };
                }

                entry["request"] = finding.Request;
                if (finding.Body is not null)
                {
                    entry["requestBody"] = finding.Body.DeepClone();
                }

                entry["status"] = finding.Status;
                entry["response"] = finding.Response;
                entry["differs"] = new JsonArray(finding.Differs.Select(d => (JsonNode?)d).ToArray());
                entry["seen"] = finding.Seen;
                entry["shrinkRequests"] = finding.ShrinkRequests;
                entry["docNote"] = DocNote(result, finding);
                if (SuggestedOverride(finding) is { } suggested)
                {
                    entry["suggestedOverride"] = suggested;
                }

                findings.Add(entry);
            }

            contracts.Add(new JsonObject
            {
                ["contract"] = result.File,
                ["vendor"] = result.Contract.Vendor,
                ["operation"] = result.Contract.Operation,
                ["sent"] = result.Sent,
                ["accepted"] = result.Accepted,
                ["rejected"] = result.Rejected,
                ["notSent"] = result.NotSent,
                ["notes"] = new JsonArray(result.Notes.Select(n => (JsonNode?)n).ToArray()),
                ["findings"] = findings,
            });
        }

        return new JsonObject
        {
            ["formatVersion"] = FormatVersion,
            ["mode"] = mode,
            ["seed"] = seed,
            ["maxRequests"] = budget.Max,
            ["sent"] = budget.Sent,
            ["contracts"] = contracts,
        };
    }

    public static string ToJsonText(JsonObject report) => report.ToJsonString(Indented) + "\n";

    public static string ToMarkdown(IReadOnlyList<ContractProbeResult> results, string mode, int seed, ProbeBudget budget)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# contractkit probe ({mode})\n\nSeed {seed}; {budget.Sent} of at most {budget.Max} requests sent.\n");
        foreach (var result in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {result.Contract.Vendor} {result.Contract.Operation} ({result.File})\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{result.Sent} sent, {result.Accepted} accepted, {result.Rejected} rejected, {result.NotSent} not sent; {result.Findings.Count} finding(s).\n");
            foreach (var note in result.Notes)
            {
                text.Append("\n- ").Append(note).Append('\n');
            }

            foreach (var finding in result.Findings)
            {
                text.Append("\n### ").Append(KindName(finding.Kind)).Append(finding.Rule is { } rule ? $": {rule.Target} {rule.Keyword}" : "").Append("\n\n");
                text.Append(Summary(finding)).Append(".\n\n");
                if (finding.Rule is { } r)
                {
                    text.Append("Rule: `").Append(r.ContractPointer).Append("` (").Append(r.Keyword).Append(").\n\n");
                }

                text.Append("Shrunk request:\n\n```http\n").Append(finding.Request).Append("```\n\n");
                text.Append(CultureInfo.InvariantCulture, $"Answer {finding.Status}:\n\n```\n{finding.Response}\n```\n");
            }
        }

        return text.ToString();
    }

    /// <summary>A sentence for the contract's doc notes, to be reviewed before it is kept.</summary>
    public static string DocNote(ContractProbeResult result, ProbeFinding finding) => finding.Kind == FindingKind.AcceptedForbidden
        ? $"{result.Contract.Vendor} {result.Contract.Operation}: the page documents {finding.Rule!.Keyword} on {finding.Rule.Target} ({finding.Rule.Description}), but the vendor accepted a request that breaks it (answered {finding.Status})."
        : $"{result.Contract.Vendor} {result.Contract.Operation}: the vendor refused a request the page allows (answered {finding.Status})" + (finding.Differs.Count > 0 ? $"; it concerns {string.Join(", ", finding.Differs)}" : "") + ".";

    /// <summary>
    /// For a body or parameter rule the vendor does not enforce: an entry for <c>&lt;operation&gt;.overrides.json</c>
    /// that relaxes the contract to what the vendor does (a merge patch removing the keyword, or required false).
    /// Its reason is a placeholder to be written by a person.
    /// </summary>
    public static JsonObject? SuggestedOverride(ProbeFinding finding)
    {
        if (finding.Kind != FindingKind.AcceptedForbidden || finding.Rule is not { } rule || rule.Keyword is "auth" or "examples" or "type")
        {
            return null;
        }

        string location;
        string field;
        var target = rule.Target.Split(' ', 2);
        switch (target[0])
        {
            case "body" when target.Length == 2 && target[1].Length > 0:
                location = "request";
                field = Dotted(target[1]);
                break;
            case "query" or "header" or "path" when target.Length == 2:
                location = target[0];
                field = target[1];
                break;
            default:
                return null;
        }

        var entry = new JsonObject
        {
            ["in"] = location,
            ["field"] = field,
            ["reason"] = $"TODO (review): contractkit probe saw the vendor accept a request breaking {rule.Keyword}; say where and when, or drop this override.",
        };
        if (rule.Keyword == "required")
        {
            entry["required"] = false;
        }
        else
        {
            entry["patch"] = new JsonObject { [rule.Keyword] = null };
        }

        return entry;
    }

    /// <summary>"/tags/0/id" is "tags[].id", as overrides and describe name fields.</summary>
    private static string Dotted(string pointer)
    {
        var text = new StringBuilder();
        foreach (var segment in pointer.TrimStart('/').Split('/'))
        {
            if (segment.All(char.IsAsciiDigit) && text.Length > 0)
            {
                text.Append("[]");
            }
            else
            {
                text.Append(text.Length > 0 ? "." : "").Append(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }
        }

        return text.ToString();
    }
}

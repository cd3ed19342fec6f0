using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContractKit.Diff;

/// <summary>Which changes make <c>contractkit diff</c> (and <c>import --check</c>) fail.</summary>
public enum FailOn
{
    Breaking,
    PotentiallyBreaking,
    Any,
}

public enum DiffFormat
{
    Text,
    Json,
    Markdown,
    Junit,
}

/// <summary>Renders a <see cref="DiffResult"/> in each output format and decides whether it fails.</summary>
/// <param name="verbose">Show the changes whose rule is verbose-only (description rewording).</param>
/// <param name="title">The Markdown heading after "ContractKit: ", so that two reports in one job summary can be told apart.</param>
public sealed class DiffReport(DiffResult result, FailOn failOn, bool verbose, string title = "contract changes")
{
    /// <summary>
    /// Where the rules are published. Markdown reports land in other repositories (job summaries, pull-request
    /// comments), where a relative docs/diff-rules.md does not exist, so their rule links are absolute.
    /// </summary>
    public const string RuleDocs = "https://github.com/contractkit/contractkit/blob/main/docs/diff-rules.md";

    /// <summary>The published explanation of a rule, at the anchor GitHub gives its heading "## CKD008 response-field-removed".</summary>
    public static string RuleLink(DiffRule rule) => $"{RuleDocs}#{rule.Id.ToLowerInvariant()}-{rule.Name}";

    public DiffResult Result => result;

    /// <summary>True when a change reaches the <c>--fail-on</c> level (with <see cref="FailOn.Any"/>, any change at all, shown or not).</summary>
    public bool Fails => result.Changes.Any(ReachesFailOn);

    public int Count(ChangeClass value) => Shown.Count(c => c.Rule.Class == value);

    public int Hidden => result.Changes.Count(c => !IsShown(c));

    private IEnumerable<ContractChange> Shown => result.Changes.Where(IsShown);

    private bool IsShown(ContractChange change) => verbose || !change.Rule.VerboseOnly;

    private bool ReachesFailOn(ContractChange change) => failOn switch
    {
        FailOn.Any => true,
        FailOn.PotentiallyBreaking => change.Rule.Class >= ChangeClass.PotentiallyBreaking,
        _ => change.Rule.Class == ChangeClass.Breaking,
    };

    public static string FailOnToken(FailOn value) => value switch
    {
        FailOn.Any => "any",
        FailOn.PotentiallyBreaking => "potentially-breaking",
        _ => "breaking",
    };

    public string Render(DiffFormat format) => format switch
    {
        DiffFormat.Json => Json(),
        DiffFormat.Markdown => Markdown(),
        DiffFormat.Junit => Junit(),
        _ => Text(),
    };

    /// <summary>"1 breaking, 0 potentially breaking, 2 non-breaking" plus the hidden count.</summary>
    public string Summary()
    {
        var text = $"{Count(ChangeClass.Breaking)} breaking, {Count(ChangeClass.PotentiallyBreaking)} potentially breaking, {Count(ChangeClass.NonBreaking)} non-breaking";
        return Hidden == 0 ? text : text + $"; {Hidden} description-only change(s) not shown (--verbose shows them)";
    }

    private static string Describe(ContractChange change)
    {
        var subject = change.Field is null ? change.Where : $"{change.Where} {change.Field}";
        var line = change.Line is null ? "" : $" (page line {change.Line.Value.ToString(CultureInfo.InvariantCulture)})";
        return $"{subject}: {change.Message}{line}";
    }

    private string Text()
    {
        var text = new StringBuilder();
        foreach (var endpoint in result.Endpoints)
        {
            var shown = endpoint.Changes.Where(IsShown).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            text.Append(endpoint.Name).Append('\n');
            foreach (var change in shown)
            {
                text.Append("  ").Append(DiffRules.Label(change.Rule.Class).PadRight(22)).Append(change.Rule.Id).Append("  ")
                    .Append(Describe(change)).Append('\n');
            }
        }

        if (!result.Changes.Any())
        {
            text.Append($"no changes in {result.Endpoints.Count} endpoint(s)\n");
        }

        text.Append(Summary()).Append('\n');
        return text.ToString();
    }

    private string Json()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("failOn", FailOnToken(failOn));
            json.WriteBoolean("failed", Fails);
            json.WriteStartObject("summary");
            json.WriteNumber("breaking", Count(ChangeClass.Breaking));
            json.WriteNumber("potentiallyBreaking", Count(ChangeClass.PotentiallyBreaking));
            json.WriteNumber("nonBreaking", Count(ChangeClass.NonBreaking));
            json.WriteNumber("hidden", Hidden);
            json.WriteEndObject();
            json.WriteStartArray("endpoints");
            foreach (var endpoint in result.Endpoints)
            {
                json.WriteStartObject();
                json.WriteString("vendor", endpoint.Vendor);
                json.WriteString("operation", endpoint.Operation);
                json.WriteString("old", endpoint.OldSource);
                json.WriteString("new", endpoint.NewSource);
                json.WriteStartArray("changes");
                foreach (var change in endpoint.Changes.Where(IsShown))
                {
                    json.WriteStartObject();
                    json.WriteString("rule", change.Rule.Id);
                    json.WriteString("name", change.Rule.Name);
                    json.WriteString("classification", DiffRules.Token(change.Rule.Class));
                    json.WriteString("where", change.Where);
                    json.WriteString("field", change.Field);
                    json.WriteString("message", change.Message);
                    if (change.Line is { } line)
                    {
                        json.WriteNumber("line", line);
                    }
                    else
                    {
                        json.WriteNull("line");
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private string Markdown()
    {
        var text = new StringBuilder();
        text.Append("### ContractKit: ").Append(title).Append("\n\n");
        var verdict = Fails ? $"**Fails** (`--fail-on {FailOnToken(failOn)}`)" : $"Passes (`--fail-on {FailOnToken(failOn)}`)";
        text.Append(verdict).Append(": ").Append(Summary()).Append(".\n");
        foreach (var endpoint in result.Endpoints)
        {
            var shown = endpoint.Changes.Where(IsShown).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            text.Append("\n#### `").Append(endpoint.Name).Append("`\n\n");
            text.Append("| Class | Rule | Where | Field | Change | Page line |\n| --- | --- | --- | --- | --- | ---: |\n");
            foreach (var change in shown)
            {
                var label = DiffRules.Label(change.Rule.Class);
                text.Append("| ").Append(change.Rule.Class == ChangeClass.Breaking ? $"**{label}**" : label)
                    .Append(" | [").Append(change.Rule.Id).Append("](").Append(RuleLink(change.Rule)).Append(')')
                    .Append(" | ").Append(Cell(change.Where))
                    .Append(" | ").Append(change.Field is null ? "" : "`" + Cell(change.Field) + "`")
                    .Append(" | ").Append(Cell(change.Message))
                    .Append(" | ").Append(change.Line?.ToString(CultureInfo.InvariantCulture) ?? "")
                    .Append(" |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Table cells cannot hold pipes or line breaks.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private string Junit() =>
        Reports.JUnitXml.Write("contractkit diff", result.Endpoints.Select(endpoint =>
        {
            var shown = endpoint.Changes.Where(IsShown).ToList();
            IReadOnlyList<Reports.JUnitCase> cases = shown.Count == 0
                ? [new Reports.JUnitCase(endpoint.Name, "unchanged", Reports.JUnitOutcome.Passed)]
                : shown.Select(change =>
                {
                    var name = $"{change.Rule.Id} {change.Where}{(change.Field is null ? "" : " " + change.Field)}";
                    var detail = $"{DiffRules.Label(change.Rule.Class)} {change.Rule.Id} {change.Rule.Name}: {Describe(change)}";
                    return ReachesFailOn(change)
                        ? new Reports.JUnitCase(endpoint.Name, name, Reports.JUnitOutcome.Failed, Describe(change), DiffRules.Token(change.Rule.Class), detail)
                        : new Reports.JUnitCase(endpoint.Name, name, Reports.JUnitOutcome.Passed, Text: detail);
                }).ToList();
            return new Reports.JUnitSuite(endpoint.Name, cases);
        }));
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Snapshots;

namespace ContractKit.Http;

/// <summary>What kind of difference a contract test saw between a response and the contract.</summary>
public enum DriftClass
{
    /// <summary>The vendor breaks the documented contract: a missing field, a type, an enum, a constraint, the status.</summary>
    Breaking,

    /// <summary>The vendor sends fields the contract does not document.</summary>
    Undocumented,

    /// <summary>A known vendor quirk, accepted by an override, was seen. Never a failure.</summary>
    Quirk,

    /// <summary>The response has the documented shape, but the verified snapshot records another (or there is none).</summary>
    Snapshot,
}

/// <summary>Which classes of drift fail a run (<c>--fail-on</c>, <c>CONTRACTKIT_FAIL_ON</c>).</summary>
public enum FailOn
{
    /// <summary>Only breaking drift.</summary>
    Breaking,

    /// <summary>Breaking drift and undocumented fields.</summary>
    Undocumented,

    /// <summary>Any difference from the contract or the verified snapshot (the default).</summary>
    Any,
}

/// <summary>One classified difference, on one field.</summary>
/// <param name="Field">The dotted field path (<c>notes.*</c>), or <c>(root)</c>.</param>
/// <param name="Keyword">The JSON Schema keyword broken, "quirk", or null.</param>
/// <param name="Location">Where in the response (an RFC 6901 pointer), where that says more than the path.</param>
public sealed record DriftItem(DriftClass Class, string Field, string? Keyword, string Message, int? Line, string? Location = null);

/// <summary>
/// Classifies what a contract test saw: every live difference becomes one of the four <see cref="DriftClass"/>es,
/// each naming the field and the page line it is documented at (docs/runtime.md, "Drift triage").
/// </summary>
public static class DriftTriage
{
    public const string FailOnVariable = "CONTRACTKIT_FAIL_ON";

    public static string Name(DriftClass drift) => drift switch
    {
        DriftClass.Breaking => "breaking",
        DriftClass.Undocumented => "undocumented",
        DriftClass.Quirk => "quirk",
        _ => "snapshot",
    };

    public static string Title(DriftClass drift) => drift switch
    {
        DriftClass.Breaking => "the vendor breaks the documented contract",
        DriftClass.Undocumented => "the vendor adds undocumented fields",
        DriftClass.Quirk => "a known quirk (an override) was seen",
        _ => "the documented shape is unchanged but the snapshot differs",
    };

    public static bool TryParseFailOn(string? text, out FailOn failOn)
    {
        (var ok, failOn) = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "any" => (true, FailOn.Any),
            "breaking" => (true, FailOn.Breaking),
            "undocumented" => (true, FailOn.Undocumented),
            _ => (false, FailOn.Any),
        };
        return ok;
    }

    /// <summary>Whether drift of this class fails a run with this setting. Quirks never do: an override accepted them.</summary>
    public static bool Fails(DriftClass drift, FailOn failOn) => drift switch
    {
        DriftClass.Breaking => true,
        DriftClass.Undocumented => failOn != FailOn.Breaking,
        DriftClass.Snapshot => failOn == FailOn.Any,
        _ => false,
    };

    /// <param name="problem">What went wrong before the body could be read against the contract (the status, no response).</param>
    /// <param name="snapshot">The comparison with the verified snapshot, where the scenario has one.</param>
    public static IReadOnlyList<DriftItem> Classify(ShapeObservation? shape, string? problem, SnapshotResult? snapshot)
    {
        var items = new List<DriftItem>();
        if (problem is not null)
        {
            items.Add(new DriftItem(DriftClass.Breaking, ContractShape.RootPath, "status", problem, null));
        }

        if (shape is not null)
        {
            foreach (var field in shape.Fields)
            {
                foreach (var broken in field.Breaks)
                {
                    var location = broken.InstanceLocation;
                    items.Add(new DriftItem(DriftClass.Breaking, field.Path, broken.Keyword, broken.Message, broken.Line ?? field.Line,
                        location.Length == 0 || ShowsMoreThanPath(location, field.Path) ? location : null));
                }
            }

            foreach (var field in shape.Undocumented)
            {
                items.Add(new DriftItem(field.Breaks ? DriftClass.Breaking : DriftClass.Undocumented, field.Path, field.Breaks ? "additionalProperties" : null,
                    $"{(field.Breaks ? "the contract does not allow this field" : "not documented")}; found {string.Join(" | ", field.Types)}", null));
            }

            foreach (var quirk in shape.Quirks)
            {
                items.Add(new DriftItem(DriftClass.Quirk, quirk.Path, "quirk", quirk.Message, quirk.Line,
                    ShowsMoreThanPath(quirk.InstanceLocation, quirk.Path) ? quirk.InstanceLocation : null));
            }
        }

        if (snapshot is { Passed: false } && shape is not null && !DocumentedShapeMatches(shape, snapshot.VerifiedPath))
        {
            items.Add(new DriftItem(DriftClass.Snapshot, ContractShape.RootPath, null, snapshot.Outcome == SnapshotOutcome.Missing
                ? $"there is no verified snapshot {Path.GetFileName(snapshot.VerifiedPath)}; review the received one and accept it"
                : $"the documented shape differs from {Path.GetFileName(snapshot.VerifiedPath)}: the contract changed since the snapshot was verified, or a drifted response was accepted; review and accept",
                null));
        }

        return items;
    }

    /// <summary>
    /// Whether the verified snapshot records the shape the contract documents now, ignoring what drift a
    /// response showed: a snapshot that differs only by drift is explained by the drift's own items.
    /// </summary>
    private static bool DocumentedShapeMatches(ShapeObservation shape, string verifiedPath)
    {
        JsonNode? verified;
        try
        {
            verified = File.Exists(verifiedPath) ? JsonNode.Parse(File.ReadAllText(verifiedPath)) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        if (verified is not JsonObject { } recorded || recorded["fields"] is not JsonObject fields || recorded.ContainsKey("undocumented"))
        {
            return false;
        }

        var expected = shape.Fields.Select(f => KeyValuePair.Create(f.Path, f.Documented)).ToList();
        var actual = fields.Select(f => KeyValuePair.Create(f.Key, f.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : "")).ToList();
        return recorded["status"]?.ToString() == shape.Status && expected.SequenceEqual(actual);
    }

    private static bool ShowsMoreThanPath(string pointer, string path) =>
        pointer.Length > 0 && path != ContractShape.RootPath && pointer.TrimStart('/').Replace('/', '.') != path;

    /// <summary>"documented at line 111 of docs/vendors/razorpay/activate-contact.txt".</summary>
    public static string Where(int? line, string? page) =>
        line is null ? "" : $" (documented at line {line.Value.ToString(CultureInfo.InvariantCulture)}{(string.IsNullOrEmpty(page) ? "" : " of " + page)})";

    /// <summary>One line for an item: <c>created_at: type: expected integer, found string (documented at line 144 of ...)</c>.</summary>
    public static string Line(DriftItem item, string? page) =>
        $"{item.Field}{(item.Location is null ? "" : $" (at {item.Location})")}: {(item.Keyword is null ? "" : item.Keyword + ": ")}{item.Message}{Where(item.Line, page)}";

    /// <summary>The items grouped by class, each group under its title and class name.</summary>
    public static string Describe(IEnumerable<DriftItem> items, Contract contract)
    {
        var text = new StringBuilder();
        foreach (var group in items.GroupBy(i => i.Class).OrderBy(g => g.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"{Title(group.Key)} [{Name(group.Key)}]:\n");
            foreach (var item in group)
            {
                text.Append("  ").Append(Line(item, contract.Provenance.Page)).Append('\n');
            }
        }

        return text.ToString();
    }
}

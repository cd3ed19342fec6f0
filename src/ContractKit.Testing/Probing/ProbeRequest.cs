using System.Text;
using System.Text.Json.Nodes;

namespace ContractKit.Probing;

/// <summary>
/// One documented rule: where the contract states it (a JSON pointer into the contract file) and its keyword.
/// </summary>
/// <param name="ContractPointer">RFC 6901 pointer into the contract file: <c>/request/schema/properties/order_id/maxLength</c>,
/// <c>/http/parameters/2</c>, <c>/http/auth</c>.</param>
/// <param name="Keyword">The JSON Schema keyword (<c>required</c>, <c>type</c>, <c>maxLength</c>, <c>enum</c>, <c>format</c>...), or
/// <c>auth</c> for a credential, or <c>examples</c> for a path parameter shape only the documented examples give.</param>
/// <param name="Target">What the rule is about, as people read it: <c>body /customer_details/customer_phone</c>, <c>header x-api-version</c>.</param>
/// <param name="KnownCredentialsOnly">Only a server that knows the real credentials can enforce it (a wrong secret); the stub cannot.</param>
/// <param name="Inferred">Not stated by a keyword but read from the documented examples; reported, never asserted of the stub.</param>
public sealed record ProbeRule(string ContractPointer, string Keyword, string Target, string Description, bool KnownCredentialsOnly = false, bool Inferred = false)
{
    /// <summary>For a body rule: the pointer into the body schema (the validators' keywordLocation); null otherwise.</summary>
    public string? KeywordLocation => ContractPointer.StartsWith(BodyPointer, StringComparison.Ordinal) ? ContractPointer[BodyPointer.Length..] : null;

    /// <summary>For a body rule: the pointer to the value it concerns (the validators' instanceLocation).</summary>
    public string? InstanceLocation { get; init; }

    public const string BodyPointer = "/request/schema";

    public override string ToString() => $"{ContractPointer} ({Keyword}): {Description}";
}

/// <summary>A request as the probe sends it, relative to the vendor's base URL.</summary>
/// <param name="Path">The contract's path with its parameters filled in and escaped, without the leading '/'.</param>
public sealed record ProbeRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    JsonNode? Body,
    bool HasBody)
{
    /// <summary>The path and query, as sent.</summary>
    public string RelativeUrl => Query.Count == 0
        ? Path
        : Path + "?" + string.Join('&', Query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)));

    public string BodyText => Body?.ToJsonString() ?? "null";

    /// <summary>The request as text with every credential replaced by ***: safe to print and to write in reports.</summary>
    public string Describe(ProbeCredentials credentials)
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append('/').Append(RelativeUrl).Append('\n');
        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").Append(credentials.Scrub(name, value)).Append('\n');
        }

        if (HasBody)
        {
            text.Append('\n').Append(credentials.ScrubText(BodyText)).Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>The credentials the probe sends, and what it must never print.</summary>
/// <param name="Basic">For basic auth: the key id and secret.</param>
/// <param name="Bearer">For bearer auth: the token.</param>
/// <param name="Headers">For vendor credential headers and documented header settings: the values to send.</param>
/// <param name="SecretHeaders">The headers whose values are credentials (masked in reports).</param>
public sealed record ProbeCredentials(
    Contracts.BasicCredentials? Basic,
    string? Bearer,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlySet<string> SecretHeaders)
{
    public const string Mask = "***";

    /// <summary>Against the stub: credentials of the documented form (the stub checks their form, not their value).</summary>
    public static ProbeCredentials MadeUp(Contracts.Contract contract) =>
        new(new Contracts.BasicCredentials("probe_key_id", "probe_key_secret"), "probe-token",
            contract.Http.Auth.Headers.ToDictionary(h => h, h => "probe-" + h.ToLowerInvariant(), StringComparer.OrdinalIgnoreCase), SecretHeadersOf(contract));

    /// <summary>Live: the vendor's credentials from its live settings.</summary>
    public static ProbeCredentials Live(Contracts.Contract contract, Http.LiveSettings settings) =>
        new(settings.Basic, null, settings.Headers, SecretHeadersOf(contract));

    /// <summary>The contract's secret parameters and credential headers, whose values are masked in reports.</summary>
    private static HashSet<string> SecretHeadersOf(Contracts.Contract contract) =>
        contract.Http.Parameters.Where(p => p.Secret).Select(p => p.Name).Concat(contract.Http.Auth.Headers).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A header's value as it may be shown.</summary>
    public string Scrub(string header, string value) =>
        header.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            ? (value.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? value[..space] + " " + Mask : Mask)
            : SecretHeaders.Contains(header) ? Mask : ScrubText(value);

    /// <summary>Any text with every credential value masked where it appears.</summary>
    public string ScrubText(string text)
    {
        var secrets = new List<string>();
        if (Basic is { } basic)
        {
            secrets.Add(basic.Username);
            secrets.Add(basic.Password);
            secrets.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(basic.Username + ":" + basic.Password)));
        }

        if (Bearer is { } bearer)
        {
            secrets.Add(bearer);
        }

        secrets.AddRange(Headers.Where(h => SecretHeaders.Contains(h.Key)).Select(h => h.Value));
        foreach (var secret in secrets.Where(s => s.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}

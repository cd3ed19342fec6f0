using System.Text.RegularExpressions;
using ContractKit.Import.Pages;

namespace ContractKit.Import.Derivation;

/// <summary>Which environment a base URL the page names serves.</summary>
internal enum ServerEnvironment
{
    Unknown,
    Sandbox,
    Production,
}

/// <summary>An http(s) URL the page writes, with the environment its host or its label says, and its line.</summary>
internal sealed record ServerMention(string Url, ServerEnvironment Environment, int Line);

/// <summary>
/// Recognises the base URLs a page names for its environments: "Sandbox: https://sandbox.vendor.com/pg",
/// a table of environments, a host that says what it is (sandbox., test., uat., -stage). Vendors document a
/// production and a test host in many layouts; the words are general, never a vendor's host names.
/// </summary>
internal static partial class ServerUrls
{
    /// <summary>Host labels that mark a test environment (<c>sandbox.</c>, <c>api-uat.</c>, <c>securegw-stage.</c>).</summary>
    private static readonly HashSet<string> SandboxHostWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "sandbox", "test", "testing", "uat", "staging", "stage", "stg", "preprod", "demo", "dev", "qa", "gamma", "beta", "sbox",
    };

    // A label right before a URL, or alone on the line above it: "Sandbox:", "Test environment -", "UAT URL",
    // "| Sandbox |". Only a label: "log in to the dashboard in test mode at https://..." names no environment.
    [GeneratedRegex(@"\b(?<sandbox>sandbox|test(?:ing)?|uat|staging|pre-?production|demo)(?:\s+(?:environment|env|server|url|host|base\s+url|endpoint|mode|api))?\s*(?:url|host)?\s*[:=\-–—|]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SandboxLabel();

    [GeneratedRegex(@"\b(?:production|prod|live)(?:\s+(?:environment|env|server|url|host|base\s+url|endpoint|mode|api))?\s*(?:url|host)?\s*[:=\-–—|]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ProductionLabel();

    [GeneratedRegex(@"https?://[A-Za-z0-9.\-]+(?::\d+)?(?:/[A-Za-z0-9._~%!$&'()*+,;=:@{}\-/]*)?")]
    private static partial Regex Url();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>Whether a host's labels say it is a test environment.</summary>
    public static bool IsSandboxHost(string host) =>
        host.Split('.', '-').Any(SandboxHostWords.Contains);

    /// <summary>Whether a label ("Sandbox", "Test environment", "UAT") names a test environment.</summary>
    public static bool SaysSandbox(string? text) => text is not null && Label(text) == ServerEnvironment.Sandbox;

    /// <summary>
    /// Every http(s) URL on the page with the environment it is given: by its host, else by the words just before
    /// it on its line (markup removed), else by a label on the line above.
    /// </summary>
    public static List<ServerMention> Find(IReadOnlyList<PageLine> lines)
    {
        var mentions = new List<ServerMention>();
        for (var i = 0; i < lines.Count; i++)
        {
            var raw = lines[i].Text;
            if (raw.IndexOf("://", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            var text = Tag().Replace(raw, " ");
            foreach (Match match in Url().Matches(text))
            {
                var url = match.Value.TrimEnd('.', ',', ';', ':', ')', '\'');
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
                {
                    continue;
                }

                var environment = IsSandboxHost(uri.Host) ? ServerEnvironment.Sandbox : Label(text[..match.Index]);
                if (environment == ServerEnvironment.Unknown && i > 0 && text[..match.Index].Trim().Length == 0
                    && Tag().Replace(lines[i - 1].Text, " ").Trim() is { Length: > 0 and <= 40 } above)
                {
                    environment = Label(above);
                }

                mentions.Add(new ServerMention(url, environment, lines[i].Number));
            }
        }

        return mentions;
    }

    /// <summary>The environment a label just before a URL names (its last words: "Production: ... Sandbox: url" is the sandbox).</summary>
    private static ServerEnvironment Label(string before)
    {
        var near = before.TrimEnd();
        near = near.Length > 40 ? near[^40..] : near;
        return SandboxLabel().IsMatch(near) ? ServerEnvironment.Sandbox
            : ProductionLabel().IsMatch(near) ? ServerEnvironment.Production
            : ServerEnvironment.Unknown;
    }

    /// <summary>
    /// The production and sandbox base URLs for an operation whose base URL (from its endpoint or sample) is
    /// <paramref name="baseUrl"/> and whose path template is <paramref name="template"/>. Another environment's
    /// URL counts only when it serves the same API: the same path prefix before the template, on another host.
    /// </summary>
    public static (string? BaseUrl, ServerMention? Sandbox, ServerMention? Production) Choose(string? baseUrl, string template, IReadOnlyList<ServerMention> mentions)
    {
        if (baseUrl is null || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var own))
        {
            return (baseUrl, null, null);
        }

        var prefix = own.AbsolutePath.TrimEnd('/');
        var fullPath = prefix + template;
        // The other host serves the same paths: its URL's path is this base URL's prefix, or a start of the full
        // path ("https://sandbox.acme.example/v2" beside "GET https://api.acme.example/v2/widgets/{id}").
        ServerMention? Candidate(ServerEnvironment environment) => mentions
            .Where(m => m.Environment == environment)
            .Select(m => (Mention: m, Base: BaseOf(m.Url, template)))
            .Where(c => Uri.TryCreate(c.Base, UriKind.Absolute, out var other)
                        && !string.Equals(other.Host, own.Host, StringComparison.OrdinalIgnoreCase)
                        && (other.AbsolutePath.TrimEnd('/') == prefix || fullPath.StartsWith(other.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .Select(c => c.Mention with { Url = new Uri(c.Base).GetLeftPart(UriPartial.Authority) + prefix })
            .FirstOrDefault();

        if (IsSandboxHost(own.Host) || mentions.Any(m => m.Environment == ServerEnvironment.Sandbox && SameOrigin(BaseOf(m.Url, template), baseUrl)))
        {
            // The page's own endpoint is the sandbox: the production host, if named, is the base URL.
            var production = Candidate(ServerEnvironment.Production);
            var sandbox = new ServerMention(baseUrl, ServerEnvironment.Sandbox, 0);
            return (production?.Url ?? baseUrl, sandbox, production);
        }

        return (baseUrl, Candidate(ServerEnvironment.Sandbox), null);
    }

    /// <summary>A URL without the operation's path at its end, and without a trailing slash.</summary>
    private static string BaseOf(string url, string template)
    {
        var uri = new Uri(url);
        var path = uri.AbsolutePath.TrimEnd('/');
        var templateSegments = template.Trim('/').Split('/');
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        // "/pg/orders/{order_id}/refunds" or "/pg/orders/ord_1/refunds": the template's segments end the path.
        for (var start = 0; start < segments.Length; start++)
        {
            if (segments.Length - start == templateSegments.Length
                && templateSegments.Select((t, k) => t.StartsWith('{') || string.Equals(t, segments[start + k], StringComparison.Ordinal)).All(x => x))
            {
                path = start == 0 ? "" : "/" + string.Join('/', segments.Take(start));
                break;
            }
        }

        return uri.GetLeftPart(UriPartial.Authority) + path;
    }

    private static bool SameOrigin(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y)
        && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase) && x.AbsolutePath.TrimEnd('/') == y.AbsolutePath.TrimEnd('/');
}

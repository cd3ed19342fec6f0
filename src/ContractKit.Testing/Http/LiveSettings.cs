using ContractKit.Contracts;

namespace ContractKit.Http;

/// <summary>
/// Where live contract tests send requests, and with which credentials, read from the environment:
/// CONTRACTKIT_&lt;VENDOR&gt;_BASE_URL; for basic auth CONTRACTKIT_&lt;VENDOR&gt;_KEY_ID and _KEY_SECRET; for
/// vendor credential headers one variable per header without its vendor prefix (X-Ipay-Client-Secret:
/// CONTRACTKIT_INSTANTPAY_CLIENT_SECRET); CONTRACTKIT_LIVE_ALLOW_WRITES=true to send requests that change
/// vendor state. Every missing setting is named in one message.
/// </summary>
public sealed record LiveSettings(Uri BaseUrl, BasicCredentials? Basic, IReadOnlyDictionary<string, string> Headers, bool AllowWrites)
{
    public const string ModeVariable = "CONTRACTKIT_MODE";
    public const string AllowWritesVariable = "CONTRACTKIT_LIVE_ALLOW_WRITES";

    /// <summary>Whether a request with this method changes vendor state, and so needs the write opt-in live.</summary>
    public static bool ChangesState(string method) => method is not ("GET" or "HEAD" or "OPTIONS");

    public static bool IsLive(Func<string, string?> environment) =>
        string.Equals(environment(ModeVariable), "live", StringComparison.OrdinalIgnoreCase);

    public static string Prefix(string vendor) => "CONTRACTKIT_" + vendor.ToUpperInvariant().Replace('-', '_') + "_";

    /// <exception cref="ContractTestException">Settings are missing; the message names every variable.</exception>
    public static LiveSettings From(Contract contract, Func<string, string?> environment)
    {
        var prefix = Prefix(contract.Vendor);
        var missing = new List<string>();
        string? Read(string name)
        {
            var value = environment(prefix + name);
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add(prefix + name);
            }

            return value;
        }

        var baseUrl = Read("BASE_URL");
        BasicCredentials? basic = null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (contract.Http.Auth.Scheme)
        {
            case AuthSchemes.Basic:
                var id = Read("KEY_ID");
                var secret = Read("KEY_SECRET");
                basic = new BasicCredentials(id ?? "", secret ?? "");
                break;
            case AuthSchemes.Headers:
                foreach (var header in contract.Http.Auth.Headers)
                {
                    var variable = VariableFor(header);
                    var secretHeader = contract.Http.Parameters.Any(p => p.Name.Equals(header, StringComparison.OrdinalIgnoreCase) && p.Secret);
                    var documented = contract.Examples.Request?.Headers.FirstOrDefault(h => h.Key.Equals(header, StringComparison.OrdinalIgnoreCase)).Value;
                    // A credential must come from the environment; a plain setting may default to the documented value.
                    var value = secretHeader || documented is null ? Read(variable) : environment(prefix + variable) ?? documented;
                    if (value is not null)
                    {
                        headers[header] = value;
                    }
                }

                break;
        }

        if (missing.Count > 0 || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            throw new ContractTestException(missing.Count > 0
                ? $"live mode for {contract.Vendor} needs {string.Join(", ", missing)}"
                : $"{prefix}BASE_URL is not an absolute URL");
        }

        var allowWrites = string.Equals(environment(AllowWritesVariable), "true", StringComparison.OrdinalIgnoreCase);
        return new LiveSettings(uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"), basic, headers, allowWrites);
    }

    /// <summary>"X-Ipay-Client-Secret" is CLIENT_SECRET: the header without its X-Vendor- prefix.</summary>
    public static string VariableFor(string header)
    {
        var parts = header.Split('-');
        var name = parts.Length >= 3 && parts[0].Equals("X", StringComparison.OrdinalIgnoreCase) ? parts[2..] : parts;
        return string.Join('_', name).ToUpperInvariant();
    }
}

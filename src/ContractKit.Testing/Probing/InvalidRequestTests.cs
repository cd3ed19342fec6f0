using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Http;

namespace ContractKit.Probing;

/// <summary>
/// What the generated negative tests call (MSBuild <c>ContractKitEmitNegativeTests</c>, docs/negative-testing.md):
/// a theory per contract whose rows are the documented rules a request can break (<see cref="Rules"/>), each row
/// sending the complete valid request with only that rule broken (<see cref="RefusedAsync"/>). Against the stub the
/// request must get the documented error status and body, and the stub must name the rule in
/// <c>X-ContractKit-Stub-Rules</c>; live (<c>CONTRACTKIT_MODE=live</c>, the contract tests' live settings and write
/// opt-in) the vendor must refuse it with a 4xx, and an acceptance fails naming the rule and the request.
/// </summary>
public static class InvalidRequestTests
{
    /// <summary>The one row of a contract that documents nothing a request could break: skipped.</summary>
    public const string NoRuleRow = "(no documented rule)";

    /// <summary>The one row of a contract no request can be made from (an unresolvable $ref): fails with the reason.</summary>
    public const string NoRequestRow = "(no request could be made)";

    /// <summary>Requests per second live, as <c>contractkit probe --mode live</c> sends them by default.</summary>
    public const double LiveRate = 2;

    private static readonly ConditionalWeakTable<ContractTestTarget, State> States = new();

    /// <summary>
    /// The rows: each invalid request's name, what it is about and the keyword (<c>body /order_note maxLength</c>,
    /// <c>header x-api-version required</c>, <c>credentials auth</c>). Against the stub, the rules the stub can judge;
    /// live, also wrong credentials and path parameters of another shape than the documented examples.
    /// Made from the contract alone: no setting is read but the mode, nothing is sent.
    /// </summary>
    public static IReadOnlyList<string> Rules(ContractTestTarget target)
    {
        var contract = target.Contract;
        try
        {
            var rows = Cases(contract, LiveSettings.IsLive(target.Settings), ProbeCredentials.MadeUp(contract), pathValues: null).Select(c => c.Row).ToList();
            return rows.Count == 0 ? [NoRuleRow] : rows;
        }
        catch (InvalidOperationException)
        {
            return [NoRequestRow];
        }
    }

    /// <summary>Sends the invalid request of the row and checks that it is refused as documented.</summary>
    /// <exception cref="ContractTestException">It was not: the message names the rule, the request (credentials masked) and the answer.</exception>
    public static async Task RefusedAsync(ContractTestTarget target, string rule)
    {
        var contract = target.Contract;
        var name = $"{contract.Vendor}/{contract.Operation} invalid request \"{rule}\"";
        var state = States.GetValue(target, _ => new State());
        var environment = target.Settings;
        var live = LiveSettings.IsLive(environment);
        if (rule == NoRuleRow)
        {
            throw new ContractTestException($"{ContractTestTarget.DynamicSkipPrefix}{contract.Vendor}/{contract.Operation} documents no rule a request could break (no body, credentials, query or header parameter, or constrained path parameter)");
        }

        LiveSettings? settings = null;
        ProbeCredentials credentials;
        IReadOnlyDictionary<string, string>? pathValues = null;
        if (live)
        {
            settings = LiveSettings.From(contract, environment);
            var values = ScenarioValues.ForContract(target.ContractPath);
            if (LiveSettings.ChangesState(contract.Http.Method) && !settings.AllowWrites && !values.AllowWrites)
            {
                var failSkipped = IsSet(environment(ContractTestTarget.FailSkippedVariable));
                throw new ContractTestException($"{(failSkipped ? "" : ContractTestTarget.DynamicSkipPrefix)}{name}: live mode does not send {contract.Http.Method}, which changes vendor state, without {LiveSettings.AllowWritesVariable}=true or \"allowWrites\": true in {Path.GetFileName(ScenarioValues.PathFor(target.ContractPath))}"
                                                + (failSkipped ? $"; nothing was checked, and {ContractTestTarget.FailSkippedVariable}=true fails such a test instead of skipping it" : ""));
            }

            credentials = ProbeCredentials.Live(contract, settings);
            pathValues = values.PathParameters;
        }
        else
        {
            credentials = ProbeCredentials.MadeUp(contract);
        }

        IReadOnlyList<(string Row, ProbeCase Case)> cases;
        ProbeCase complete;
        try
        {
            cases = Cases(contract, live, credentials, pathValues);
            complete = Complete(contract, credentials, pathValues);
        }
        catch (InvalidOperationException e)
        {
            throw new ContractTestException($"{contract.Vendor}/{contract.Operation}: no request can be made from {target.ContractPath}: {e.Message}");
        }

        var found = cases.FirstOrDefault(c => c.Row == rule).Case;
        if (found is null)
        {
            throw new ContractTestException($"{name}: the contract gives no such invalid request{(live ? " live" : " against the stub")}; it gives: {string.Join(", ", cases.Select(c => c.Row))}");
        }

        var transport = await state.TransportAsync(target, settings).ConfigureAwait(false);

        // A refusal shows the rule only if the same request without the broken rule is accepted: sent once per class.
        var basis = await state.Basis(() => transport.SendAsync(complete.Request, default)).ConfigureAwait(false);
        if (!basis.Accepted)
        {
            throw new ContractTestException(MaskCredentials(
                $"{name}: the complete valid request, of which this one breaks a single rule, was refused ({basis.Status}), so a refusal would show nothing"
                + (live ? " (contractkit probe --mode live reports it as a rejected-allowed finding)" : "") + "\n"
                + Show(contract, complete.Request, basis, credentials, settings), settings));
        }

        var response = await transport.SendAsync(found.Request, default).ConfigureAwait(false);
        if (Judge(contract, found, response, live) is { } problem)
        {
            throw new ContractTestException(MaskCredentials($"{name}: {problem}\nthe rule: {found.Rule} ({target.ContractPath})\n" + Show(contract, found.Request, response, credentials, settings), settings));
        }
    }

    /// <summary>The invalid requests, named by their rows (unique within the contract).</summary>
    internal static IReadOnlyList<(string Row, ProbeCase Case)> Cases(Contract contract, bool live, ProbeCredentials credentials, IReadOnlyDictionary<string, string>? pathValues)
    {
        var cases = new RequestCases(contract, credentials, pathValues);
        var rows = new List<(string, ProbeCase)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var @case in cases.Invalid(PolicyChoices.Complete()))
        {
            // The stub has no records and knows no real credentials: it cannot judge a wrong secret or an unknown id.
            if (!live && (@case.Rule!.KnownCredentialsOnly || @case.Rule.Inferred))
            {
                continue;
            }

            // "body /active required"; the whole body's pointer is empty: "body type".
            var row = string.Join(' ', (@case.Rule!.Target + " " + @case.Rule.Keyword).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var count = seen[row] = seen.GetValueOrDefault(row) + 1;
            rows.Add((count == 1 ? row : row + " #" + count.ToString(System.Globalization.CultureInfo.InvariantCulture), @case));
        }

        return rows;
    }

    private static ProbeCase Complete(Contract contract, ProbeCredentials credentials, IReadOnlyDictionary<string, string>? pathValues) =>
        new RequestCases(contract, credentials, pathValues).Valid(PolicyChoices.Complete(), GenerationLimits.Random, "complete valid request");

    /// <summary>
    /// What is wrong with the answer to an invalid request; null when it was refused as it should be. Against the
    /// stub: the documented error status, the documented error body (or an <c>errors</c> list where the page shows
    /// none), and the rule named in <c>X-ContractKit-Stub-Rules</c>. Live: any 4xx.
    /// </summary>
    internal static string? Judge(Contract contract, ProbeCase invalid, ProbeResponse response, bool live)
    {
        var rule = invalid.Rule!;
        if (live)
        {
            return response.Accepted ? $"the vendor accepted ({response.Status}) a request its docs forbid: {rule.Description}"
                : response.Status is >= 400 and < 500 ? null
                : $"the vendor answered {response.Status}, not a 4xx refusal";
        }

        var error = contract.Responses.FirstOrDefault(r => r.Status[0] == '4');
        var status = error is null ? 400 : int.Parse(error.Status.Replace("xx", "00", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        if (response.Status != status)
        {
            return response.Accepted
                ? $"the stub accepted ({response.Status}) a request the docs forbid: {rule.Description}"
                : $"the stub answered {response.Status}, not the documented error status {status}";
        }

        var documented = error is null ? null : contract.Examples.Responses.FirstOrDefault(e => e.Status == error.Status)?.Body;
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(response.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        if (documented is not null ? !JsonNode.DeepEquals(documented, body) : body?["errors"] is not JsonArray { Count: > 0 })
        {
            return documented is not null
                ? $"the stub's error body is not the documented {error!.Status} example"
                : "the stub's error body lists no errors";
        }

        var named = response.Headers is { } headers && headers.TryGetValue("x-contractkit-stub-rules", out var value)
            ? value.Split(", ", StringSplitOptions.RemoveEmptyEntries)
            : [];
        var expected = StubNames(contract, rule);
        return expected.All(named.Contains) ? null
            : $"the stub did not name the rule broken: expected {string.Join(", ", expected)} in X-ContractKit-Stub-Rules, got \"{string.Join(", ", named)}\"";
    }

    /// <summary>How the stub names the rule a case breaks: the location, then the keyword (<c>body:/order_note maxLength</c>).</summary>
    internal static IReadOnlyList<string> StubNames(Contract contract, ProbeRule rule)
    {
        if (rule.Keyword == "auth")
        {
            // Without credentials, every credential header is missing: each is its own required header.
            return contract.Http.Auth.Scheme == AuthSchemes.Headers
                ? contract.Http.Auth.Headers.Select(h => "header:" + h + " required").ToList()
                : ["header:Authorization auth"];
        }

        var (kind, name) = rule.Target.Split(' ', 2) is [var k, var n] ? (k, n) : (rule.Target, "");
        return [kind == "body" ? "body:" + rule.InstanceLocation + " " + rule.Keyword : kind + ":" + name + " " + rule.Keyword];
    }

    /// <summary>The request and the answer, every credential and secret response field masked.</summary>
    private static string Show(Contract contract, ProbeRequest request, ProbeResponse response, ProbeCredentials credentials, LiveSettings? settings)
    {
        var text = new StringBuilder();
        text.Append("the request (credentials masked):\n").Append(request.Describe(credentials));
        text.Append("the response ").Append(response.Status).Append(" (credentials and secret fields masked):\n");
        text.Append(credentials.ScrubText(ResponseRedaction.Show(Encoding.UTF8.GetBytes(response.Body), contract, settings))).Append('\n');
        return text.ToString();
    }

    private static string MaskCredentials(string message, LiveSettings? settings) => ResponseRedaction.MaskCredentials(message, settings);

    private static bool IsSet(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    /// <summary>Per generated class: where requests go, and the answer to the complete valid request.</summary>
    private sealed class State
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private readonly object sync = new();
        private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(30) };
        private IProbeTransport? transport;
        private Task<ProbeResponse>? basis;

        public async Task<IProbeTransport> TransportAsync(ContractTestTarget target, LiveSettings? settings)
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                return transport ??= settings is null
                    ? new HttpProbeTransport(client, await target.StubAddressAsync().ConfigureAwait(false), 0)
                    : new HttpProbeTransport(client, settings.BaseUrl, LiveRate);
            }
            finally
            {
                gate.Release();
            }
        }

        public Task<ProbeResponse> Basis(Func<Task<ProbeResponse>> send)
        {
            lock (sync)
            {
                // A failed send (the vendor did not answer) is tried again by the next row.
                if (basis is null || basis.IsFaulted || basis.IsCanceled)
                {
                    basis = send();
                }

                return basis;
            }
        }
    }
}

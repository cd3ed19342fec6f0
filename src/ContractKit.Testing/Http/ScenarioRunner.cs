using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Snapshots;
using ContractKit.Validation;

namespace ContractKit.Http;

/// <summary>One documented exchange of a contract: the request to send and the response it must get.</summary>
/// <param name="Name">"success", or "error 4xx" for a documented error.</param>
public sealed record Scenario(Contract Contract, string Name, string ExpectedStatus);

/// <param name="Skipped">Not sent (a live request that would change vendor state, without the opt-in).</param>
/// <param name="Body">The response body, for reports.</param>
/// <param name="Warnings">Fields the response had that the contract does not document, and quirks accepted.</param>
/// <param name="Shape">What the body showed of the documented shape, where it was read against the contract.</param>
/// <param name="SnapshotDiff">The unified diff from the verified snapshot, where the shape differs from it.</param>
/// <param name="Drift">Every difference, classified (<see cref="DriftTriage"/>); whether it fails depends on <see cref="FailOn"/>.</param>
public sealed record ScenarioResult(Scenario Scenario, bool Passed, int? Status, IReadOnlyList<ValidationError> Errors, string? Problem, bool Skipped = false,
    byte[]? Body = null, IReadOnlyList<ValidationError>? Warnings = null, ShapeObservation? Shape = null, IReadOnlyList<DriftItem>? Drift = null,
    string? SnapshotDiff = null)
{
    public string Vendor => Scenario.Contract.Vendor;

    public string Operation => Scenario.Contract.Operation;

    public IReadOnlyList<DriftItem> DriftItems => Drift ?? [];

    /// <summary>This result with its drift classified (a snapshot comparison included) and passed or failed by <paramref name="failOn"/>.</summary>
    public ScenarioResult Triage(SnapshotResult? snapshot, FailOn failOn)
    {
        if (Skipped)
        {
            return this;
        }

        var drift = DriftTriage.Classify(Shape, Problem, snapshot);
        return this with { Drift = drift, Passed = !drift.Any(d => DriftTriage.Fails(d.Class, failOn)), SnapshotDiff = snapshot?.Diff };
    }
}

/// <summary>
/// Runs a contract's documented scenarios against a server (the stub, or the vendor): it sends the
/// documented request (for an error scenario, the same request with a body the contract does not allow),
/// checks the status, and validates the body with the documented schema.
/// </summary>
public sealed class ScenarioRunner(HttpClient client)
{
    // A check's own cost must stay small next to the round trip: schemas are compiled and requests laid
    // out once per scenario, not per run.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonObject, SchemaInterpreter> interpreters = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Scenario, Prepared> prepared = new();

    private sealed record Prepared(ScenarioValues Values, string Path, string? Body, AuthenticationHeaderValue? Authorization);

    public static IEnumerable<Scenario> ScenariosOf(Contract contract)
    {
        if (contract.Examples.Request is null)
        {
            yield break;
        }

        var success = contract.Responses.FirstOrDefault(r => r.Status.StartsWith('2'));
        if (success is not null)
        {
            yield return new Scenario(contract, "success", success.Status);
        }

        foreach (var error in contract.Responses.Where(r => r.Status[0] == '4'))
        {
            if (contract.Request is not null)
            {
                yield return new Scenario(contract, "error " + error.Status, error.Status);
            }
        }
    }

    /// <param name="baseAddress">Where the vendor's API is: the stub's address for the vendor, or the live base URL.</param>
    public async Task<ScenarioResult> RunAsync(Scenario scenario, Uri baseAddress, CancellationToken cancellationToken = default, LiveSettings? live = null, ScenarioValues? values = null)
    {
        if (live is not null && !live.AllowWrites && values?.AllowWrites != true && LiveSettings.ChangesState(scenario.Contract.Http.Method))
        {
            return new ScenarioResult(scenario, true, null, [], $"not sent: {scenario.Contract.Http.Method} changes vendor state; set {LiveSettings.AllowWritesVariable}=true", Skipped: true);
        }

        var (status, bytes, problem) = await SendAsync(scenario, baseAddress, cancellationToken, live, values).ConfigureAwait(false);
        if (problem is not null)
        {
            return new ScenarioResult(scenario, false, status, [], problem, Body: bytes);
        }

        var documented = scenario.Contract.Responses.First(r => r.Status == scenario.ExpectedStatus);
        var result = interpreters.GetValue(documented.Schema, SchemaInterpreter.Create).Validate(bytes);
        return new ScenarioResult(scenario, result.IsValid, status, result.Errors, null, Body: bytes, Warnings: result.Warnings,
            Shape: Observe(scenario, bytes, result));
    }

    /// <summary>The documented shape of the scenario's response as this body shows it, read with the validator's result.</summary>
    public static ShapeObservation Observe(Scenario scenario, byte[] body, ValidationResult result)
    {
        var documented = scenario.Contract.Responses.First(r => r.Status == scenario.ExpectedStatus);
        JsonNode? node = null;
        var readable = result.Errors.All(e => e.Keyword != "json");
        if (readable)
        {
            try
            {
                // A body that repeats a member name still has a shape: the validator reported each repeat at its
                // pointer, and the tree keeps the last value (what most JSON readers use), so the repeat is shown
                // on its field rather than on the whole body.
                using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = JsonValidation.MaxDepth });
                node = LastValueWins(document.RootElement);
            }
            catch (JsonException e)
            {
                readable = false;
                result = new ValidationResult([.. result.Errors, new ValidationError("", "", "json", "the body cannot be read as one JSON document: " + e.Message, null)], result.Warnings);
            }
        }

        return ContractShape.Observe(documented.Schema, scenario.ExpectedStatus, node, readable, result);
    }

    private static JsonNode? LastValueWins(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new JsonObject(), (obj, member) =>
        {
            obj[member.Name] = LastValueWins(member.Value);
            return obj;
        }),
        JsonValueKind.Array => new JsonArray([.. element.EnumerateArray().Select(LastValueWins)]),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element.Clone()),
    };

    /// <summary>Sends the scenario's request; returns the status and body, or the problem when the status is not the documented one.</summary>
    /// <param name="live">Credentials for a live vendor; null sends the documented example's own.</param>
    /// <param name="values">Values from the scenario file beside the contract (sandbox ids); the documented example otherwise.</param>
    public async Task<(int? Status, byte[] Body, string? Problem)> SendAsync(Scenario scenario, Uri baseAddress, CancellationToken cancellationToken = default, LiveSettings? live = null, ScenarioValues? values = null)
    {
        var contract = scenario.Contract;
        var example = contract.Examples.Request!;
        values ??= ScenarioValues.None;
        var layout = prepared.TryGetValue(scenario, out var cached) && ReferenceEquals(cached.Values, values) && live is null
            ? cached
            : Prepare(scenario, example, values, live);
        if (live is null)
        {
            prepared.AddOrUpdate(scenario, layout);
        }

        HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(new HttpMethod(example.Method), new Uri(baseAddress, layout.Path));
            foreach (var (name, value) in example.Headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                request.Headers.TryAddWithoutValidation(name, live?.Headers.TryGetValue(name, out var configured) == true ? configured : value);
            }

            request.Headers.Authorization = layout.Authorization;
            if (layout.Body is not null)
            {
                request.Content = new StringContent(layout.Body, Encoding.UTF8, contract.Request?.ContentType ?? "application/json");
            }

            return request;
        }

        // A live vendor may be busy: 429 and 5xx are tried again, a bounded number of times, with backoff.
        var attempts = live is null ? 1 : 3;
        HttpResponseMessage? response = null;
        for (var attempt = 1; ; attempt++)
        {
            using var request = Build();
            try
            {
                response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                return (null, [], "the request failed: " + e.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, [], $"no response within {client.Timeout.TotalSeconds:0} s");
            }

            var code = (int)response.StatusCode;
            if (attempt >= attempts || (code != 429 && code < 500))
            {
                break;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << (attempt - 1))), cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return StatusMatches(scenario.Contract, scenario.ExpectedStatus, status)
                ? (status, bytes, null)
                : (status, bytes, $"expected status {scenario.ExpectedStatus}, got {status}" + (IsAuthenticationFailure(scenario.Contract, status)
                    ? " (an authentication failure, not the documented error: check the credentials)"
                    : ""));
        }
    }

    private static Prepared Prepare(Scenario scenario, RequestExample example, ScenarioValues values, LiveSettings? live)
    {
        var authorization = (live?.Basic ?? example.BasicAuth) is { } basic
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic.Username + ":" + basic.Password)))
            : null;
        // An error scenario sends a body the request schema cannot accept: an array where an object is documented.
        var body = scenario.Name == "success" ? values.MergeBody(example.Body)?.ToJsonString() : "[]";
        return new Prepared(values, values.RelativePath(scenario.Contract, example), body, authorization);
    }

    /// <summary>
    /// Whether the vendor's status is the documented one. A class ("4xx") takes any status of the class but
    /// 401 and 403: wrong or missing credentials answer those to every request, so they would pass the error
    /// scenario without the vendor ever reading the request; they count only where the contract documents them.
    /// </summary>
    internal static bool StatusMatches(Contract contract, string documented, int actual) =>
        documented.EndsWith("xx", StringComparison.Ordinal)
            ? actual / 100 == documented[0] - '0' && !IsAuthenticationFailure(contract, actual)
            : documented == actual.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsAuthenticationFailure(Contract contract, int status) =>
        status is 401 or 403 && !contract.Responses.Any(r => r.Status == status.ToString(System.Globalization.CultureInfo.InvariantCulture));

}

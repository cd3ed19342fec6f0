using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContractKit.Testing;

/// <summary>Ways a simulated vendor departs from its documentation, each on one field.</summary>
public enum DriftKind
{
    /// <summary>The field is left out (a removed field, or a required field the vendor sometimes omits).</summary>
    FieldRemoved,

    /// <summary>A value of another JSON type (a string where an integer is documented, a number for a string).</summary>
    TypeChanged,

    /// <summary>null where the contract does not allow it.</summary>
    NullNotAllowed,

    /// <summary>A value that breaks a documented constraint: too long, not an email, too many keys.</summary>
    ConstraintBroken,

    /// <summary>A value the contract's enum does not list.</summary>
    UnlistedEnumValue,

    /// <summary>A field the contract does not document, next to the named one (the name is the new field's).</summary>
    UndocumentedFieldAdded,

    /// <summary>Quirk: <c>[]</c> where an object or map is documented.</summary>
    EmptyArrayForObject,

    /// <summary>Quirk: a documented number sent as a string holding it.</summary>
    NumberAsString,
}

/// <param name="Field">Dotted path as <c>describe</c> prints it; <c>[]</c> and <c>*</c> reach every item and map value.</param>
public sealed record SimulatedDrift(DriftKind Kind, string Field);

/// <summary>
/// A loopback vendor that answers the way a real sandbox does, for any contract: it checks the contract's
/// credentials (basic or vendor headers, with canary values), knows its own records (4xx for another id),
/// validates request bodies, and answers every request with fresh data of its own generated from the
/// documented response schema (values, map keys, array lengths and nulls change on every call). It can drift
/// from the documentation on a named field, show a known quirk, or be busy (503).
/// </summary>
public sealed class SandboxSimulator : IAsyncDisposable
{
    public const string KeyId = "rzp_test_CANARYKEYID0001";
    public const string KeySecret = "CANARY-SECRET-must-never-appear";

    /// <summary>A record that exists only in this sandbox: the docs cannot know its id.</summary>
    public const string SandboxRecord = "cont_SANDBOX0000042";

    private readonly WebApplication app;
    private readonly IReadOnlyList<Contract> contracts;
    private readonly object gate = new();
    private readonly Random random;
    private int requests;

    private SandboxSimulator(WebApplication app, Uri baseAddress, IReadOnlyList<Contract> contracts, int seed)
    {
        this.app = app;
        this.contracts = contracts;
        BaseAddress = baseAddress;
        Seed = seed;
        random = new Random(seed);
    }

    public Uri BaseAddress { get; }

    /// <summary>The seed of this run's data; a failing test prints it so that the data can be had again.</summary>
    public int Seed { get; }

    /// <summary>Drift applied to every success response until changed.</summary>
    public List<SimulatedDrift> Drifts { get; } = [];

    /// <summary>A last change to every success body (an object), for habits no <see cref="DriftKind"/> names.</summary>
    public Action<JsonObject> Reshape { get; set; } = _ => { };

    /// <summary>How many of the next requests answer 503, as a busy vendor does.</summary>
    public int Unavailable { get; set; }

    public int Requests => requests;

    /// <summary>The last success body sent, for tests that check what a message shows.</summary>
    public string? LastBody { get; private set; }

    /// <summary>Starts a sandbox for the contracts at these paths (repository-relative or absolute).</summary>
    public static async Task<SandboxSimulator> StartAsync(int? seed, params string[] contractFiles)
    {
        var contracts = contractFiles.Select(f => Path.IsPathRooted(f) ? f : Repo.PathOf(f.Split('/')))
            .Select(f => ContractReader.Read(File.ReadAllBytes(f), f)).ToList();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        SandboxSimulator? simulator = null;
        app.Run(context => simulator!.Handle(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator = new SandboxSimulator(app, new Uri(address + "/"), contracts, seed ?? Random.Shared.Next());
        return simulator;
    }

    public static Task<SandboxSimulator> StartRazorpayAsync(int? seed = null) => StartAsync(seed, "schemas/razorpay/activate-contact.contract.json");

    /// <summary>The live-mode settings that point contract tests at this sandbox with its credentials.</summary>
    public Dictionary<string, string> LiveEnvironment(bool allowWrites = true)
    {
        var environment = new Dictionary<string, string> { ["CONTRACTKIT_MODE"] = "live" };
        foreach (var contract in contracts)
        {
            var prefix = ContractKit.Http.LiveSettings.Prefix(contract.Vendor);
            environment[prefix + "BASE_URL"] = BaseAddress.ToString();
            if (contract.Http.Auth.Scheme == AuthSchemes.Basic)
            {
                environment[prefix + "KEY_ID"] = KeyId;
                environment[prefix + "KEY_SECRET"] = KeySecret;
            }

            foreach (var header in contract.Http.Auth.Headers)
            {
                environment[prefix + ContractKit.Http.LiveSettings.VariableFor(header)] = HeaderCredential(header);
            }
        }

        if (allowWrites)
        {
            environment["CONTRACTKIT_LIVE_ALLOW_WRITES"] = "true";
        }

        return environment;
    }

    /// <summary>The canary value this sandbox expects in a vendor credential header.</summary>
    public static string HeaderCredential(string header) => "CANARY-" + header.ToUpperInvariant() + "-must-never-appear";

    private async Task Handle(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        lock (gate)
        {
            if (Unavailable > 0)
            {
                Unavailable--;
                context.Response.StatusCode = 503;
                return;
            }
        }

        var path = (context.Request.Path.Value ?? "").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var matches = contracts.Where(c => Matches(c.Http.Path, path, out _)).ToList();
        var contract = matches.FirstOrDefault(c => c.Http.Method == context.Request.Method);
        if (contract is null)
        {
            await Reply(context, matches.Count > 0 ? 405 : 404, Error("NOT_FOUND", "The requested URL was not found on the server."));
            return;
        }

        if (!Authorised(contract, context.Request))
        {
            await Reply(context, 401, Error("BAD_REQUEST_ERROR", "The api key provided is invalid"));
            return;
        }

        Matches(contract.Http.Path, path, out var parameters);
        foreach (var (name, value) in parameters)
        {
            var documented = contract.Examples.Request is { } example && example.Url.Contains("/" + value, StringComparison.Ordinal);
            if (!documented && value != SandboxRecord)
            {
                await Reply(context, 400, Error("BAD_REQUEST_ERROR", $"{value} is not a valid {name}."));
                return;
            }
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        if (contract.Request is { } request && !SchemaInterpreter.Create(request.Schema).IsValid(buffer.ToArray()))
        {
            await Reply(context, 400, Error("BAD_REQUEST_ERROR", "The request body is invalid."));
            return;
        }

        var success = contract.Responses.First(r => r.Status.StartsWith('2'));
        JsonNode? body;
        lock (gate)
        {
            body = new SchemaInstances(random).Generate(success.Schema);
            foreach (var drift in Drifts)
            {
                Apply(drift, success.Schema, body);
            }

            if (body is JsonObject obj)
            {
                Reshape(obj);
            }
        }

        LastBody = body?.ToJsonString() ?? "null";
        await Reply(context, success.Status.EndsWith("xx", StringComparison.Ordinal) ? (success.Status[0] - '0') * 100 : int.Parse(success.Status, System.Globalization.CultureInfo.InvariantCulture), LastBody);
    }

    private static bool Matches(string template, string[] path, out Dictionary<string, string> parameters)
    {
        parameters = [];
        var segments = template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != path.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{') && segments[i].EndsWith('}'))
            {
                parameters[segments[i][1..^1]] = Uri.UnescapeDataString(path[i]);
            }
            else if (segments[i] != path[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Authorised(Contract contract, HttpRequest request) => contract.Http.Auth.Scheme switch
    {
        AuthSchemes.Basic => request.Headers.Authorization.ToString() == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(KeyId + ":" + KeySecret)),
        AuthSchemes.Headers => contract.Http.Auth.Headers.All(h =>
            request.Headers[h].ToString() == HeaderCredential(h)
            || !contract.Http.Parameters.Any(p => p.Name.Equals(h, StringComparison.OrdinalIgnoreCase) && p.Secret) && request.Headers[h].Count > 0),
        _ => true,
    };

    private static string Error(string code, string description) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["description"] = description } }.ToJsonString();

    /// <summary>Applies one drift to every place its field path reaches in the body.</summary>
    private void Apply(SimulatedDrift drift, JsonObject schema, JsonNode? body)
    {
        var parts = drift.Field.Split('.');
        foreach (var (parent, name, fieldSchema) in Reach(body, schema, schema, parts, 0))
        {
            var current = parent[name];
            switch (drift.Kind)
            {
                case DriftKind.FieldRemoved:
                    parent.Remove(name);
                    break;
                case DriftKind.TypeChanged:
                    parent[name] = current?.GetValueKind() == System.Text.Json.JsonValueKind.String ? JsonValue.Create(42) : JsonValue.Create("2023-11-14T22:13:20Z");
                    break;
                case DriftKind.NullNotAllowed:
                    parent[name] = null;
                    break;
                case DriftKind.UnlistedEnumValue:
                    parent[name] = "value_not_listed";
                    break;
                case DriftKind.UndocumentedFieldAdded:
                    // The field named is the new one; it goes beside the documented ones of its parent.
                    parent[name] = "undocumented " + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case DriftKind.EmptyArrayForObject:
                    parent[name] = new JsonArray();
                    break;
                case DriftKind.NumberAsString:
                    parent[name] = current?.ToJsonString() ?? "0";
                    break;
                case DriftKind.ConstraintBroken:
                    parent[name] = Broken(fieldSchema, current);
                    break;
            }
        }
    }

    /// <summary>A value that breaks the field's first documented constraint.</summary>
    private static JsonNode? Broken(JsonObject schema, JsonNode? current)
    {
        if (schema["maxLength"] is JsonValue maxLength)
        {
            return new string('x', maxLength.GetValue<int>() + 1);
        }

        if (schema["format"]?.GetValue<string>() == "email")
        {
            return "not an email address";
        }

        if (schema["maxProperties"] is JsonValue maxProperties && schema["additionalProperties"] is JsonObject values)
        {
            var map = new JsonObject();
            for (var i = 0; i <= maxProperties.GetValue<int>(); i++)
            {
                map["key_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new SchemaInstances(new Random(i)).Generate(values);
            }

            return map;
        }

        throw new InvalidOperationException($"the field has no constraint this simulator can break (value {current?.ToJsonString()})");
    }

    /// <summary>(parent object, member name, member schema) for every place a dotted path reaches; a missing last member is reached too.</summary>
    private static IEnumerable<(JsonObject Parent, string Name, JsonObject Schema)> Reach(JsonNode? node, JsonObject root, JsonObject schema, string[] parts, int index)
    {
        var part = parts[index];
        var items = part.EndsWith("[]", StringComparison.Ordinal);
        var name = items ? part[..^2] : part;
        if (node is not JsonObject obj)
        {
            yield break;
        }

        var names = name == "*" ? obj.Select(p => p.Key).ToList() : [name];
        var memberSchema = (name == "*" ? schema["additionalProperties"] : schema["properties"]?[name]) as JsonObject ?? new JsonObject();
        foreach (var member in names)
        {
            if (index == parts.Length - 1 && !items)
            {
                yield return (obj, member, memberSchema);
                continue;
            }

            var child = obj[member];
            var children = items ? (child as JsonArray)?.ToList() ?? [] : [child];
            var childSchema = items ? memberSchema["items"] as JsonObject ?? new JsonObject() : memberSchema;
            foreach (var next in children)
            {
                foreach (var reached in Reach(next, root, childSchema, parts, index + 1))
                {
                    yield return reached;
                }
            }
        }
    }

    private static Task Reply(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
